"""Databases and schemas: the platform's (one per lake zone plus declared ones) and domains'."""

from __future__ import annotations

from collections.abc import Sequence

from components.naming import snowflake_identifier
from components.snowflake.managed_database import DatabaseArgs, SchemaArgs
from components.snowflake.snowflake_platform import DatabaseSpec
from composition.context import StackContext
from stacks.snowflake_config import DatabaseConfig, SchemaConfig


def database_args(
    ctx: StackContext,
    identifier: str,
    schemas: Sequence[SchemaConfig],
    data_retention_days: int,
    comment: str = "",
) -> DatabaseArgs:
    """A database under its Snowflake name, with managed-access schemas and time travel."""
    return DatabaseArgs(
        identifier=identifier,
        schemas=tuple(SchemaArgs(s.name, snowflake_identifier(s.name)) for s in schemas),
        data_retention_days=data_retention_days,
        protection=ctx.protection,
        comment=comment,
    )


def pii_schemas(schemas: Sequence[SchemaConfig]) -> dict[str, str]:
    """Schema key -> the PII category every column of it carries (classified schemas only)."""
    return {s.name: s.pii_category for s in schemas if s.pii_category}


def platform_databases(
    ctx: StackContext, databases: Sequence[DatabaseConfig], data_retention_days: int
) -> tuple[DatabaseSpec, ...]:
    """The platform's databases (zone databases and declared ones) by config key."""
    return tuple(
        DatabaseSpec(
            key=d.name,
            database=database_args(
                ctx, ctx.naming.snowflake(d.name), d.schemas, data_retention_days
            ),
            pii_categories=pii_schemas(d.schemas),
        )
        for d in databases
    )
