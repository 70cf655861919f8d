"""Data paths of the alerts: AWS services and Snowflake publishing to an (encrypted) topic.

EventBridge (a rule's target), CloudWatch (an alarm's actions) and AWS Budgets (a
budget's notification subscribers) each publish as their service principal, with
`aws:SourceAccount` and `aws:SourceArn` in the request context; an encrypted topic
also needs the service to be allowed `kms:GenerateDataKey*` and `kms:Decrypt` by the
topic's key policy. A Snowflake notification integration publishes as the IAM role it
names: Snowflake's IAM user assumes the role with the integration's external id (the
role's trust), then the role publishes and SNS uses the topic key for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.values import as_list
from ..core.view import ResourceView
from ..facts import arns
from ..facts.tokens import (
    BUDGETS_BUDGET,
    CLOUDWATCH_METRIC_ALARM,
    SNOWFLAKE_NOTIFICATION_INTEGRATION,
)
from ..journeys.service_requests import context_for
from .aws_resources import AwsResources, Keyed
from .aws_steps import Flow, Item, Step, assume, each, kms_steps, role_flow, via
from .iam_evaluation import Request

METRIC_ALARM = CLOUDWATCH_METRIC_ALARM
BUDGET = BUDGETS_BUDGET
NOTIFICATION_INTEGRATION = SNOWFLAKE_NOTIFICATION_INTEGRATION
ALERT_SOURCE_TYPES = (METRIC_ALARM, BUDGET, NOTIFICATION_INTEGRATION)
_ALARM_ACTIONS = ("alarmActions", "okActions", "insufficientDataActions")


def publish_steps(
    res: AwsResources, service: str, topic: Keyed, source: dict[str, Any]
) -> tuple[Step, ...]:
    """`service` publishes to `topic` (topic policy), then SNS uses the topic's key for it.

    `source` holds what `aws:SourceArn`/`aws:SourceAccount` would be; each request carries
    only the keys the service really sends with it (journeys/service_requests.py): EventBridge
    sends neither, to the topic policy or to KMS.
    """
    publish = context_for(service, "sns:Publish", source)
    steps = [Step(Request(service, "sns:Publish", topic.arn, publish), topic.policy, topic.holder)]
    key_use = context_for(service, "kms:GenerateDataKey", source, through="sns")
    steps += kms_steps(res, service, topic.key_arn, ("kms:GenerateDataKey", "kms:Decrypt"), key_use)
    return tuple(steps)


def _publishes(
    res: AwsResources,
    source: ResourceView,
    kind: str,
    who: str,
    service: str,
    source_arn: str,
    topic_arns: list[Any],
) -> list[Flow]:
    """One flow per distinct topic of the program among `topic_arns`."""
    context = {"aws:SourceArn": source_arn, "aws:SourceAccount": res.account}
    flows, seen = [], set()
    for arn in topic_arns:
        topic = res.topic(arn)
        if topic is None or topic.arn in seen:
            continue
        seen.add(topic.arn)
        label = f"{who} [{source.name}] publishes to topic [{topic.view.name}]"
        flows.append(Flow(kind, label, source, (), publish_steps(res, service, topic, context)))
    return flows


def alarm_topics(res: AwsResources) -> Iterator[Item]:
    """Each CloudWatch alarm action that is an SNS topic of the program."""

    def build(alarm: ResourceView) -> list[Flow]:
        name = alarm.get("name") or alarm.name
        alarm_arn = str(
            alarm.output("arn") or arns.cloudwatch_alarm(res.region, res.account, str(name))
        )
        actions = [a for prop in _ALARM_ACTIONS for a in as_list(alarm.need(prop))]
        return _publishes(
            res,
            alarm,
            "alarm-publish",
            "CloudWatch alarm",
            "cloudwatch.amazonaws.com",
            alarm_arn,
            actions,
        )

    yield from each(res.index.of_type(METRIC_ALARM), build)


def budget_topics(res: AwsResources) -> Iterator[Item]:
    """Each budget notification's SNS subscribers of the program."""

    def build(budget: ResourceView) -> list[Flow]:
        name = budget.get("name") or budget.name
        budget_arn = str(budget.output("arn") or arns.budget(res.account, str(name)))
        subscribers = [
            arn
            for n in as_list(budget.need("notifications"))
            if isinstance(n, dict)
            for arn in as_list(n.get("subscriberSnsTopicArns"))
        ]
        return _publishes(
            res,
            budget,
            "budget-publish",
            "budget",
            "budgets.amazonaws.com",
            budget_arn,
            subscribers,
        )

    yield from each(res.index.of_type(BUDGET), build)


def snowflake_topics(res: AwsResources) -> Iterator[Item]:
    """Each Snowflake SNS notification integration: Snowflake's IAM user assumes the role
    (trust, with the integration's external id), and the role publishes to the topic."""

    def build(integration: ResourceView) -> list[Flow]:
        if str(integration.need("notificationProvider") or "").upper() != "AWS_SNS":
            return []
        role = res.role(integration.need("awsSnsRoleArn"))
        topic = res.topic(integration.need("awsSnsTopicArn"))
        if role is None or topic is None:
            return []
        user = str(integration.need_output("awsSnsIamUserArn") or "")
        external_id = str(integration.need_output("awsSnsExternalId") or "")
        who = f"notification integration [{integration.name}]"
        flows = []
        if user:
            trust = assume(user, role, {"sts:ExternalId": external_id})
            label = f"Snowflake ({who}) assumes role [{role.view.name}]"
            # Judged by the trust alone: a cross-account AssumeRole needs the role's trust to
            # allow it whatever the caller's account allows (what Snowflake's own account
            # grants its user is outside any program, and not modelled).
            flows.append(Flow("snowflake-notify", label, integration, (), (trust,)))
        publish = Step(Request(role.arn, "sns:Publish", topic.arn, {}), topic.policy, topic.holder)
        keys = kms_steps(
            res, role.arn, topic.key_arn, ("kms:GenerateDataKey", "kms:Decrypt"), via(res, "sns")
        )
        label = f"{who} (role [{role.view.name}]) publishes to topic [{topic.view.name}]"
        flows.append(role_flow("snowflake-notify", label, integration, role, [publish, *keys]))
        return flows

    yield from each(res.index.of_type(NOTIFICATION_INTEGRATION), build)
