"""A Glue crawler of one lake prefix: the one way the platform and the domains crawl.

Both the platform's raw-zone crawlers (components/orchestration/glue_catalog.py) and the
crawlers of the domains' ingest sources (components/quality/domain_crawlers.py) build their
crawlers here, so they share one schema-change and recrawl policy.
"""

from __future__ import annotations

from collections.abc import Mapping

import pulumi
import pulumi_aws as aws


def lake_crawler(
    resource_name: str,
    *,
    name: pulumi.Input[str],
    database: pulumi.Input[str],
    role_arn: pulumi.Input[str],
    bucket: str,
    prefix: str,
    schedule: str,
    security_configuration: pulumi.Input[str],
    tags: Mapping[str, str],
    opts: pulumi.ResourceOptions,
) -> aws.glue.Crawler:
    """The crawler of `s3://<bucket>/<prefix>/` into `database`, on `schedule`.

    Schema changes update the table (new columns appear for readers); a vanished table is
    marked DEPRECATED, never dropped, so views and grants built on it survive an upstream
    outage or a mistaken delete. Glue accepts incremental crawls (CRAWL_NEW_FOLDERS_ONLY)
    only with a LOG/LOG schema change policy, so the crawlers re-crawl everything.
    """
    return aws.glue.Crawler(
        resource_name,
        name=name,
        database_name=database,
        role=role_arn,
        s3_targets=[{"path": f"s3://{bucket}/{prefix.strip('/')}/"}],
        schedule=schedule,
        security_configuration=security_configuration,
        schema_change_policy={
            "update_behavior": "UPDATE_IN_DATABASE",
            "delete_behavior": "DEPRECATE_IN_DATABASE",
        },
        recrawl_policy={"recrawl_behavior": "CRAWL_EVERYTHING"},
        tags=dict(tags),
        opts=opts,
    )
