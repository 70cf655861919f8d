"""The monthly bound of a stack: every line item, and what it leaves unpriced.

Pure over the rule views (`StackIndex`), so the `cost-within-ceiling` rule, the pack and
`dataplat cost` compute the very same figure from the very same price table.
"""

from __future__ import annotations

from collections import Counter

from ..core.index import StackIndex
from ..facts.tokens import (
    CLOUDWATCH_DASHBOARD,
    CLOUDWATCH_LOG_GROUP,
    CLOUDWATCH_METRIC_ALARM,
    EC2_EIP,
    EC2_FLOW_LOG,
    GLUE_CRAWLER,
    SNOWFLAKE_PIPE,
    SNS_TOPIC,
)
from .assumptions import Assumptions
from .aws_items import aws_items
from .items import Bound
from .prices import REGION
from .snowflake_items import warehouse_items

# Types that bill but are not bounded here (usage-driven or small); the report lists them.
UNPRICED = (
    GLUE_CRAWLER,
    CLOUDWATCH_LOG_GROUP,
    CLOUDWATCH_METRIC_ALARM,
    CLOUDWATCH_DASHBOARD,
    SNS_TOPIC,
    EC2_EIP,
    EC2_FLOW_LOG,
    SNOWFLAKE_PIPE,
)


def stack_bound(index: StackIndex, assume: Assumptions) -> Bound:
    """The bound of the stack under `assume`, with the stack's AWS region."""
    items = warehouse_items(index, assume) + aws_items(index, assume)
    types = Counter(v.type for v in index.views)
    unpriced = {t: types[t] for t in UNPRICED if types[t]}
    return Bound(tuple(items), _region(index), unpriced)


def _region(index: StackIndex) -> str:
    for view in index.views:
        region = view.provider_props.get("region")
        if view.type.startswith("aws:") and isinstance(region, str):
            return region
    return REGION
