"""A database, its managed-access schemas, and the access roles of each schema.

Access roles are database roles (`<SCHEMA>_READ`, `_WRITE`, `_OWNER`) rather than
account roles: they live and die with their database, cannot be activated in a
session on their own (so nobody works "as" an access role), and keep the account's
role list to the roles people actually use. Warehouses cannot be granted to a
database role, which is why warehouse access roles are account roles
(see warehouse.py).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pulumi
import pulumi_snowflake as snowflake

from components.naming import snowflake_identifier
from components.protection import Protection
from components.snowflake.privileges import (
    ACCESS_LEVELS,
    DATABASE_PRIVILEGES,
    OBJECT_PRIVILEGES,
    SCHEMA_PRIVILEGES,
)
from components.snowflake.providers import OBJECT_OWNER_ROLE, SnowflakeProviders


@dataclass(frozen=True)
class SchemaArgs:
    """A schema: its key in the config and its Snowflake identifier."""

    key: str
    identifier: str


@dataclass(frozen=True)
class DatabaseArgs:
    """Arguments of `ManagedDatabase`.

    Attributes:
        identifier: The database's Snowflake name (environment-prefixed).
        schemas: Its schemas; each gets managed access and three access roles.
        data_retention_days: Time travel of the database and its schemas.
        protection: Deletion safeguards of the database and schemas (they hold
            data). Defaults to none.
        comment: What the database holds. Defaults to "".
        access_roles: Whether each schema gets its READ/WRITE/OWNER database roles.
            Defaults to True; False for a database only SYSADMIN uses (the ops
            database of the alerts holds no data anyone reads).
    """

    identifier: str
    schemas: tuple[SchemaArgs, ...]
    data_retention_days: int
    protection: Protection = field(default_factory=Protection)
    comment: str = ""
    access_roles: bool = True


class ManagedDatabase(pulumi.ComponentResource):
    """A database whose every schema comes with READ/WRITE/OWNER access roles.

    Managed access moves grant decisions from object owners to the schema owner
    (and MANAGE GRANTS), so a pipeline creating a table cannot hand it to anyone.
    """

    database: snowflake.Database
    schemas: dict[str, snowflake.Schema]
    access_roles: dict[tuple[str, str], snowflake.DatabaseRole]

    def __init__(
        self,
        name: str,
        args: DatabaseArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:snowflake:ManagedDatabase", name, None, opts)
        owned = pulumi.ResourceOptions(parent=self, provider=providers.objects)
        stateful = pulumi.ResourceOptions.merge(args.protection.options(self), owned)
        granted = pulumi.ResourceOptions(parent=self, provider=providers.security)
        self.database = snowflake.Database(
            name,
            name=args.identifier,
            comment=args.comment,
            data_retention_time_in_days=args.data_retention_days,
            # Nobody is granted PUBLIC's schema; it would be an unmanaged back door.
            drop_public_schema_on_creation=True,
            opts=stateful,
        )
        self.schemas = {}
        self.access_roles = {}
        for schema in args.schemas:
            self.schemas[schema.key] = snowflake.Schema(
                f"{name}-{schema.key}",
                database=self.database.name,
                name=schema.identifier,
                with_managed_access="true",
                data_retention_time_in_days=args.data_retention_days,
                opts=stateful,
            )
            if not args.access_roles:
                continue
            for level in ACCESS_LEVELS:
                self.access_roles[(schema.key, level)] = snowflake.DatabaseRole(
                    f"{name}-{schema.key}-{level}",
                    database=self.database.name,
                    name=snowflake_identifier(schema.identifier, level),
                    comment=f"{level.upper()} access to schema {schema.identifier}",
                    opts=owned,
                )
            self._grant_schema(name, schema.key, granted)
        self.register_outputs({"name": self.database.name})

    def _grant_schema(self, name: str, key: str, opts: pulumi.ResourceOptions) -> None:
        schema = self.schemas[key]
        roles = {level: self.access_roles[(key, level)] for level in ACCESS_LEVELS}
        base = f"{name}-{key}"
        for lower, upper in itertools.pairwise(ACCESS_LEVELS):
            snowflake.GrantDatabaseRole(
                f"{base}-{lower}-to-{upper}",
                database_role_name=roles[lower].fully_qualified_name,
                parent_database_role_name=roles[upper].fully_qualified_name,
                opts=opts,
            )
        # The top of each schema's hierarchy rolls up to the object owner role.
        snowflake.GrantDatabaseRole(
            f"{base}-owner-to-sysadmin",
            database_role_name=roles["owner"].fully_qualified_name,
            parent_role_name=OBJECT_OWNER_ROLE,
            opts=opts,
        )
        for level, role in roles.items():
            grant = f"{base}-{level}"
            if level in DATABASE_PRIVILEGES:
                snowflake.GrantPrivilegesToDatabaseRole(
                    f"{grant}-database",
                    database_role_name=role.fully_qualified_name,
                    privileges=list(DATABASE_PRIVILEGES[level]),
                    on_database=self.database.name,
                    opts=opts,
                )
            if level in SCHEMA_PRIVILEGES:
                snowflake.GrantPrivilegesToDatabaseRole(
                    f"{grant}-schema",
                    database_role_name=role.fully_qualified_name,
                    privileges=list(SCHEMA_PRIVILEGES[level]),
                    on_schema={"schema_name": schema.fully_qualified_name},
                    opts=opts,
                )
            for objects in OBJECT_PRIVILEGES.get(level, ()):
                kind = objects.object_type_plural.lower().replace(" ", "-")
                for when in ("all", "future"):
                    snowflake.GrantPrivilegesToDatabaseRole(
                        f"{grant}-{when}-{kind}",
                        database_role_name=role.fully_qualified_name,
                        privileges=list(objects.privileges),
                        on_schema_object=_in_schema(
                            when, objects.object_type_plural, schema.fully_qualified_name
                        ),
                        opts=opts,
                    )


def _in_schema(
    when: str, object_type_plural: str, schema: pulumi.Input[str]
) -> snowflake.GrantPrivilegesToDatabaseRoleOnSchemaObjectArgsDict:
    """Every existing (`all`) or every future object of one kind in `schema`."""
    if when == "all":
        return {"all": {"object_type_plural": object_type_plural, "in_schema": schema}}
    return {"future": {"object_type_plural": object_type_plural, "in_schema": schema}}
