"""What every config section shares: strictness and named-list checks."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from typing import Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

# Joins the problems one cross-field check finds, each `path: message`; the stack-file
# reader splits them back into one issue per problem.
PROBLEM_SEPARATOR = "\n"


class StrictModel(BaseModel):
    """Base of every config section: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _Named(Protocol):
    @property
    def name(self) -> str: ...


NamedT = TypeVar("NamedT", bound=_Named)


def unique_names(items: Sequence[NamedT], what: str) -> Sequence[NamedT]:
    """`items` unchanged, or a ValueError listing every repeated name."""
    names = [item.name for item in items]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"{what} names must be unique; repeated: {', '.join(duplicates)}")
    return items


def is_narrow_ipv4(value: str) -> bool:
    """An IPv4 address or CIDR range, and not the whole internet (0.0.0.0/0)."""
    try:
        network = ipaddress.ip_network(value, strict=True)
    except ValueError:
        return False
    return network.version == 4 and network.prefixlen > 0
