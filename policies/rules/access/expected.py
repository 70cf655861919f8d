"""Expected access: who the stack's policy config declares may come in from outside.

`stacks/policy.<stack>.json` is generated from the stack config (scripts/access/declaration.py,
run by `dataplat docs`) and passed to the pack by every workflow (`--policy-pack-config`), so
the pack, which cannot read stack files, knows the account and who is expected there:

    "expectedAccess": {
        "account": "210987654321",
        "principals": [{"principal": "<ARN or service principal glob>",
                        "resources": "<resource name glob>", "why": "..."}],
        "snowflakeRoles": ["ACME_DP_DEV_*", "SYSADMIN"]
    }

The AWS access rules read it to judge principals a policy *names* (another account, a service, a
web identity provider): named but not declared is a finding. Without a declaration only the
unnamed outsiders of `exposure.py` are judged (a foreign program without a config).
`dataplat access` reads it to mark what it lists as expected.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PROPERTY = "expectedAccess"
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "account": {"type": "string", "pattern": "^[0-9]{12}$"},
        "principals": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "principal": {"type": "string"},
                    "resources": {"type": "string"},
                    "why": {"type": "string"},
                },
                "required": ["principal", "resources", "why"],
            },
        },
        "snowflakeRoles": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["account", "principals", "snowflakeRoles"],
}


@dataclass(frozen=True)
class Entry:
    """One declared principal (a glob), on which resources (a glob of names), and why."""

    principal: str
    resources: str
    why: str

    def admits(self, principal: str, names: tuple[str, ...]) -> bool:
        """True when `principal` on a resource called any of `names` is this entry."""
        return fnmatch.fnmatchcase(principal, self.principal) and any(
            fnmatch.fnmatchcase(n, self.resources) for n in names
        )


@dataclass(frozen=True)
class Expected:
    """The declaration: the stack's account, its expected principals and Snowflake roles."""

    account: str
    principals: tuple[Entry, ...]
    snowflake_roles: tuple[str, ...]

    def why(self, principal: str, names: tuple[str, ...]) -> str | None:
        """Why `principal` is expected on a resource called `names`; None when it is not."""
        return next((e.why for e in self.principals if e.admits(principal, names)), None)

    def role_expected(self, role: str) -> bool:
        """True when the Snowflake role `role` (unquoted, upper case) is declared."""
        return any(fnmatch.fnmatchcase(role, p) for p in self.snowflake_roles)


def expected(config: Mapping[str, Any]) -> Expected | None:
    """The declaration in a rule's config (None when the config has none)."""
    raw = config.get(PROPERTY)
    if not isinstance(raw, Mapping):
        return None
    entries = tuple(
        Entry(str(p["principal"]), str(p["resources"]), str(p["why"]))
        for p in raw.get("principals") or ()
        if isinstance(p, Mapping)
    )
    roles = tuple(str(r) for r in raw.get("snowflakeRoles") or ())
    return Expected(str(raw.get("account") or ""), entries, roles)
