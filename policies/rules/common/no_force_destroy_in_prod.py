"""In production, no resource may be deleted together with its contents."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import PROD_ONLY, Context, Rule
from ..core.view import Finding, ResourceView


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """forceDestroy (buckets, IAM users...) must not be true in prod."""
    if ctx.environment == "prod" and view.need("forceDestroy") is True:
        yield view.violation(f"{view.type} [{view.name}] sets forceDestroy in prod")


RULE = Rule(
    id="no-force-destroy-in-prod",
    description="In prod, no resource sets forceDestroy (deleting a bucket with its objects).",
    severity="high",
    remediation="Leave forceDestroy unset (false) in prod; empty the bucket deliberately instead.",
    resource_types=("*",),
    check=check,
    levels=PROD_ONLY,
)
