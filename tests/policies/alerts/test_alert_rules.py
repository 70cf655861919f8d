"""The alert-path rules on small synthetic stacks: one compliant, one per way to fail."""

from __future__ import annotations

import json
from typing import Any

import pytest

from policies.rules.core.view import ResourceView
from policies.rules.core.wire import OFFLINE_UNKNOWN
from tests.policies.helpers import failing, run, view

TOPIC_ARN = "arn:aws:sns:eu-west-1:111122223333:alerts"
KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b7a6c1e-1111-2222-3333-444455556666"


def job(name: str = "etl") -> ResourceView:
    return view("aws:glue/job:Job", name, {"name": name})


def crawler(name: str = "crawl") -> ResourceView:
    return view("aws:glue/crawler:Crawler", name, {"name": name})


def rule(name: str, detail_type: str, key: str, names: list[str], states: list[str]) -> Any:
    pattern = {
        "source": ["aws.glue"],
        "detail-type": [detail_type],
        "detail": {key: names, "state": states},
    }
    return view(
        "aws:cloudwatch/eventRule:EventRule",
        name,
        {"name": name, "eventPattern": json.dumps(pattern)},
    )


def target(rule_name: str) -> ResourceView:
    return view(
        "aws:cloudwatch/eventTarget:EventTarget",
        f"{rule_name}-target",
        {"rule": rule_name, "arn": TOPIC_ARN},
    )


def glue_stack(**drop: bool) -> list[ResourceView]:
    resources = [
        job(),
        crawler(),
        rule("jobs", "Glue Job State Change", "jobName", ["etl"], ["FAILED", "TIMEOUT"]),
        rule("crawlers", "Glue Crawler State Change", "crawlerName", ["crawl"], ["Failed"]),
        target("jobs"),
        target("crawlers"),
    ]
    return [r for r in resources if not drop.get(r.name.replace("-", "_"))]


def test_glue_jobs_and_crawlers_with_routed_failure_rules_pass():
    assert failing("glue-failures-alerted", glue_stack()) == set()


@pytest.mark.parametrize(
    ("drop", "unalerted"),
    [
        ({"jobs": True, "jobs_target": True}, {"etl"}),
        ({"crawlers_target": True}, {"crawl"}),
    ],
)
def test_a_glue_resource_without_a_routed_failure_rule_fails(drop, unalerted):
    assert failing("glue-failures-alerted", glue_stack(**drop)) == unalerted


def test_a_rule_that_matches_only_successes_is_no_alert():
    resources = [
        job(),
        rule("ok", "Glue Job State Change", "jobName", ["etl"], ["SUCCEEDED"]),
        target("ok"),
    ]
    assert failing("glue-failures-alerted", resources) == {"etl"}


def test_a_rule_naming_other_jobs_is_no_alert_for_this_one():
    resources = [
        job(),
        rule("other", "Glue Job State Change", "jobName", ["other"], ["FAILED"]),
        target("other"),
    ]
    assert failing("glue-failures-alerted", resources) == {"etl"}


def mwaa(name: str = "airflow") -> ResourceView:
    return view("aws:mwaa/environment:Environment", name, {"name": name})


def alarm(name: str, env: str = "airflow", **props: Any) -> ResourceView:
    base = {
        "name": name,
        "namespace": "AmazonMWAA",
        "metricName": "SchedulerHeartbeat",
        "dimensions": {"Environment": env, "Function": "Scheduler"},
        "alarmActions": [TOPIC_ARN],
    }
    return view("aws:cloudwatch/metricAlarm:MetricAlarm", name, {**base, **props})


def test_an_mwaa_environment_with_an_alarm_that_acts_passes():
    assert failing("mwaa-environment-alarmed", [mwaa(), alarm("heartbeat")]) == set()


@pytest.mark.parametrize(
    "alarms",
    [
        [],
        [alarm("heartbeat", alarmActions=[])],
        [alarm("heartbeat", env="another-environment")],
        [alarm("heartbeat", namespace="AWS/EC2")],
        [alarm("failures", metricName="TaskInstanceFailures")],
    ],
    ids=["no-alarm", "no-action", "other-environment", "other-namespace", "never-fires"],
)
def test_an_mwaa_environment_without_an_acting_alarm_fails(alarms):
    assert failing("mwaa-environment-alarmed", [mwaa(), *alarms]) == {"airflow"}


@pytest.mark.parametrize(
    ("metric", "dimensions"),
    [
        ("SchedulerHeartbeat", {"Function": "Scheduler"}),
        ("TaskInstanceFailures", {"DAG": "All", "Task": "All"}),
        ("QueuedTasks", {"Function": "Executor"}),
        ("DAGDurationFailed", {"DAG": "nightly_load"}),
    ],
)
def test_an_alarm_on_a_published_mwaa_metric_passes(metric, dimensions):
    found = alarm("a", metricName=metric, dimensions={"Environment": "airflow", **dimensions})
    assert failing("mwaa-alarm-metric-published", [found]) == set()


@pytest.mark.parametrize(
    ("metric", "dimensions", "words"),
    [
        (
            "TaskInstanceFailures",
            {"Environment": "e", "Function": "Scheduler"},
            "DAG=All, Task=All",
        ),
        ("QueuedTasks", {"Environment": "e", "Function": "Scheduler"}, "Function=Executor"),
        ("SchedulerHeartbeat", {"Function": "Scheduler"}, "needs the Environment dimension"),
        ("SchedulerHeartbeats", {"Environment": "e", "Function": "Scheduler"}, "not a metric"),
    ],
    ids=["failures-by-function", "queued-wrong-function", "no-environment", "misspelled"],
)
def test_an_alarm_mwaa_never_feeds_is_a_violation(metric, dimensions, words):
    found = alarm("a", metricName=metric, dimensions=dimensions)
    results = [r for r in run("mwaa-alarm-metric-published", [found]) if r.status == "violation"]
    assert len(results) == 1 and words in results[0].message, results


def test_an_alarm_with_an_action_passes():
    assert failing("cloudwatch-alarm-has-action", [alarm("a")]) == set()


@pytest.mark.parametrize(
    "props", [{"alarmActions": []}, {"actionsEnabled": False}], ids=["no-action", "disabled"]
)
def test_an_alarm_that_tells_nobody_fails(props):
    assert failing("cloudwatch-alarm-has-action", [alarm("a", **props)]) == {"a"}


def topic(name: str = "alerts", key: str | None = KEY) -> ResourceView:
    props = {"name": name, **({"kmsMasterKeyId": key} if key else {})}
    return view("aws:sns/topic:Topic", name, props, outputs={"arn": TOPIC_ARN})


def subscription() -> ResourceView:
    return view(
        "aws:sns/topicSubscription:TopicSubscription",
        "oncall",
        {"topic": TOPIC_ARN, "protocol": "email", "endpoint": "oncall@acme.example"},
    )


def budget(notifications: list[dict[str, Any]] | None = None) -> ResourceView:
    default = [{"notificationType": "ACTUAL", "subscriberSnsTopicArns": [TOPIC_ARN]}]
    return view(
        "aws:budgets/budget:Budget",
        "monthly",
        {"name": "monthly", "notifications": default if notifications is None else notifications},
    )


def test_a_pipeline_stack_with_a_subscribed_encrypted_topic_passes():
    assert failing("alerts-topic-subscribed", [job(), topic(), subscription()]) == set()


@pytest.mark.parametrize(
    "resources",
    [[topic()], [topic(key=None), subscription()]],
    ids=["no-subscription", "unencrypted-topic"],
)
def test_a_pipeline_stack_whose_alerts_reach_nobody_fails(resources):
    results = [r for r in run("alerts-topic-subscribed", [job(), *resources])]
    assert [r.status for r in results] == ["violation"]


def test_a_stack_without_pipelines_needs_no_alerts_topic():
    assert failing("alerts-topic-subscribed", [topic()]) == set()


def test_a_pipeline_stack_with_a_notifying_budget_passes():
    assert failing("stack-budget-notifies", [job(), budget()]) == set()


@pytest.mark.parametrize(
    "resources",
    [[], [budget(notifications=[])], [budget([{"subscriberSnsTopicArns": []}])]],
    ids=["no-budget", "no-notification", "no-topic-subscriber"],
)
def test_a_pipeline_stack_without_a_notifying_budget_fails(resources):
    results = run("stack-budget-notifies", [job(), *resources])
    assert [r.status for r in results] == ["violation"]


def integration(name: str = "ALERTS_SNS", **props: Any) -> ResourceView:
    values = {
        "name": name,
        "enabled": True,
        "notificationProvider": "AWS_SNS",
        "awsSnsTopicArn": TOPIC_ARN,
        "awsSnsRoleArn": "arn:aws:iam::111122223333:role/snowflake-alerts",
        **props,
    }
    return view("snowflake:index/notificationIntegration:NotificationIntegration", name, values)


def pipe(name: str, depends_on: tuple[str, ...] = (), **props: Any) -> ResourceView:
    deps = {"errorIntegration": depends_on} if depends_on else {}
    return view("snowflake:index/pipe:Pipe", name, props, property_dependencies=deps)


def test_a_pipe_reporting_to_an_sns_integration_of_the_stack_passes_in_every_environment():
    for stack in ("dev", "staging", "prod"):
        resources = [integration(), pipe("good", errorIntegration="alerts_sns")]
        assert failing("snowflake-pipe-error-integration", resources, stack=stack) == set()


@pytest.mark.parametrize(
    ("resources", "words"),
    [
        ([pipe("p")], "sets no errorIntegration"),
        ([pipe("p", errorIntegration="ELSEWHERE")], "does not create"),
        ([integration(enabled=False), pipe("p", errorIntegration="ALERTS_SNS")], "disabled"),
        (
            [
                integration(notificationProvider="GCP_PUBSUB"),
                pipe("p", errorIntegration="ALERTS_SNS"),
            ],
            "does not publish to Amazon SNS",
        ),
        (
            [integration(awsSnsTopicArn=None), pipe("p", errorIntegration="ALERTS_SNS")],
            "names no SNS topic",
        ),
    ],
    ids=["unset", "not-in-the-program", "disabled", "not-sns", "no-topic"],
)
def test_a_pipe_without_an_alert_path_is_a_mandatory_violation(resources, words):
    results = [
        r for r in run("snowflake-pipe-error-integration", resources) if r.status == "violation"
    ]
    assert [(r.name, r.level) for r in results] == [("p", "mandatory")]
    assert words in results[0].message


def test_a_pipe_whose_integration_name_is_unknown_until_apply_counts_by_its_dependency():
    target = integration()
    waiting = pipe(
        "p",
        errorIntegration=OFFLINE_UNKNOWN,
        depends_on=(target.urn,),
    )
    assert failing("snowflake-pipe-error-integration", [target, waiting]) == set()
    stranger = pipe("q", errorIntegration=OFFLINE_UNKNOWN)
    assert failing("snowflake-pipe-error-integration", [target, stranger]) == {"q"}


def snowflake_alert(**props: Any) -> ResourceView:
    values = {
        "enabled": True,
        "alertSchedule": {"cron": {"expression": "0 7 * * *", "timeZone": "UTC"}},
        "action": "CALL SYSTEM$SEND_SNOWFLAKE_NOTIFICATION(...)",
        **props,
    }
    return view("snowflake:index/alert:Alert", "credit", values)


def test_an_enabled_scheduled_alert_with_an_action_passes():
    assert failing("snowflake-alert-resumed", [snowflake_alert()]) == set()
    assert (
        failing("snowflake-alert-resumed", [snowflake_alert(alertSchedule={"interval": 60})])
        == set()
    )


@pytest.mark.parametrize(
    ("props", "words"),
    [
        ({"enabled": False}, "creates alerts suspended"),
        ({"enabled": None}, "creates alerts suspended"),
        ({"alertSchedule": None}, "no schedule"),
        ({"action": " "}, "no action"),
    ],
    ids=["disabled", "enabled-unset", "no-schedule", "no-action"],
)
def test_an_alert_that_never_runs_or_tells_nobody_is_a_violation(props, words):
    results = [
        r
        for r in run("snowflake-alert-resumed", [snowflake_alert(**props)])
        if r.status == "violation"
    ]
    assert len(results) == 1 and words in results[0].message


def test_an_mwaa_alarm_dimension_unknown_until_apply_is_not_reported():
    found = alarm(
        "a",
        metricName="QueuedTasks",
        dimensions={"Environment": OFFLINE_UNKNOWN, "Function": OFFLINE_UNKNOWN},
    )
    assert failing("mwaa-alarm-metric-published", [found]) == set()
    wrong_names = alarm("b", dimensions={"Environment": "e", "Pool": OFFLINE_UNKNOWN})
    assert failing("mwaa-alarm-metric-published", [wrong_names]) == {"b"}
