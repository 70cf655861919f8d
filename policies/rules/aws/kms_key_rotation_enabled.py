"""Symmetric KMS keys rotate their key material yearly."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import KMS_KEY

KEY = KMS_KEY


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """Only symmetric encryption keys can rotate; those must."""
    spec = view.need("customerMasterKeySpec") or "SYMMETRIC_DEFAULT"
    usage = view.need("keyUsage") or "ENCRYPT_DECRYPT"
    if spec != "SYMMETRIC_DEFAULT" or usage != "ENCRYPT_DECRYPT":
        return
    if view.need("enableKeyRotation") is not True:
        yield view.violation(f"KMS key [{view.name}] does not rotate (enableKeyRotation is off)")


RULE = Rule(
    id="kms-key-rotation-enabled",
    description="Symmetric customer-managed KMS keys have automatic rotation enabled.",
    severity="medium",
    remediation="Set enableKeyRotation to true.",
    resource_types=(KEY,),
    check=check,
    mapped=("CKV_AWS_7", "AwsSolutions-KMS5", "FSBP KMS.4"),
)
