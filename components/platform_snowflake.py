"""The Snowflake side's arguments, from the validated config (part of the composition root)."""

from __future__ import annotations

import pulumi

from components.naming import Naming
from components.platform_common import protection_for
from components.snowflake.platform import DatabaseSpec, ServiceUserSpec, SnowflakePlatformArgs
from components.snowflake.providers import SnowflakeConnection
from components.snowflake.role_model import FunctionalRoleSpec
from components.snowflake.warehouse import WarehouseArgs
from stacks.config import PlatformConfig
from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS, SnowflakeConfig


def snowflake_args(
    config: PlatformConfig,
    snowflake: SnowflakeConfig,
    naming: Naming,
    private_key: pulumi.Input[str] | None,
) -> SnowflakePlatformArgs:
    """The Snowflake side's arguments, with the environment's defaults applied."""
    defaults = SNOWFLAKE_ENVIRONMENT_DEFAULTS[config.environment]
    return SnowflakePlatformArgs(
        naming=naming,
        connection=SnowflakeConnection(
            organization_name=snowflake.connection.organization_name,
            account_name=snowflake.connection.account_name,
            user=snowflake.connection.user,
            private_key=private_key,
        ),
        governance_role=snowflake.governance_role,
        warehouses={
            w.name: WarehouseArgs(
                identifier=naming.snowflake(w.name),
                size=w.size,
                auto_suspend_seconds=w.auto_suspend_seconds or defaults.auto_suspend_seconds,
                credit_quota=w.credit_quota or defaults.credit_quota,
                statement_timeout_seconds=(
                    w.statement_timeout_seconds or defaults.statement_timeout_seconds
                ),
                statement_queued_timeout_seconds=defaults.statement_queued_timeout_seconds,
                max_cluster_count=w.max_cluster_count,
            )
            for w in snowflake.warehouses
        },
        databases=tuple(
            DatabaseSpec(
                key=d.name,
                schemas=tuple(s.name for s in d.schemas),
                pii_categories={s.name: s.pii_category for s in d.schemas if s.pii_category},
            )
            for d in snowflake.databases
        ),
        functional_roles=tuple(
            FunctionalRoleSpec(
                key=r.name,
                identifier=naming.snowflake(r.name),
                read=r.read,
                write=r.write,
                own=r.own,
                warehouses=r.warehouses,
                unmask=r.unmask,
            )
            for r in snowflake.functional_roles
        ),
        service_users=tuple(
            ServiceUserSpec(
                key=u.name,
                role=u.role,
                warehouse=u.warehouse,
                allowed_ips=u.allowed_ips,
                rsa_public_key=u.rsa_public_key,
            )
            for u in snowflake.service_users
        ),
        pii_categories=snowflake.pii.categories,
        data_retention_days=defaults.data_retention_days,
        protection=protection_for(config),
    )
