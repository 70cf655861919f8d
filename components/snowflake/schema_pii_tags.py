"""Tagging whole schemas as PII, with the privileges the tagging role needs first.

Setting a tag on a schema (`ALTER SCHEMA ... SET TAG`) needs APPLY TAG (the governance
role holds it from the bootstrap) and also a privilege on the schema's database, so
that the role can resolve the object's name; the governance role owns only its own
database (Snowflake access-control privileges and object-tagging pages, cited in
docs/design/preflight-snowflake.md). Each database with tagged schemas therefore gets
one USAGE grant to the governance role, made through the security provider, and the
tags wait for it. Governance (platform schemas) and DataDomain (a domain's schemas)
both tag through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_snowflake as snowflake

from components.snowflake.providers import SnowflakeProviders


@dataclass(frozen=True)
class PiiSchema:
    """A schema whose every column is PII of one category.

    Attributes:
        key: Stable key of the schema; names its tag association.
        database_key: Stable key of its database; names the USAGE grant.
        database: The database's Snowflake name.
        schema: The schema's fully qualified name.
        category: The PII category (an allowed value of the tag).
    """

    key: str
    database_key: str
    database: pulumi.Input[str]
    schema: pulumi.Input[str]
    category: str


def tag_pii_schemas(
    name: str,
    schemas: Sequence[PiiSchema],
    tag_id: pulumi.Input[str],
    governance_role: str,
    providers: SnowflakeProviders,
    parent: pulumi.Resource,
) -> list[snowflake.TagAssociation]:
    """USAGE on each database for the governance role, then one tag per schema."""
    usage: dict[str, snowflake.GrantPrivilegesToAccountRole] = {}
    for schema in schemas:
        if schema.database_key not in usage:
            usage[schema.database_key] = snowflake.GrantPrivilegesToAccountRole(
                f"{name}-governance-usage-{schema.database_key}",
                account_role_name=governance_role,
                privileges=["USAGE"],
                on_account_object={"object_type": "DATABASE", "object_name": schema.database},
                opts=pulumi.ResourceOptions(parent=parent, provider=providers.security),
            )
    return [
        snowflake.TagAssociation(
            f"{name}-pii-{schema.key}",
            object_identifiers=[schema.schema],
            object_type="SCHEMA",
            tag_id=tag_id,
            tag_value=schema.category,
            opts=pulumi.ResourceOptions(
                parent=parent,
                provider=providers.governance,
                depends_on=[usage[schema.database_key]],
            ),
        )
        for schema in sorted(schemas, key=lambda s: s.key)
    ]
