"""No Snowflake object is owned by PUBLIC, the role every user has."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import SNOWFLAKE_GRANT_OWNERSHIP
from ..snowflake.identifiers import ident


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """OWNERSHIP to PUBLIC hands every user of the account full control of the object (the
    other grants to PUBLIC are snowflake-no-grant-to-public's)."""
    grantee = view.need("accountRoleName")
    if isinstance(grantee, str) and ident(grantee) == "PUBLIC":
        yield view.violation(
            f"GrantOwnership [{view.name}] makes PUBLIC (every user of the account) the owner: "
            "any user may read, change, drop or re-grant the object"
        )


RULE = Rule(
    id="access-snowflake-nothing-owned-by-public",
    description="No Snowflake object's OWNERSHIP is granted to the PUBLIC role.",
    severity="critical",
    remediation="Grant OWNERSHIP to the domain's owner role (or SYSADMIN), never to PUBLIC.",
    resource_types=(SNOWFLAKE_GRANT_OWNERSHIP,),
    check=check,
    mapped=("CIS-SF 1.13",),
)
