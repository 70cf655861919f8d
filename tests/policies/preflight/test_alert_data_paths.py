"""CloudWatch alarms and AWS Budgets publishing to an encrypted topic: allowed only when the
topic policy and the key policy both admit the service (synthetic stacks)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from components.alerts.alerts_topic import topic_policy
from components.security.kms_key import alarms_to_sns_statement, budgets_to_sns_statement
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
        else (alarms_to_sns_statement(), budgets_to_sns_statement())
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
        ((budgets_to_sns_statement(),), "CloudWatch alarm [heartbeat]"),
        ((alarms_to_sns_statement(),), "budget [monthly]"),
    ],
)
def test_a_key_policy_without_the_service_denies_its_publish(statements, label):
    (message,) = messages(stack(key_statements=statements))
    assert f"{label} publishes to topic [alerts]" in message
    assert "kms:" in message


SF_USER = "arn:aws:iam::999999999999:user/sfc-abc"
SF_ROLE = f"arn:aws:iam::{ACCT}:role/sf-alerts"


def snowflake(external_id: str = "EXT=1", **outputs: Any) -> list[ResourceView]:
    """The alerts topic, Snowflake's notification integration and its role, built from the
    component's own documents; the role trusts `external_id`."""
    from components.integration.snowflake_ingest_iam import snowflake_trust_policy
    from components.integration.snowflake_notifications_iam import snowflake_publish_policy

    topic = [r for r in stack() if r.type.startswith(("aws:sns", "aws:kms"))]
    trust = snowflake_trust_policy(SF_USER, external_id, "SnowflakeNotificationIntegration")
    return [
        *topic,
        aws(
            "aws:iam/role:Role",
            "sf-alerts",
            {"name": "sf-alerts", "assumeRolePolicy": json.dumps(trust)},
            arn=SF_ROLE,
            id="sf-alerts",
        ),
        aws(
            "aws:iam/rolePolicy:RolePolicy",
            "sf-alerts-publish",
            {
                "role": "sf-alerts",
                "policy": json.dumps(snowflake_publish_policy(TOPIC_ARN, key_arn("alerts"))),
            },
        ),
        aws(
            "snowflake:index/notificationIntegration:NotificationIntegration",
            "errors",
            {
                "name": "ERRORS",
                "notificationProvider": "AWS_SNS",
                "awsSnsTopicArn": TOPIC_ARN,
                "awsSnsRoleArn": SF_ROLE,
            },
            **{"awsSnsIamUserArn": SF_USER, "awsSnsExternalId": "EXT=1", **outputs},
        ),
    ]


def test_snowflake_assumes_its_role_and_publishes_with_the_topic_key():
    assert messages(snowflake()) == []


def test_a_trust_on_another_external_id_denies_snowflake():
    (message,) = messages(snowflake(external_id="EXT=old"))
    assert "Snowflake (notification integration [errors]) assumes role [sf-alerts]" in message


def test_an_iam_user_unknown_until_apply_is_not_evaluated():
    results = run(RULE, snowflake(awsSnsIamUserArn="[unknown]"))
    pending = [r for r in results if r.status == "not-evaluated"]
    assert pending and "awsSnsIamUserArn" in pending[0].message, results
