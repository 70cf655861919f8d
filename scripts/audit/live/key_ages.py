"""The age of each Airflow connection's Snowflake key, read from Secrets Manager.

The program writes the newer key slot's private key into the connection secret
`<prefix>-<env>/airflow/connections/snowflake_<user>` in the same `pulumi up` that
rotates the slot, so the secret's last rotated date (else its last changed date,
`describe_secret`) is when its key was last replaced. Last changed also moves with
a tag or description change, so the age read is a lower bound of the key's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from scripts.audit.keys import key_age_flag
from scripts.audit.live.readers import InScope
from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS

CONNECTION_PATH = "/airflow/connections/snowflake_"


def connection_key_ages(
    sm: Any, in_scope: InScope, environment: str, today: dt.date
) -> dict[str, Any]:
    """The live key-age section: one row per in-scope Snowflake connection secret."""
    defaults = SNOWFLAKE_ENVIRONMENT_DEFAULTS.get(
        environment, SNOWFLAKE_ENVIRONMENT_DEFAULTS["prod"]
    )
    rows = []
    for page in sm.get_paginator("list_secrets").paginate():
        for listed in page["SecretList"]:
            name = listed["Name"]
            tags = {t["Key"]: t["Value"] for t in listed.get("Tags", [])}
            if CONNECTION_PATH not in name or not in_scope(name, tags):
                continue
            secret = sm.describe_secret(SecretId=listed["ARN"])
            changed = secret.get("LastRotatedDate") or secret.get("LastChangedDate")
            age = max(0, (today - changed.date()).days) if changed else None
            rows.append(
                {
                    "user": name,
                    "since": changed.date().isoformat() if changed else "(unknown)",
                    "ageDays": age,
                    "maximumDays": defaults.max_key_age_days,
                    "tooOld": age is not None and age > defaults.max_key_age_days,
                    "rotationDue": False,
                }
            )
    rows.sort(key=lambda r: r["user"])
    return {"keys": rows, "flags": [key_age_flag(r) for r in rows if r["tooOld"]]}
