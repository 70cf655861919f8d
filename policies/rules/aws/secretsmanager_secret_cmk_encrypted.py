"""Secrets Manager secrets encrypt under a customer-managed KMS key."""

from __future__ import annotations

from ..core.checks import customer_key
from ..core.rule import Rule
from ..facts.tokens import SECRETSMANAGER_SECRET

SECRET = SECRETSMANAGER_SECRET


RULE = Rule(
    id="secretsmanager-secret-cmk-encrypted",
    description="Secrets Manager secrets encrypt with a customer-managed KMS key.",
    severity="high",
    remediation="Set kmsKeyId to a customer-managed key's ARN or id.",
    resource_types=(SECRET,),
    check=customer_key("kmsKeyId", "secret", "alias/aws/secretsmanager"),
    mapped=("CKV_AWS_149", "cdk-nag SecretsManagerUsingKMSKey"),
)
