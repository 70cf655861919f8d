"""Resource monitors cap credits and suspend warehouses at the cap."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import SNOWFLAKE_RESOURCE_MONITOR

MONITOR = SNOWFLAKE_RESOURCE_MONITOR


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """creditQuota and a suspend (or suspend-immediate) trigger must both be set."""
    if not view.need("creditQuota"):
        yield view.violation(f"resource monitor [{view.name}] has no creditQuota")
    if not (view.need("suspendTrigger") or view.need("suspendImmediateTrigger")):
        yield view.violation(f"resource monitor [{view.name}] never suspends its warehouses")


RULE = Rule(
    id="snowflake-resource-monitor-suspends",
    description="Snowflake resource monitors set a creditQuota and a suspend trigger.",
    severity="medium",
    remediation="Set creditQuota and suspendTrigger (percent of quota) or suspendImmediateTrigger.",
    resource_types=(MONITOR,),
    check=check,
)
