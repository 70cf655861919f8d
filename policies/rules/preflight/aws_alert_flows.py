"""Data paths of the alerts: AWS services publishing to an (encrypted) SNS topic.

EventBridge (a rule's target), CloudWatch (an alarm's actions) and AWS Budgets (a
budget's notification subscribers) each publish as their service principal, with
`aws:SourceAccount` and `aws:SourceArn` in the request context; an encrypted topic
also needs the service to be allowed `kms:GenerateDataKey*` and `kms:Decrypt` by the
topic's key policy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.values import as_list
from ..core.view import ResourceView
from .aws_resources import AwsResources, Keyed
from .aws_steps import Flow, Item, Step, each, kms_steps
from .iam_evaluation import Request

METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
BUDGET = "aws:budgets/budget:Budget"
ALERT_SOURCE_TYPES = (METRIC_ALARM, BUDGET)
_ALARM_ACTIONS = ("alarmActions", "okActions", "insufficientDataActions")


def publish_steps(
    res: AwsResources, service: str, topic: Keyed, context: dict[str, Any]
) -> tuple[Step, ...]:
    """`service` publishes to `topic` (topic policy), using the topic's key if it has one."""
    steps = [Step(Request(service, "sns:Publish", topic.arn, context), topic.policy, topic.holder)]
    steps += kms_steps(res, service, topic.key_arn, ("kms:GenerateDataKey", "kms:Decrypt"), context)
    return tuple(steps)


def alarm_topics(res: AwsResources) -> Iterator[Item]:
    """Each CloudWatch alarm action that is an SNS topic of the program."""

    def build(alarm: ResourceView) -> list[Flow]:
        name = alarm.get("name") or alarm.name
        alarm_arn = str(
            alarm.output("arn") or f"arn:aws:cloudwatch:{res.region}:{res.account}:alarm:{name}"
        )
        context = {"aws:SourceArn": alarm_arn, "aws:SourceAccount": res.account}
        flows, seen = [], set()
        for prop in _ALARM_ACTIONS:
            for action in as_list(alarm.need(prop)):
                topic = res.topic(action)
                if topic is None or topic.arn in seen:
                    continue
                seen.add(topic.arn)
                label = f"CloudWatch alarm [{alarm.name}] publishes to topic [{topic.view.name}]"
                steps = publish_steps(res, "cloudwatch.amazonaws.com", topic, context)
                flows.append(Flow("alarm-publish", label, alarm, (), steps))
        return flows

    yield from each(res.index.of_type(METRIC_ALARM), build)


def budget_topics(res: AwsResources) -> Iterator[Item]:
    """Each budget notification's SNS subscribers of the program."""

    def build(budget: ResourceView) -> list[Flow]:
        name = budget.get("name") or budget.name
        budget_arn = str(budget.output("arn") or f"arn:aws:budgets::{res.account}:budget/{name}")
        context = {"aws:SourceArn": budget_arn, "aws:SourceAccount": res.account}
        flows, seen = [], set()
        for notification in as_list(budget.need("notifications")):
            if not isinstance(notification, dict):
                continue
            for arn in as_list(notification.get("subscriberSnsTopicArns")):
                topic = res.topic(arn)
                if topic is None or topic.arn in seen:
                    continue
                seen.add(topic.arn)
                label = f"budget [{budget.name}] publishes to topic [{topic.view.name}]"
                steps = publish_steps(res, "budgets.amazonaws.com", topic, context)
                flows.append(Flow("budget-publish", label, budget, (), steps))
        return flows

    yield from each(res.index.of_type(BUDGET), build)
