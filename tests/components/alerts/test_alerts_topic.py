"""AlertsTopic: one encrypted topic, its key and policy for three publishers, subscriptions."""

from __future__ import annotations

import json

import pytest
from parliament import analyze_policy_string

from components.alerts.alerts_topic import AlertsTopic, AlertsTopicArgs, topic_policy
from tests.components.orchestration.conftest import ACCOUNT, NAMING, REGION, TAGS, Plan, plan

TOPIC_ARN = f"arn:aws:sns:{REGION}:{ACCOUNT}:acme-dp-prod-alerts"
ARGS = AlertsTopicArgs(
    naming=NAMING,
    tags=TAGS,
    emails=("oncall@acme.example",),
    https_endpoints=("https://hooks.acme.example/alerts",),
)


@pytest.fixture(scope="module")
def topic() -> Plan:
    return plan(lambda: AlertsTopic("alerts", ARGS))


def test_the_topic_is_named_for_the_stack_and_encrypted_with_its_own_key(topic):
    inputs = topic.one("Topic").inputs
    assert inputs["name"] == "acme-dp-prod-alerts"
    key_arn = inputs["kmsMasterKeyId"]
    assert key_arn.startswith(f"arn:aws:kms:{REGION}:{ACCOUNT}:key/")
    assert topic.one("Alias").inputs["name"] == "alias/acme-dp-prod-alerts"


def test_the_key_lets_eventbridge_cloudwatch_and_budgets_use_it_without_conditions(topic):
    """No condition: KMS is not documented to receive aws:Source* when SNS uses the key."""
    statements = {s["Sid"]: s for s in topic.policy("Key", "alerts-key")["Statement"]}
    services = {
        sid: (s["Principal"]["Service"], s.get("Condition"))
        for sid, s in statements.items()
        if "Service" in s["Principal"]
    }
    assert services == {
        "EventBridgePublishesToEncryptedTopics": ("events.amazonaws.com", None),
        "CloudWatchAlarmsPublishToEncryptedTopics": ("cloudwatch.amazonaws.com", None),
        "BudgetsPublishToEncryptedTopics": ("budgets.amazonaws.com", None),
    }
    for sid in services:
        assert statements[sid]["Action"] == ["kms:Decrypt", "kms:GenerateDataKey*"]


def test_the_topic_policy_admits_exactly_the_three_publishers(topic):
    """Alarms and budgets of this account; EventBridge without a condition (its guide: no
    Condition blocks in SNS topic policies for EventBridge)."""
    statements = {s["Sid"]: s for s in topic.policy("TopicPolicy", "alerts")["Statement"]}
    publishers = {
        sid: (
            s["Principal"]["Service"],
            s.get("Condition", {}).get("ArnLike", {}).get("aws:SourceArn"),
        )
        for sid, s in statements.items()
        if s["Action"] == "sns:Publish"
    }
    assert publishers == {
        "EventBridgeRulesPublish": ("events.amazonaws.com", None),
        "CloudWatchAlarmsPublish": (
            "cloudwatch.amazonaws.com",
            f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:*",
        ),
        "BudgetsPublish": ("budgets.amazonaws.com", f"arn:aws:budgets::{ACCOUNT}:*"),
    }
    for sid in ("CloudWatchAlarmsPublish", "BudgetsPublish"):
        assert statements[sid]["Condition"]["StringEquals"] == {"aws:SourceAccount": ACCOUNT}
    for sid in publishers:
        assert statements[sid]["Resource"] == TOPIC_ARN


def test_every_configured_endpoint_is_subscribed_with_its_protocol(topic):
    subscriptions = sorted(
        (r.inputs["protocol"], r.inputs["endpoint"], r.inputs["topic"])
        for r in topic.of("TopicSubscription")
    )
    assert subscriptions == [
        ("email", "oncall@acme.example", TOPIC_ARN),
        ("https", "https://hooks.acme.example/alerts", TOPIC_ARN),
    ]


def test_the_arn_output_waits_for_the_topic_policy():
    seen: list[str] = []

    def program() -> None:
        alerts = AlertsTopic("alerts", ARGS)
        alerts.arn.apply(seen.append)

    run = plan(program)
    assert seen == [TOPIC_ARN]
    assert run.one("TopicPolicy").inputs["arn"] == TOPIC_ARN


def test_a_plain_http_endpoint_is_refused():
    with pytest.raises(ValueError, match="https"):
        AlertsTopicArgs(naming=NAMING, tags=TAGS, https_endpoints=("http://hooks.example/x",))


def test_the_topic_policy_lints_clean():
    text = json.dumps(topic_policy(TOPIC_ARN, ACCOUNT, REGION))
    findings = [f.issue for f in analyze_policy_string(text).findings]
    assert findings == []
