"""What each access level of a schema may do, as data.

Levels nest: WRITE is granted READ and OWNER is granted WRITE, so each level lists
only what it adds. Object privileges are granted on all existing objects and on
future ones, at schema level (schema-level future grants override database-level
ones, so a database-level grant would be silently ignored in these schemas).
"""

from __future__ import annotations

from dataclasses import dataclass

ACCESS_LEVELS = ("read", "write", "owner")


@dataclass(frozen=True)
class ObjectPrivileges:
    """Privileges on every object of one kind in a schema (`TABLES`, `VIEWS`, ...)."""

    object_type_plural: str
    privileges: tuple[str, ...]


DATABASE_PRIVILEGES: dict[str, tuple[str, ...]] = {"read": ("USAGE",)}
SCHEMA_PRIVILEGES: dict[str, tuple[str, ...]] = {
    "read": ("USAGE",),
    "owner": (
        "CREATE TABLE",
        "CREATE VIEW",
        "CREATE MATERIALIZED VIEW",
        "CREATE DYNAMIC TABLE",
        "CREATE STAGE",
        "CREATE FILE FORMAT",
        "CREATE PIPE",
        "CREATE STREAM",
        "CREATE TASK",
        "CREATE SEQUENCE",
        "CREATE FUNCTION",
        "CREATE PROCEDURE",
    ),
}
OBJECT_PRIVILEGES: dict[str, tuple[ObjectPrivileges, ...]] = {
    "read": (
        ObjectPrivileges("TABLES", ("SELECT",)),
        ObjectPrivileges("VIEWS", ("SELECT",)),
        ObjectPrivileges("MATERIALIZED VIEWS", ("SELECT",)),
        ObjectPrivileges("DYNAMIC TABLES", ("SELECT",)),
    ),
    "write": (ObjectPrivileges("TABLES", ("INSERT", "UPDATE", "DELETE", "TRUNCATE")),),
}


def implied_levels(level: str) -> tuple[str, ...]:
    """`level` and every level below it (`owner` -> owner, write, read)."""
    return ACCESS_LEVELS[: ACCESS_LEVELS.index(level) + 1][::-1]


def highest(levels: set[str]) -> str:
    """The highest of `levels`; the others come with it through the hierarchy."""
    return max(levels, key=ACCESS_LEVELS.index)
