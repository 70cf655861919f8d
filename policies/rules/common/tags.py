"""Which AWS resources carry tags, and the tags a resource ends up with."""

from __future__ import annotations

import json
from typing import Any

from ..core.values import UNKNOWN, is_unknown
from ..core.view import ResourceView
from ..facts.tokens import (
    CLOUDWATCH_EVENT_RULE,
    CLOUDWATCH_LOG_GROUP,
    CLOUDWATCH_METRIC_ALARM,
    EC2_SECURITY_GROUP,
    GLUE_CATALOG_DATABASE,
    GLUE_CRAWLER,
    GLUE_JOB,
    IAM_POLICY,
    IAM_ROLE,
    KMS_KEY,
    MWAA_ENVIRONMENT,
    S3_BUCKET,
    S3_BUCKET_V2,
    SECRETSMANAGER_SECRET,
    SNS_TOPIC,
    SSM_PARAMETER,
)

# AWS types the platform (or a typical data program) creates that take `tags`. Any
# other aws: resource is checked as soon as it sets `tags` at all.
TAGGABLE = (
    S3_BUCKET,
    S3_BUCKET_V2,
    KMS_KEY,
    SECRETSMANAGER_SECRET,
    IAM_ROLE,
    IAM_POLICY,
    GLUE_JOB,
    GLUE_CRAWLER,
    GLUE_CATALOG_DATABASE,
    MWAA_ENVIRONMENT,
    EC2_SECURITY_GROUP,
    SNS_TOPIC,
    CLOUDWATCH_LOG_GROUP,
    CLOUDWATCH_METRIC_ALARM,
    CLOUDWATCH_EVENT_RULE,
    SSM_PARAMETER,
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
