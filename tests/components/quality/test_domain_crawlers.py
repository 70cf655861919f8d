"""DomainCrawlers on a small synthetic domain: exact values."""

from __future__ import annotations

import pytest

from components.quality import (
    DomainCrawlers,
    DomainCrawlersArgs,
)
from components.quality.domain_crawlers import CrawledPrefix
from tests.components.orchestration.conftest import (
    KEY,
    NAMING,
    RAW_KEY,
    plan,
)
from tests.components.quality.domain import BUCKET, DB, DOMAIN_TAGS


@pytest.fixture(scope="module")
def crawled():
    def program() -> None:
        DomainCrawlers(
            "crawlers",
            DomainCrawlersArgs(
                naming=NAMING,
                domain="sales",
                tags=DOMAIN_TAGS,
                sources=[
                    CrawledPrefix(
                        "orders", "raw", BUCKET, "domains/sales/orders/", RAW_KEY, DB,
                        ("urn:acme:sales:orders",),
                    ),
                    CrawledPrefix("events", "raw", BUCKET, "domains/sales/events/", RAW_KEY, DB),
                ],
                security_configuration="acme-dp-prod-glue",
                catalog_key_arn=KEY,
            ),
        )  # fmt: skip

    return plan(program)


def test_a_crawler_per_source_into_the_domain_database_tagged_with_its_contracts(crawled):
    crawlers = {c.inputs["name"]: c.inputs for c in crawled.of("Crawler")}
    assert sorted(crawlers) == [
        "acme-dp-prod-crawl-sales-events",
        "acme-dp-prod-crawl-sales-orders",
    ]
    orders = crawlers["acme-dp-prod-crawl-sales-orders"]
    assert orders["databaseName"] == DB
    assert orders["s3Targets"] == [{"path": f"s3://{BUCKET}/domains/sales/orders/"}]
    assert orders["securityConfiguration"] == "acme-dp-prod-glue"
    assert orders["schedule"] == "cron(0 3 * * ? *)"
    assert orders["tags"]["data-contract"] == "urn:acme:sales:orders"
    assert "data-contract" not in crawlers["acme-dp-prod-crawl-sales-events"]["tags"]


def test_each_crawler_role_reads_only_its_prefix(crawled):
    policy = crawled.policy("RolePolicy", "crawlers-orders")
    statements = {s["Sid"]: s for s in policy["Statement"]}
    assert statements["CrawledDataRead"]["Resource"] == [
        f"arn:aws:s3:::{BUCKET}/domains/sales/orders/*"
    ]
    assert statements["ZoneAndCatalogKeys"]["Resource"] == sorted([KEY, RAW_KEY])
