"""Nothing is granted to PUBLIC, the role every user has."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import (
    SNOWFLAKE_GRANT_ACCOUNT_ROLE,
    SNOWFLAKE_GRANT_DATABASE_ROLE,
    SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE,
)
from .identifiers import ident

GRANTEE_PROPS = {
    SNOWFLAKE_GRANT_ACCOUNT_ROLE: "parentRoleName",
    SNOWFLAKE_GRANT_DATABASE_ROLE: "parentRoleName",
    SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE: "accountRoleName",
}


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """The grantee role must not be PUBLIC."""
    grantee = view.need(GRANTEE_PROPS[view.type])
    if grantee and ident(grantee) == "PUBLIC":
        yield view.violation(f"grant [{view.name}] grants to PUBLIC (every user)")


RULE = Rule(
    id="snowflake-no-grant-to-public",
    description="No Snowflake role or privilege is granted to the PUBLIC role.",
    severity="high",
    remediation="Grant to an access role and grant that role to the functional roles that need it.",
    resource_types=tuple(GRANTEE_PROPS),
    check=check,
)
