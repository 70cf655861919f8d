"""Masking policies mask for at least one role."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding, ResourceView
from .masking_body import returns_clear_to_everyone

MASKING_POLICY = "snowflake:index/maskingPolicy:MaskingPolicy"


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """A body that returns the argument on every path masks nothing."""
    body = view.need("body")
    arguments = as_list(view.need("arguments"))
    if not body or not arguments or not isinstance(arguments[0], dict):
        return
    if returns_clear_to_everyone(str(body), str(arguments[0].get("name", ""))):
        yield view.violation(f"masking policy [{view.name}] returns clear values to every role")


RULE = Rule(
    id="snowflake-masking-policy-masks",
    description="Snowflake masking policy bodies do not return the clear value on every path.",
    severity="critical",
    remediation=(
        "Return the value only for approved roles (CASE WHEN IS_ROLE_IN_SESSION('PII_READER') "
        "THEN val ELSE '***MASKED***' END)."
    ),
    resource_types=(MASKING_POLICY,),
    check=check,
    mapped=("CIS-SF 4.10",),
)
