"""Every budget counts something: its tag filters are activated cost-allocation tags."""

from __future__ import annotations

from ..alerts.alert_paths import BUDGET
from .budget_journeys import CONFIG_SCHEMA, COST_ALLOCATION_TAG, KIND, budget_journeys
from .journey import journey_rule

RULE = journey_rule(
    KIND,
    (
        "Every budget's filters select costs the account can see: a cost-allocation tag it "
        "filters on is activated (in the program, or attested for the management account) "
        "and carried by resources of the program."
    ),
    (
        "Drop the tag filter when the stack has its own account, or activate the tag "
        "(aws.costexplorer.CostAllocationTag from the management account, or by hand there) "
        "and list it in the rule's `activated_cost_tags`."
    ),
    (BUDGET, COST_ALLOCATION_TAG),
    budget_journeys,
    config_schema=CONFIG_SCHEMA,
)
