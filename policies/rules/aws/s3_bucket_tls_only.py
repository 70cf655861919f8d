"""S3 bucket policies deny every request that does not use TLS."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding
from .iam_documents import actions, document, statements
from .s3_resources import BUCKETS, POLICIES, label, parts


def denies_plain_http(statement: dict[str, object]) -> bool:
    """A Deny of s3 actions when aws:SecureTransport is false."""
    condition = statement.get("Condition")
    if statement.get("Effect") != "Deny" or not isinstance(condition, dict):
        return False
    bool_cond = condition.get("Bool") or {}
    secure = bool_cond.get("aws:SecureTransport") if isinstance(bool_cond, dict) else None
    acts = actions(statement)
    return str(as_list(secure)[0] if secure is not None else "").lower() == "false" and any(
        a in ("s3:*", "*") for a in acts
    )


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each bucket needs a bucket policy with the TLS deny."""
    for bucket in index.of_type(*BUCKETS):
        policies = parts(index, bucket, POLICIES)
        if not policies:
            yield bucket.violation(f"{label(bucket)} has no bucket policy denying non-TLS requests")
            continue
        if not any(
            denies_plain_http(s) for p in policies for s in statements(document(p, "policy"))
        ):
            yield bucket.violation(
                f"{label(bucket)}: bucket policy lacks a Deny of s3:* when "
                "aws:SecureTransport is false"
            )


RULE = Rule(
    id="s3-bucket-tls-only",
    description="S3 buckets have a bucket policy that denies requests not using TLS.",
    severity="high",
    remediation=(
        'Add a statement {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": '
        '{"Bool": {"aws:SecureTransport": "false"}}} to the bucket policy.'
    ),
    resource_types=BUCKETS + POLICIES,
    check_stack=check,
    mapped=("CKV_AWS_379", "AwsSolutions-S10", "FSBP S3.5"),
)
