"""Whether an EventBridge event pattern matches an event, for the operators the pack meets.

EventBridge's matching (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html):
a pattern field lists the values it accepts (an array field of the event matches when
any element does); a nested object matches the event's object field by field; `$or`
lists alternative sub-patterns; matchers `prefix`, `numeric` (pairs of comparison and
number), `anything-but` (a value or a list) and `exists`. A matcher not listed here
counts as no match, so a rule is never judged to match when it cannot be read.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

_MISSING = object()
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    "=": operator.eq,
    ">=": operator.ge,
    ">": operator.gt,
}


def matches(pattern: Mapping[str, Any], event: Mapping[str, Any]) -> bool:
    """True if `event` matches every field of `pattern` (and one branch of each `$or`)."""
    for key, wanted in pattern.items():
        if key == "$or":
            if not isinstance(wanted, list) or not any(
                isinstance(p, dict) and matches(p, event) for p in wanted
            ):
                return False
            continue
        value = event.get(key, _MISSING)
        if isinstance(wanted, dict):
            if not isinstance(value, dict) or not matches(wanted, value):
                return False
        elif not isinstance(wanted, list) or not _field_matches(wanted, value):
            return False
    return True


def _field_matches(accepted: list[Any], value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(_one(item, v) for item in accepted for v in values)


def _one(item: Any, value: Any) -> bool:
    if not isinstance(item, dict):
        return value is not _MISSING and item == value
    if len(item) != 1:
        return False
    ((kind, arg),) = item.items()
    if kind == "exists":
        return (value is not _MISSING) == bool(arg)
    if value is _MISSING:
        return False
    if kind == "prefix":
        return isinstance(arg, str) and isinstance(value, str) and value.startswith(arg)
    if kind == "anything-but":
        excluded = arg if isinstance(arg, list) else [arg]
        return not isinstance(arg, dict) and value not in excluded
    if kind == "numeric":
        return _numeric(arg, value)
    return False


def _numeric(arg: Any, value: Any) -> bool:
    if not isinstance(arg, list) or len(arg) % 2 or isinstance(value, bool):
        return False
    if not isinstance(value, int | float):
        return False
    pairs = zip(arg[::2], arg[1::2], strict=True)
    return all(
        op in _COMPARE and isinstance(n, int | float) and _COMPARE[op](value, n) for op, n in pairs
    )
