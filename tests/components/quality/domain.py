"""The synthetic domain `sales` the quality components' tests build: one crawled table."""

from __future__ import annotations

from components.quality.lake_quality import CheckedTable
from tests.components.orchestration.conftest import ACCOUNT, NAMING, RAW_KEY, REGION, TAGS

DB = "acme_dp_prod_raw_sales"
BUCKET = NAMING.bucket("raw")
RULESET = "acme-dp-prod-dq-sales-raw-orders-orders"
TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:acme-dp-prod-alerts"
DOMAIN_TAGS = TAGS.for_data("pii", domain="sales")
TABLE = CheckedTable(
    key="raw-orders-orders",
    ruleset_name=RULESET,
    schedule_name=RULESET,
    database=DB,
    table="orders",
    bucket=BUCKET,
    prefix="domains/sales/orders/",
    kms_key_arn=RAW_KEY,
    ruleset='Rules = [\n    IsComplete "id"\n]',
    schedule="cron(0 4 * * ? *)",
    contract="urn:acme:sales:orders",
)
