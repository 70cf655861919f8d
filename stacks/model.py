"""What every config section shares: strictness, named-list checks and structured problems."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Protocol, TypeVar

from vocabulary.address_ranges import world_open
from vocabulary.config_base import StrictModel as StrictModel  # re-exported for stacks/

# An AWS region code (`eu-west-1`, `us-gov-west-1`): the stack's region, a replica region,
# and a Snowflake account's region on AWS.
AWS_REGION_PATTERN = r"^[a-z]{2}(-gov)?-[a-z]+-\d$"


class Item(str):
    """A list item named by one of its keys in a problem's location (`warehouses[loading]`).

    `key` is the item's naming key (`name` unless said otherwise, e.g. a consumer's
    `role`); the stack-file reader turns the item back into its index to find its line.
    """

    key: str

    def __new__(cls, value: str, key: str = "name") -> Item:
        item = super().__new__(cls, value)
        item.key = key
        return item


@dataclass(frozen=True)
class Problem:
    """One mistake found after parsing: where it is (a path of keys) and what is wrong.

    Problems travel as data from the checks to the CLI; nothing re-parses their text.

    Attributes:
        loc: Keys from the file's root: field names, list indexes, or `Item`s.
        message: What is wrong and what is allowed, in plain words.
    """

    loc: tuple[str | int, ...]
    message: str

    @property
    def path(self) -> str:
        """The location as the messages print it: `snowflake.warehouses[loading].size`."""
        return render_path(self.loc)

    def under(self, *prefix: str | int) -> Problem:
        """This problem, located below `prefix` (a section checked on its own)."""
        return Problem((*prefix, *self.loc), self.message)


def render_path(loc: Sequence[str | int]) -> str:
    """`("a", 0, Item("x"), "b")` as `a[0][x].b`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int | Item) else f".{part}"
    return text.lstrip(".")


T = TypeVar("T")


def either(value: T | None, default: T) -> T:
    """The file's value where it sets one, else the default (explicit > environment)."""
    return default if value is None else value


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
    return network.version == 4 and world_open([value]) is None


def project_path(value: str) -> str:
    """`value`, a path in config to a file of the project, unchanged; raises ValueError when
    it is absolute or climbs out of the project (`../x.py`): config never makes the
    program read, and upload, a file from elsewhere on the machine."""
    if value.startswith("/") or ".." in PurePosixPath(value).parts:
        raise ValueError(
            f"{value}: a path relative to the project root that stays inside it "
            "(no leading / and no ..)"
        )
    return value
