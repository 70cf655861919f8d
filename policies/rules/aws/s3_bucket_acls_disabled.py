"""S3 buckets disable ACLs (object ownership BucketOwnerEnforced)."""

from __future__ import annotations

from ..core.rule import Rule
from .s3_resources import BUCKETS, OWNERSHIP_CONTROLS, part_property_equals

RULE = Rule(
    id="s3-bucket-acls-disabled",
    description="S3 buckets disable ACLs: object ownership is BucketOwnerEnforced.",
    severity="medium",
    remediation="Add BucketOwnershipControls with rule.objectOwnership BucketOwnerEnforced.",
    resource_types=BUCKETS + OWNERSHIP_CONTROLS,
    check_stack=part_property_equals(
        OWNERSHIP_CONTROLS,
        "rule.objectOwnership",
        "BucketOwnerEnforced",
        "ownership controls (ACLs stay on)",
    ),
    mapped=("CKV2_AWS_65", "FSBP S3.12"),
)
