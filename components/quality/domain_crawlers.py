"""A Glue crawler per ingest source of a domain: the lake table its contracts check.

The platform's crawlers (`GlueCatalog`) crawl only the raw zone's platform prefixes; a
domain's files under `domains/<domain>/<prefix>` had no table. This crawler creates it
in the domain's database of the source's zone, named after the prefix's last folder
(`stacks/contracts/datasets.py` states the rule and its sources), so a Glue Data Quality
ruleset has its target table. Each crawler has its own role (read its prefix, decrypt
with the zone's and the catalog's keys, maintain the one database, write Glue's logs),
runs with the platform's security configuration on the platform crawlers' schedule,
and is tagged with the contracts that cover its table (`data-contract`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import pulumi
import pulumi_aws as aws

from components.glue_crawler import lake_crawler
from components.naming import Naming
from components.orchestration import orchestration_iam
from components.quality.tagging import contract_tags

DEFAULT_SCHEDULE = "cron(0 3 * * ? *)"


@dataclass(frozen=True)
class CrawledPrefix:
    """One ingest source's files and the table they become.

    Attributes:
        source: The ingest source's name.
        zone: Its lake zone.
        bucket: The zone's bucket.
        prefix: The source's key prefix (`domains/marketing/hubspot/`).
        kms_key_arn: The zone's key.
        database: The domain's Glue database of the zone (its output, so the crawler
            is created after it).
        contracts: The ids of the contracts covering its tables (may be empty).
    """

    source: str
    zone: str
    bucket: str
    prefix: str
    kms_key_arn: pulumi.Input[str]
    database: pulumi.Input[str]
    contracts: tuple[str, ...] = ()


@dataclass(frozen=True)
class DomainCrawlersArgs:
    """Inputs of DomainCrawlers.

    Attributes:
        naming: The stack's naming scheme.
        domain: The domain's name.
        tags: The domain's tags.
        sources: One crawler each. Required (at least one).
        security_configuration: The platform's Glue security configuration. Required.
        catalog_key_arn: The Data Catalog's (and the security configuration's) key.
            Required.
        schedule: A Glue cron expression. Defaults to "cron(0 3 * * ? *)", the
            platform crawlers' (03:00 UTC daily).
    """

    naming: Naming
    domain: str
    tags: dict[str, str]
    sources: Sequence[CrawledPrefix]
    security_configuration: pulumi.Input[str]
    catalog_key_arn: pulumi.Input[str]
    schedule: str = DEFAULT_SCHEDULE

    def __post_init__(self) -> None:
        names = [s.source for s in self.sources]
        if not names or len(set(names)) != len(names):
            raise ValueError(f"DomainCrawlersArgs [{self.domain}]: sources unique, got {names}")


def crawler_name(naming: Naming, domain: str, source: str) -> str:
    """The crawler of a domain's ingest source (`acme-dp-dev-crawl-marketing-hubspot`)."""
    return naming.resource(f"crawl-{domain}-{source}")


class DomainCrawlers(pulumi.ComponentResource):
    """One crawler (and its role) per ingest source of one domain.

    Attributes:
        crawler_names: The crawlers' names, by ingest source.
    """

    crawler_names: dict[str, pulumi.Output[str]]

    def __init__(
        self, name: str, args: DomainCrawlersArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:quality:DomainCrawlers", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        naming = args.naming
        self.crawler_names = {}
        for source in args.sources:
            key = f"{name}-{source.source}"
            role = aws.iam.Role(
                key,
                name=naming.iam_role(f"crawl-{args.domain}-{source.source}"),
                assume_role_policy=json.dumps(
                    orchestration_iam.service_trust_policy("glue.amazonaws.com", naming.account_id)
                ),
                tags=args.tags,
                opts=child,
            )
            policy = aws.iam.RolePolicy(
                key,
                role=role.id,
                policy=pulumi.Output.all(
                    source.kms_key_arn, args.catalog_key_arn, source.database
                ).apply(partial(_crawler_policy, naming, source)),
                opts=child,
            )
            crawler = lake_crawler(
                key,
                name=crawler_name(naming, args.domain, source.source),
                database=source.database,
                role_arn=role.arn,
                bucket=source.bucket,
                prefix=source.prefix,
                schedule=args.schedule,
                security_configuration=args.security_configuration,
                tags=contract_tags(args.tags, source.contracts),
                opts=pulumi.ResourceOptions(parent=self, depends_on=[policy]),
            )
            self.crawler_names[source.source] = crawler.name
        self.register_outputs({"crawler_names": self.crawler_names})


def _crawler_policy(naming: Naming, source: CrawledPrefix, values: list[Any]) -> str:
    """The crawler role's document; `values` are the zone key, catalog key and database."""
    zone_key, catalog_key, database = (str(v) for v in values)
    return json.dumps(
        orchestration_iam.crawler_policy(
            naming.region,
            naming.account_id,
            source.bucket,
            [source.prefix],
            database,
            [zone_key, catalog_key],
        )
    )
