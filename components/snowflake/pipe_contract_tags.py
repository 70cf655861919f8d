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


@dataclass(frozen=True)
class PipeContractTagsArgs:
    """Arguments of `PipeContractTags`.

    Attributes:
        pipes: The contracted pipes (of one domain, so the component moves with it).
        tag_id: The `DATA_CONTRACT` tag's fully qualified name.
        governance_role: The role that sets tags (it gets the USAGE grants).
        granted_databases: Keys of the databases whose USAGE the governance role already
            holds through `depends_on` (no second grant). Defaults to none.
        depends_on: What creates the pipes and those grants (the domain). Defaults to none.
    """

    pipes: Sequence[ContractedPipe]
    tag_id: pulumi.Input[str]
    governance_role: str
    granted_databases: frozenset[str] = frozenset()
    depends_on: Sequence[pulumi.Resource] = ()


class PipeContractTags(pulumi.ComponentResource):
    """USAGE on each pipe's schema (and database, unless granted already) for the
    governance role, then one `DATA_CONTRACT` association per pipe.

    Attributes:
        associations: The TagAssociation of each pipe, by its key.
    """

    associations: dict[str, snowflake.TagAssociation]

    def __init__(
        self,
        name: str,
        args: PipeContractTagsArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:snowflake:PipeContractTags", name, None, opts)
        grants: dict[str, snowflake.GrantPrivilegesToAccountRole] = {}
        security = pulumi.ResourceOptions(parent=self, provider=providers.security)

        def usage(
            key: str,
            database: snowflake.GrantPrivilegesToAccountRoleOnAccountObjectArgs | None = None,
            schema: snowflake.GrantPrivilegesToAccountRoleOnSchemaArgs | None = None,
        ) -> snowflake.GrantPrivilegesToAccountRole:
            if key not in grants:
                grants[key] = snowflake.GrantPrivilegesToAccountRole(
                    f"{name}-usage-{key}",
                    account_role_name=args.governance_role,
                    privileges=["USAGE"],
                    on_account_object=database,
                    on_schema=schema,
                    opts=security,
                )
            return grants[key]

        self.associations = {}
        for pipe in sorted(args.pipes, key=lambda p: p.key):
            needed = [*args.depends_on]
            if pipe.database_key not in args.granted_databases:
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
                    schema=snowflake.GrantPrivilegesToAccountRoleOnSchemaArgs(
                        schema_name=pipe.schema
                    ),
                )
            )
            self.associations[pipe.key] = snowflake.TagAssociation(
                f"{name}-{pipe.key}",
                object_identifiers=[pipe.pipe.fully_qualified_name],
                object_type="PIPE",
                tag_id=args.tag_id,
                tag_value=contract_tag_value(pipe.contracts),
                opts=pulumi.ResourceOptions(
                    parent=self,
                    provider=providers.governance,
                    depends_on=needed,
                    replace_with=[pipe.pipe],
                    delete_before_replace=True,
                ),
            )
        self.register_outputs({"pipes": sorted(self.associations)})
