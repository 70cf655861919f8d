"""What the marketing contract asks of the lake, per stack: exact values."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacks.contracts.lake_checks import (
    QUALITY_SCHEDULES,
    contracts_by_source,
    crawled_sources,
    lake_checks,
)
from stacks.domain_file import load_domains
from stacks.stack_file import load_stack_file

STACKS = Path(__file__).resolve().parents[3] / "stacks"


@pytest.fixture(scope="module", params=["dev", "staging", "prod"])
def marketing(request):
    platform = load_stack_file(STACKS / f"Pulumi.{request.param}.yaml").platform
    domains = {d.name: d for d in load_domains(STACKS / "domains", platform)}
    return request.param, domains["marketing"]


def test_the_hubspot_source_is_crawled_into_its_table(marketing):
    _, domain = marketing
    (crawled,) = crawled_sources(domain)
    assert (crawled.source, crawled.zone, crawled.prefix, crawled.table) == (
        "hubspot",
        "raw",
        "domains/marketing/hubspot/",
        "hubspot",
    )


def test_one_ruleset_with_the_contracts_checks_on_the_environments_schedule(marketing):
    stack, domain = marketing
    (check,) = lake_checks(domain, stack)
    assert check.contract == "urn:dataplatform:marketing:contacts"
    assert check.schedule == QUALITY_SCHEDULES[stack]
    assert all(c.dataset == "hubspot" for c in check.checks)
    for rule in ('IsPrimaryKey "id"', "RowCount >= 100", 'DataFreshness "updated_at" <= 24 hours'):
        assert rule in check.ruleset, rule
    # The crawler's tag names every contract covering the source: the lake table's, and
    # in prod the landing table's too (the Snowflake side).
    landing = ("urn:dataplatform:marketing:hubspot-landing",) if stack == "prod" else ()
    assert contracts_by_source(domain, stack) == {
        "hubspot": ("urn:dataplatform:marketing:contacts", *landing)
    }


def test_dev_runs_weekly_and_the_others_daily_after_the_crawl():
    assert QUALITY_SCHEDULES == {
        "dev": "cron(0 4 ? * MON *)",
        "staging": "cron(0 4 * * ? *)",
        "prod": "cron(0 4 * * ? *)",
    }
