"""A self-service data domain: one team's slice of the platform, from the existing components.

Nothing here is built beside the platform: the domain's database is a
`ManagedDatabase`, its warehouses `ManagedWarehouse`s, its roles `FunctionalRole`s,
its service users `PipelineServiceUser`s and its sources `SnowflakeIngest`s, all through
the platform's role-scoped providers, so every rule of the platform (and of the policy
pack) applies to a domain the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from components.glue_database import catalog_database
from components.integration.snowflake_ingest import IngestSourceArgs, SnowflakeIngest
from components.naming import snowflake_identifier
from components.protection import Protection
from components.snowflake.functional_role import FunctionalRole, FunctionalRoleArgs
from components.snowflake.managed_database import DatabaseArgs, ManagedDatabase
from components.snowflake.managed_warehouse import ManagedWarehouse, WarehouseArgs
from components.snowflake.pipeline_service_user import PipelineServiceUser, ServiceUserArgs
from components.snowflake.providers import SnowflakeProviders
from components.snowflake.schema_pii_tags import PiiSchema, tag_pii_schemas
from components.storage.bucket_notifications import QueueNotification
from vocabulary.domain_items import DomainIngest, DomainServiceUser
from vocabulary.domains import DOMAIN_ROLE_LEVELS


@dataclass(frozen=True)
class DomainZone:
    """The domain's part of one lake zone: its prefix and the Glue database over it."""

    zone: str
    bucket: str
    prefix: str
    kms_key_arn: pulumi.Input[str]
    glue_database: str


@dataclass(frozen=True)
class DataDomainArgs:
    """Arguments of `DataDomain`.

    Attributes:
        key: The domain's name.
        account_id: The AWS account (for the ingest roles' ARNs).
        tags: The mandatory tags, owner set to the domain's owner.
        database: The domain's database and schemas.
        warehouses: Warehouse arguments by key.
        role_identifiers: Snowflake names of `engineer` and `analyst`.
        zones: The domain's prefixes and Glue databases, per zone.
        pii_schemas: Schema key -> PII category of its columns.
        service_users: Service users acting as the engineer role (pipelines log in as
            them), as the domain file declares them.
        ingest: Ingest sources, as the domain file declares them.
        pii_tag: Qualified name of the platform's PII tag.
        governance_role: The role that tags (it gets USAGE on the domain's database).
        authentication_policy: Qualified name of the key-pair-only policy.
        iam_role_names: Ingest source key -> its IAM role's fixed name.
        key_rotation_days: Days between rotations of the service users' generated keys
            (the platform's). Defaults to 90.
        protection: Deletion safeguards of stateful resources. Defaults to none.
        error_integration: The notification integration every pipe of the domain
            reports load errors to. Defaults to none.
        airflow_egress_ips: The addresses Airflow leaves from (NAT Elastic IPs): every
            service user's network policy admits them (Airflow connects as each one).
            Defaults to none.
    """

    key: str
    account_id: str
    tags: dict[str, str]
    database: DatabaseArgs
    warehouses: Mapping[str, WarehouseArgs]
    role_identifiers: Mapping[str, str]
    zones: Sequence[DomainZone]
    pii_schemas: Mapping[str, str]
    service_users: Sequence[DomainServiceUser]
    ingest: Sequence[DomainIngest]
    pii_tag: pulumi.Input[str]
    governance_role: str
    authentication_policy: pulumi.Input[str]
    iam_role_names: Mapping[str, str]
    key_rotation_days: int = 90
    protection: Protection = field(default_factory=Protection)
    error_integration: pulumi.Input[str] | None = None
    airflow_egress_ips: Sequence[pulumi.Input[str]] = ()


class DataDomain(pulumi.ComponentResource):
    """One domain's database, warehouses, roles, service users, sources and Glue databases.

    `notifications` lists (zone, queue) pairs the zone buckets must deliver; the
    platform gathers them with its own, because each bucket has one notification
    configuration. `glue_databases` are its Glue databases by zone (the domain
    crawlers and data-quality rulesets fill and read them). Other teams' read access
    is `DomainConsumerGrants`, built once every domain's roles exist (domains may
    consume each other). `ingests` are its sources' handshakes by source name (their
    landing tables and pipes carry the contracts' checks and tags).
    """

    key: str
    database: ManagedDatabase
    warehouses: dict[str, ManagedWarehouse]
    roles: dict[str, FunctionalRole]
    service_users: dict[str, PipelineServiceUser]
    ingests: dict[str, SnowflakeIngest]
    notifications: list[tuple[str, QueueNotification]]
    glue_databases: dict[str, aws.glue.CatalogDatabase]

    def __init__(
        self,
        name: str,
        args: DataDomainArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:domain:DataDomain", name, None, opts)
        self.key = args.key
        child = pulumi.ResourceOptions(parent=self)
        self.database = ManagedDatabase(f"{name}-db", args.database, providers, child)
        self.warehouses = warehouses = {
            key: ManagedWarehouse(f"{name}-wh-{key}", wh, providers, child)
            for key, wh in args.warehouses.items()
        }
        self.roles = {
            role: FunctionalRole(
                f"{name}-{role}",
                FunctionalRoleArgs(
                    identifier=args.role_identifiers[role],
                    database_roles={
                        f"{schema.key}-{level}": self.database.access_roles[
                            (schema.key, level)
                        ].fully_qualified_name
                        for schema in args.database.schemas
                    },
                    warehouse_roles={
                        f"wh-{key}-usage": wh.roles["usage"].name for key, wh in warehouses.items()
                    },
                    comment=f"{role.capitalize()} of data domain {args.key}",
                ),
                providers,
                child,
            )
            for role, level in DOMAIN_ROLE_LEVELS.items()
        }
        tag_pii_schemas(
            name,
            [
                PiiSchema(
                    key=schema,
                    database_key="db",
                    database=self.database.database.name,
                    schema=self.database.schemas[schema].fully_qualified_name,
                    category=category,
                )
                for schema, category in args.pii_schemas.items()
            ],
            args.pii_tag,
            args.governance_role,
            providers,
            self,
        )
        self.glue_databases = {}
        for zone in args.zones:
            self.glue_databases[zone.zone] = catalog_database(
                f"{name}-glue-{zone.zone}",
                database=zone.glue_database,
                description=f"Tables of data domain {args.key} in the {zone.zone} zone",
                location_uri=f"s3://{zone.bucket}/{zone.prefix}",
                tags=args.tags,
                protection=args.protection,
                parent=self,
            )
        engineer = self.roles["engineer"].role.name
        self.service_users = {
            p.name: PipelineServiceUser(
                f"{name}-user-{p.name}",
                ServiceUserArgs(
                    identifier=snowflake_identifier(args.role_identifiers["engineer"], p.name),
                    role=engineer,
                    warehouse=warehouses[p.warehouse].warehouse.name,
                    allowed_ips=p.allowed_ips,
                    authentication_policy=args.authentication_policy,
                    key_rotation_days=args.key_rotation_days,
                    airflow_egress_ips=args.airflow_egress_ips,
                ),
                providers,
                child,
            )
            for p in args.service_users
        }
        self.notifications, self.ingests = [], {}
        zones = {z.zone: z for z in args.zones}
        for source in args.ingest:
            zone = zones[source.zone]
            ingest = SnowflakeIngest(
                f"{name}-ingest-{source.name}",
                IngestSourceArgs(
                    key=f"{args.key}_{source.name}",
                    account_id=args.account_id,
                    role_name=args.iam_role_names[source.name],
                    bucket=zone.bucket,
                    prefix=f"{zone.prefix}{source.prefix}",
                    kms_key_arn=zone.kms_key_arn,
                    external_id=snowflake_identifier(
                        args.role_identifiers["engineer"], source.name, "EXTERNAL_ID"
                    ),
                    integration=snowflake_identifier(
                        args.database.identifier, source.name, "INTEGRATION"
                    ),
                    database=self.database.database.name,
                    schema=self.database.schemas[source.schema_].name,
                    file_format=source.file_format,
                    tags=args.tags,
                    protection=args.protection,
                    error_integration=args.error_integration,
                ),
                providers,
                child,
            )
            self.ingests[source.name] = ingest
            self.notifications.append((source.zone, ingest.notification))
        self.register_outputs({"database": self.database.database.name})
