"""S3 buckets encrypt by default with a customer-managed KMS key (log targets: SSE-S3)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding
from .s3_resources import BUCKETS, ENCRYPTION, is_log_target, label, parts

KMS_ALGORITHMS = ("aws:kms", "aws:kms:dsse")


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each bucket needs an encryption configuration naming SSE-KMS and a key of its own."""
    for bucket in index.of_type(*BUCKETS):
        configs = parts(index, bucket, ENCRYPTION)
        if not configs:
            yield bucket.violation(f"{label(bucket)} has no server-side encryption configuration")
            continue
        log_target = is_log_target(index, bucket)
        for config in configs:
            for rule in as_list(config.need("rules")):
                default = rule.get("applyServerSideEncryptionByDefault") or {}
                algorithm = default.get("sseAlgorithm")
                key = default.get("kmsMasterKeyId")
                if log_target and algorithm == "AES256":
                    continue  # S3 cannot deliver access logs into an SSE-KMS bucket
                if algorithm not in KMS_ALGORITHMS:
                    yield bucket.violation(
                        f"{label(bucket)} encrypts with {algorithm!r}, not SSE-KMS"
                    )
                elif not key or str(key).endswith("alias/aws/s3"):
                    yield bucket.violation(
                        f"{label(bucket)} uses the AWS-managed key; set kmsMasterKeyId to a "
                        "customer-managed key"
                    )


RULE = Rule(
    id="s3-bucket-encrypted-with-kms",
    description=(
        "S3 buckets encrypt by default with SSE-KMS under a customer-managed key "
        "(server access log targets, which S3 can only deliver to under SSE-S3, may use AES256)."
    ),
    severity="high",
    remediation=(
        "Add a BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms and "
        "kmsMasterKeyId set to a customer-managed key."
    ),
    resource_types=BUCKETS + ENCRYPTION,
    check_stack=check,
    mapped=("CKV_AWS_145", "CKV_AWS_19", "FSBP S3.17", "AwsSolutions-S3DefaultEncryptionKMS"),
)
