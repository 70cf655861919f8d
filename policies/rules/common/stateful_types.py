"""Which resource types hold data.

The one table of stateful types. Deleting or replacing one of these types loses data
(objects, keys that decrypt it, tables, secrets, catalog entries, a running Airflow with
its metadata database), so the prod rule `prod-stateful-resources-protected` requires the
protect option on them, and `dataplat diff` (the destroy guard) blocks their deletion or
replacement unless acknowledged. Which inputs force a replacement is a separate fact, for
every type (`policies/rules/facts/replacements.py`, extracted from the providers' sources).
`dataplat docs` renders this table into docs/reference/stateful.md.

It lives in the policy pack because the pack may import nothing of the project; the
scripts import it from here.

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
        note: why it holds data, or what a change of it does, for the reference page.
            Defaults to empty.
    """

    token: str
    label: str
    note: str = ""


_RENAME = "a `name` change is an in-place `ALTER ... RENAME TO`"

STATEFUL_TYPES: dict[str, StatefulType] = {
    t.token: t
    for t in (
        # pulumi-aws v7 renamed BucketV2 to Bucket; both tokens exist in state files.
        StatefulType(S3_BUCKET, "S3 bucket"),
        StatefulType(S3_BUCKET_V2, "S3 bucket"),
        StatefulType(KMS_KEY, "KMS key"),
        StatefulType(SECRETSMANAGER_SECRET, "Secrets Manager secret"),
        StatefulType(GLUE_CATALOG_DATABASE, "Glue database"),
        StatefulType(GLUE_CATALOG_TABLE, "Glue table"),
        StatefulType(
            MWAA_ENVIRONMENT,
            "MWAA environment",
            "a major `airflowVersion` upgrade also replaces it (not modelled)",
        ),
        StatefulType(DYNAMODB_TABLE, "DynamoDB table"),
        StatefulType(
            RDS_INSTANCE,
            "RDS instance",
            "the platform creates none; listed so a foreign program's database is guarded",
        ),
        StatefulType(
            RDS_CLUSTER,
            "RDS cluster",
            "the platform creates none; listed so a foreign program's database is guarded",
        ),
        StatefulType(
            CLOUDWATCH_LOG_GROUP,
            "CloudWatch log group",
            "holds audit logs (the VPC flow logs) that exist nowhere else",
        ),
        StatefulType(SNOWFLAKE_DATABASE, "Snowflake database", _RENAME),
        StatefulType(SNOWFLAKE_SCHEMA, "Snowflake schema", _RENAME),
        StatefulType(SNOWFLAKE_TABLE, "Snowflake table", _RENAME),
        StatefulType(
            SNOWFLAKE_PIPE,
            "Snowflake pipe (load history)",
            "its load history goes with it: a new pipe skips or reloads staged files",
        ),
    )
}

# The tokens, in table order: the resource types of the prod-protection rule.
STATEFUL_TOKENS: tuple[str, ...] = tuple(STATEFUL_TYPES)
