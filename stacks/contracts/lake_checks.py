"""What a domain's contracts ask of the lake in one stack: the crawled tables to check.

For every ingest source of a domain, a Glue crawler of its prefix creates the lake
table `crawled_table(prefix)` in the domain's database of the source's zone
(`stacks/contracts/datasets.py`); each contract that applies to the environment and
names that table through a `glue` server gets one Glue Data Quality ruleset over it,
with the checks the contract declares for it (`dqdl.ruleset`). Pure: the components
receive these values and never read a contract.

When the checks run: ODCS v3 has a `schedule` (with `scheduler`) only on each
`quality` entry (open-data-contract-standard 3.2.0, `DataQuality.schedule`), while
one Glue run evaluates a whole ruleset; so the schedule is one per environment
(`QUALITY_SCHEDULES`), an hour after the crawlers' 03:00 UTC run
(`GlueCatalogArgs.crawler_schedule`) so the table is fresh. dev runs weekly (each
run bills Glue workers); staging and prod daily.
"""

from __future__ import annotations

from dataclasses import dataclass

from stacks.contracts.checks import Check
from stacks.contracts.datasets import GLUE, IngestSource, crawled_table, ingest_datasets
from stacks.contracts.dqdl import ruleset
from stacks.contracts.environments import covered_datasets
from stacks.contracts.loader import LoadedContract
from stacks.domain_spec import ResolvedDomain

# EventBridge Scheduler cron expressions (minutes hours day-of-month month
# day-of-week year), UTC; https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
QUALITY_SCHEDULES = {
    "dev": "cron(0 4 ? * MON *)",
    "staging": "cron(0 4 * * ? *)",
    "prod": "cron(0 4 * * ? *)",
}


@dataclass(frozen=True)
class CrawledSource:
    """An ingest source's lake table, as a Glue crawler of its prefix creates it.

    Attributes:
        source: The ingest source's name.
        zone: The lake zone its files land in.
        prefix: Its key prefix in the zone bucket (`domains/marketing/hubspot/`).
        table: The table the crawler creates (`hubspot`).
    """

    source: str
    zone: str
    prefix: str
    table: str


@dataclass(frozen=True)
class LakeCheck:
    """One contract's checks of one crawled table: one Glue Data Quality ruleset.

    Attributes:
        crawled: The table and where its data lies.
        contract: The contract's `id` (`urn:dataplatform:marketing:contacts`).
        contract_file: The contract's file, for messages and docs.
        checks: The contract's checks of this table, in contract order.
        ruleset: Their DQDL (`Rules = [ ... ]`), validated when the contract loaded.
        schedule: When the evaluation runs (`QUALITY_SCHEDULES`).
    """

    crawled: CrawledSource
    contract: str
    contract_file: str
    checks: tuple[Check, ...]
    ruleset: str
    schedule: str


def crawled_sources(domain: ResolvedDomain) -> tuple[CrawledSource, ...]:
    """One crawled table per ingest source of the domain, in file order."""
    spec = domain.spec
    return tuple(
        CrawledSource(s.name, s.zone, spec.prefix(s.prefix), crawled_table(s.prefix))
        for s in spec.ingest_sources
    )


def lake_checks(domain: ResolvedDomain, environment: str) -> tuple[LakeCheck, ...]:
    """Every (contract, crawled table) pair of the domain that Glue checks in `environment`."""
    found: list[LakeCheck] = []
    for crawled in crawled_sources(domain):
        for contract in domain.contracts:
            checks = _checks_of(contract, domain, crawled, environment)
            if checks:
                found.append(
                    LakeCheck(
                        crawled=crawled,
                        contract=str(contract.contract.id),
                        contract_file=contract.source,
                        checks=checks,
                        ruleset=ruleset(checks),
                        schedule=QUALITY_SCHEDULES[environment],
                    )
                )
    return tuple(found)


def contracts_by_source(domain: ResolvedDomain, environment: str) -> dict[str, tuple[str, ...]]:
    """Ingest source -> the ids of the contracts covering its tables (lake or landing)."""
    spec = domain.spec
    covered: dict[str, tuple[str, ...]] = {}
    for s in spec.ingest_sources:
        produced = ingest_datasets(spec.name, [IngestSource(s.name, s.zone, s.prefix, s.schema_)])
        covered[s.name] = tuple(
            str(c.contract.id)
            for c in domain.contracts
            if covered_datasets(c.contract, produced, environment)
        )
    return covered


def _checks_of(
    contract: LoadedContract,
    domain: ResolvedDomain,
    crawled: CrawledSource,
    environment: str,
) -> tuple[Check, ...]:
    """The contract's checks of `crawled`, if one of its applying glue servers names it."""
    source = next(s for s in domain.spec.ingest_sources if s.name == crawled.source)
    lake = [
        d
        for d in ingest_datasets(
            domain.name, [IngestSource(source.name, source.zone, source.prefix, source.schema_)]
        )
        if d.server_type == GLUE
    ]
    if not covered_datasets(contract.contract, lake, environment):
        return ()
    return tuple(c for c in contract.checks if c.dataset == crawled.table)
