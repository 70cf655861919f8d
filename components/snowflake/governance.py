"""PII governance: the PII tag, its masking policies, and the key-pair-only login policy.

Everything here is owned by the governance role, in a database of its own, so that
only that role can change what is masked or who may log in how. Masking is bound
to the tag (one policy per data type), never to columns one by one: tagging a
column, or a whole schema, is enough to mask it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_snowflake as snowflake

from components.protection import Protection
from components.snowflake.masking import ARGUMENT, MASKED_TYPES, UnmaskGrants, masking_body
from components.snowflake.providers import SnowflakeProviders
from components.snowflake.schema_pii_tags import PiiSchema, tag_pii_schemas
from policies.rules.facts.names import DATA_CONTRACT_SNOWFLAKE_TAG

SCHEMA = "POLICIES"
TAG = "PII"
KEYPAIR_ONLY_POLICY = "SERVICE_KEYPAIR_ONLY"
# What the governance role needs in its schema to create tags and policies; APPLY
# TAG / APPLY MASKING POLICY / APPLY AUTHENTICATION POLICY on the account are
# granted to it once, at bootstrap, by ACCOUNTADMIN (see docs/design/bootstrap.md).
GOVERNANCE_SCHEMA_PRIVILEGES = (
    "USAGE",
    "CREATE TAG",
    "CREATE MASKING POLICY",
    "CREATE AUTHENTICATION POLICY",
)


@dataclass(frozen=True)
class GovernanceArgs:
    """Arguments of `Governance`.

    Attributes:
        database: The governance database's Snowflake name (environment-prefixed).
        governance_role: The account role that owns tags and policies.
        categories: Allowed values of the PII tag.
        unmask: Who sees which category in clear.
        pii_schemas: Schemas whose every column is PII of one category.
        data_retention_days: Time travel of the governance database.
        protection: Deletion safeguards of the database and the tag (dropping the
            tag would unmask every tagged column). Defaults to none.
    """

    database: str
    governance_role: str
    categories: tuple[str, ...]
    unmask: UnmaskGrants
    pii_schemas: Sequence[PiiSchema]
    data_retention_days: int
    protection: Protection = field(default_factory=Protection)


class Governance(pulumi.ComponentResource):
    """The PII tag with tag-based masking, the data-contract tag of pipes
    (pipe_contract_tags.py), and the authentication policy of services."""

    tag: snowflake.Tag
    contract_tag: snowflake.Tag
    masking_policies: dict[str, snowflake.MaskingPolicy]
    keypair_only_policy: snowflake.AuthenticationPolicy

    def __init__(
        self,
        name: str,
        args: GovernanceArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:snowflake:Governance", name, None, opts)
        owned = pulumi.ResourceOptions.merge(
            args.protection.options(self), pulumi.ResourceOptions(provider=providers.objects)
        )
        granted = pulumi.ResourceOptions(parent=self, provider=providers.security)
        database = snowflake.Database(
            name,
            name=args.database,
            comment="Tags and policies, owned by the governance role",
            data_retention_time_in_days=args.data_retention_days,
            drop_public_schema_on_creation=True,
            opts=owned,
        )
        schema = snowflake.Schema(
            f"{name}-policies",
            database=database.name,
            name=SCHEMA,
            with_managed_access="true",
            data_retention_time_in_days=args.data_retention_days,
            opts=owned,
        )
        grants = [
            snowflake.GrantPrivilegesToAccountRole(
                f"{name}-database-usage",
                account_role_name=args.governance_role,
                privileges=["USAGE"],
                on_account_object={"object_type": "DATABASE", "object_name": database.name},
                opts=granted,
            ),
            snowflake.GrantPrivilegesToAccountRole(
                f"{name}-schema-privileges",
                account_role_name=args.governance_role,
                privileges=list(GOVERNANCE_SCHEMA_PRIVILEGES),
                on_schema={"schema_name": schema.fully_qualified_name},
                opts=granted,
            ),
        ]
        governed = pulumi.ResourceOptions(
            parent=self, provider=providers.governance, depends_on=grants
        )
        tag_path = f"{args.database}.{SCHEMA}.{TAG}"
        self.masking_policies = {
            t.key: snowflake.MaskingPolicy(
                f"{name}-mask-{t.key}",
                database=database.name,
                schema=schema.name,
                name=f"PII_MASK_{t.key.upper()}",
                arguments=[{"name": ARGUMENT, "type": t.sql_type}],
                return_data_type=t.sql_type,
                body=masking_body(t, tag_path, args.unmask),
                comment=f"Masks {t.sql_type} columns tagged {TAG}, by category",
                opts=governed,
            )
            for t in MASKED_TYPES
        }
        self.tag = snowflake.Tag(
            f"{name}-pii",
            database=database.name,
            schema=schema.name,
            name=TAG,
            ordered_allowed_values=list(args.categories),
            masking_policies=[p.fully_qualified_name for p in self.masking_policies.values()],
            comment="PII category of a column or of every column of a schema",
            opts=pulumi.ResourceOptions.merge(args.protection.options(self), governed),
        )
        # Free text (contract ids) that masks nothing: no allowed values. Protected like
        # the PII tag: dropping it would untag every pipe.
        self.contract_tag = snowflake.Tag(
            f"{name}-data-contract",
            database=database.name,
            schema=schema.name,
            name=DATA_CONTRACT_SNOWFLAKE_TAG,
            comment="The data contracts (ODCS ids, space-separated) covering a pipe's data",
            opts=pulumi.ResourceOptions.merge(args.protection.options(self), governed),
        )
        tag_pii_schemas(
            name,
            args.pii_schemas,
            self.tag.fully_qualified_name,
            args.governance_role,
            providers,
            self,
        )
        self.keypair_only_policy = snowflake.AuthenticationPolicy(
            f"{name}-keypair-only",
            database=database.name,
            schema=schema.name,
            name=KEYPAIR_ONLY_POLICY,
            authentication_methods=["KEYPAIR"],
            client_types=["DRIVERS", "SNOWFLAKE_CLI"],
            comment="Service users log in with a key pair, from drivers and the CLI only",
            opts=governed,
        )
        self.register_outputs({"tag": self.tag.fully_qualified_name})
