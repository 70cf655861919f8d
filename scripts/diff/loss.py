"""Data loss that is not a delete: an update that makes data expire sooner.

- An S3 lifecycle rule whose `expiration.days` or `noncurrentVersionExpiration.noncurrentDays`
  gets shorter (or appears where the rule kept objects forever) deletes every object older
  than the new limit on the next lifecycle run: the prod raw zone going from 730 to 91 days
  loses 21 months of data. Rules are matched by `id`; a disabled rule expires nothing.
- A Snowflake database, schema or table whose `dataRetentionTimeInDays` shrinks drops the
  Time Travel history older than the new value at once (an explicit value that goes back to
  inherited, absent or -1, counts too: the inherited value may be shorter).

Not modelled: a rule whose filter widens (same days, more objects), transitions, and
`maxDataExtensionTimeInDays`.
"""

from __future__ import annotations

from typing import Any

from policies.rules.facts.tokens import (
    S3_BUCKET_LIFECYCLE_CONFIGURATION,
    S3_BUCKET_LIFECYCLE_CONFIGURATION_V2,
    SNOWFLAKE_DATABASE,
    SNOWFLAKE_SCHEMA,
    SNOWFLAKE_TABLE,
)

LIFECYCLE_TYPES = frozenset(
    {S3_BUCKET_LIFECYCLE_CONFIGURATION, S3_BUCKET_LIFECYCLE_CONFIGURATION_V2}
)
RETENTION_TYPES = frozenset({SNOWFLAKE_DATABASE, SNOWFLAKE_SCHEMA, SNOWFLAKE_TABLE})
RETENTION = "dataRetentionTimeInDays"
# (where in a lifecycle rule, what it expires)
_EXPIRATIONS = (
    (("expiration", "days"), "expiration"),
    (("noncurrentVersionExpiration", "noncurrentDays"), "noncurrent-version expiration"),
)


def losses(token: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What data the update of a `token` resource from `old` to `new` inputs would lose."""
    if token in LIFECYCLE_TYPES:
        return _lifecycle(old, new)
    if token in RETENTION_TYPES:
        return _retention(old.get(RETENTION), new.get(RETENTION))
    return []


def _lifecycle(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    bucket = new.get("bucket") or old.get("bucket") or "?"
    before, after = _rules(old), _rules(new)
    found: list[str] = []
    for rule_id, rule in after.items():
        for path, what in _EXPIRATIONS:
            days = _days(rule, path)
            was = _days(before.get(rule_id, {}), path)
            if days is not None and (was is None or days < was):
                kept = "forever" if was is None else f"{was} days"
                found.append(
                    f"bucket {bucket}: lifecycle rule {rule_id} {what} shortened from {kept} "
                    f"to {days} days (older objects are deleted)"
                )
    return found


def _rules(inputs: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Enabled rules by id."""
    rules = inputs.get("rules")
    if not isinstance(rules, list):
        return {}
    return {
        str(r.get("id", i)): r
        for i, r in enumerate(rules)
        if isinstance(r, dict) and r.get("status", "Enabled") == "Enabled"
    }


def _days(rule: dict[str, Any], path: tuple[str, str]) -> int | None:
    block = rule.get(path[0])
    value = block.get(path[1]) if isinstance(block, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _retention(old: Any, new: Any) -> list[str]:
    if not _explicit(old) or old == new:
        return []
    if _explicit(new) and new > old:
        return []
    to = f"{new} days" if _explicit(new) else "the inherited value"
    return [f"{RETENTION} shrinks from {old} days to {to} (older Time Travel history is dropped)"]


def _explicit(days: Any) -> bool:
    return isinstance(days, int) and not isinstance(days, bool) and days >= 0
