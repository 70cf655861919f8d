"""The contract tag on Snowpipe pipes: which data contracts cover what a pipe loads.

Issue 19 asks for the contract to be "visible in the plan as a tag on the pipe and the
crawler". pulumi-snowflake 2.22's `Pipe` has no `tags` input, so the tag is a Snowflake
tag object (`DATA_CONTRACT`, in the governance schema beside the PII tag, created by
`Governance`) set on the pipe by a `snowflake.TagAssociation` with `object_type="PIPE"`.
PIPE is a taggable object type: it is in terraform-provider-snowflake's
`TagAssociationAllowedObjectTypes` ("based on docs.snowflake.com/en/user-guide/object-
tagging#supported-objects"; snowflakedb/terraform-provider-snowflake@a9e86b04,
pkg/sdk/tag_association_validations.go) and among the SDK's documented `object_type`
values (pulumi_snowflake 2.22.0, tag_association.py).

Who sets it: the governance role, as it sets the PII tag on schemas (providers.py: the
governance provider makes the tags' attachments). It holds APPLY TAG on the account
(bootstrap) and USAGE on the tag's database and schema (Governance); Snowflake also
needs a privilege on the pipe's database and schema to resolve the pipe's name
(docs/design/preflight-snowflake.md, "tagging as GOVERNANCE_ADMIN"), so each schema
holding a contracted pipe gets one USAGE grant to the governance role, and each
database one unless the caller says the domain already granted it (the PII schema tags
grant USAGE on the domain's database: a second grant of the same privilege would revoke
it for both when either is deleted). The step model checks all of it
(`preflight-snowflake-step-privileges`, TagAssociation row).

A pipe re-created (a replaced Pipe) has no tags: each association is `replace_with` its
pipe, and `delete_before_replace` so that the old association's UNSET TAG cannot run
after the new one's SET TAG on the same name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_snowflake as snowflake

from components.snowflake.providers import SnowflakeProviders

# "The string value for each tag can be up to 256 characters" (docs.snowflake.com
# user-guide/object-tagging/work, "Set a list of allowed tag values").
TAG_VALUE_MAX = 256


@dataclass(frozen=True)
class ContractedPipe:
    """A pipe and the ids of the data contracts covering what it loads.

    Attributes:
        key: Stable key of the pipe (`marketing-hubspot`); names its association.
        database_key: Stable key of its database; names the database USAGE grant.
        database: The database's Snowflake name.
        schema_key: Stable key of its schema; names the schema USAGE grant.
        schema: The schema's fully qualified name.
        pipe: The pipe.
        contracts: The contracts' ids (ODCS `id`), at least one.
    """

    key: str
    database_key: str
    database: pulumi.Input[str]
    schema_key: str
    schema: pulumi.Input[str]
    pipe: snowflake.Pipe
    contracts: tuple[str, ...]


def contract_tag_value(contracts: Sequence[str]) -> str:
    """The tag's value: the contract ids, sorted and space-separated, as the crawler's
    `data-contract` tag (components/quality/tagging.py) has them.

    Raises:
        ValueError: no contract, or a value longer than Snowflake's 256 characters.
    """
    value = " ".join(sorted(set(contracts)))
    if not value:
        raise ValueError("contract tag: no contract id")
    if len(value) > TAG_VALUE_MAX:
        raise ValueError(
            f"contract tag [{value[:40]}...]: {len(value)} characters, Snowflake allows "
            f"{TAG_VALUE_MAX} in a tag value"
        )
    return value


def tag_contracted_pipes(
    name: str,
    pipes: Sequence[ContractedPipe],
    tag_id: pulumi.Input[str],
    governance_role: str,
    providers: SnowflakeProviders,
    parent: pulumi.Resource,
    granted_databases: frozenset[str] = frozenset(),
    depends_on: Sequence[pulumi.Resource] = (),
) -> list[snowflake.TagAssociation]:
    """USAGE on each pipe's schema (and database, unless its key is in
    `granted_databases`, held through `depends_on`) for the governance role, then one
    `DATA_CONTRACT` association per pipe."""
    grants: dict[str, snowflake.GrantPrivilegesToAccountRole] = {}
    security = pulumi.ResourceOptions(parent=parent, provider=providers.security)

    def usage(
        key: str,
        database: snowflake.GrantPrivilegesToAccountRoleOnAccountObjectArgs | None = None,
        schema: snowflake.GrantPrivilegesToAccountRoleOnSchemaArgs | None = None,
    ) -> snowflake.GrantPrivilegesToAccountRole:
        if key not in grants:
            grants[key] = snowflake.GrantPrivilegesToAccountRole(
                f"{name}-contract-tagger-usage-{key}",
                account_role_name=governance_role,
                privileges=["USAGE"],
                on_account_object=database,
                on_schema=schema,
                opts=security,
            )
        return grants[key]

    associations = []
    for pipe in sorted(pipes, key=lambda p: p.key):
        needed = [*depends_on]
        if pipe.database_key not in granted_databases:
            needed.append(
                usage(
                    f"db-{pipe.database_key}",
                    database=snowflake.GrantPrivilegesToAccountRoleOnAccountObjectArgs(
                        object_type="DATABASE", object_name=pipe.database
                    ),
                )
            )
        needed.append(
            usage(
                f"schema-{pipe.schema_key}",
                schema=snowflake.GrantPrivilegesToAccountRoleOnSchemaArgs(schema_name=pipe.schema),
            )
        )
        associations.append(
            snowflake.TagAssociation(
                f"{name}-contract-{pipe.key}",
                object_identifiers=[pipe.pipe.fully_qualified_name],
                object_type="PIPE",
                tag_id=tag_id,
                tag_value=contract_tag_value(pipe.contracts),
                opts=pulumi.ResourceOptions(
                    parent=parent,
                    provider=providers.governance,
                    depends_on=needed,
                    replace_with=[pipe.pipe],
                    delete_before_replace=True,
                ),
            )
        )
    return associations
