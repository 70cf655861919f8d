"""The stack's monthly cost bound stays under its environment's ceiling."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import PROD_MANDATORY, Context, Rule
from ..core.view import Finding
from .assumptions import CONFIG_SCHEMA, Assumptions
from .bound import stack_bound


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """The bound (every item's most a month) must not exceed `ceilingUsd`."""
    assume = Assumptions.from_context(ctx)
    bound = stack_bound(index, assume)
    if bound.total_usd > assume.ceiling_usd:
        largest = ", ".join(f"{c} ${b:,.2f}" for c, b, _ in bound.by_category()[:3])
        # Reported on the largest item's resource, so a suppression can name it.
        top = bound.largest()
        yield Finding(
            (top.urn or None) if top else None,
            top.urn.rsplit("::", 1)[-1] if top and top.urn else None,
            f"the stack's monthly cost bound is ${bound.total_usd:,.2f}, above the "
            f"{ctx.environment} ceiling of ${assume.ceiling_usd:,.2f} (largest: {largest}); "
            "lower a resource monitor's creditQuota, MWAA maxWorkers or a Glue job's timeout, "
            "or raise ceilingUsd in the stack's policy config (see `dataplat cost`)",
        )


RULE = Rule(
    id="cost-within-ceiling",
    description=(
        "A stack's monthly cost bound (warehouses capped by their monitors, MWAA, network "
        "endpoints, keys, secrets, Glue jobs and S3) stays under its environment's ceiling."
    ),
    severity="medium",
    remediation=(
        "Run `dataplat cost --stack S` to see the line items; lower the largest ones (monitor "
        "creditQuota, MWAA maxWorkers, Glue timeout or workers) or raise ceilingUsd."
    ),
    # The bound reads every priced type (see bound.py). A blanket pattern, because it judges
    # the stack's cost, not any type's own settings (coverage.py counts no blanket rule).
    resource_types=("*",),
    check_stack=check,
    levels=PROD_MANDATORY,
    config_schema=CONFIG_SCHEMA,
)
