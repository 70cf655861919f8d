"""No user signs in with an administrative role by default."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from .identifiers import ADMIN_ROLES, USERS, ident


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """defaultRole must not be ACCOUNTADMIN, SECURITYADMIN or ORGADMIN."""
    role = view.need("defaultRole")
    if role and ident(role) in ADMIN_ROLES:
        yield view.violation(f"user [{view.name}] has default role {ident(role)}")


RULE = Rule(
    id="snowflake-user-no-admin-default-role",
    description="No Snowflake user has ACCOUNTADMIN, SECURITYADMIN or ORGADMIN as default role.",
    severity="high",
    remediation="Set defaultRole to the user's functional role.",
    resource_types=USERS,
    check=check,
    mapped=("CIS-SF 1.12",),
)
