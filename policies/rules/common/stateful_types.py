"""Which resource types hold data, and which of their inputs force a replacement.

The one table of stateful types. Deleting or replacing one of these types loses data
(objects, keys that decrypt it, tables, secrets, catalog entries, a running Airflow with
its metadata database), so the prod rule `prod-stateful-resources-protected` requires the
protect option on them, and `dataplat diff` (the destroy guard) blocks their deletion or
replacement unless acknowledged. A plan document has no provider diff, so replacement is
inferred from the provider's ForceNew inputs listed here; `pulumi preview --json` reports
replacements itself (`replaceReasons`) and needs none of this. `dataplat docs` renders this
table into docs/reference/stateful.md.

It lives in the policy pack because the pack may import nothing of the project; the
scripts import it from here.

Sources (the upstream Terraform schemas the bridged providers are generated from):
- terraform-provider-aws `internal/service/s3/bucket.go`, `kms/key.go`,
  `mwaa/environment.go`, `secretsmanager/secret.go`, `glue/catalog_database.go`,
  `glue/catalog_table.go`, `dynamodb/table.go`, `rds/instance.go`, `rds/cluster.go`,
  `logs/group.go`: the attributes marked `ForceNew: true`.
- terraform-provider-snowflake v1/v2 `pkg/resources/database.go`, `schema.go`, `table.go`:
  renames (`name`) are in-place `ALTER ... RENAME TO`, not replacements; moving an object to
  another database or schema, or flipping `is_transient`, is ForceNew. `pipe.go`: only the
  comment and error integration change in place; name, database, schema, copy statement,
  auto-ingest and SNS topic are ForceNew.

Why the less obvious members hold data:
- CloudWatch log groups: their events exist nowhere else; the VPC flow-log group is the
  network audit trail (who talked to what), kept `flow_log_retention_days`.
- Snowflake pipes: a pipe's load history (which files it loaded, 14 days) goes with it; a
  new pipe does not know them, so a replacement either skips files still in the stage
  or, after `ALTER PIPE ... REFRESH`, loads them twice.

Every type not listed (roles, grants, policies, endpoints, stages, integrations, the
objects the program uploads) is rebuilt from the program alone: its delete or replacement
is reported by `dataplat diff` but does not block.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..facts.tokens import (
    CLOUDWATCH_LOG_GROUP,
    DYNAMODB_TABLE,
    GLUE_CATALOG_DATABASE,
    GLUE_CATALOG_TABLE,
    KMS_KEY,
    MWAA_ENVIRONMENT,
    RDS_CLUSTER,
    RDS_INSTANCE,
    S3_BUCKET,
    S3_BUCKET_V2,
    SECRETSMANAGER_SECRET,
    SNOWFLAKE_DATABASE,
    SNOWFLAKE_PIPE,
    SNOWFLAKE_SCHEMA,
    SNOWFLAKE_TABLE,
)


@dataclass(frozen=True)
class StatefulType:
    """One type that holds data.

    Attributes:
        token: the Pulumi type token.
        label: what it is, for messages.
        replace_on: input paths (engine camelCase, dotted for nested objects) whose change
            forces the provider to delete and recreate the resource.
        source: the upstream schema file the replace-forcing inputs come from.
        note: what the replace-forcing inputs leave out, for the reference page. Defaults
            to empty.
    """

    token: str
    label: str
    replace_on: tuple[str, ...]
    source: str
    note: str = ""


_AWS = "terraform-provider-aws internal/service/"
_SNOWFLAKE = "terraform-provider-snowflake pkg/resources/"
_S3_BUCKET = ("bucket", "bucketPrefix", "objectLockEnabled")
_RENAME = "a `name` change is an in-place `ALTER ... RENAME TO`"

STATEFUL_TYPES: dict[str, StatefulType] = {
    t.token: t
    for t in (
        # pulumi-aws v7 renamed BucketV2 to Bucket; both tokens exist in state files.
        StatefulType(S3_BUCKET, "S3 bucket", _S3_BUCKET, _AWS + "s3/bucket.go"),
        StatefulType(S3_BUCKET_V2, "S3 bucket", _S3_BUCKET, _AWS + "s3/bucket.go"),
        StatefulType(
            KMS_KEY,
            "KMS key",
            (
                "customerMasterKeySpec",
                "keyUsage",
                "multiRegion",
                "customKeyStoreId",
                "xksKeyId",
            ),
            _AWS + "kms/key.go",
        ),
        StatefulType(
            SECRETSMANAGER_SECRET,
            "Secrets Manager secret",
            ("name", "namePrefix"),
            _AWS + "secretsmanager/secret.go",
        ),
        StatefulType(
            GLUE_CATALOG_DATABASE,
            "Glue database",
            ("name", "catalogId"),
            _AWS + "glue/catalog_database.go",
        ),
        StatefulType(
            GLUE_CATALOG_TABLE,
            "Glue table",
            ("name", "databaseName", "catalogId", "partitionIndices"),
            _AWS + "glue/catalog_table.go",
        ),
        StatefulType(
            MWAA_ENVIRONMENT,
            "MWAA environment",
            ("name", "kmsKey", "endpointManagement", "networkConfiguration.subnetIds"),
            _AWS + "mwaa/environment.go",
            "a major `airflowVersion` upgrade also replaces it (not modelled)",
        ),
        StatefulType(
            DYNAMODB_TABLE,
            "DynamoDB table",
            ("name", "hashKey", "rangeKey", "localSecondaryIndexes"),
            _AWS + "dynamodb/table.go",
        ),
        StatefulType(
            RDS_INSTANCE,
            "RDS instance",
            ("identifier", "identifierPrefix", "kmsKeyId", "storageEncrypted", "username"),
            _AWS + "rds/instance.go",
            "the platform creates none; listed so a foreign program's database is guarded",
        ),
        StatefulType(
            RDS_CLUSTER,
            "RDS cluster",
            (
                "clusterIdentifier",
                "clusterIdentifierPrefix",
                "kmsKeyId",
                "storageEncrypted",
                "masterUsername",
            ),
            _AWS + "rds/cluster.go",
            "the platform creates none; listed so a foreign program's database is guarded",
        ),
        StatefulType(
            CLOUDWATCH_LOG_GROUP,
            "CloudWatch log group",
            ("name", "namePrefix", "logGroupClass"),
            _AWS + "logs/group.go",
            "holds audit logs (the VPC flow logs) that exist nowhere else",
        ),
        StatefulType(
            SNOWFLAKE_DATABASE,
            "Snowflake database",
            ("isTransient",),
            _SNOWFLAKE + "database.go",
            _RENAME,
        ),
        StatefulType(
            SNOWFLAKE_SCHEMA,
            "Snowflake schema",
            ("database", "isTransient"),
            _SNOWFLAKE + "schema.go",
            _RENAME,
        ),
        StatefulType(
            SNOWFLAKE_TABLE,
            "Snowflake table",
            ("database", "schema"),
            _SNOWFLAKE + "table.go",
            _RENAME,
        ),
        StatefulType(
            SNOWFLAKE_PIPE,
            "Snowflake pipe (load history)",
            (
                "name",
                "database",
                "schema",
                "copyStatement",
                "autoIngest",
                "awsSnsTopicArn",
            ),
            _SNOWFLAKE + "pipe.go",
            "its load history goes with it: a new pipe skips or reloads staged files",
        ),
    )
}

# The tokens, in table order: the resource types of the prod-protection rule.
STATEFUL_TOKENS: tuple[str, ...] = tuple(STATEFUL_TYPES)
