"""Secrets Manager secrets encrypt under a customer-managed KMS key."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView

SECRET = "aws:secretsmanager/secret:Secret"


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """kmsKeyId must be set and not the AWS-managed aws/secretsmanager key."""
    key = view.need("kmsKeyId")
    if not key:
        yield view.violation(f"secret [{view.name}] uses the AWS-managed key (no kmsKeyId)")
    elif str(key).endswith("alias/aws/secretsmanager"):
        yield view.violation(f"secret [{view.name}] names the AWS-managed key {key}")


RULE = Rule(
    id="secretsmanager-secret-cmk-encrypted",
    description="Secrets Manager secrets encrypt with a customer-managed KMS key.",
    severity="high",
    remediation="Set kmsKeyId to a customer-managed key's ARN or id.",
    resource_types=(SECRET,),
    check=check,
    mapped=("CKV_AWS_149", "cdk-nag SecretsManagerUsingKMSKey"),
)
