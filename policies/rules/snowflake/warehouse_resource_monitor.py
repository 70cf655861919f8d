"""Every warehouse answers to a resource monitor."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from .identifiers import WAREHOUSE


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """resourceMonitor must be set."""
    if not view.need("resourceMonitor"):
        yield view.violation(f"warehouse [{view.name}] has no resourceMonitor")


RULE = Rule(
    id="snowflake-warehouse-resource-monitor",
    description="Snowflake warehouses name a resource monitor.",
    severity="high",
    remediation=(
        "Create a ResourceMonitor with a credit quota and set the warehouse's resourceMonitor."
    ),
    resource_types=(WAREHOUSE,),
    check=check,
)
