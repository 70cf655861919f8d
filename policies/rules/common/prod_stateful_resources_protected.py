"""In production, resources that hold state are protected against deletion.

The types are those of the one stateful table (`stateful_types.STATEFUL_TYPES`), which the
destroy guard of `dataplat diff` reads too.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import PROD_ONLY, Context, Rule
from ..core.view import Finding, ResourceView
from .stateful_types import STATEFUL_TOKENS


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """The protect resource option must be on in prod."""
    if ctx.environment == "prod" and not view.protect:
        yield view.violation(f"{view.type} [{view.name}] holds state but is not protected in prod")


RULE = Rule(
    id="prod-stateful-resources-protected",
    description=(
        "In prod, buckets, keys, secrets, catalog databases and tables, MWAA environments, "
        "DynamoDB tables, RDS databases, CloudWatch log groups, and Snowflake databases, "
        "schemas, tables and pipes have the protect option on."
    ),
    severity="high",
    remediation="Pass opts=ResourceOptions(protect=True) (and retain_on_delete=True) in prod.",
    resource_types=STATEFUL_TOKENS,
    check=check,
    levels=PROD_ONLY,
)
