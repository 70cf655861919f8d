"""The monthly bound of a stack: every line item, and what it leaves unpriced.

Pure over the rule views (`StackIndex`), so the `cost-within-ceiling` rule, the pack and
`dataplat cost` compute the very same figure from the very same price table.
"""

from __future__ import annotations

from collections import Counter

from ..core.index import StackIndex
from .assumptions import Assumptions
from .aws_items import aws_items
from .items import Bound
from .prices import REGION
from .snowflake_items import warehouse_items

# Types that bill but are not bounded here (usage-driven or small); the report lists them.
UNPRICED = (
    "aws:glue/crawler:Crawler",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:cloudwatch/dashboard:Dashboard",
    "aws:sns/topic:Topic",
    "aws:ec2/eip:Eip",
    "aws:ec2/flowLog:FlowLog",
    "snowflake:index/pipe:Pipe",
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
