"""S3 buckets keep object versions."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.view import Finding
from .s3_resources import BUCKETS, VERSIONING, label, parts


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each bucket needs a BucketVersioning with status Enabled."""
    for bucket in index.of_type(*BUCKETS):
        configs = parts(index, bucket, VERSIONING)
        if not configs:
            yield bucket.violation(f"{label(bucket)} has no versioning configuration")
        for config in configs:
            status = config.need("versioningConfiguration.status")
            if status != "Enabled":
                yield bucket.violation(f"{label(bucket)}: versioning status is {status!r}")


RULE = Rule(
    id="s3-bucket-versioning-enabled",
    description="S3 buckets have versioning enabled.",
    severity="medium",
    remediation="Add a BucketVersioning with versioningConfiguration.status Enabled.",
    resource_types=BUCKETS + VERSIONING,
    check_stack=check,
    mapped=("CKV_AWS_21", "FSBP S3.14", "AwsSolutions-S3BucketVersioningEnabled"),
)
