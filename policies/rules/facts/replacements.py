"""Which inputs of each resource type force the provider to replace the resource.

The facts are extracted from the Terraform providers' sources by
`python -m scripts.replacements.refresh` into `replacements.json` (beside this file), with
the revision each provider was read at and whether that is the revision the installed
Pulumi provider pins. Where a provider could not be read here (pulumi-aws: see the file's
`providers.aws.notRead`), the AWS rows the destroy guard had before (its stateful types),
and the IAM role's, checked against a stored copy of its source, are kept in `HAND_LISTED`,
marked as such, until the extraction can cover them.

A plan document carries no provider diff, so the destroy guard (`scripts/diff/changes.py`)
reads replacements from here; `pulumi preview --json` reports them itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .tokens import (
    CLOUDWATCH_LOG_GROUP,
    DYNAMODB_TABLE,
    GLUE_CATALOG_DATABASE,
    GLUE_CATALOG_TABLE,
    IAM_ROLE,
    KMS_KEY,
    MWAA_ENVIRONMENT,
    RDS_CLUSTER,
    RDS_INSTANCE,
    S3_BUCKET,
    S3_BUCKET_V2,
    SECRETSMANAGER_SECRET,
)

DATA_FILE = Path(__file__).with_name("replacements.json")
EXTRACTED = "extracted"
HAND = "hand-listed"
# CustomizeDiff helpers that replace only when a non-empty value becomes empty (the
# Snowflake provider's pkg/resources/custom_diffs.go): the guard can evaluate these.
TO_EMPTY = frozenset(
    {"ForceNewIfChangeToEmptyString", "ForceNewIfChangeToEmptySlice", "ForceNewIfChangeToEmptySet"}
)

_AWS = "hashicorp/terraform-provider-aws internal/service/"
_HAND_NOTE = (
    "hand-listed (the ForceNew attributes of {}), kept from the destroy guard's earlier "
    "table: not extracted, since the AWS sources could not be read here"
)
_S3 = ("bucket", "bucketPrefix", "objectLockEnabled")
# token -> (forcing inputs, upstream file)
HAND_LISTED: dict[str, tuple[tuple[str, ...], str]] = {
    S3_BUCKET: (_S3, "s3/bucket.go"),
    S3_BUCKET_V2: (_S3, "s3/bucket.go"),
    KMS_KEY: (
        ("customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"),
        "kms/key.go",
    ),
    SECRETSMANAGER_SECRET: (("name", "namePrefix"), "secretsmanager/secret.go"),
    GLUE_CATALOG_DATABASE: (("name", "catalogId"), "glue/catalog_database.go"),
    GLUE_CATALOG_TABLE: (
        ("name", "databaseName", "catalogId", "partitionIndices"),
        "glue/catalog_table.go",
    ),
    MWAA_ENVIRONMENT: (
        ("name", "kmsKey", "endpointManagement", "networkConfiguration.subnetIds"),
        "mwaa/environment.go",
    ),
    DYNAMODB_TABLE: (("name", "hashKey", "rangeKey", "localSecondaryIndexes"), "dynamodb/table.go"),
    RDS_INSTANCE: (
        ("identifier", "identifierPrefix", "kmsKeyId", "storageEncrypted", "username"),
        "rds/instance.go",
    ),
    RDS_CLUSTER: (
        (
            "clusterIdentifier",
            "clusterIdentifierPrefix",
            "kmsKeyId",
            "storageEncrypted",
            "masterUsername",
        ),
        "rds/cluster.go",
    ),
    CLOUDWATCH_LOG_GROUP: (("name", "namePrefix", "logGroupClass"), "logs/group.go"),
    IAM_ROLE: (("name", "namePrefix", "path"), "iam/role.go"),
}
# Hand rows checked against a source other than the earlier table: the file as stored at a
# commit of unknown distance from the pin (read through a code index, December 2026).
_HAND_SEEN = {
    IAM_ROLE: "hashicorp/terraform-provider-aws@0040ea6911af00bea2cca6dbb14e86829826ad8e "
    "internal/service/iam/role.go (`name`, `name_prefix`, `path`: `ForceNew: true`)",
}


@dataclass(frozen=True)
class Replacement:
    """What forces the replacement of one type.

    Attributes:
        token: the Pulumi type token.
        force_new: engine input paths (camelCase, dotted when nested) whose change replaces.
        conditional: input path -> the provider helper that replaces under a condition.
        origin: EXTRACTED or HAND.
        source: where the facts come from (repository@revision, or the hand note).
    """

    token: str
    force_new: tuple[str, ...]
    conditional: dict[str, str] = field(default_factory=dict)
    origin: str = EXTRACTED
    source: str = ""


@cache
def document() -> dict[str, Any]:
    """The extracted document (replacements.json)."""
    data: dict[str, Any] = json.loads(DATA_FILE.read_text())
    return data


def replacement(token: str) -> Replacement | None:
    """The replacement facts of `token`, or None when nothing is known of it."""
    row = document()["types"].get(token)
    if row is not None and row.get("found"):
        provider = document()["providers"][token.split(":", 1)[0]]
        pin = "at the installed provider's pin" if provider["atPin"] else "NOT the pinned one"
        source = f"{provider['upstreamRepo']}@{provider['readAtRef']} ({pin})"
        return Replacement(
            token, tuple(row["forceNew"]), dict(row["conditional"]), EXTRACTED, source
        )
    if token in HAND_LISTED:
        paths, path = HAND_LISTED[token]
        source = _HAND_NOTE.format(_AWS + path)
        if token in _HAND_SEEN:
            source = f"hand-listed from {_HAND_SEEN[token]}, not the pinned commit"
        return Replacement(token, paths, {}, HAND, source)
    return None


def covered(token: str) -> bool:
    """Whether the table says anything about `token` (an empty `forceNew` list counts)."""
    return replacement(token) is not None
