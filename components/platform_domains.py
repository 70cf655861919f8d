"""The data domains' arguments, from their validated specs (part of the composition root)."""

from __future__ import annotations

from components.domain import (
    DataDomainArgs,
    DomainIngestArgs,
    DomainPipelineArgs,
    DomainZone,
)
from components.lake import DataLake
from components.naming import Naming, glue_name, snowflake_identifier
from components.platform_common import protection_for
from components.snowflake.database import DatabaseArgs, SchemaArgs
from components.snowflake.platform import SnowflakePlatform
from components.snowflake.warehouse import WarehouseArgs
from components.tags import MandatoryTags
from stacks.config import PlatformConfig
from stacks.domain_spec import DOMAIN_ROLES, DomainSpec
from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS


def domain_args(
    config: PlatformConfig,
    spec: DomainSpec,
    naming: Naming,
    lake: DataLake,
    snowflake: SnowflakePlatform,
) -> DataDomainArgs:
    """One domain's arguments, with the stack's environment applied."""
    spec = spec.for_environment(config.environment)
    caps = SNOWFLAKE_ENVIRONMENT_DEFAULTS[config.environment]
    database = naming.snowflake("domain", spec.name)
    tags = MandatoryTags(
        environment=config.environment, owner=spec.owner, cost_center=config.cost_center
    ).for_data(spec.data_classification, domain=spec.name)
    return DataDomainArgs(
        key=spec.name,
        account_id=config.account_id,
        tags=tags,
        database=DatabaseArgs(
            identifier=database,
            schemas=tuple(SchemaArgs(s.name, snowflake_identifier(s.name)) for s in spec.schemas),
            data_retention_days=caps.data_retention_days,
            protection=protection_for(config),
            comment=spec.description,
        ),
        warehouses={
            w.name: WarehouseArgs(
                identifier=naming.snowflake(spec.name, w.name),
                size=w.size,
                auto_suspend_seconds=w.auto_suspend_seconds or caps.auto_suspend_seconds,
                credit_quota=w.credit_quota,
                statement_timeout_seconds=caps.statement_timeout_seconds,
                statement_queued_timeout_seconds=caps.statement_queued_timeout_seconds,
            )
            for w in spec.warehouses
        },
        role_identifiers={r: naming.snowflake(spec.name, r) for r in DOMAIN_ROLES},
        zones=[
            DomainZone(
                zone=zone,
                bucket=naming.bucket(zone),
                prefix=spec.prefix(),
                kms_key_arn=lake.keys[zone].arn,
                glue_database=glue_name(naming.prefix, naming.environment, zone, spec.name),
            )
            for zone in spec.zones
        ],
        pii_schemas={s.name: s.pii_category for s in spec.schemas if s.pii_category},
        pipelines=[DomainPipelineArgs(p.name, p.warehouse, p.allowed_ips) for p in spec.pipelines],
        ingest=[
            DomainIngestArgs(s.name, s.zone, s.prefix, s.schema_, s.file_format)
            for s in spec.ingest_sources
        ],
        pii_tag=snowflake.governance.tag.fully_qualified_name,
        authentication_policy=snowflake.governance.keypair_only_policy.fully_qualified_name,
        iam_role_names={
            s.name: naming.iam_role(f"snowflake-{spec.name}-{s.name}") for s in spec.ingest_sources
        },
        protection=protection_for(config),
    )
