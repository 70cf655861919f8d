"""The lake side of the domains' data contracts: crawlers, rulesets, schedules, alerts.

The crawlers and evaluations run with orchestration's Glue security configuration and
read the catalog encrypted with its key (`refs`), and fill the domains' Glue databases;
composition/domain_owned.py builds them per domain. Without orchestration there is no Glue
catalog to crawl into, so nothing is built. The stack's quality alerts are the platform's.
"""

from __future__ import annotations

from collections.abc import Sequence

import pulumi

from components.naming import glue_name
from components.quality import (
    DomainCrawlersArgs,
    LakeQualityArgs,
    QualityAlerts,
    QualityAlertsArgs,
)
from components.quality.domain_crawlers import CrawledPrefix, crawler_name
from components.quality.lake_quality import CheckedTable
from composition.context import StackContext
from composition.pipeline_gates import contract_slug, results_prefix, ruleset_purpose
from composition.platform_refs import PlatformRefs
from stacks.contracts.lake_checks import LakeCheck, contracts_by_source, lake_checks
from stacks.domain_spec import ResolvedDomain

SCHEDULE_NAME_MAX = 64


def quality_alerts(
    name: str,
    ctx: StackContext,
    domains: Sequence[ResolvedDomain],
    topic_arn: pulumi.Input[str],
    opts: pulumi.ResourceOptions,
) -> QualityAlerts | None:
    """The stack's one rule for its domains' crawler failures and check results (a
    platform resource wherever the domains live: the names come from their files), or
    None when no domain has an ingest source to crawl."""
    crawlers = domain_crawler_names(ctx, domains)
    if not crawlers:
        return None
    return QualityAlerts(
        f"{name}-quality-alerts",
        QualityAlertsArgs(
            naming=ctx.naming,
            tags=ctx.tags.for_data("internal"),
            topic_arn=topic_arn,
            database_prefix=domain_database_prefix(ctx),
            crawler_names=crawlers,
            results=any(lake_checks(d, ctx.environment) for d in domains if d.spec.ingest_sources),
        ),
        opts,
    )


def domain_crawler_names(ctx: StackContext, domains: Sequence[ResolvedDomain]) -> list[str]:
    """The crawlers of the domains' ingest sources, by name (one per source)."""
    return [
        crawler_name(ctx.naming, d.name, s.name) for d in domains for s in d.spec.ingest_sources
    ]


def domain_database_prefix(ctx: StackContext) -> str:
    """What every Glue database of the stack starts with (`acme_dp_dev_`)."""
    return glue_name(ctx.platform.name_prefix, ctx.environment) + "_"


def domain_crawlers_args(
    ctx: StackContext,
    domain: ResolvedDomain,
    databases: dict[str, pulumi.Output[str]],
    refs: PlatformRefs,
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
                kms_key_arn=refs.lake_key_arns[s.zone],
                database=databases[s.zone],
                contracts=covered[s.name],
            )
            for s in spec.ingest_sources
        ],
        security_configuration=refs.require("glue_security_configuration"),
        catalog_key_arn=refs.require("orchestration_key_arn"),
        schedule=resolved.crawler_schedule,
    )


def lake_quality_args(
    ctx: StackContext,
    domain: ResolvedDomain,
    checks: Sequence[LakeCheck],
    databases: dict[str, pulumi.Output[str]],
    refs: PlatformRefs,
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
                kms_key_arn=refs.lake_key_arns[crawled.zone],
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
        catalog_key_arn=refs.require("orchestration_key_arn"),
    )


def _domain_tags(ctx: StackContext, domain: ResolvedDomain) -> dict[str, str]:
    spec = domain.spec
    return ctx.tags_for(spec.owner).for_data(spec.data_classification, domain=spec.name)
