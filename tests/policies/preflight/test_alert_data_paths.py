"""CloudWatch alarms and AWS Budgets publishing to an encrypted topic: allowed only when the
topic policy and the key policy both admit the service (synthetic stacks)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from components.alerts.alerts_topic import topic_policy
from components.kms_key import alarms_to_sns_statement, budgets_to_sns_statement
from policies.rules.core.view import ResourceView
from tests.policies.helpers import run
from tests.policies.preflight.test_aws_data_paths import ACCT, REGION, RULE, aws, key, key_arn

TOPIC_ARN = f"arn:aws:sns:{REGION}:{ACCT}:alerts"
ALARM_ARN = f"arn:aws:cloudwatch:{REGION}:{ACCT}:alarm:heartbeat"
BUDGET_ARN = f"arn:aws:budgets::{ACCT}:budget/monthly"


def stack(
    key_statements: tuple[dict[str, Any], ...] | None = None,
    publishers: tuple[str, ...] | None = None,
) -> list[ResourceView]:
    """A topic with the AlertsTopic policies, an alarm and a budget publishing to it."""
    statements = (
        key_statements
        if key_statements is not None
        else (alarms_to_sns_statement(ACCT, REGION), budgets_to_sns_statement(ACCT))
    )
    document = topic_policy(TOPIC_ARN, ACCT, REGION)
    if publishers is not None:
        document["Statement"] = [
            s
            for s in document["Statement"]
            if s["Action"] != "sns:Publish" or s["Principal"]["Service"] in publishers
        ]
    return [
        key("alerts", *statements),
        aws(
            "aws:sns/topic:Topic",
            "alerts",
            {"name": "alerts", "kmsMasterKeyId": key_arn("alerts")},
            arn=TOPIC_ARN,
        ),
        aws(
            "aws:sns/topicPolicy:TopicPolicy",
            "alerts",
            {"arn": TOPIC_ARN, "policy": json.dumps(document)},
        ),
        aws(
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "heartbeat",
            {"name": "heartbeat", "alarmActions": [TOPIC_ARN], "okActions": [TOPIC_ARN]},
            arn=ALARM_ARN,
        ),
        aws(
            "aws:budgets/budget:Budget",
            "monthly",
            {
                "name": "monthly",
                "notifications": [
                    {"notificationType": "ACTUAL", "subscriberSnsTopicArns": [TOPIC_ARN]}
                ],
            },
            arn=BUDGET_ARN,
        ),
    ]


def messages(resources: list[ResourceView]) -> list[str]:
    return [r.message for r in run(RULE, resources) if r.status == "violation"]


def test_alarms_and_budgets_publish_through_the_alerts_topic_policies():
    assert messages(stack()) == []


@pytest.mark.parametrize(
    ("publishers", "label"),
    [
        (("events.amazonaws.com", "budgets.amazonaws.com"), "CloudWatch alarm [heartbeat]"),
        (("events.amazonaws.com", "cloudwatch.amazonaws.com"), "budget [monthly]"),
    ],
)
def test_a_topic_policy_without_the_service_denies_its_publish(publishers, label):
    (message,) = messages(stack(publishers=publishers))
    assert f"{label} publishes to topic [alerts]" in message


@pytest.mark.parametrize(
    ("statements", "label"),
    [
        ((budgets_to_sns_statement(ACCT),), "CloudWatch alarm [heartbeat]"),
        ((alarms_to_sns_statement(ACCT, REGION),), "budget [monthly]"),
    ],
)
def test_a_key_policy_without_the_service_denies_its_publish(statements, label):
    (message,) = messages(stack(key_statements=statements))
    assert f"{label} publishes to topic [alerts]" in message
    assert "kms:" in message
