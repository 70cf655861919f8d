"""Key usage: which KMS key protects which store, and which roles can decrypt it.

A key protects every resource whose inputs name it (by ARN, id, alias name or alias
ARN): an S3 bucket through its encryption configuration, a secret, a Glue security
configuration or catalog, an MWAA environment, a topic, a log group. Roles that can
decrypt it are those whose identity policies allow `kms:Decrypt` on it
(`scripts.audit.iam`); the key policy's own named principals are listed beside them.

Two mismatches are flagged, because each is either a broken pipeline or a grant
broader than the need:
- a role can read objects of a bucket but cannot decrypt the bucket's key (reads
  fail with AccessDenied, or the bucket is under another key than intended);
- a role can decrypt a key that protects only buckets, none of which it can read
  (the decrypt grant serves nothing; keys that also protect other stores are not
  flagged, as the grant may serve those).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from policies.rules.aws.iam_documents import actions, allows, parse, principals, statements
from policies.rules.core.view import NotEvaluated
from policies.rules.facts.tokens import (
    KMS_ALIAS,
    KMS_KEY,
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2,
    SNOWFLAKE_SERVICE_USER,
    TIME_ROTATING,
)
from scripts.audit.iam import ROLE, RoleGrants, role_grants
from scripts.audit.pii import prop
from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS, max_key_age_days

KEY = KMS_KEY
ALIAS = KMS_ALIAS
SSE = (
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2,
)
_NOT_STORES = ("aws:kms/", "aws:iam/", "pulumi:")

Resource = Mapping[str, Any]


def key_usage(stack: list[Resource]) -> dict[str, Any]:
    """The keys section: one row per key, and the flagged mismatches."""
    roles = role_grants(stack)
    keys = []
    for key in (r for r in stack if r["type"] == KEY):
        arn = str(prop(key, "arn") or "")
        ids = _identities(key, stack)
        stores = sorted(_stores(stack, ids), key=lambda s: (s["kind"], s["name"]))
        keys.append(
            {
                "key": key["name"],
                "arn": arn,
                "aliases": sorted(i for i in ids if i.startswith("alias/")),
                "rotation": prop(key, "enableKeyRotation") is True,
                "protects": stores,
                "decryptRoles": sorted(g.name for g in roles if g.allows("kms:Decrypt", arn)),
                "keyPolicyDecrypt": _key_policy_principals(key),
            }
        )
    return {"keys": keys, "flags": list(_flags(keys, roles)), "rolesNotFullyRead": _unread(roles)}


def _identities(key: Resource, stack: list[Resource]) -> set[str]:
    ids = {str(v) for v in (prop(key, "arn"), prop(key, "id"), prop(key, "keyId")) if v}
    for alias in stack:
        if alias["type"] == ALIAS and prop(alias, "targetKeyId") in ids:
            ids |= {str(v) for v in (prop(alias, "name"), prop(alias, "arn")) if v}
    return ids


def _stores(stack: list[Resource], ids: set[str]) -> Iterator[dict[str, str]]:
    for r in stack:
        if not r.get("custom", True) or r["type"].startswith(_NOT_STORES):
            continue
        paths = [p for p, v in _strings(r.get("inputs") or {}, "") if v in ids]
        if not paths:
            continue
        if r["type"] in SSE:
            yield {"kind": "S3 bucket", "name": str(prop(r, "bucket")), "via": paths[0]}
        else:
            kind = r["type"].rsplit(":", 1)[-1]
            name = str(prop(r, "name") or prop(r, "bucket") or r["name"])
            yield {"kind": kind, "name": name, "via": ", ".join(paths)}


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def _key_policy_principals(key: Resource) -> list[str]:
    try:
        doc = parse(prop(key, "policy"), f"{key['name']} policy")
    except (NotEvaluated, ValueError):
        return ["(key policy unknown until apply)"]
    return sorted(
        {
            p
            for s in statements(doc)
            if allows(s) and any(a.lower() in ("kms:*", "kms:decrypt", "*") for a in actions(s))
            for p in principals(s)
        }
    )


_READ_ACTIONS = ("s3:GetObject", "s3:GetObjectVersionForReplication")


def _flags(keys: list[dict[str, Any]], roles: list[RoleGrants]) -> Iterator[dict[str, str]]:
    for key in keys:
        buckets = [s["name"] for s in key["protects"] if s["kind"] == "S3 bucket"]
        only_buckets = bool(buckets) and len(buckets) == len(key["protects"])
        for role in roles:
            decrypts = role.name in key["decryptRoles"]
            # S3 replication reads object versions through its own action, not GetObject.
            reads = [b for b in buckets if any(role.allows_in_bucket(a, b) for a in _READ_ACTIONS)]
            for bucket in reads if not decrypts else []:
                yield {
                    "role": role.name,
                    "key": key["key"],
                    "problem": "reads without decrypt",
                    "detail": f"role {role.name} can read s3://{bucket} but cannot kms:Decrypt "
                    f"its key {key['key']}: reads fail, or the bucket is under an unintended key",
                }
            if decrypts and only_buckets and not reads:
                yield {
                    "role": role.name,
                    "key": key["key"],
                    "problem": "decrypt without read",
                    "detail": f"role {role.name} can kms:Decrypt {key['key']}, which protects only "
                    f"{', '.join(buckets)}, none of which it can read: remove the grant",
                }


def _unread(roles: list[RoleGrants]) -> list[dict[str, Any]]:
    return [{"role": g.name, "policies": g.unread_policies} for g in roles if g.unread_policies]


ROTATING = TIME_ROTATING
SERVICE_USER = SNOWFLAKE_SERVICE_USER


def key_ages(stack: list[Resource], environment: str, today: dt.date) -> dict[str, Any]:
    """The key-age section: each generated service-user key slot, its age and flags.

    A slot's key was created at its `time.Rotating`'s base (`rfc3339`) and is replaced
    at `rotationRfc3339`. The maximum is the environment's (period + half a period,
    SNOWFLAKE_ENVIRONMENT_DEFAULTS), else, for a stack that is no environment, the
    slot's own period's. A key older than the maximum is flagged, and so is a slot
    whose rotation is due (it waits for the next `pulumi up --refresh`).
    """
    defaults = SNOWFLAKE_ENVIRONMENT_DEFAULTS.get(environment)
    users = {
        r["name"]: str(prop(r, "name") or r["name"]) for r in stack if r["type"] == SERVICE_USER
    }
    rows = []
    for rotation in (r for r in stack if r["type"] == ROTATING):
        component, _, slot = rotation["name"].removesuffix("-rotation").rpartition("-key-")
        period = int(_output(rotation, "rotationDays") or 0)
        maximum = defaults.max_key_age_days if defaults else max_key_age_days(period)
        base = _date(_output(rotation, "rfc3339"))
        due = _date(_output(rotation, "rotationRfc3339"))
        age = max(0, (today - base).days) if base else None
        rows.append(
            {
                "user": users.get(component, component),
                "slot": slot.upper(),
                "since": base.isoformat() if base else "(unknown until apply)",
                "rotatesOn": due.isoformat() if due else "(unknown until apply)",
                "periodDays": period,
                "ageDays": age,
                "maximumDays": maximum,
                "tooOld": age is not None and age > maximum,
                "rotationDue": due is not None and today >= due,
            }
        )
    rows.sort(key=lambda r: (r["user"], r["slot"]))
    return {
        "keys": rows,
        "flags": [key_age_flag(r) for r in rows if r["tooOld"] or r["rotationDue"]],
    }


def key_age_flag(row: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong with one aged key row, and what to do."""
    what = f"{row['user']} slot {row['slot']}" if row.get("slot") else str(row["user"])
    if row["tooOld"]:
        problem = f"{row['ageDays']} days old, over the maximum of {row['maximumDays']}"
    else:
        problem = f"rotation due since {row['rotatesOn']}"
    return {
        "key": what,
        "problem": problem,
        "detail": f"{what}: {problem}; run `pulumi up --refresh` for the stack, which "
        "replaces the due slot's key and moves the Airflow connection to it",
    }


def _output(r: Resource, key: str) -> Any:
    """The output, else the input: a Rotating's recorded base outlives its input."""
    value = (r.get("outputs") or {}).get(key)
    return value if value is not None else (r.get("inputs") or {}).get(key)


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


__all__ = ["ROLE", "key_ages", "key_usage"]
