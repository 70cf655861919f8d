"""The Snowflake ingest handshake: storage integration, its IAM role, stage, table and pipe.

The integration needs the role's ARN and the role's trust policy needs the
integration's IAM user and external id: a cycle. It is broken by fixing the role's
name up front (so its ARN is known without the role resource) and pinning the
external id in the integration, so the role is created after the integration from
its DESCRIBE output, and re-creating either never silently breaks the trust.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws
import pulumi_snowflake as snowflake

from components.integration.snowflake_ingest_iam import (
    snowflake_read_policy,
    snowflake_trust_policy,
    stage_url,
)
from components.naming import snowflake_identifier
from components.protection import Protection
from components.snowflake.providers import SnowflakeProviders
from components.storage.bucket_notifications import QueueNotification
from policies.rules.facts import arns

# Landing tables keep each record whole; typing it is the transformer's job.
LANDING_COLUMNS = (("RECORD", "VARIANT"), ("FILE_NAME", "VARCHAR"), ("LOADED_AT", "TIMESTAMP_LTZ"))


@dataclass(frozen=True)
class IngestSourceArgs:
    """Arguments of `SnowflakeIngest`: one S3 prefix loaded into one landing table.

    Attributes:
        key: The source's config name (`crm`).
        account_id: The AWS account of the bucket and role.
        role_name: The IAM role's name, fixed up front (`Naming.iam_role`).
        bucket: The bucket's name.
        prefix: Key prefix of the source's files, ending in `/`.
        kms_key_arn: The zone key the objects are encrypted with.
        external_id: The pinned external id of the integration's trust.
        integration: The storage integration's Snowflake name.
        database: Database of the stage, table and pipe.
        schema: Schema of the stage, table and pipe.
        file_format: `PARQUET`, `JSON` or `CSV`.
        tags: Tags of the IAM role.
        protection: Deletion safeguards of the landing table (it holds the loaded
            data). Defaults to none.
        error_integration: The notification integration the pipe reports load errors
            to (`SnowflakeNotifications.name`). Defaults to none: errors reach nobody,
            which the policy pack refuses in every environment.
    """

    key: str
    account_id: str
    role_name: str
    bucket: str
    prefix: str
    kms_key_arn: pulumi.Input[str]
    external_id: str
    integration: str
    database: pulumi.Input[str]
    schema: pulumi.Input[str]
    file_format: str
    tags: dict[str, str]
    protection: Protection = field(default_factory=Protection)
    error_integration: pulumi.Input[str] | None = None


class SnowflakeIngest(pulumi.ComponentResource):
    """Files landing under a prefix appear in a Snowflake table within a minute.

    `notification` is what the bucket must send to the pipe's queue; the bucket
    component owns the one notification configuration of the bucket (see
    `BucketNotifications`). `table` is the landing table (`table_name` its
    identifier): what is attached to it (data metric functions) must be replaced
    with it, and `pipe` is what the contract tag is set on
    (components/snowflake/pipe_contract_tags.py).
    """

    integration: snowflake.StorageIntegrationAws
    role: aws.iam.Role
    table: snowflake.Table
    table_name: str
    pipe: snowflake.Pipe
    notification: QueueNotification

    def __init__(
        self,
        name: str,
        args: IngestSourceArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:integration:SnowflakeIngest", name, None, opts)
        objects = pulumi.ResourceOptions(parent=self, provider=providers.objects)
        location = stage_url(args.bucket, args.prefix)
        self.integration = snowflake.StorageIntegrationAws(
            f"{name}-integration",
            name=args.integration,
            enabled=True,
            storage_provider="S3",
            storage_aws_role_arn=arns.iam_role(args.account_id, args.role_name),
            storage_aws_external_id=args.external_id,
            storage_allowed_locations=[location],
            comment=f"Reads {location}",
            opts=objects,
        )
        described = self.integration.describe_outputs[0]
        self.role = aws.iam.Role(
            f"{name}-role",
            name=args.role_name,
            assume_role_policy=pulumi.Output.all(
                described.iam_user_arn, described.external_id
            ).apply(lambda v: json.dumps(snowflake_trust_policy(str(v[0]), str(v[1])))),
            description=f"Snowflake storage integration {args.integration} reads {location}",
            max_session_duration=3600,
            tags=args.tags,
            opts=pulumi.ResourceOptions(parent=self),
        )
        access = aws.iam.RolePolicy(
            f"{name}-read",
            role=self.role.id,
            policy=pulumi.Output.from_input(args.kms_key_arn).apply(
                lambda key: json.dumps(snowflake_read_policy(args.bucket, args.prefix, key))
            ),
            opts=pulumi.ResourceOptions(parent=self),
        )
        # The stage is usable only once the role trusts Snowflake and may read.
        usable = pulumi.ResourceOptions(
            parent=self, provider=providers.objects, depends_on=[self.role, access]
        )
        stage = snowflake.StageExternalS3(
            f"{name}-stage",
            database=args.database,
            schema=args.schema,
            name=snowflake_identifier(args.key, "STAGE"),
            url=location,
            storage_integration=self.integration.name,
            comment=f"Files of source {args.key}",
            opts=usable,
        )
        self.table_name = snowflake_identifier(args.key, "LANDING")
        self.table = table = snowflake.Table(
            f"{name}-table",
            database=args.database,
            schema=args.schema,
            name=self.table_name,
            columns=[{"name": c, "type": t} for c, t in LANDING_COLUMNS],
            comment=f"Raw records of source {args.key}, loaded by Snowpipe",
            opts=pulumi.ResourceOptions.merge(args.protection.options(self), objects),
        )
        self.pipe = snowflake.Pipe(
            f"{name}-pipe",
            database=args.database,
            schema=args.schema,
            name=snowflake_identifier(args.key, "PIPE"),
            auto_ingest=True,
            error_integration=args.error_integration,
            copy_statement=pulumi.Output.all(
                table.fully_qualified_name, stage.fully_qualified_name
            ).apply(lambda v: copy_statement(str(v[0]), str(v[1]), args.file_format)),
            comment=f"Auto-ingest of {location}",
            # Its load history goes with it: protected like the landing table.
            opts=pulumi.ResourceOptions.merge(args.protection.options(self), usable),
        )
        self.notification = QueueNotification(
            queue_arn=self.pipe.notification_channel, prefix=args.prefix
        )
        self.register_outputs({"queue": self.pipe.notification_channel})


def copy_statement(table: str, stage: str, file_format: str) -> str:
    """The pipe's COPY: each file's records, with the file name and load time.

    The format is part of the statement rather than the stage so one place says how
    files are read; CSV lands each line as one string (`$1`) for the transformer.
    """
    columns = ", ".join(c for c, _ in LANDING_COLUMNS)
    return (
        f"COPY INTO {table} ({columns}) "
        f"FROM (SELECT $1, METADATA$FILENAME, CURRENT_TIMESTAMP() FROM @{stage}) "
        f"FILE_FORMAT = (TYPE = '{file_format}')"
    )
