"""Grants list their privileges; none grants ALL."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding, ResourceView
from ..facts.tokens import (
    SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE,
    SNOWFLAKE_GRANT_PRIVILEGES_TO_DATABASE_ROLE,
)
from .identifiers import ident

GRANTS = (
    SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE,
    SNOWFLAKE_GRANT_PRIVILEGES_TO_DATABASE_ROLE,
)


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """allPrivileges true, or ALL / ALL PRIVILEGES in privileges, fails."""
    if view.need("allPrivileges") is True:
        yield view.violation(f"grant [{view.name}] sets allPrivileges")
    if any(ident(p) in ("ALL", "ALL PRIVILEGES") for p in as_list(view.need("privileges"))):
        yield view.violation(f"grant [{view.name}] lists ALL in privileges")


RULE = Rule(
    id="snowflake-no-all-privileges",
    description="Snowflake privilege grants list their privileges instead of granting ALL.",
    severity="high",
    remediation="Replace allPrivileges with the explicit privileges the role needs.",
    resource_types=GRANTS,
    check=check,
)
