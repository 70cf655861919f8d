"""Which resource types hold data, and which of their inputs force a replacement.

Deleting or replacing one of these types loses data (objects, keys that decrypt it, tables,
secrets, catalog entries, a running Airflow with its metadata database), so the destroy
guard blocks it unless acknowledged. A plan document has no provider diff, so replacement
is inferred from the provider's ForceNew inputs listed here; `pulumi preview --json`
reports replacements itself (`replaceReasons`) and needs none of this.

Sources (the upstream Terraform schemas the bridged providers are generated from):
- terraform-provider-aws `internal/service/s3/bucket.go`, `kms/key.go`,
  `mwaa/environment.go`, `secretsmanager/secret.go`, `glue/catalog_database.go`: the
  attributes marked `ForceNew: true`.
- terraform-provider-snowflake v1/v2 `pkg/resources/database.go`, `schema.go`, `table.go`:
  renames (`name`) are in-place `ALTER ... RENAME TO`, not replacements; moving an object to
  another database or schema, or flipping `is_transient`, is ForceNew.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class StatefulType:
    """One type that holds data.

    Attributes:
        token: the Pulumi type token.
        label: what it is, for messages.
        replace_on: input paths (engine camelCase, dotted for nested objects) whose change
            forces the provider to delete and recreate the resource.
    """

    token: str
    label: str
    replace_on: tuple[str, ...]


_S3_BUCKET = ("bucket", "bucketPrefix", "objectLockEnabled")

STATEFUL_TYPES: dict[str, StatefulType] = {
    t.token: t
    for t in (
        # pulumi-aws v7 renamed BucketV2 to Bucket; both tokens exist in state files.
        StatefulType("aws:s3/bucket:Bucket", "S3 bucket", _S3_BUCKET),
        StatefulType("aws:s3/bucketV2:BucketV2", "S3 bucket", _S3_BUCKET),
        StatefulType(
            "aws:kms/key:Key",
            "KMS key",
            (
                "customerMasterKeySpec",
                "keyUsage",
                "multiRegion",
                "customKeyStoreId",
                "xksKeyId",
            ),
        ),
        StatefulType(
            "aws:secretsmanager/secret:Secret", "Secrets Manager secret", ("name", "namePrefix")
        ),
        StatefulType(
            "aws:glue/catalogDatabase:CatalogDatabase", "Glue database", ("name", "catalogId")
        ),
        StatefulType(
            "aws:mwaa/environment:Environment",
            "MWAA environment",
            ("name", "kmsKey", "endpointManagement", "networkConfiguration.subnetIds"),
        ),
        StatefulType("snowflake:index/database:Database", "Snowflake database", ("isTransient",)),
        StatefulType(
            "snowflake:index/schema:Schema", "Snowflake schema", ("database", "isTransient")
        ),
        StatefulType("snowflake:index/table:Table", "Snowflake table", ("database", "schema")),
    )
}


def stateful(token: str) -> StatefulType | None:
    """The stateful description of a type token, or None when the type holds no data."""
    return STATEFUL_TYPES.get(token)


def replace_reasons(token: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The replace-forcing input paths of `token` whose value differs between old and new.

    An input absent on one side and present on the other counts as changed: setting a
    bucket name that was auto-generated before also renames (replaces) the bucket.
    """
    kind = STATEFUL_TYPES.get(token)
    if kind is None:
        return []
    return [path for path in kind.replace_on if _get(old, path) != _get(new, path)]


def _get(values: dict[str, Any], path: str) -> Any:
    current: Any = values
    for part in path.split("."):
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current
