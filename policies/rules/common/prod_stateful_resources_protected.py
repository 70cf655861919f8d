"""In production, resources that hold state are protected against deletion."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import PROD_ONLY, Context, Rule
from ..core.view import Finding, ResourceView

STATEFUL = (
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:kms/key:Key",
    "aws:secretsmanager/secret:Secret",
    "aws:glue/catalogDatabase:CatalogDatabase",
    "aws:glue/catalogTable:CatalogTable",
    "aws:dynamodb/table:Table",
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "snowflake:index/database:Database",
    "snowflake:index/schema:Schema",
    "snowflake:index/table:Table",
)


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """The protect resource option must be on in prod."""
    if ctx.environment == "prod" and not view.protect:
        yield view.violation(f"{view.type} [{view.name}] holds state but is not protected in prod")


RULE = Rule(
    id="prod-stateful-resources-protected",
    description=(
        "In prod, buckets, keys, secrets, catalog databases and tables, and Snowflake databases, "
        "schemas and tables have the protect option on."
    ),
    severity="high",
    remediation="Pass opts=ResourceOptions(protect=True) (and retain_on_delete=True) in prod.",
    resource_types=STATEFUL,
    check=check,
    levels=PROD_ONLY,
)
