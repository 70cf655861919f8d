"""The role model as data: which access level each functional role gets, and who unmasks.

Pure functions, so the model can be reviewed and tested without building a single
resource: a functional role's `read`/`write`/`own` targets become one access level
per schema (the highest asked for; the lower ones come through the hierarchy).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from components.snowflake.masking import UnmaskGrants
from components.snowflake.privileges import highest
from vocabulary.pii import ALL_CATEGORIES

# Config field -> access level it asks for.
_LEVEL_OF_FIELD = {"read": "read", "write": "write", "own": "owner"}


@dataclass(frozen=True)
class FunctionalRoleSpec:
    """A functional role as the config declares it, before resolution.

    `read`, `write` and `own` hold `database` or `database.schema` targets;
    `unmask` holds PII categories or `*`.
    """

    key: str
    identifier: str
    read: tuple[str, ...] = ()
    write: tuple[str, ...] = ()
    own: tuple[str, ...] = ()
    warehouses: tuple[str, ...] = ()
    unmask: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnmaskRole:
    """A role built outside the platform's functional roles (a domain's) that unmasks.

    `identifier` is its Snowflake name; `unmask` its PII categories (or `*`).
    """

    identifier: str
    unmask: tuple[str, ...]


class _Unmasks(Protocol):
    @property
    def identifier(self) -> str: ...

    @property
    def unmask(self) -> tuple[str, ...]: ...


def access_levels(
    role: FunctionalRoleSpec, schemas: Mapping[str, Sequence[str]]
) -> dict[tuple[str, str], str]:
    """(database, schema) -> the access level `role` needs there.

    `schemas` maps each database to its schema keys; a bare `database` target
    means every schema of it.
    """
    wanted: dict[tuple[str, str], set[str]] = defaultdict(set)
    for field, level in _LEVEL_OF_FIELD.items():
        for target in getattr(role, field):
            database, _, schema = target.partition(".")
            for name in [schema] if schema else schemas[database]:
                wanted[(database, name)].add(level)
    return {place: highest(levels) for place, levels in sorted(wanted.items())}


def unmask_grants(roles: Iterable[_Unmasks]) -> UnmaskGrants:
    """Who may see which PII category in clear, by role identifier."""
    by_category: dict[str, list[str]] = defaultdict(list)
    everything: list[str] = []
    for role in roles:
        for category in role.unmask:
            if category == ALL_CATEGORIES:
                everything.append(role.identifier)
            else:
                by_category[category].append(role.identifier)
    return UnmaskGrants(
        by_category={c: tuple(sorted(r)) for c, r in sorted(by_category.items())},
        all_categories=tuple(sorted(everything)),
    )
