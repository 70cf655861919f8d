"""Which AWS resources carry tags, and the tags a resource ends up with."""

from __future__ import annotations

import json
from typing import Any

from ..core.values import UNKNOWN, is_unknown
from ..core.view import ResourceView

# AWS types the platform (or a typical data program) creates that take `tags`. Any
# other aws: resource is checked as soon as it sets `tags` at all.
TAGGABLE = (
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:kms/key:Key",
    "aws:secretsmanager/secret:Secret",
    "aws:iam/role:Role",
    "aws:iam/policy:Policy",
    "aws:glue/job:Job",
    "aws:glue/crawler:Crawler",
    "aws:glue/catalogDatabase:CatalogDatabase",
    "aws:mwaa/environment:Environment",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:sns/topic:Topic",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:cloudwatch/eventRule:EventRule",
    "aws:ssm/parameter:Parameter",
)


def is_taggable(view: ResourceView) -> bool:
    """True for a known taggable type or any aws: resource that sets tags."""
    return view.type in TAGGABLE or (view.type.startswith("aws:") and "tags" in view.props)


def effective_tags(view: ResourceView) -> dict[str, Any] | Any:
    """The resource's tags merged over its provider's defaultTags; UNKNOWN if unknown."""
    own = view.get("tags") or {}
    default = view.provider_props.get("defaultTags")
    if isinstance(default, str):  # provider inputs travel as JSON strings
        try:
            default = json.loads(default)
        except json.JSONDecodeError:
            default = None
    provider_tags = default.get("tags") if isinstance(default, dict) else None
    if is_unknown(own) or is_unknown(provider_tags):
        return UNKNOWN
    merged = dict(provider_tags or {}) if isinstance(provider_tags, dict) else {}
    merged.update(own if isinstance(own, dict) else {})
    return merged


def classification(view: ResourceView) -> Any:
    """The data-classification tag value (None if absent, UNKNOWN if unknown)."""
    tags = effective_tags(view)
    return tags if is_unknown(tags) else tags.get("data-classification")
