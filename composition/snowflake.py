"""The Snowflake side's arguments, from the resolved config and its resolvers."""

from __future__ import annotations

from collections.abc import Sequence

import pulumi

from components.snowflake.providers import SnowflakeConnection
from components.snowflake.snowflake_platform import SnowflakePlatformArgs
from composition.context import StackContext
from composition.databases import platform_databases
from composition.roles import domain_unmask_roles, platform_roles
from composition.service_users import platform_service_users
from composition.warehouses import warehouse_args
from stacks.domain_spec import ResolvedDomain
from stacks.snowflake_config import ResolvedSnowflake


def snowflake_args(
    ctx: StackContext,
    snowflake: ResolvedSnowflake,
    private_key: pulumi.Input[str] | None,
    domains: Sequence[ResolvedDomain] = (),
    airflow_egress_ips: Sequence[pulumi.Input[str]] = (),
) -> SnowflakePlatformArgs:
    """Warehouses, databases, roles, users and governance of the platform.

    `domains` adds their unmasking roles to the masking policies; `airflow_egress_ips`
    (the NAT addresses) join the network policies of the users Airflow connects as.
    Both default to none.
    """
    naming = ctx.naming
    return SnowflakePlatformArgs(
        naming=naming,
        connection=snowflake_connection(snowflake, private_key),
        governance_role=snowflake.governance_role,
        warehouses={
            w.name: warehouse_args(w, naming.snowflake(w.name)) for w in snowflake.warehouses
        },
        databases=platform_databases(ctx, snowflake.databases, snowflake.data_retention_days),
        functional_roles=platform_roles(naming, snowflake.functional_roles),
        service_users=platform_service_users(snowflake.service_users),
        pii_categories=snowflake.pii_categories,
        data_retention_days=snowflake.data_retention_days,
        protection=ctx.protection,
        unmask_roles=domain_unmask_roles(naming, domains),
        airflow_egress_ips=airflow_egress_ips,
    )


def snowflake_connection(
    snowflake: ResolvedSnowflake, private_key: pulumi.Input[str] | None
) -> SnowflakeConnection:
    """The account and deploying user every Snowflake provider of a stack signs in as."""
    connection = snowflake.connection
    return SnowflakeConnection(
        organization_name=connection.organization_name,
        account_name=connection.account_name,
        user=connection.user,
        private_key=private_key,
    )
