"""An alarm on an AmazonMWAA metric watches a metric and dimensions MWAA publishes.

CloudWatch accepts an alarm on any name and dimension set; one MWAA never publishes has
no data, and with missing data treated as not breaching it stays OK through every
failure (this platform's task-failure alarm once asked for Function=Scheduler).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from .alert_paths import METRIC_ALARM
from .mwaa_metrics import unpublished

NAMESPACE = "AmazonMWAA"


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """Only alarms in the AmazonMWAA namespace; a dimension value unknown until apply is
    taken as the documented one (`unpublished`)."""
    if view.need("namespace") != NAMESPACE:
        return
    dimensions = view.need("dimensions") or {}
    if not isinstance(dimensions, dict):
        return
    reason = unpublished(str(view.need("metricName")), dimensions)
    if reason is not None:
        yield view.violation(f"alarm [{view.name}] can never fire: {reason}")


RULE = Rule(
    id="mwaa-alarm-metric-published",
    description=(
        "CloudWatch alarms on AmazonMWAA name a metric MWAA publishes, with its documented "
        "dimensions (Amazon MWAA User Guide, Apache Airflow v2 metrics in CloudWatch)."
    ),
    severity="medium",
    remediation=(
        "Use the metric's dimensions from the guide beside Environment: SchedulerHeartbeat "
        "Function=Scheduler, TaskInstanceFailures DAG=All and Task=All, QueuedTasks "
        "Function=Executor (policies/rules/alerts/mwaa_metrics.py)."
    ),
    resource_types=(METRIC_ALARM,),
    check=check,
)
