"""MWAA environments encrypt with a customer-managed KMS key."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView

MWAA = "aws:mwaa/environment:Environment"


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """kmsKey must be set (otherwise an AWS-owned key encrypts)."""
    if not view.need("kmsKey"):
        yield view.violation(f"MWAA environment [{view.name}] has no customer kmsKey")


RULE = Rule(
    id="mwaa-customer-kms-key",
    description="MWAA environments set kmsKey to a customer-managed KMS key.",
    severity="medium",
    remediation="Set kmsKey to the ARN of the platform's customer-managed key.",
    resource_types=(MWAA,),
    check=check,
)
