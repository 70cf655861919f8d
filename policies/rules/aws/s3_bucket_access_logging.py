"""S3 buckets log server access to another bucket."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.view import Finding
from .s3_resources import BUCKETS, LOGGING, is_log_target, label, parts


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each bucket except a log target needs a BucketLogging with a target bucket."""
    for bucket in index.of_type(*BUCKETS):
        if is_log_target(index, bucket):
            continue  # a log bucket logging into itself would loop
        configs = parts(index, bucket, LOGGING)
        if not configs:
            yield bucket.violation(f"{label(bucket)} has no server access logging")
        for config in configs:
            if not config.need("targetBucket"):
                yield bucket.violation(f"{label(bucket)}: access logging has no target bucket")


RULE = Rule(
    id="s3-bucket-access-logging",
    description=(
        "S3 buckets log server access to a log bucket (the log buckets themselves are exempt)."
    ),
    severity="medium",
    remediation="Add a BucketLogging for the bucket with targetBucket set to the log bucket.",
    resource_types=BUCKETS + LOGGING,
    check_stack=check,
    mapped=("CKV_AWS_18", "AwsSolutions-S1", "FSBP S3.9", "AWSGuard s3-bucket-logging-enabled"),
)
