"""Failure alerts of Glue jobs and crawlers: an EventBridge rule to the stack's alerts topic."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws

from components.naming import EVENT_RULE_MAX, Naming


def failure_alerts(
    name: str,
    naming: Naming,
    purpose: str,
    description: str,
    event_pattern: dict[str, Any],
    topic_arn: pulumi.Input[str],
    tags: dict[str, str],
    parent: pulumi.Resource,
) -> aws.cloudwatch.EventRule:
    """The EventBridge rule matching `event_pattern`, and its target: the alerts topic.

    The topic (`AlertsTopic`) already lets this account's rules publish and its key
    lets EventBridge use it, so a rule needs nothing else.
    """
    child = pulumi.ResourceOptions(parent=parent)
    rule = aws.cloudwatch.EventRule(
        name,
        name=naming.resource(purpose, max_length=EVENT_RULE_MAX),
        description=description,
        event_pattern=json.dumps(event_pattern),
        tags=tags,
        opts=child,
    )
    aws.cloudwatch.EventTarget(name, rule=rule.name, arn=topic_arn, opts=child)
    return rule
