"""S3 buckets keep object versions."""

from __future__ import annotations

from ..core.rule import Rule
from .s3_resources import BUCKETS, VERSIONING, part_property_equals

RULE = Rule(
    id="s3-bucket-versioning-enabled",
    description="S3 buckets have versioning enabled.",
    severity="medium",
    remediation="Add a BucketVersioning with versioningConfiguration.status Enabled.",
    resource_types=BUCKETS + VERSIONING,
    check_stack=part_property_equals(
        VERSIONING, "versioningConfiguration.status", "Enabled", "versioning configuration"
    ),
    mapped=("CKV_AWS_21", "FSBP S3.14", "AwsSolutions-S3BucketVersioningEnabled"),
)
