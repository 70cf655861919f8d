"""Unknown and secret values, however they reach a rule.

During `pulumi preview` an input computed from another resource's output is
unknown: pulumi_policy hands it over as one of the engine's sentinel strings (and
its proxy raises on access); the offline plan writes it as "[unknown]". Secret
inputs reach the offline plan as "[secret]". Rules see one `UNKNOWN` marker for
all of those (and `SECRET` for secrets), so none crashes on one or passes silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .wire import ENGINE_UNKNOWNS, OFFLINE_SECRET, OFFLINE_UNKNOWN

__all__ = [
    "ENGINE_UNKNOWNS",
    "OFFLINE_SECRET",
    "OFFLINE_UNKNOWN",
    "SECRET",
    "UNKNOWN",
    "as_list",
    "contains_unknown",
    "is_set",
    "is_unknown",
    "normalize",
]


class _Marker:
    """A named singleton that is never equal to any real value."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


UNKNOWN: Final = _Marker("UNKNOWN")
SECRET: Final = _Marker("SECRET")


def normalize(value: Any) -> Any:
    """Plain data with every unknown as UNKNOWN and every secret placeholder as SECRET."""
    if isinstance(value, str):
        if value == OFFLINE_UNKNOWN or value in ENGINE_UNKNOWNS:
            return UNKNOWN
        if value == OFFLINE_SECRET or value.startswith("[secret:"):
            return SECRET
        return value
    if isinstance(value, Mapping):
        return {str(k): normalize(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalize(v) for v in value]
    return value


def is_unknown(value: Any) -> bool:
    """True for a value that cannot be read before apply (unknown or secret)."""
    return value is UNKNOWN or value is SECRET


def contains_unknown(value: Any) -> bool:
    """True if the value or anything nested in it is unknown or secret."""
    if is_unknown(value):
        return True
    if isinstance(value, dict):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_unknown(v) for v in value)
    return False


def is_set(value: Any) -> bool:
    """True for a present, non-empty value (a secret or unknown counts as present)."""
    if value is None or value is False:
        return False
    if isinstance(value, str | list | dict):
        return len(value) > 0
    return True


def as_list(value: Any) -> list[Any]:
    """A list for a list, [value] for a single value, [] for None."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
