"""Invariants over the real stacks' plans: every failure has a path to the alerts topic,
and each alert rule fails a copy of the prod plan that drops its piece."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from policies.rules.core.engine import evaluate
from policies.rules.core.settings import PolicySettings
from policies.rules.registry import RULES
from scripts.plan.policy import views

ALERT_RULES = (
    "glue-failures-alerted",
    "mwaa-environment-alarmed",
    "cloudwatch-alarm-has-action",
    "alerts-topic-subscribed",
    "stack-budget-notifies",
    "snowflake-pipe-error-integration",
    "snowflake-alert-resumed",
    "mwaa-alarm-metric-published",
)


def of_type(document: dict[str, Any], short: str) -> list[dict[str, Any]]:
    return [r for r in document["resources"] if r["type"].endswith(f":{short}")]


def violations(document: dict[str, Any], rule_id: str) -> list[str]:
    rules = [r for r in RULES if r.id == rule_id]
    results = evaluate(views(document), rules, PolicySettings(), document["stack"])
    return [r.message for r in results if r.status == "violation"]


@pytest.mark.parametrize("rule_id", ALERT_RULES)
def test_no_alert_rule_reports_anything_on_a_real_stack(stack_plan, rule_id):
    assert violations(stack_plan, rule_id) == []


def test_prod_plans_one_encrypted_alerts_topic_with_a_subscription(plans):
    prod = plans["prod"]
    (topic,) = of_type(prod, "Topic")
    assert topic["inputs"]["kmsMasterKeyId"].startswith("arn:aws:kms:")
    subscriptions = of_type(prod, "TopicSubscription")
    assert subscriptions and all(
        s["inputs"]["protocol"] in ("email", "https") for s in subscriptions
    )


def test_prod_plans_a_monthly_budget_notifying_the_topic(plans):
    (budget,) = of_type(plans["prod"], "Budget")
    inputs = budget["inputs"]
    assert (inputs["budgetType"], inputs["timeUnit"]) == ("COST", "MONTHLY")
    kinds = {n["notificationType"] for n in inputs["notifications"]}
    assert kinds == {"FORECASTED", "ACTUAL"}


def test_every_stack_alarms_its_mwaa_environment_with_actions(stack_plan):
    alarms = [
        a for a in of_type(stack_plan, "MetricAlarm") if a["inputs"]["namespace"] == "AmazonMWAA"
    ]
    assert {a["inputs"]["metricName"] for a in alarms} >= {
        "SchedulerHeartbeat",
        "TaskInstanceFailures",
        "QueuedTasks",
    }
    assert all(a["inputs"]["alarmActions"] and a["inputs"]["okActions"] for a in alarms)


def test_every_pipe_of_every_stack_reports_errors_to_the_one_notification_integration(
    stack_plan,
):
    (integration,) = of_type(stack_plan, "NotificationIntegration")
    inputs = integration["inputs"]
    (topic,) = of_type(stack_plan, "Topic")
    assert (inputs["notificationProvider"], inputs["enabled"]) == ("AWS_SNS", True)
    assert inputs["awsSnsTopicArn"] == topic["outputs"]["arn"]
    pipes = of_type(stack_plan, "Pipe")
    assert pipes and {p["inputs"]["errorIntegration"] for p in pipes} == {inputs["name"]}


def test_the_notification_role_trusts_only_the_integrations_user_and_external_id(stack_plan):
    (integration,) = of_type(stack_plan, "NotificationIntegration")
    role_arn = integration["inputs"]["awsSnsRoleArn"]
    (role,) = [
        r for r in of_type(stack_plan, "Role") if role_arn.endswith(f"/{r['inputs']['name']}")
    ]
    (statement,) = json.loads(role["inputs"]["assumeRolePolicy"])["Statement"]
    assert statement["Principal"] == {"AWS": integration["outputs"]["awsSnsIamUserArn"]}
    assert statement["Condition"] == {
        "StringEquals": {"sts:ExternalId": integration["outputs"]["awsSnsExternalId"]}
    }


def test_every_stack_has_one_topic_only(stack_plan):
    assert len(of_type(stack_plan, "Topic")) == 1, stack_plan["stack"]


def _drop(short: str, where: Callable[[dict[str, Any]], bool] = lambda r: True) -> Any:
    def change(document: dict[str, Any]) -> None:
        document["resources"] = [
            r for r in document["resources"] if not (r["type"].endswith(f":{short}") and where(r))
        ]

    return change


def _unset_error_integration(document: dict[str, Any]) -> None:
    for pipe in of_type(document, "Pipe"):
        pipe["inputs"].pop("errorIntegration", None)


def _suspend_snowflake_alerts(document: dict[str, Any]) -> None:
    for alert in of_type(document, "Alert"):
        alert["inputs"]["enabled"] = False


def _failures_by_function(document: dict[str, Any]) -> None:
    """The task-failure alarm as it was first written: a dimension set MWAA never feeds."""
    for alarm in of_type(document, "MetricAlarm"):
        if alarm["inputs"].get("metricName") == "TaskInstanceFailures":
            env = alarm["inputs"]["dimensions"]["Environment"]
            alarm["inputs"]["dimensions"] = {"Environment": env, "Function": "Scheduler"}


def _silence_alarms(document: dict[str, Any]) -> None:
    for alarm in of_type(document, "MetricAlarm"):
        alarm["inputs"]["alarmActions"] = []


@pytest.mark.parametrize(
    ("rule_id", "change"),
    [
        ("alerts-topic-subscribed", _drop("TopicSubscription")),
        ("stack-budget-notifies", _drop("Budget")),
        ("mwaa-environment-alarmed", _drop("MetricAlarm")),
        ("mwaa-environment-alarmed", _silence_alarms),
        ("cloudwatch-alarm-has-action", _silence_alarms),
        ("glue-failures-alerted", _drop("EventTarget")),
        (
            "glue-failures-alerted",
            _drop("EventRule", lambda r: "crawler" in r["inputs"]["eventPattern"].lower()),
        ),
        ("snowflake-pipe-error-integration", _unset_error_integration),
        ("snowflake-pipe-error-integration", _drop("NotificationIntegration")),
        ("snowflake-alert-resumed", _suspend_snowflake_alerts),
        ("mwaa-alarm-metric-published", _failures_by_function),
    ],
    ids=[
        "no-subscription",
        "no-budget",
        "no-mwaa-alarm",
        "silent-mwaa-alarms",
        "silent-alarms",
        "no-event-targets",
        "no-crawler-rule",
        "pipes-without-error-integration",
        "no-notification-integration",
        "suspended-credit-alert",
        "task-failures-by-function",
    ],
)
def test_a_copy_of_prod_without_the_piece_fails_its_rule(plans, rule_id, change):
    document = copy.deepcopy(plans["prod"])
    change(document)
    assert violations(document, rule_id), f"{rule_id} passed a prod plan without its piece"


@pytest.mark.parametrize(
    ("statement", "publisher"),
    [
        ("alarms_to_sns_statement", "CloudWatch alarm"),
        ("budgets_to_sns_statement", "budget"),
    ],
)
def test_prod_without_the_services_key_statement_fails_the_data_path_rule(
    monkeypatch, statement, publisher
):
    """The real alerts key, stripped of one publisher's statement, is caught by preflight."""
    from components.alerts import alerts_topic
    from scripts.plan.command import plan

    harmless = {
        "Sid": "Unrelated",
        "Effect": "Allow",
        "Principal": {"Service": "logs.amazonaws.com"},
        "Action": "kms:Describe*",
        "Resource": "*",
    }
    monkeypatch.setattr(alerts_topic, statement, lambda *args: harmless)
    document = plan(None, "prod", None)
    messages = [
        v["message"]
        for v in document["violations"]
        if v["policy"] == "preflight-aws-data-paths-allowed"
    ]
    assert any(f"{publisher} [" in m and "publishes to topic" in m for m in messages), messages


def test_prod_whose_notification_role_may_not_use_the_topic_key_fails_the_data_path_rule(
    monkeypatch,
):
    """Snowflake's role without the KMS statement cannot publish to the encrypted topic."""
    from components.integration import snowflake_notifications
    from scripts.plan.command import plan

    def publish_only(topic_arn: str, key_arn: str) -> dict[str, Any]:
        return {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": topic_arn}],
        }

    monkeypatch.setattr(snowflake_notifications, "snowflake_publish_policy", publish_only)
    document = plan(None, "prod", None)
    messages = [
        v["message"]
        for v in document["violations"]
        if v["policy"] == "preflight-aws-data-paths-allowed"
    ]
    assert any(
        "notification integration [" in m and "kms:GenerateDataKey" in m for m in messages
    ), messages
