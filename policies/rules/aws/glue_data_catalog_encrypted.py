"""The Glue Data Catalog encrypts its metadata and connection passwords with KMS keys."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS

SETTINGS = GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS
KMS_MODES = ("SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE")
AT_REST = "dataCatalogEncryptionSettings.encryptionAtRest"
PASSWORDS = "dataCatalogEncryptionSettings.connectionPasswordEncryption"


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """SSE-KMS at rest with sseAwsKmsKeyId; connection passwords returned encrypted with a key."""
    label = f"Glue catalog encryption settings [{view.name}]"
    mode = view.need(f"{AT_REST}.catalogEncryptionMode")
    if mode not in KMS_MODES:
        yield view.violation(f"{label} catalogEncryptionMode is {mode!r}; allowed: {KMS_MODES}")
    elif not view.need(f"{AT_REST}.sseAwsKmsKeyId"):
        yield view.violation(f"{label} uses {mode} without sseAwsKmsKeyId (AWS-managed key)")
    if view.need(f"{PASSWORDS}.returnConnectionPasswordEncrypted") is not True:
        yield view.violation(f"{label} returns connection passwords in clear text")
    elif not view.need(f"{PASSWORDS}.awsKmsKeyId"):
        yield view.violation(f"{label} encrypts connection passwords without an awsKmsKeyId")


RULE = Rule(
    id="glue-data-catalog-encrypted",
    description=(
        "The Glue Data Catalog encrypts metadata with SSE-KMS under a named key and returns "
        "connection passwords encrypted with a named KMS key."
    ),
    severity="high",
    remediation=(
        "Set encryptionAtRest.catalogEncryptionMode = SSE-KMS with sseAwsKmsKeyId, and "
        "connectionPasswordEncryption.returnConnectionPasswordEncrypted = true with awsKmsKeyId."
    ),
    resource_types=(SETTINGS,),
    check=check,
    mapped=("CKV_AWS_94",),
)
