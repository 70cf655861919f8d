"""PipelineAlarms: CloudWatch alarms on what MWAA publishes, and the pipeline-health dashboard."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws as aws

from components.naming import Naming
from components.tags import MandatoryTags

# The namespace, metric names and dimensions of "Apache Airflow v2 environment metrics in
# CloudWatch" (Amazon MWAA User Guide, access-metrics-cw-202; source
# awsdocs/amazon-mwaa-user-guide doc_source/access-metrics-cw-202.md), each beside the
# `Environment` dimension (the guide's dashboard template, monitoring-dashboard.md):
# `scheduler_heartbeat` is SchedulerHeartbeat (Function=Scheduler), `ti_failures` is
# TaskInstanceFailures (DAG=All, Task=All: the environment-wide count, not a Function),
# `executor.queued_tasks` is QueuedTasks (Function=Executor).
MWAA_NAMESPACE = "AmazonMWAA"
SCHEDULER_HEARTBEAT = "SchedulerHeartbeat"
TASK_INSTANCE_FAILURES = "TaskInstanceFailures"
QUEUED_TASKS = "QueuedTasks"
METRIC_DIMENSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    SCHEDULER_HEARTBEAT: (("Function", "Scheduler"),),
    TASK_INSTANCE_FAILURES: (("DAG", "All"), ("Task", "All")),
    QUEUED_TASKS: (("Function", "Executor"),),
}


@dataclass(frozen=True)
class MwaaAlarm:
    """One alarm on an MWAA metric (pure data, see `mwaa_alarms`)."""

    key: str
    description: str
    metric_name: str
    statistic: str
    comparison_operator: str
    threshold: float
    evaluation_periods: int
    treat_missing_data: str
    period_seconds: int = 300


@dataclass(frozen=True)
class PipelineAlarmsArgs:
    """Inputs of PipelineAlarms.

    Attributes:
        naming: The stack's naming scheme.
        tags: The mandatory tags.
        environment_name: The MWAA environment's name (the `Environment` dimension).
        topic_arn: The alerts topic: every alarm notifies it on ALARM and on OK.
        queued_tasks_threshold: Queued tasks above which, for 15 minutes, the workers
            are too few. Defaults to 100.
        failure_rule_names: The EventBridge rules of Glue failures, charted on the
            dashboard. Defaults to none.
    """

    naming: Naming
    tags: MandatoryTags
    environment_name: pulumi.Input[str]
    topic_arn: pulumi.Input[str]
    queued_tasks_threshold: int = 100
    failure_rule_names: Sequence[pulumi.Input[str]] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.queued_tasks_threshold < 1:
            raise ValueError(
                "PipelineAlarmsArgs.queued_tasks_threshold must be at least 1; "
                f"got {self.queued_tasks_threshold}"
            )


class PipelineAlarms(pulumi.ComponentResource):
    """Three alarms on the MWAA environment, each notifying the alerts topic, and one
    dashboard of pipeline health (MWAA metrics, Glue failure events, the alarms).

    Attributes:
        alarms: The alarms by key (`scheduler-heartbeat`, `task-failures`, `queued-tasks`).
        dashboard_name: The CloudWatch dashboard's name.
    """

    alarms: dict[str, aws.cloudwatch.MetricAlarm]
    dashboard_name: pulumi.Output[str]

    def __init__(
        self, name: str, args: PipelineAlarmsArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:alerts:PipelineAlarms", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        naming = args.naming
        tags = args.tags.for_data("internal")
        self.alarms = {
            alarm.key: aws.cloudwatch.MetricAlarm(
                f"{name}-{alarm.key}",
                name=naming.resource(f"mwaa-{alarm.key}", max_length=255),
                alarm_description=alarm.description,
                namespace=MWAA_NAMESPACE,
                metric_name=alarm.metric_name,
                dimensions={
                    "Environment": args.environment_name,
                    **dict(METRIC_DIMENSIONS[alarm.metric_name]),
                },
                statistic=alarm.statistic,
                period=alarm.period_seconds,
                evaluation_periods=alarm.evaluation_periods,
                threshold=alarm.threshold,
                comparison_operator=alarm.comparison_operator,
                treat_missing_data=alarm.treat_missing_data,
                alarm_actions=[args.topic_arn],
                ok_actions=[args.topic_arn],
                tags=tags,
                opts=child,
            )
            for alarm in mwaa_alarms(args.queued_tasks_threshold)
        }
        body = pulumi.Output.all(
            args.environment_name,
            [a.arn for a in self.alarms.values()],
            list(args.failure_rule_names),
        ).apply(
            lambda v: json.dumps(dashboard_body(str(v[0]), list(v[1]), list(v[2]), naming.region))
        )
        dashboard = aws.cloudwatch.Dashboard(
            f"{name}-dashboard",
            dashboard_name=naming.resource("pipeline-health", max_length=255),
            dashboard_body=body,
            opts=child,
        )
        self.dashboard_name = dashboard.dashboard_name
        self.register_outputs(
            {
                "alarm_arns": {k: a.arn for k, a in self.alarms.items()},
                "dashboard_name": self.dashboard_name,
            }
        )


def mwaa_alarms(queued_tasks_threshold: int) -> list[MwaaAlarm]:
    """The alarms every MWAA environment gets.

    A missing heartbeat is itself the failure (a dead scheduler publishes nothing), so
    that alarm treats missing data as breaching; the others treat it as fine (no
    task ran, nothing queued).
    """
    return [
        MwaaAlarm(
            "scheduler-heartbeat",
            "The Airflow scheduler sent no heartbeat for 10 minutes",
            SCHEDULER_HEARTBEAT,
            "SampleCount",
            "LessThanThreshold",
            1,
            2,
            "breaching",
        ),
        MwaaAlarm(
            "task-failures",
            "Airflow task instances failed in the last 5 minutes",
            TASK_INSTANCE_FAILURES,
            "Sum",
            "GreaterThanOrEqualToThreshold",
            1,
            1,
            "notBreaching",
        ),
        MwaaAlarm(
            "queued-tasks",
            f"More than {queued_tasks_threshold} Airflow tasks queued for 15 minutes",
            QUEUED_TASKS,
            "Maximum",
            "GreaterThanThreshold",
            queued_tasks_threshold,
            3,
            "notBreaching",
        ),
    ]


def dashboard_body(
    environment_name: str, alarm_arns: list[str], failure_rules: list[str], region: str
) -> dict[str, Any]:
    """The dashboard: MWAA health, Glue failure events per rule, and the alarms' states."""

    def metric_widget(title: str, metrics: list[list[Any]], y: int, x: int) -> dict[str, Any]:
        return {
            "type": "metric",
            "x": x,
            "y": y,
            "width": 12,
            "height": 6,
            "properties": {
                "title": title,
                "region": region,
                "view": "timeSeries",
                "stat": "Sum",
                "period": 300,
                "metrics": metrics,
            },
        }

    def mwaa(metric: str) -> list[Any]:
        dims = [part for pair in METRIC_DIMENSIONS[metric] for part in pair]
        return [MWAA_NAMESPACE, metric, "Environment", environment_name, *dims]

    widgets = [
        metric_widget(
            "MWAA scheduler and tasks",
            [mwaa(SCHEDULER_HEARTBEAT), mwaa(TASK_INSTANCE_FAILURES)],
            0,
            0,
        ),
        metric_widget("MWAA queued tasks", [mwaa(QUEUED_TASKS)], 0, 12),
        {
            "type": "alarm",
            "x": 12,
            "y": 6,
            "width": 12,
            "height": 6,
            "properties": {"title": "Pipeline alarms", "alarms": sorted(alarm_arns)},
        },
    ]
    if failure_rules:
        # CloudWatch refuses a metric widget without metrics.
        widgets.append(
            metric_widget(
                "Glue failures (events matched)",
                [["AWS/Events", "TriggeredRules", "RuleName", r] for r in failure_rules],
                6,
                0,
            )
        )
    return {"widgets": widgets}
