"""The ingest sources' arguments, from the validated config (part of the composition root)."""

from __future__ import annotations

from components.ingest import IngestSourceArgs
from components.lake import DataLake
from components.naming import Naming, snowflake_identifier
from components.platform_common import protection_for
from components.snowflake.platform import SnowflakePlatform
from components.tags import MandatoryTags
from stacks.config import PlatformConfig
from stacks.orchestration_config import OrchestrationConfig


def ingest_sources(
    config: PlatformConfig,
    orchestration: OrchestrationConfig,
    naming: Naming,
    lake: DataLake,
    snowflake: SnowflakePlatform,
) -> dict[str, tuple[str, IngestSourceArgs]]:
    """Each source's zone and handshake arguments, by source name."""
    tags = MandatoryTags(
        environment=config.environment, owner=config.owner, cost_center=config.cost_center
    )
    classification = {z.name: z.data_classification for z in config.lake.zones}
    sources = {}
    for source in orchestration.ingest_sources:
        database = snowflake.databases[source.database]
        schema = database.schemas[source.schema_]
        integration = naming.snowflake(source.name, "INTEGRATION")
        sources[source.name] = (
            source.zone,
            IngestSourceArgs(
                key=source.name,
                account_id=config.account_id,
                role_name=naming.iam_role(f"snowflake-{source.name}"),
                bucket=naming.bucket(source.zone),
                prefix=source.prefix,
                kms_key_arn=lake.keys[source.zone].arn,
                # Pinned: re-creating the integration keeps the role's trust valid.
                external_id=source.external_id or snowflake_identifier(integration, "EXTERNAL_ID"),
                integration=integration,
                database=database.database.name,
                schema=schema.name,
                file_format=source.file_format,
                tags=tags.for_data(classification[source.zone]),
                protection=protection_for(config),
            ),
        )
    return sources
