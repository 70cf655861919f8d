"""Every warehouse answers to a resource monitor."""

from __future__ import annotations

from ..core.checks import property_set
from ..core.rule import Rule
from .identifiers import WAREHOUSE

RULE = Rule(
    id="snowflake-warehouse-resource-monitor",
    description="Snowflake warehouses name a resource monitor.",
    severity="high",
    remediation=(
        "Create a ResourceMonitor with a credit quota and set the warehouse's resourceMonitor."
    ),
    resource_types=(WAREHOUSE,),
    check=property_set("resourceMonitor", "the monitor that caps its credits"),
)
