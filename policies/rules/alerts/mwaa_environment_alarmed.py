"""Every MWAA environment has at least one CloudWatch alarm with an action."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list, is_unknown
from ..core.view import Finding
from .alert_paths import METRIC_ALARM, MWAA
from .mwaa_metrics import unpublished

NAMESPACE = "AmazonMWAA"


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """An alarm counts for an environment when its namespace is AmazonMWAA, its
    `Environment` dimension is the environment's name (or refers to it), it watches a
    metric MWAA publishes (mwaa_metrics.py) and it has an alarm action."""
    alarms = [
        a
        for a in index.of_type(METRIC_ALARM)
        if a.get("namespace") == NAMESPACE
        and as_list(a.get("alarmActions"))
        and _can_fire(a.get("metricName"), a.get("dimensions"))
    ]
    for environment in index.of_type(MWAA):
        name = environment.need("name")
        watched = index.referrers(environment, (METRIC_ALARM,), "dimensions.Environment")
        covered = any(
            alarm.get("dimensions.Environment") == name
            or (is_unknown(alarm.get("dimensions.Environment")) and alarm in watched)
            for alarm in alarms
        )
        if not covered:
            yield environment.violation(
                f"MWAA environment [{environment.name}] ({name}) has no CloudWatch alarm with "
                "an action (SchedulerHeartbeat, TaskInstanceFailures, QueuedTasks)"
            )


def _can_fire(metric: object, dimensions: object) -> bool:
    """An alarm on a metric and dimensions MWAA publishes (values unknown until apply
    count as the documented ones; an unknown metric name or dimension map as well)."""
    if not isinstance(metric, str) or not isinstance(dimensions, dict):
        return True
    return unpublished(metric, dimensions) is None


RULE = Rule(
    id="mwaa-environment-alarmed",
    description=(
        "Every MWAA environment has at least one CloudWatch alarm on its AmazonMWAA metrics "
        "with an alarm action."
    ),
    severity="medium",
    remediation=(
        "Add MetricAlarms (namespace AmazonMWAA, dimension Environment = the environment's "
        "name) on SchedulerHeartbeat, TaskInstanceFailures and QueuedTasks, with alarmActions "
        "naming the stack's alerts topic."
    ),
    resource_types=(MWAA, METRIC_ALARM),
    check_stack=check,
)
