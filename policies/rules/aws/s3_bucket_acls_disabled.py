"""S3 buckets disable ACLs (object ownership BucketOwnerEnforced)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.view import Finding
from .s3_resources import BUCKETS, OWNERSHIP_CONTROLS, label, parts


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each bucket needs ownership controls set to BucketOwnerEnforced."""
    for bucket in index.of_type(*BUCKETS):
        controls = parts(index, bucket, OWNERSHIP_CONTROLS)
        if not controls:
            yield bucket.violation(f"{label(bucket)} has no ownership controls (ACLs stay on)")
        for control in controls:
            ownership = control.need("rule.objectOwnership")
            if ownership != "BucketOwnerEnforced":
                yield bucket.violation(f"{label(bucket)}: object ownership is {ownership!r}")


RULE = Rule(
    id="s3-bucket-acls-disabled",
    description="S3 buckets disable ACLs: object ownership is BucketOwnerEnforced.",
    severity="medium",
    remediation="Add BucketOwnershipControls with rule.objectOwnership BucketOwnerEnforced.",
    resource_types=BUCKETS + OWNERSHIP_CONTROLS,
    check_stack=check,
    mapped=("CKV2_AWS_65", "FSBP S3.12"),
)
