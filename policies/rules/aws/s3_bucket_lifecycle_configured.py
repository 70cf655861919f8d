"""S3 buckets have lifecycle rules, including one that aborts incomplete multipart uploads."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding
from .s3_resources import BUCKETS, LIFECYCLE, label, parts


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each bucket needs an enabled lifecycle rule and an enabled abort-multipart rule."""
    for bucket in index.of_type(*BUCKETS):
        configs = parts(index, bucket, LIFECYCLE)
        if not configs:
            yield bucket.violation(f"{label(bucket)} has no lifecycle configuration")
            continue
        rules = [r for c in configs for r in as_list(c.need("rules")) if isinstance(r, dict)]
        enabled = [r for r in rules if r.get("status") == "Enabled"]
        if not enabled:
            yield bucket.violation(f"{label(bucket)}: no enabled lifecycle rule")
        elif not any(r.get("abortIncompleteMultipartUpload") for r in enabled):
            yield bucket.violation(
                f"{label(bucket)}: no lifecycle rule aborts incomplete multipart uploads"
            )


RULE = Rule(
    id="s3-bucket-lifecycle-configured",
    description=(
        "S3 buckets have an enabled lifecycle configuration that aborts incomplete multipart "
        "uploads."
    ),
    severity="low",
    remediation=(
        "Add a BucketLifecycleConfiguration with an enabled rule carrying "
        "abortIncompleteMultipartUpload.daysAfterInitiation."
    ),
    resource_types=BUCKETS + LIFECYCLE,
    check_stack=check,
    mapped=("CKV2_AWS_61", "CKV_AWS_300", "FSBP S3.13", "FSBP S3.10"),
)
