"""The smallest valid `data-platform:platform` object, shared by the config tests.

Each test adds the environment and the sections it is about.
"""

from __future__ import annotations

PLATFORM_BASE = {
    "account_id": "111122223333",
    "region": "eu-west-1",
    "name_prefix": "acme-dp",
    "owner": "team@acme.example",
    "cost_center": "CC-1",
    "deployers": ["arn:aws:iam::111122223333:role/deployer"],
}
