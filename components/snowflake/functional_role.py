"""A functional role (loader, analyst, ...) composed only of access roles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pulumi
import pulumi_snowflake as snowflake

from components.snowflake.providers import OBJECT_OWNER_ROLE, SnowflakeProviders


@dataclass(frozen=True)
class FunctionalRoleArgs:
    """Arguments of `FunctionalRole`.

    Attributes:
        identifier: The account role's Snowflake name (environment-prefixed).
        database_roles: Access roles to grant, by a stable key (`raw.main.owner`) to
            their qualified names.
        warehouse_roles: Warehouse access roles to grant, by key to their names.
            Defaults to none.
        comment: What the role is for. Defaults to "".
    """

    identifier: str
    database_roles: Mapping[str, pulumi.Input[str]]
    warehouse_roles: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    comment: str = ""


class FunctionalRole(pulumi.ComponentResource):
    """An account role holding no privilege of its own, only access roles.

    Privileges live on access roles, so what a functional role may do is the sum of
    named, reviewable grants, and the role rolls up to SYSADMIN so nothing created
    under it is out of the administrators' reach.
    """

    role: snowflake.AccountRole

    def __init__(
        self,
        name: str,
        args: FunctionalRoleArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:snowflake:FunctionalRole", name, None, opts)
        security = pulumi.ResourceOptions(parent=self, provider=providers.security)
        self.role = snowflake.AccountRole(
            name, name=args.identifier, comment=args.comment, opts=security
        )
        for key, database_role in sorted(args.database_roles.items()):
            snowflake.GrantDatabaseRole(
                f"{name}-{key}",
                database_role_name=database_role,
                parent_role_name=self.role.name,
                opts=security,
            )
        for key, warehouse_role in sorted(args.warehouse_roles.items()):
            snowflake.GrantAccountRole(
                f"{name}-{key}",
                role_name=warehouse_role,
                parent_role_name=self.role.name,
                opts=security,
            )
        snowflake.GrantAccountRole(
            f"{name}-to-sysadmin",
            role_name=self.role.name,
            parent_role_name=OBJECT_OWNER_ROLE,
            opts=security,
        )
        self.register_outputs({"name": self.role.name})
