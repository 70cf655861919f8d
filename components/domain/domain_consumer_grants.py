"""Other teams' read access to a domain's schemas, built once every role exists.

Domains may consume each other (`sales.analyst` reads `marketing.campaigns` while
`marketing.analyst` reads `sales.orders`), so no domain can grant while it is being
built: the composition root builds every `DataDomain` first, then one of these per
domain with consumers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_snowflake as snowflake

from components.snowflake.managed_database import ManagedDatabase
from components.snowflake.providers import SnowflakeProviders


@dataclass(frozen=True)
class ConsumerGrant:
    """One consumer: a role of another team and the schemas it may read.

    Attributes:
        consumer: How the domain file names it (`analyst`, `sales.analyst`); it names
            the grants.
        role_name: The consumer role's Snowflake name.
        schemas: Schema keys of the domain it reads.
    """

    consumer: str
    role_name: pulumi.Input[str]
    schemas: Sequence[str]


@dataclass(frozen=True)
class DomainConsumerGrantsArgs:
    """Arguments of `DomainConsumerGrants`.

    Attributes:
        database: The domain's database, whose READ database roles are granted.
        consumers: Every consumer of the domain.
    """

    database: ManagedDatabase
    consumers: Sequence[ConsumerGrant]


class DomainConsumerGrants(pulumi.ComponentResource):
    """Each consumer role gets the READ database role of each schema it consumes.

    The grants run through the security provider (SECURITYADMIN), like every grant.
    """

    grants: list[snowflake.GrantDatabaseRole]

    def __init__(
        self,
        name: str,
        args: DomainConsumerGrantsArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:domain:DomainConsumerGrants", name, None, opts)
        security = pulumi.ResourceOptions(parent=self, provider=providers.security)
        self.grants = [
            snowflake.GrantDatabaseRole(
                f"{name}-read-{schema}-to-{grant.consumer.replace('.', '-')}",
                database_role_name=args.database.access_roles[
                    (schema, "read")
                ].fully_qualified_name,
                parent_role_name=grant.role_name,
                opts=security,
            )
            for grant in args.consumers
            for schema in grant.schemas
        ]
        self.register_outputs({})
