"""The whole Snowflake side of one environment, composed from the components beside it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi

from components.naming import Naming
from components.protection import Protection
from components.snowflake.functional_role import FunctionalRole, FunctionalRoleArgs
from components.snowflake.governance import Governance, GovernanceArgs
from components.snowflake.managed_database import DatabaseArgs, ManagedDatabase
from components.snowflake.managed_warehouse import ManagedWarehouse, WarehouseArgs
from components.snowflake.pipeline_service_user import PipelineServiceUser, ServiceUserArgs
from components.snowflake.providers import (
    SnowflakeConnection,
    SnowflakeProviders,
    snowflake_providers,
)
from components.snowflake.role_model import (
    FunctionalRoleSpec,
    UnmaskRole,
    access_levels,
    unmask_grants,
)
from components.snowflake.schema_pii_tags import PiiSchema


@dataclass(frozen=True)
class DatabaseSpec:
    """A database by its config key: its arguments and its schemas' PII categories."""

    key: str
    database: DatabaseArgs
    pii_categories: Mapping[str, str]

    @property
    def schemas(self) -> tuple[str, ...]:
        """The keys of its schemas."""
        return tuple(s.key for s in self.database.schemas)


@dataclass(frozen=True)
class ServiceUserSpec:
    """A service user by config keys of its role and warehouse."""

    key: str
    role: str
    warehouse: str
    allowed_ips: tuple[str, ...]
    rsa_public_key: str | None = None
    key_rotation_days: int = 90


@dataclass(frozen=True)
class SnowflakePlatformArgs:
    """Arguments of `SnowflakePlatform`; `naming` turns every key into an identifier.

    Attributes:
        naming: The stack's naming scheme.
        connection: Account and deploying user of the providers.
        governance_role: The bootstrap-created role owning tags and policies.
        warehouses: Warehouse arguments by key (their identifiers already set).
        databases: Databases with their schemas (time travel and protection set).
        functional_roles: Functional roles with their access and unmask lists.
        service_users: Pipeline identities.
        pii_categories: Allowed values of the PII tag.
        data_retention_days: Time travel of the governance database.
        protection: Deletion safeguards of the governance objects and the PII tag.
        unmask_roles: Roles created elsewhere (the domains') that see PII categories in
            clear, by Snowflake name. Defaults to none.
        airflow_egress_ips: The addresses Airflow leaves from (NAT Elastic IPs), added to
            the network policy of every service user Airflow connects as (those whose
            key the program generates). Defaults to none.
    """

    naming: Naming
    connection: SnowflakeConnection
    governance_role: str
    warehouses: Mapping[str, WarehouseArgs]
    databases: tuple[DatabaseSpec, ...]
    functional_roles: tuple[FunctionalRoleSpec, ...]
    service_users: tuple[ServiceUserSpec, ...]
    pii_categories: tuple[str, ...]
    data_retention_days: int
    protection: Protection
    unmask_roles: tuple[UnmaskRole, ...] = ()
    airflow_egress_ips: Sequence[pulumi.Input[str]] = ()


class SnowflakePlatform(pulumi.ComponentResource):
    """Warehouses, databases, the role model, governance and service users."""

    TYPE = "dataplatform:snowflake:SnowflakePlatform"

    providers: SnowflakeProviders
    warehouses: dict[str, ManagedWarehouse]
    databases: dict[str, ManagedDatabase]
    functional_roles: dict[str, FunctionalRole]
    governance: Governance
    service_users: dict[str, PipelineServiceUser]

    def __init__(
        self,
        name: str,
        args: SnowflakePlatformArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(self.TYPE, name, None, opts)
        naming = args.naming
        self.providers = snowflake_providers(
            name, args.connection, args.governance_role, parent=self
        )
        child = pulumi.ResourceOptions(parent=self)
        self.warehouses = {
            key: ManagedWarehouse(f"{name}-wh-{key}", wh, self.providers, child)
            for key, wh in args.warehouses.items()
        }
        self.databases = {
            db.key: ManagedDatabase(f"{name}-db-{db.key}", db.database, self.providers, child)
            for db in args.databases
        }
        schemas = {db.key: db.schemas for db in args.databases}
        self.functional_roles = {
            role.key: FunctionalRole(
                f"{name}-role-{role.key}", self._role_args(role, schemas), self.providers, child
            )
            for role in args.functional_roles
        }
        self.governance = Governance(
            f"{name}-governance",
            GovernanceArgs(
                database=naming.snowflake("governance"),
                governance_role=args.governance_role,
                categories=args.pii_categories,
                unmask=unmask_grants([*args.functional_roles, *args.unmask_roles]),
                pii_schemas=[
                    PiiSchema(
                        key=f"{db.key}-{schema}",
                        database_key=db.key,
                        database=self.databases[db.key].database.name,
                        schema=self.databases[db.key].schemas[schema].fully_qualified_name,
                        category=category,
                    )
                    for db in args.databases
                    for schema, category in db.pii_categories.items()
                ],
                data_retention_days=args.data_retention_days,
                protection=args.protection,
            ),
            self.providers,
            child,
        )
        self.service_users = {
            user.key: PipelineServiceUser(
                f"{name}-user-{user.key}",
                ServiceUserArgs(
                    identifier=naming.snowflake(user.key),
                    role=self.functional_roles[user.role].role.name,
                    warehouse=self.warehouses[user.warehouse].warehouse.name,
                    allowed_ips=user.allowed_ips,
                    authentication_policy=(
                        self.governance.keypair_only_policy.fully_qualified_name
                    ),
                    rsa_public_key=user.rsa_public_key,
                    key_rotation_days=user.key_rotation_days,
                    # Airflow connects only as users whose key the program generates.
                    airflow_egress_ips=(
                        args.airflow_egress_ips if user.rsa_public_key is None else ()
                    ),
                ),
                self.providers,
                child,
            )
            for user in args.service_users
        }
        self.register_outputs({})

    def _role_args(
        self, role: FunctionalRoleSpec, schemas: Mapping[str, tuple[str, ...]]
    ) -> FunctionalRoleArgs:
        levels = access_levels(role, schemas)
        return FunctionalRoleArgs(
            identifier=role.identifier,
            database_roles={
                f"{db}-{schema}-{level}": self.databases[db]
                .access_roles[(schema, level)]
                .fully_qualified_name
                for (db, schema), level in levels.items()
            },
            warehouse_roles={
                f"wh-{wh}-usage": self.warehouses[wh].roles["usage"].name for wh in role.warehouses
            },
            comment=f"Functional role {role.key}",
        )
