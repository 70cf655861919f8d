"""ACCOUNTADMIN, SECURITYADMIN and ORGADMIN are never granted by code."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import SNOWFLAKE_GRANT_ACCOUNT_ROLE
from .identifiers import ADMIN_ROLES, ident

GRANT = SNOWFLAKE_GRANT_ACCOUNT_ROLE


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """roleName must not be an administrative system role."""
    role = view.need("roleName")
    if role and ident(role) in ADMIN_ROLES:
        grantee = view.get("parentRoleName") or view.get("userName")
        yield view.violation(f"grant [{view.name}] gives {ident(role)} to {grantee}")


RULE = Rule(
    id="snowflake-no-admin-role-grant",
    description="No GrantAccountRole grants ACCOUNTADMIN, SECURITYADMIN or ORGADMIN.",
    severity="critical",
    remediation=(
        "Grant a custom functional role instead; keep admin role grants manual and audited."
    ),
    resource_types=(GRANT,),
    check=check,
    mapped=("CIS-SF 1.10", "CIS-SF 1.13", "CIS-SF 2.1"),
)
