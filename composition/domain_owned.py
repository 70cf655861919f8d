"""Everything a data domain owns, built from its resolved file and the platform's refs.

One implementation for both places a domain can live (docs/design/domain-stacks.md): the
environment's one stack (`DataPlatform` calls these with refs of its live components) and
the domain's own stack (`domains/__main__.py` calls them with refs read through a
`StackReference`). The resources, their names and their inputs are the same either way;
only the parent (and so the URN) and where the refs come from differ.

Two phases, because in one stack Airflow sits between them: `build_domains` makes what
Airflow's connections need (the database, roles, warehouses, service users, ingest) with
the domain's alerts, consumer grants and contract checks; `build_domain_pipelines` makes
what needs Airflow's catalog key and scripts bucket (crawlers, lake rulesets, Glue jobs).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pulumi

from components.alerts.domain_alerts import DomainAlerts
from components.domain.data_domain import DataDomain
from components.domain.domain_consumer_grants import (
    ConsumerGrant,
    DomainConsumerGrants,
    DomainConsumerGrantsArgs,
)
from components.orchestration.airflow_dags import CheckedTable
from components.orchestration.glue_jobs import GlueJobs
from components.quality import DomainCrawlers, LakeQuality
from components.snowflake.providers import SnowflakeProviders
from composition.alerts import domain_alerts_args
from composition.context import StackContext
from composition.contract_checks_snowflake import snowflake_contract_checks
from composition.domain_jobs import domain_glue_jobs
from composition.domains import domain_args
from composition.pipe_contract_tags import pipe_contract_tags
from composition.platform_refs import PlatformRefs
from composition.quality import domain_crawlers_args, lake_quality_args
from stacks.contracts.lake_checks import lake_checks
from stacks.domain_spec import ResolvedDomain

# A consumer as the domain file names it (`analyst`, `sales.analyst`) -> its role's name.
ReaderRole = Callable[[str], pulumi.Input[str]]


def build_domains(
    name: str,
    ctx: StackContext,
    specs: Sequence[ResolvedDomain],
    refs: PlatformRefs,
    providers: SnowflakeProviders,
    aws_opts: pulumi.ResourceOptions,
    snowflake_opts: pulumi.ResourceOptions,
    reader_role: ReaderRole | None = None,
) -> dict[str, DataDomain]:
    """Each domain with its alert subscriptions, consumer grants and contract checks.

    `aws_opts` place the domains and their subscriptions (parent and AWS provider),
    `snowflake_opts` the consumer grants and contract checks (parent only). `reader_role`
    names a consumer's role; by default a domain role is another built domain's role
    object (so its grant waits for it) and a platform role the refs' name.
    """
    resolved = ctx.platform.snowflake
    if resolved is None:  # domains are built only beside a Snowflake platform
        return {}
    domains = {
        d.name: DataDomain(
            f"{name}-domain-{d.name}",
            domain_args(
                ctx,
                d,
                refs,
                resolved.data_retention_days,
                resolved.governance_role,
            ),
            providers,
            aws_opts,
        )
        for d in specs
    }
    for d in specs:
        if d.spec.alert_endpoints():  # the domain's team is told of its own failures
            DomainAlerts(
                f"{name}-domain-{d.name}-alerts",
                domain_alerts_args(ctx, d, refs.alerts_topic_arn),
                aws_opts,
            )
    reader = reader_role or _built_reader(domains, refs.snowflake_functional_roles)
    for d in specs:
        if not d.spec.consumers:
            continue
        grants = [
            ConsumerGrant(consumer.role, reader(consumer.role), consumer.schemas)
            for consumer in d.spec.consumers
        ]
        DomainConsumerGrants(
            f"{name}-domain-{d.name}-consumers",
            DomainConsumerGrantsArgs(database=domains[d.name].database, consumers=grants),
            providers,
            snowflake_opts,
        )
    snowflake_contract_checks(
        name,
        ctx,
        specs,
        domains,
        providers,
        refs.snowflake_error_integration,
        snowflake_opts,
    )
    pipe_contract_tags(
        name,
        ctx,
        specs,
        domains,
        refs.contract_tag,
        resolved.governance_role,
        providers,
        snowflake_opts,
    )
    return domains


def _built_reader(
    domains: Mapping[str, DataDomain], functional_roles: Mapping[str, pulumi.Input[str]]
) -> ReaderRole:
    """Consumer role names in one stack: a domain's role object, else a platform role."""

    def reader(consumer: str) -> pulumi.Input[str]:
        owner, _, role = consumer.partition(".")
        return domains[owner].roles[role].role.name if role else functional_roles[owner]

    return reader


def build_domain_pipelines(
    name: str,
    ctx: StackContext,
    specs: Sequence[ResolvedDomain],
    built: Mapping[str, DataDomain],
    refs: PlatformRefs,
    opts: pulumi.ResourceOptions,
    checked: Sequence[CheckedTable] = (),
) -> dict[str, GlueJobs]:
    """Each domain's crawlers and lake rulesets, then its Glue jobs (by domain name).

    Needs the platform's orchestration (catalog key, scripts bucket); without it nothing
    is built. `checked` are the stack's contract-checked lake tables (a job whose source
    holds one runs from its DAG behind the gate); defaults to none.
    """
    if ctx.platform.orchestration is None:
        return {}
    for domain in specs:
        if domain.name not in built or not domain.spec.ingest_sources:
            continue
        databases = {z: db.name for z, db in built[domain.name].glue_databases.items()}
        crawler_args = domain_crawlers_args(ctx, domain, databases, refs)
        crawled = DomainCrawlers(f"{name}-crawlers-{domain.name}", crawler_args, opts)
        checks = lake_checks(domain, ctx.environment)
        if checks:
            LakeQuality(
                f"{name}-quality-{domain.name}",
                lake_quality_args(ctx, domain, checks, databases, refs),
                # The crawlers create the tables the rulesets target.
                pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(depends_on=[crawled])),
            )
    return {
        domain.name: domain_glue_jobs(name, ctx, domain, refs, opts, checked)
        for domain in specs
        if domain.spec.jobs and domain.name in built
    }
