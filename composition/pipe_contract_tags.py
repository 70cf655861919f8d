"""The contract tag on each domain pipe whose source data contracts cover (issue 19).

The same contracts name the crawler (`data-contract` AWS tag, composition/quality.py)
and the pipe (`DATA_CONTRACT` Snowflake tag, components/snowflake/pipe_contract_tags.py):
both come from `contracts_by_source`, the one reading of which contracts cover which
ingest source (its crawled lake table or its landing table), for the stack's
environment. A source no contract covers gets no tag; the config edge refuses such a
source in a `pii` domain, and the pack's `pii-pipe-has-contract` checks the plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pulumi

from components.domain.data_domain import DataDomain
from components.snowflake.pipe_contract_tags import (
    ContractedPipe,
    PipeContractTags,
    PipeContractTagsArgs,
)
from components.snowflake.providers import SnowflakeProviders
from composition.context import StackContext
from composition.databases import pii_schemas
from stacks.contracts.lake_checks import contracts_by_source
from stacks.domain_spec import ResolvedDomain


def contracted_pipes(
    ctx: StackContext, domain: ResolvedDomain, built: DataDomain
) -> list[ContractedPipe]:
    """Each pipe of `domain` that a contract of the stack's environment covers."""
    covered = contracts_by_source(domain, ctx.environment)
    return [
        ContractedPipe(
            key=f"{domain.name}-{source.name}",
            database_key=domain.name,
            database=built.database.database.name,
            schema_key=f"{domain.name}-{source.schema_}",
            schema=built.database.schemas[source.schema_].fully_qualified_name,
            pipe=built.ingests[source.name].pipe,
            contracts=covered[source.name],
        )
        for source in domain.spec.ingest_sources
        if covered.get(source.name)
    ]


def pipe_contract_tags(
    name: str,
    ctx: StackContext,
    domains: Sequence[ResolvedDomain],
    built: Mapping[str, DataDomain],
    tag_id: pulumi.Input[str],
    governance_role: str,
    providers: SnowflakeProviders,
    opts: pulumi.ResourceOptions,
) -> list[PipeContractTags]:
    """One `PipeContractTags` per built domain with contracted pipes (it moves with the
    domain to a domain stack: scripts/migrate/ownership.py).

    A domain with PII schemas already grants the governance role USAGE on its database
    (its schema tags, DataDomain through schema_pii_tags.py): the pipe tags wait for the
    domain instead of granting it twice."""
    components = []
    for domain in domains:
        if domain.name not in built:
            continue
        pipes = contracted_pipes(ctx, domain, built[domain.name])
        if not pipes:
            continue
        granted = frozenset({domain.name}) if pii_schemas(domain.spec.schemas) else frozenset()
        components.append(
            PipeContractTags(
                f"{name}-domain-{domain.name}-contract-tags",
                PipeContractTagsArgs(
                    pipes=pipes,
                    tag_id=tag_id,
                    governance_role=governance_role,
                    granted_databases=granted,
                    depends_on=(built[domain.name],),
                ),
                providers,
                opts,
            )
        )
    return components
