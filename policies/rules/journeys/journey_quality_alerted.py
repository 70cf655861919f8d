"""A failed data-quality check on a Snowflake table reaches a person.

The journeys are built in snowflake_quality_journeys.py.
"""

from __future__ import annotations

from ..facts.tokens import SNOWFLAKE_ALERT, SNOWFLAKE_EXECUTE
from .journey import journey_rule
from .snowflake_quality_journeys import KIND, quality_journeys

RULE = journey_rule(
    KIND,
    (
        "Every data metric function attached to a Snowflake table reaches a subscriber: the "
        "role may attach it, the table has a DMF schedule set first, an alert whose owner may "
        "read the expectation status runs on a schedule with EXECUTE ALERT, its integration "
        "may be used and publishes to a subscribed topic."
    ),
    (
        "Change the resource the message names at the broken hop: set the table's "
        "DATA_METRIC_SCHEDULE before attaching, add the alert over "
        "SNOWFLAKE.LOCAL.DATA_QUALITY_MONITORING_EXPECTATION_STATUS naming the table, grant "
        "what the step model says is missing (docs/design/bootstrap.md)."
    ),
    (SNOWFLAKE_EXECUTE, SNOWFLAKE_ALERT),
    quality_journeys,
)
