"""A failed data-quality check reaches the alerts topic and its domain owner (AWS side)."""

from __future__ import annotations

from ..alerts.alert_paths import EVENT_RULE, EVENT_TARGET
from ..quality.quality_paths import RULESET, SCHEDULE
from .journey import journey_rule
from .lake_quality_journeys import KIND, quality_journeys

RULE = journey_rule(
    KIND,
    (
        "Every Glue Data Quality ruleset's failed check reaches a subscriber: a schedule "
        "runs it, Scheduler may assume its role, which may start the run and pass the "
        "evaluation role to Glue; Glue may assume that role, which reads the table's files, "
        "key and catalog entry and publishes the results; a rule matches the failed results "
        "event and its target publishes to the topic, which someone subscribes to."
    ),
    (
        "Change the resource the message names at the broken hop: the schedule, the "
        "scheduler or evaluation role's trust or policy, the bucket or key policy, the "
        "results rule or its target, the topic policy or key, or subscribe someone."
    ),
    (RULESET, SCHEDULE, EVENT_RULE, EVENT_TARGET),
    quality_journeys,
)
