"""The destroy guard's view of the stateful types: which type holds data.

The table itself (`STATEFUL_TYPES`) is defined once, in the policy pack
(`policies/rules/common/stateful_types.py`), because the pack's prod-protection rule reads
the same table and the pack may import nothing of the project. Which inputs force a
replacement is another fact, for every type: `scripts.diff.replacements`.
"""

from __future__ import annotations

from typing import Any

from policies.rules.common.stateful_types import STATEFUL_TYPES, StatefulType

__all__ = ["STATEFUL_TYPES", "StatefulType", "stateful", "value_at"]


def stateful(token: str) -> StatefulType | None:
    """The stateful description of a type token, or None when the type holds no data."""
    return STATEFUL_TYPES.get(token)


def value_at(values: Any, path: str) -> Any:
    """The value at a dotted input path, or None where the path ends early. Through a list
    (a block the provider allows more than once) the path continues in every element."""
    current: Any = values
    for i, part in enumerate(path.split(".")):
        if isinstance(current, list):
            rest = ".".join(path.split(".")[i:])
            return [value_at(item, rest) for item in current]
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current
