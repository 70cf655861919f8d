"""Production data buckets lock objects against deletion for a retention period."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Levels, Rule
from ..core.view import Finding
from .s3_resources import BUCKETS, OBJECT_LOCK, is_log_target, label, parts


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each bucket except a log target has object lock with a default retention."""
    for bucket in index.of_type(*BUCKETS):
        if is_log_target(index, bucket):
            continue  # S3 cannot deliver access logs into an object-locked bucket
        configs = parts(index, bucket, OBJECT_LOCK)
        if not configs and bucket.need("objectLockEnabled") is not True:
            yield bucket.violation(f"{label(bucket)} has no object lock")
        for config in configs:
            if not config.need("rule.defaultRetention"):
                yield bucket.violation(f"{label(bucket)}: object lock has no default retention")


RULE = Rule(
    id="s3-bucket-object-lock",
    description=(
        "S3 data buckets have object lock with a default retention (log targets are exempt)."
    ),
    severity="low",
    remediation=(
        "Add a BucketObjectLockConfiguration with rule.defaultRetention (mode and days), or "
        "suppress with the reason the data may be deleted early."
    ),
    resource_types=BUCKETS + OBJECT_LOCK,
    check_stack=check,
    levels=Levels("disabled", "disabled", "advisory"),
    mapped=("CKV_AWS_143", "FSBP S3.15", "AwsSolutions-S3BucketDefaultLockEnabled"),
)
