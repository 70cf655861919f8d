"""Glue security configurations encrypt S3 data, CloudWatch logs and job bookmarks with KMS."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding, ResourceView
from ..facts.tokens import GLUE_SECURITY_CONFIGURATION

SECURITY_CONFIGURATION = GLUE_SECURITY_CONFIGURATION
BASE = "encryptionConfiguration"


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """S3 SSE-KMS, CloudWatch SSE-KMS and job bookmarks CSE-KMS, each with a key."""
    s3 = as_list(view.need(f"{BASE}.s3Encryption") or view.need(f"{BASE}.s3Encryptions"))
    modes = [e.get("s3EncryptionMode") for e in s3 if isinstance(e, dict)]
    if not modes or any(m != "SSE-KMS" for m in modes):
        yield view.violation(
            f"Glue security configuration [{view.name}]: S3 mode {modes or 'unset'}"
        )
    cloudwatch = view.need(f"{BASE}.cloudwatchEncryption.cloudwatchEncryptionMode")
    if cloudwatch != "SSE-KMS":
        yield view.violation(
            f"Glue security configuration [{view.name}]: CloudWatch mode {cloudwatch!r}"
        )
    bookmarks = view.need(f"{BASE}.jobBookmarksEncryption.jobBookmarksEncryptionMode")
    if bookmarks != "CSE-KMS":
        yield view.violation(
            f"Glue security configuration [{view.name}]: job bookmarks mode {bookmarks!r}"
        )


RULE = Rule(
    id="glue-security-configuration-encrypted",
    description=(
        "Glue security configurations encrypt S3 output (SSE-KMS), CloudWatch logs (SSE-KMS) and "
        "job bookmarks (CSE-KMS)."
    ),
    severity="high",
    remediation=(
        "Set encryptionConfiguration.s3Encryption.s3EncryptionMode SSE-KMS, "
        "cloudwatchEncryption.cloudwatchEncryptionMode SSE-KMS and "
        "jobBookmarksEncryption.jobBookmarksEncryptionMode CSE-KMS, each with kmsKeyArn."
    ),
    resource_types=(SECURITY_CONFIGURATION,),
    check=check,
    mapped=("CKV_AWS_99", "AwsSolutions-GL1", "AwsSolutions-GL3"),
)
