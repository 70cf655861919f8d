"""Failure alerts of the Glue jobs: an encrypted SNS topic fed by one EventBridge rule."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from components.naming import EVENT_RULE_MAX, Naming
from components.orchestration import orchestration_iam


def job_failure_alerts(
    name: str,
    naming: Naming,
    job_names: Sequence[str],
    kms_key_arn: pulumi.Input[str],
    tags: dict[str, str],
    child: pulumi.ResourceOptions,
) -> pulumi.Output[str]:
    """An encrypted topic, and the EventBridge rule that publishes job failures to it."""
    topic = aws.sns.Topic(
        f"{name}-alerts",
        name=naming.resource("glue-job-alerts"),
        kms_master_key_id=kms_key_arn,
        tags=tags,
        opts=child,
    )
    rule = aws.cloudwatch.EventRule(
        f"{name}-failures",
        name=naming.resource("glue-job-failures", max_length=EVENT_RULE_MAX),
        description="Glue jobs of this platform that end FAILED, TIMEOUT or ERROR",
        event_pattern=json.dumps(orchestration_iam.job_failure_event_pattern(job_names)),
        tags=tags,
        opts=child,
    )
    topic_policy = aws.sns.TopicPolicy(
        f"{name}-alerts",
        arn=topic.arn,
        policy=pulumi.Output.all(topic.arn, rule.arn).apply(
            lambda v: json.dumps(
                orchestration_iam.alert_topic_policy(v[0], v[1], naming.account_id)
            )
        ),
        opts=child,
    )
    aws.cloudwatch.EventTarget(
        f"{name}-failures",
        rule=rule.name,
        arn=topic.arn,
        opts=pulumi.ResourceOptions(parent=child.parent, depends_on=[topic_policy]),
    )
    return topic.arn
