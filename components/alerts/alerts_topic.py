"""AlertsTopic: the stack's one encrypted SNS topic that every pipeline failure reaches."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws as aws

from components.naming import Naming
from components.protection import Protection
from components.security.kms_key import (
    KmsKey,
    KmsKeyArgs,
    alarms_to_sns_statement,
    budgets_to_sns_statement,
    events_to_sns_statement,
)
from components.tags import MandatoryTags
from policies.rules.facts import arns


@dataclass(frozen=True)
class AlertsTopicArgs:
    """Inputs of AlertsTopic.

    Attributes:
        naming: The stack's naming scheme.
        tags: The mandatory tags.
        emails: Addresses subscribed by email (each confirms once). Defaults to none.
        https_endpoints: Webhook URLs subscribed over HTTPS. Defaults to none.
        protection: Deletion safeguards of the topic's key. Defaults to none.
        kms_deletion_window_days: The key's deletion window, 7 to 30. Defaults to 30.
        administrator_arns: Roles that administer the key. Defaults to none.
        deployer_arn_patterns: Who runs `pulumi up` (manages and uses the key).
            Defaults to none.
    """

    naming: Naming
    tags: MandatoryTags
    emails: Sequence[str] = field(default_factory=tuple)
    https_endpoints: Sequence[str] = field(default_factory=tuple)
    protection: Protection = field(default_factory=Protection)
    kms_deletion_window_days: int = 30
    administrator_arns: Sequence[str] = field(default_factory=tuple)
    deployer_arn_patterns: Sequence[str] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        bad = [url for url in self.https_endpoints if not url.startswith("https://")]
        if bad:
            raise ValueError(f"AlertsTopicArgs.https_endpoints must be https; got {bad}")


class AlertsTopic(pulumi.ComponentResource):
    """One SNS topic per stack, encrypted with a key of its own, with its subscriptions.

    The key policy lets EventBridge, CloudWatch alarms and AWS Budgets use the key (a
    publisher needs the data key of an encrypted topic); the topic policy lets the same
    three publish. The topic policy confines alarms and budgets to this account by
    `aws:SourceAccount` and `aws:SourceArn`; EventBridge sends neither to the topic policy,
    and no service is documented to send them to KMS, so those statements carry no
    condition (one on EventBridge's would drop every event). Rules,
    alarms and budgets added later need no policy change.

    Attributes:
        key: The topic's customer-managed key.
        topic: The SNS topic.
        arn: The topic's ARN, read from the topic policy so that every publisher
            wired to it waits for the policy that lets it publish.
        subscriptions: Every subscription, by endpoint.
    """

    key: KmsKey
    topic: aws.sns.Topic
    arn: pulumi.Output[str]
    subscriptions: dict[str, aws.sns.TopicSubscription]

    def __init__(
        self, name: str, args: AlertsTopicArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:alerts:AlertsTopic", name, None, opts)
        naming = args.naming
        child = pulumi.ResourceOptions(parent=self)
        self.key = KmsKey(
            f"{name}-key",
            KmsKeyArgs(
                alias_name=naming.kms_alias("alerts"),
                description=f"{naming.stem}: the alerts topic",
                account_id=naming.account_id,
                tags=args.tags.for_data("internal"),
                protection=args.protection,
                deletion_window_days=args.kms_deletion_window_days,
                administrator_arns=args.administrator_arns,
                service_statements=(
                    events_to_sns_statement(),
                    alarms_to_sns_statement(),
                    budgets_to_sns_statement(),
                ),
                deployer_arn_patterns=args.deployer_arn_patterns,
            ),
            child,
        )
        self.topic = aws.sns.Topic(
            name,
            name=naming.resource("alerts"),
            kms_master_key_id=self.key.arn,
            tags=args.tags.for_data("internal"),
            opts=child,
        )
        policy = aws.sns.TopicPolicy(
            name,
            arn=self.topic.arn,
            policy=self.topic.arn.apply(
                lambda arn: json.dumps(topic_policy(arn, naming.account_id, naming.region))
            ),
            opts=child,
        )
        self.arn = policy.arn
        endpoints = [("email", e) for e in args.emails] + [
            ("https", u) for u in args.https_endpoints
        ]
        # SNS sends email and HTTPS endpoints a confirmation first (valid three days);
        # until the owner confirms, the subscription is "pending confirmation" and
        # receives nothing. Nothing here waits for it (endpoint_auto_confirms stays off).
        self.subscriptions = {
            endpoint: aws.sns.TopicSubscription(
                f"{name}-{protocol}-{index}",
                topic=self.topic.arn,
                protocol=protocol,
                endpoint=endpoint,
                opts=child,
            )
            for index, (protocol, endpoint) in enumerate(endpoints)
        }
        self.register_outputs({"arn": self.arn, "key_arn": self.key.arn})


def topic_policy(topic_arn: str, account_id: str, region: str) -> dict[str, Any]:
    """The topic's policy: the account administers it; EventBridge, and this account's
    CloudWatch alarms and budgets, publish (AWS Budgets documents both condition keys)."""
    this_account = {"aws:SourceAccount": account_id}

    def publisher(sid: str, service: str, source_arns: str | None) -> dict[str, Any]:
        statement: dict[str, Any] = {
            "Sid": sid,
            "Effect": "Allow",
            "Principal": {"Service": service},
            "Action": "sns:Publish",
            "Resource": topic_arn,
        }
        if source_arns is not None:
            statement["Condition"] = {
                "StringEquals": this_account,
                "ArnLike": {"aws:SourceArn": source_arns},
            }
        return statement

    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AccountAdministersTopic",
                "Effect": "Allow",
                "Principal": {"AWS": arns.account_root(account_id)},
                "Action": [
                    "sns:GetTopicAttributes",
                    "sns:ListSubscriptionsByTopic",
                    "sns:SetTopicAttributes",
                    "sns:Subscribe",
                ],
                "Resource": topic_arn,
            },
            # No condition for EventBridge: its guide says SNS topic policies for EventBridge
            # cannot use Condition blocks (journeys/service_requests.py has the source).
            publisher("EventBridgeRulesPublish", "events.amazonaws.com", None),
            publisher(
                "CloudWatchAlarmsPublish",
                "cloudwatch.amazonaws.com",
                arns.cloudwatch_alarms(region, account_id),
            ),
            publisher("BudgetsPublish", "budgets.amazonaws.com", arns.budgets(account_id)),
        ],
    }
