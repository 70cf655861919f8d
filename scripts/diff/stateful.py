"""The destroy guard's view of the stateful types: which type holds data, and which of its
inputs changed in a way that forces a replacement.

The table itself (`STATEFUL_TYPES`, with its sources) is defined once, in the policy pack
(`policies/rules/common/stateful_types.py`), because the pack's prod-protection rule reads
the same table and the pack may import nothing of the project.
"""

from __future__ import annotations

from typing import Any

from policies.rules.common.stateful_types import STATEFUL_TYPES, StatefulType

__all__ = ["STATEFUL_TYPES", "StatefulType", "replace_reasons", "stateful", "value_at"]


def stateful(token: str) -> StatefulType | None:
    """The stateful description of a type token, or None when the type holds no data."""
    return STATEFUL_TYPES.get(token)


def replace_reasons(token: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The replace-forcing input paths of `token` whose value differs between old and new.

    An input absent on one side and present on the other counts as changed: setting a
    bucket name that was auto-generated before also renames (replaces) the bucket.
    """
    kind = STATEFUL_TYPES.get(token)
    if kind is None:
        return []
    return [path for path in kind.replace_on if value_at(old, path) != value_at(new, path)]


def value_at(values: dict[str, Any], path: str) -> Any:
    """The value at a dotted input path, or None where the path ends early."""
    current: Any = values
    for part in path.split("."):
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current
