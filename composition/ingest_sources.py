"""Ingest sources: the platform's (files of a zone into a declared schema) and domains'."""

from __future__ import annotations

from components.integration.snowflake_ingest import IngestSourceArgs
from components.integration.snowflake_notifications import SnowflakeNotifications
from components.naming import snowflake_identifier
from components.snowflake.snowflake_platform import SnowflakePlatform
from components.storage.data_lake import DataLake
from composition.context import StackContext
from stacks.orchestration_config import ResolvedOrchestration


def platform_ingest_sources(
    ctx: StackContext,
    orchestration: ResolvedOrchestration,
    lake: DataLake,
    snowflake: SnowflakePlatform,
    notifications: SnowflakeNotifications,
) -> dict[str, tuple[str, IngestSourceArgs]]:
    """Each source's zone and handshake arguments, by source name; every pipe reports
    its load errors through `notifications`."""
    naming = ctx.naming
    classification = {z.name: z.data_classification for z in ctx.platform.zones}
    sources = {}
    for source in orchestration.ingest_sources:
        database = snowflake.databases[source.database]
        integration = naming.snowflake(source.name, "INTEGRATION")
        sources[source.name] = (
            source.zone,
            IngestSourceArgs(
                key=source.name,
                account_id=ctx.account_id,
                role_name=naming.iam_role(f"snowflake-{source.name}"),
                bucket=naming.bucket(source.zone),
                prefix=source.prefix,
                kms_key_arn=lake.keys[source.zone].arn,
                # Pinned: re-creating the integration keeps the role's trust valid. Unset,
                # it is a name, so it comes from naming here rather than from stacks/.
                external_id=(
                    snowflake_identifier(integration, "EXTERNAL_ID")
                    if source.external_id is None
                    else source.external_id
                ),
                integration=integration,
                database=database.database.name,
                schema=database.schemas[source.schema_].name,
                file_format=source.file_format,
                tags=ctx.tags.for_data(classification[source.zone]),
                protection=ctx.protection,
                error_integration=notifications.name,
            ),
        )
    return sources
