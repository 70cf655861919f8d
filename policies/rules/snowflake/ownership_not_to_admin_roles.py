"""Ownership handed over by code goes to a platform role, never to an admin system role."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import SNOWFLAKE_GRANT_OWNERSHIP
from .identifiers import ADMIN_ROLES, ident

GRANT_OWNERSHIP = SNOWFLAKE_GRANT_OWNERSHIP


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """accountRoleName must not be ACCOUNTADMIN, SECURITYADMIN or ORGADMIN."""
    role = view.need("accountRoleName")
    if role and ident(role) in ADMIN_ROLES:
        on = view.get("on") or {}
        target = f"{on.get('objectType', '?')} {on.get('objectName', '?')}"
        yield view.violation(f"grant [{view.name}] makes {ident(role)} the owner of {target}")


RULE = Rule(
    id="snowflake-ownership-not-to-admin-roles",
    description=(
        "GrantOwnership hands objects to a platform role (such as SYSADMIN's tree), never to "
        "ACCOUNTADMIN, SECURITYADMIN or ORGADMIN."
    ),
    severity="high",
    remediation=(
        "Transfer ownership to SYSADMIN or a custom role; an object owned by an admin role "
        "escapes the role model and its access reviews."
    ),
    resource_types=(GRANT_OWNERSHIP,),
    check=check,
    mapped=("CIS-SF 1.13",),
)
