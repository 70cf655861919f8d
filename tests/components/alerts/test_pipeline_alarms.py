"""PipelineAlarms: the three MWAA alarms on the exact AmazonMWAA metrics, and the dashboard."""

from __future__ import annotations

import json

import pytest

from components.alerts.pipeline_alarms import PipelineAlarms, PipelineAlarmsArgs
from tests.components.orchestration.conftest import ACCOUNT, NAMING, REGION, TAGS, Plan, plan

TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:acme-dp-prod-alerts"
ARGS = PipelineAlarmsArgs(
    naming=NAMING,
    tags=TAGS,
    environment_name="acme-dp-prod-airflow",
    topic_arn=TOPIC,
    queued_tasks_threshold=40,
    failure_rule_names=("acme-dp-prod-glue-job-failures",),
)


@pytest.fixture(scope="module")
def alarms() -> Plan:
    return plan(lambda: PipelineAlarms("health", ARGS))


def test_the_three_alarms_watch_the_documented_mwaa_metrics(alarms):
    found = {
        r.inputs["name"]: (
            r.inputs["namespace"],
            r.inputs["metricName"],
            r.inputs["dimensions"],
            r.inputs["statistic"],
            r.inputs["comparisonOperator"],
            r.inputs["threshold"],
            r.inputs["evaluationPeriods"],
            r.inputs["treatMissingData"],
        )
        for r in alarms.of("MetricAlarm")
    }
    env = "acme-dp-prod-airflow"
    assert found == {
        "acme-dp-prod-mwaa-scheduler-heartbeat": (
            "AmazonMWAA",
            "SchedulerHeartbeat",
            {"Environment": env, "Function": "Scheduler"},
            "SampleCount",
            "LessThanThreshold",
            1.0,
            2.0,
            "breaching",
        ),
        "acme-dp-prod-mwaa-task-failures": (
            "AmazonMWAA",
            "TaskInstanceFailures",
            # The environment-wide count (the guide's "DAG, All Task, All"), no Function.
            {"Environment": env, "DAG": "All", "Task": "All"},
            "Sum",
            "GreaterThanOrEqualToThreshold",
            1.0,
            1.0,
            "notBreaching",
        ),
        "acme-dp-prod-mwaa-queued-tasks": (
            "AmazonMWAA",
            "QueuedTasks",
            {"Environment": env, "Function": "Executor"},
            "Maximum",
            "GreaterThanThreshold",
            40.0,
            3.0,
            "notBreaching",
        ),
    }


def test_every_alarm_notifies_the_topic_on_alarm_and_on_ok(alarms):
    for r in alarms.of("MetricAlarm"):
        assert r.inputs["alarmActions"] == [TOPIC], r.name
        assert r.inputs["okActions"] == [TOPIC], r.name


def test_the_dashboard_charts_mwaa_the_glue_failure_rule_and_the_alarms(alarms):
    dashboard = alarms.one("Dashboard").inputs
    assert dashboard["dashboardName"] == "acme-dp-prod-pipeline-health"
    widgets = json.loads(dashboard["dashboardBody"])["widgets"]
    metrics = [m for w in widgets if w["type"] == "metric" for m in w["properties"]["metrics"]]
    assert ["AWS/Events", "TriggeredRules", "RuleName", "acme-dp-prod-glue-job-failures"] in metrics
    assert {m[1] for m in metrics if m[0] == "AmazonMWAA"} == {
        "SchedulerHeartbeat",
        "TaskInstanceFailures",
        "QueuedTasks",
    }
    (alarm_widget,) = [w for w in widgets if w["type"] == "alarm"]
    assert alarm_widget["properties"]["alarms"] == sorted(
        f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:acme-dp-prod-mwaa-{k}"
        for k in ("scheduler-heartbeat", "task-failures", "queued-tasks")
    )


def test_without_glue_rules_the_dashboard_has_no_empty_metric_widget():
    import dataclasses

    run = plan(lambda: PipelineAlarms("h", dataclasses.replace(ARGS, failure_rule_names=())))
    widgets = json.loads(run.one("Dashboard").inputs["dashboardBody"])["widgets"]
    assert all(w["properties"]["metrics"] for w in widgets if w["type"] == "metric")


def test_a_queued_tasks_threshold_below_one_is_refused():
    import dataclasses

    with pytest.raises(ValueError, match="queued_tasks_threshold"):
        dataclasses.replace(ARGS, queued_tasks_threshold=0)
