"""IAM condition operators, evaluated against one request context.

Semantics follow the IAM User Guide, "IAM JSON policy elements: Condition operators"
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
values listed for one key are ORed, keys and operators of one block are ANDed; a key absent
from the request context makes a condition false, except that negated operators
(`StringNotEquals`, `ArnNotLike`, ...) are then true, `...IfExists` is then true, and `Null`
tests presence itself. `ForAllValues:` is true for an absent key, `ForAnyValue:` false
("Set operators for multivalued context keys"). Context keys are case-insensitive.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import re
from collections.abc import Callable, Mapping
from typing import Any

ContextValue = str | bool | int | float | list[str]
Context = Mapping[str, ContextValue]


class UnsupportedCondition(ValueError):
    """A condition operator this evaluator does not model (its name is the message)."""


@functools.lru_cache(maxsize=4096)
def glob(pattern: str, ignore_case: bool = False) -> re.Pattern[str]:
    """`*` (any run, `/` and `:` included) and `?` (one character) as a compiled regex."""
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(f"^{body}$", re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def _arn_like(value: str, pattern: str) -> bool:
    # Each of the six colon-separated ARN parts is matched separately (ARN operators).
    vparts, pparts = value.split(":", 5), pattern.split(":", 5)
    if len(vparts) != 6 or len(pparts) != 6:
        return False
    return all(glob(p).match(v) is not None for v, p in zip(vparts, pparts, strict=True))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _numeric(test: Callable[[float, float], bool]) -> Callable[[str, str], bool]:
    def match(value: str, wanted: str) -> bool:
        a, b = _number(value), _number(wanted)
        return a is not None and b is not None and test(a, b)

    return match


def _date(text: str) -> dt.datetime | None:
    try:
        if text.isdigit():
            return dt.datetime.fromtimestamp(int(text), tz=dt.UTC)
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def _dated(test: Callable[[dt.datetime, dt.datetime], bool]) -> Callable[[str, str], bool]:
    def match(value: str, wanted: str) -> bool:
        a, b = _date(value), _date(wanted)
        return a is not None and b is not None and test(a, b)

    return match


def _ip(value: str, network: str) -> bool:
    try:
        return ipaddress.ip_address(value) in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False


# Positive matchers: (context value, policy value) -> bool.
_POSITIVE: dict[str, Callable[[str, str], bool]] = {
    "stringequals": lambda v, w: v == w,
    "stringequalsignorecase": lambda v, w: v.casefold() == w.casefold(),
    "stringlike": lambda v, w: glob(w).match(v) is not None,
    "arnequals": _arn_like,
    "arnlike": _arn_like,
    "numericequals": _numeric(lambda a, b: a == b),
    "numericlessthan": _numeric(lambda a, b: a < b),
    "numericlessthanequals": _numeric(lambda a, b: a <= b),
    "numericgreaterthan": _numeric(lambda a, b: a > b),
    "numericgreaterthanequals": _numeric(lambda a, b: a >= b),
    "dateequals": _dated(lambda a, b: a == b),
    "datelessthan": _dated(lambda a, b: a < b),
    "datelessthanequals": _dated(lambda a, b: a <= b),
    "dategreaterthan": _dated(lambda a, b: a > b),
    "dategreaterthanequals": _dated(lambda a, b: a >= b),
    "bool": lambda v, w: v.lower() == w.lower(),
    "ipaddress": _ip,
}
# Negated operators: true when the positive counterpart matches no policy value.
_NEGATED = {
    "stringnotequals": "stringequals",
    "stringnotequalsignorecase": "stringequalsignorecase",
    "stringnotlike": "stringlike",
    "arnnotequals": "arnequals",
    "arnnotlike": "arnlike",
    "numericnotequals": "numericequals",
    "datenotequals": "dateequals",
    "notipaddress": "ipaddress",
}


def _strings(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [str(v).lower() if isinstance(v, bool) else str(v) for v in values]


def lookup(context: Context, key: str) -> list[str] | None:
    """The context values of `key` (case-insensitive), None when the key is absent."""
    lowered = key.lower()
    for k, v in context.items():
        if k.lower() == lowered:
            values = _strings(v)
            return values if values else None
    return None


def operator_holds(operator: str, block: Mapping[str, Any], context: Context) -> bool:
    """True if every key of one operator's block holds for the context."""
    name = operator
    qualifier = ""
    for prefix in ("ForAnyValue:", "ForAllValues:"):
        if name.lower().startswith(prefix.lower()):
            qualifier, name = prefix[:-1].lower(), name[len(prefix) :]
    if_exists = name.lower().endswith("ifexists")
    base = name[: -len("IfExists")].lower() if if_exists else name.lower()
    for key, wanted_raw in block.items():
        present = lookup(context, key)
        wanted = _strings(wanted_raw)
        if base == "null":
            # Null: "true" holds when the key is absent, "false" when it is present.
            if not any((w.lower() == "true") == (present is None) for w in wanted):
                return False
            continue
        if not _key_holds(operator, base, qualifier, if_exists, present, wanted):
            return False
    return True


def _key_holds(
    operator: str,
    base: str,
    qualifier: str,
    if_exists: bool,
    present: list[str] | None,
    wanted: list[str],
) -> bool:
    negated = base in _NEGATED
    positive = _POSITIVE.get(_NEGATED.get(base, base))
    if positive is None:
        raise UnsupportedCondition(operator)
    if present is None:
        if if_exists or qualifier == "forallvalues":
            return True
        return negated and qualifier != "foranyvalue"

    def one(value: str) -> bool:
        hit = any(positive(value, w) for w in wanted)
        return not hit if negated else hit

    if qualifier == "forallvalues":
        return all(one(v) for v in present)
    if negated and not qualifier:
        # A single-valued negated operator: no context value may match a policy value.
        return all(one(v) for v in present)
    return any(one(v) for v in present)


def conditions_hold(condition: Any, context: Context) -> bool:
    """True if a statement's whole Condition element holds (absent: true)."""
    if not condition:
        return True
    if not isinstance(condition, Mapping):
        raise UnsupportedCondition(f"Condition is {type(condition).__name__}, not an object")
    return all(
        operator_holds(str(op), block, context)
        for op, block in condition.items()
        if isinstance(block, Mapping)
    )
