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


class _Marker:
    """A named singleton that is never equal to any real value."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


UNKNOWN: Final = _Marker("UNKNOWN")
SECRET: Final = _Marker("SECRET")

OFFLINE_UNKNOWN = "[unknown]"
OFFLINE_SECRET = "[secret]"
# The engine's sentinels for unknown booleans, numbers, strings, arrays, assets,
# archives and objects (pulumi_policy.proxy; pulumi's resource/properties.go).
ENGINE_UNKNOWNS: Final = frozenset(
    {
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
        "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
        "030794c1-ac77-496b-92df-f27374a8bd58",
        "e48ece36-62e2-4504-bad9-02848725956a",
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    }
)


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
