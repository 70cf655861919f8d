"""The lake side of the domains' data contracts: crawlers, rulesets, schedules, alerts.

Built after orchestration (the crawlers and evaluations run with its Glue security
configuration and read the catalog encrypted with its key) and after the domains (the
crawlers fill the domains' Glue databases). Without orchestration there is no Glue
catalog to crawl into, so nothing is built.
"""

from __future__ import annotations

from collections.abc import Sequence

import pulumi

from components.domain.data_domain import DataDomain
from components.naming import glue_name
from components.orchestration.orchestration import Orchestration
from components.quality import (
    DomainCrawlers,
    DomainCrawlersArgs,
    LakeQuality,
    LakeQualityArgs,
    QualityAlerts,
    QualityAlertsArgs,
)
from components.quality.domain_crawlers import CrawledPrefix, crawler_name
from components.quality.lake_quality import CheckedTable
from components.storage.data_lake import DataLake
from composition.context import StackContext
from composition.pipeline_gates import contract_slug, results_prefix, ruleset_purpose
from stacks.contracts.lake_checks import LakeCheck, contracts_by_source, lake_checks
from stacks.domain_spec import ResolvedDomain

SCHEDULE_NAME_MAX = 64


def compose_quality(
    name: str,
    ctx: StackContext,
    domains: Sequence[ResolvedDomain],
    built: dict[str, DataDomain],
    lake: DataLake,
    orchestration: Orchestration,
    topic_arn: pulumi.Input[str],
    opts: pulumi.ResourceOptions,
) -> None:
    """Every built domain's crawlers and checks, then the stack's quality alerts."""
    crawlers: list[str] = []
    any_checks = False
    for domain in domains:
        if domain.name not in built or not domain.spec.ingest_sources:
            continue
        databases = {z: db.name for z, db in built[domain.name].glue_databases.items()}
        crawler_args = domain_crawlers_args(ctx, domain, databases, lake, orchestration)
        crawled = DomainCrawlers(f"{name}-crawlers-{domain.name}", crawler_args, opts)
        crawlers += [crawler_name(ctx.naming, domain.name, s.source) for s in crawler_args.sources]
        checks = lake_checks(domain, ctx.environment)
        if checks:
            any_checks = True
            LakeQuality(
                f"{name}-quality-{domain.name}",
                lake_quality_args(ctx, domain, checks, databases, lake, orchestration),
                # The crawlers create the tables the rulesets target.
                pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(depends_on=[crawled])),
            )
    if crawlers:
        QualityAlerts(
            f"{name}-quality-alerts",
            QualityAlertsArgs(
                naming=ctx.naming,
                tags=ctx.tags.for_data("internal"),
                topic_arn=topic_arn,
                database_prefix=domain_database_prefix(ctx),
                crawler_names=crawlers,
                results=any_checks,
            ),
            opts,
        )


def domain_database_prefix(ctx: StackContext) -> str:
    """What every Glue database of the stack starts with (`acme_dp_dev_`)."""
    return glue_name(ctx.platform.name_prefix, ctx.environment) + "_"


def domain_crawlers_args(
    ctx: StackContext,
    domain: ResolvedDomain,
    databases: dict[str, pulumi.Output[str]],
    lake: DataLake,
    orchestration: Orchestration,
) -> DomainCrawlersArgs:
    """One crawler per ingest source, tagged with the contracts covering its tables;
    `databases` are the domain's Glue databases by zone (outputs: created first)."""
    spec, naming = domain.spec, ctx.naming
    covered = contracts_by_source(domain, ctx.environment)
    resolved = ctx.platform.orchestration
    if resolved is None:  # orchestration is built only from its config section
        raise ValueError(f"domain [{spec.name}]: crawlers need the orchestration section")
    return DomainCrawlersArgs(
        naming=naming,
        domain=spec.name,
        tags=_domain_tags(ctx, domain),
        sources=[
            CrawledPrefix(
                source=s.name,
                zone=s.zone,
                bucket=naming.bucket(s.zone),
                prefix=spec.prefix(s.prefix),
                kms_key_arn=lake.keys[s.zone].arn,
                database=databases[s.zone],
                contracts=covered[s.name],
            )
            for s in spec.ingest_sources
        ],
        security_configuration=orchestration.catalog.security_configuration_name,
        catalog_key_arn=orchestration.key.arn,
        schedule=resolved.crawler_schedule,
    )


def lake_quality_args(
    ctx: StackContext,
    domain: ResolvedDomain,
    checks: Sequence[LakeCheck],
    databases: dict[str, pulumi.Output[str]],
    lake: DataLake,
    orchestration: Orchestration,
) -> LakeQualityArgs:
    """One ruleset and schedule per (contract, crawled table) of the domain."""
    naming, name = ctx.naming, domain.name
    tables = []
    for check in checks:
        crawled, contract = check.crawled, contract_slug(check)
        purpose = ruleset_purpose(name, check)
        tables.append(
            CheckedTable(
                key=f"{crawled.zone}-{crawled.table}-{contract}",
                ruleset_name=naming.resource(purpose),
                schedule_name=naming.resource(purpose, max_length=SCHEDULE_NAME_MAX),
                database=databases[crawled.zone],
                table=crawled.table,
                bucket=naming.bucket(crawled.zone),
                prefix=crawled.prefix,
                kms_key_arn=lake.keys[crawled.zone].arn,
                ruleset=check.ruleset,
                schedule=check.schedule,
                contract=check.contract,
                results_prefix=results_prefix(domain),
            )
        )
    return LakeQualityArgs(
        naming=naming,
        domain=name,
        tags=_domain_tags(ctx, domain),
        tables=tables,
        catalog_key_arn=orchestration.key.arn,
    )


def _domain_tags(ctx: StackContext, domain: ResolvedDomain) -> dict[str, str]:
    spec = domain.spec
    return ctx.tags_for(spec.owner).for_data(spec.data_classification, domain=spec.name)
