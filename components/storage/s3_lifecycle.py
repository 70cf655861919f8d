"""Lifecycle rules of the secure bucket, as plain data the provider accepts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi_aws as aws

Rule = aws.s3.BucketLifecycleConfigurationRuleArgsDict

# `filter {prefix = ""}` selects the whole bucket without the provider's
# "Invalid Attribute Combination" warning that an empty filter block gave in some
# versions (hashicorp/terraform-provider-aws#41710, #42112).
WHOLE_BUCKET: aws.s3.BucketLifecycleConfigurationRuleFilterArgsDict = {"prefix": ""}


@dataclass(frozen=True)
class Transition:
    """Move current objects to `storage_class` after `days`."""

    days: int
    storage_class: str


@dataclass(frozen=True)
class LifecyclePolicy:
    """What a bucket's lifecycle configuration does.

    Attributes:
        noncurrent_version_days: Days a replaced or deleted version is kept.
            Defaults to 30.
        incomplete_multipart_upload_days: Days before an unfinished multipart
            upload is aborted (its parts cost storage but are invisible). Defaults to 7.
        transitions: Storage-class transitions of current objects. Defaults to none.
        expiration_days: Days after which current objects expire. Defaults to never.
    """

    noncurrent_version_days: int = 30
    incomplete_multipart_upload_days: int = 7
    transitions: Sequence[Transition] = field(default_factory=tuple)
    expiration_days: int | None = None


def lifecycle_rules(policy: LifecyclePolicy) -> list[Rule]:
    """The rules for `aws.s3.BucketLifecycleConfiguration(rules=...)`."""
    rules: list[Rule] = [
        {
            "id": "abort-incomplete-multipart-uploads",
            "status": "Enabled",
            "filter": WHOLE_BUCKET,
            "abort_incomplete_multipart_upload": {
                "days_after_initiation": policy.incomplete_multipart_upload_days
            },
        },
        {
            "id": "expire-noncurrent-versions",
            "status": "Enabled",
            "filter": WHOLE_BUCKET,
            "noncurrent_version_expiration": {"noncurrent_days": policy.noncurrent_version_days},
            # Delete markers with no versions left behind them only slow down listings.
            "expiration": {"expired_object_delete_marker": True},
        },
    ]
    if policy.transitions or policy.expiration_days:
        rule: Rule = {
            "id": "current-version-tiering",
            "status": "Enabled",
            "filter": WHOLE_BUCKET,
        }
        if policy.transitions:
            rule["transitions"] = [
                {"days": t.days, "storage_class": t.storage_class} for t in policy.transitions
            ]
        if policy.expiration_days:
            rule["expiration"] = {"days": policy.expiration_days}
        rules.append(rule)
    return rules
