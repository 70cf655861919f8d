"""SnowflakeNotifications built alone: the notification integration names a role fixed up
front; the role trusts what the integration describes and may publish to the topic with its
key; the name resolves only once it may."""

from __future__ import annotations

import json

import pytest

from components.integration.snowflake_ingest_iam import snowflake_trust_policy
from components.integration.snowflake_notifications import (
    SnowflakeNotifications,
    SnowflakeNotificationsArgs,
)
from tests.components.synthetic import Built, Probe, build_snowflake

ACCOUNT = "410987654321"
TOPIC = f"arn:aws:sns:eu-west-1:{ACCOUNT}:acme-dp-prod-alerts"
KEY = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/alerts"
ROLE = "acme-dp-prod-snowflake-alerts"


@pytest.fixture(scope="module")
def built() -> Built:
    def construct(providers):
        notifications = SnowflakeNotifications(
            "sf-alerts",
            SnowflakeNotificationsArgs(
                integration="ACME_DP_PROD_ALERTS",
                account_id=ACCOUNT,
                role_name=ROLE,
                topic_arn=Probe("topic", TOPIC).value,
                key_arn=KEY,
                tags={"environment": "prod"},
            ),
            providers,
        )
        Probe("pipe", notifications.name)
        return {"name": notifications.name, "role": notifications.role.arn}

    return build_snowflake(construct)


def test_built_alone_it_holds_the_integration_the_role_and_its_publish_policy(built):
    assert built.resources() == [
        ("NotificationIntegration", "sf-alerts-integration"),
        ("Role", "sf-alerts-role"),
        ("RolePolicy", "sf-alerts-publish"),
    ]
    assert built.children("sf-alerts", "SnowflakeNotifications") == {
        name for _, name in built.resources()
    }


def test_the_integration_publishes_to_the_topic_as_the_role_named_up_front(built):
    assert built.named("sf-alerts-integration").inputs == {
        "name": "ACME_DP_PROD_ALERTS",
        "enabled": True,
        "notificationProvider": "AWS_SNS",
        "awsSnsTopicArn": TOPIC,
        "awsSnsRoleArn": f"arn:aws:iam::{ACCOUNT}:role/{ROLE}",
        "comment": "Pipe load errors and platform alerts to the stack's alerts topic",
    }, "sf-alerts-integration"
    assert built.provider_of("sf-alerts-integration") == "sf-objects"


def test_the_role_trusts_the_user_and_external_id_the_integration_describes(built):
    described = built.named("sf-alerts-integration").outputs
    role = dict(built.named("sf-alerts-role").inputs)
    trust = json.loads(role.pop("assumeRolePolicy"))
    assert trust == snowflake_trust_policy(
        described["awsSnsIamUserArn"],
        described["awsSnsExternalId"],
        "SnowflakeNotificationIntegration",
    ), "sf-alerts-role"
    assert role == {
        "name": ROLE,
        "description": "Snowflake notification integration ACME_DP_PROD_ALERTS publishes alerts",
        "maxSessionDuration": 3600,
        "tags": {"environment": "prod"},
    }, "sf-alerts-role"
    assert built.depends_on("sf-alerts-role") == {"sf-alerts-integration"}


def test_the_role_may_publish_to_the_topic_and_use_its_key_only(built):
    publish = built.named("sf-alerts-publish")
    assert publish.inputs["role"] == ROLE, "sf-alerts-publish"
    assert json.loads(publish.inputs["policy"]) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublishToTheAlertsTopic",
                "Effect": "Allow",
                "Action": "sns:Publish",
                "Resource": TOPIC,
            },
            {
                "Sid": "UseTheTopicKey",
                "Effect": "Allow",
                "Action": ["kms:GenerateDataKey", "kms:Decrypt"],
                "Resource": KEY,
            },
        ],
    }, "sf-alerts-publish"


def test_what_names_the_integration_waits_until_the_role_may_publish(built):
    assert built.depends_on("pipe") == {"sf-alerts-integration", "sf-alerts-publish"}


def test_the_outputs_are_the_integrations_name_and_the_roles_arn(built):
    assert built.outputs == {
        "name": "ACME_DP_PROD_ALERTS",
        "role": f"arn:aws:iam::{ACCOUNT}:role/{ROLE}",
    }
