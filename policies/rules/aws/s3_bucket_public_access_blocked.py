"""S3 buckets block every kind of public access at the bucket level."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.view import Finding
from .s3_resources import BUCKETS, PUBLIC_ACCESS_BLOCKS, label, parts

FLAGS = ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """A BucketPublicAccessBlock with all four flags true must configure each bucket."""
    for bucket in index.of_type(*BUCKETS):
        blocks = parts(index, bucket, PUBLIC_ACCESS_BLOCKS)
        if not blocks:
            yield bucket.violation(f"{label(bucket)} has no public access block")
        for block in blocks:
            off = [flag for flag in FLAGS if block.need(flag) is not True]
            if off:
                yield bucket.violation(f"{label(bucket)}: public access block leaves off {off}")


RULE = Rule(
    id="s3-bucket-public-access-blocked",
    description="S3 buckets have a public access block with all four flags true.",
    severity="critical",
    remediation=(
        "Add a BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, "
        "ignorePublicAcls and restrictPublicBuckets all true."
    ),
    resource_types=BUCKETS + PUBLIC_ACCESS_BLOCKS,
    check_stack=check,
    mapped=(
        "CKV_AWS_53",
        "CKV_AWS_54",
        "CKV_AWS_55",
        "CKV_AWS_56",
        "CKV2_AWS_6",
        "AwsSolutions-S2",
        "FSBP S3.8",
    ),
)
