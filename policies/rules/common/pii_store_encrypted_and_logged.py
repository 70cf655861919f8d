"""Stores classified PII encrypt with a customer-managed key and log access."""

from __future__ import annotations

from collections.abc import Iterator

from ..aws.s3_resources import BUCKETS, ENCRYPTION, LOGGING, label, parts
from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list, is_unknown
from ..core.view import Finding, NotEvaluated, ResourceView
from ..facts.tokens import SECRETSMANAGER_SECRET
from .tags import classification

SECRET = SECRETSMANAGER_SECRET


def _is_pii(view: ResourceView) -> bool:
    value = classification(view)
    if is_unknown(value):
        raise NotEvaluated(f"{view.type} [{view.name}] tags")
    return bool(value == "pii")


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """PII buckets: SSE-KMS with a customer key and access logging (no log-target exemption);
    PII secrets: a customer key."""
    for bucket in index.of_type(*BUCKETS):
        if not _is_pii(bucket):
            continue
        keys = [
            (rule.get("applyServerSideEncryptionByDefault") or {})
            for config in parts(index, bucket, ENCRYPTION)
            for rule in as_list(config.need("rules"))
        ]
        if not any(
            k.get("sseAlgorithm", "").startswith("aws:kms") and k.get("kmsMasterKeyId")
            for k in keys
        ):
            yield bucket.violation(f"PII {label(bucket)} is not encrypted with a customer KMS key")
        if not parts(index, bucket, LOGGING):
            yield bucket.violation(f"PII {label(bucket)} has no server access logging")
    for secret in index.of_type(SECRET):
        if _is_pii(secret) and not secret.need("kmsKeyId"):
            yield secret.violation(f"PII secret [{secret.name}] has no customer kmsKeyId")


RULE = Rule(
    id="pii-store-encrypted-and-logged",
    description=(
        "Buckets and secrets tagged data-classification=pii encrypt with a customer-managed KMS "
        "key, and PII buckets log server access."
    ),
    severity="critical",
    remediation=(
        "Give the store SSE-KMS with its own customer-managed key and a BucketLogging (or "
        "kmsKeyId for secrets)."
    ),
    resource_types=(*BUCKETS, SECRET),
    check_stack=check,
    mapped=("CIS-SF 4.10 (AWS side)",),
)
