"""MWAA environments encrypt with a customer-managed KMS key."""

from __future__ import annotations

from ..core.checks import property_set
from ..core.rule import Rule
from ..facts.tokens import MWAA_ENVIRONMENT

MWAA = MWAA_ENVIRONMENT


RULE = Rule(
    id="mwaa-customer-kms-key",
    description="MWAA environments set kmsKey to a customer-managed KMS key.",
    severity="medium",
    remediation="Set kmsKey to the ARN of the platform's customer-managed key.",
    resource_types=(MWAA,),
    check=property_set("kmsKey", "without it an AWS-owned key encrypts the environment"),
)
