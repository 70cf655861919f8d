"""The price table: every figure the monthly bound uses, each with region, date and source.

This is the only price table of the project: the `cost-within-ceiling` rule reads it
here (the pack imports nothing of the project) and `dataplat cost` imports it from here.
Prices are on-demand list prices in USD, looked up on 2026-12-01. `estimate=True` marks
a figure that could not be confirmed on the vendor's own page for the stack's region
(the note says what was confirmed instead); update it from the source URL and clear the
flag. A change of price is a change of this table and its test, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

HOURS_PER_MONTH = 730.0  # AWS's monthly convention (8,760 hours / 12), used by every AWS page.
LOOKED_UP = "2026-12-01"
REGION = "eu-west-1"


@dataclass(frozen=True)
class Price:
    """One unit price: what it is for, its unit, region, the date it was read and its source."""

    key: str
    usd: float
    unit: str
    region: str
    date: str
    source: str
    estimate: bool = False
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        """The price as plain data (the JSON report lists every price it used)."""
        return {
            "key": self.key,
            "usd": self.usd,
            "unit": self.unit,
            "region": self.region,
            "date": self.date,
            "source": self.source,
            "estimate": self.estimate,
            "note": self.note,
        }


SNOWFLAKE_PRICING = "https://www.snowflake.com/en/pricing-options/"
MWAA_PRICING = "https://aws.amazon.com/managed-workflows-for-apache-airflow/pricing/"
VPC_PRICING = "https://aws.amazon.com/vpc/pricing/"
PRIVATELINK_PRICING = "https://aws.amazon.com/privatelink/pricing/"
KMS_PRICING = "https://aws.amazon.com/kms/pricing/"
SECRETS_PRICING = "https://aws.amazon.com/secrets-manager/pricing/"
GLUE_PRICING = "https://aws.amazon.com/glue/pricing/"
S3_PRICING = "https://aws.amazon.com/s3/pricing/"
US_ONLY = "confirmed for us-east-1 only; the eu-west-1 figure is not confirmed"


def _p(key: str, usd: float, unit: str, source: str, estimate: bool, note: str = "") -> Price:
    return Price(key, usd, unit, REGION, LOOKED_UP, source, estimate, note)


PRICES: dict[str, Price] = {
    p.key: p
    for p in (
        # Snowflake on AWS EU (Ireland), on demand. Snowflake's page publishes the US
        # figures (Standard $2, Enterprise $3, Business Critical $4 per credit in AWS US);
        # Ireland's are estimated at 1.3x, the EU uplift Snowflake's regional tables show.
        _p("snowflake.credit.standard", 2.60, "credit", SNOWFLAKE_PRICING, True, US_ONLY),
        _p("snowflake.credit.enterprise", 3.90, "credit", SNOWFLAKE_PRICING, True, US_ONLY),
        _p("snowflake.credit.business_critical", 5.20, "credit", SNOWFLAKE_PRICING, True, US_ONLY),
        # MWAA: the environment hour includes its first worker, two schedulers and the
        # web server; extra workers (up to maxWorkers) and schedulers (beyond two) are
        # billed per instance-hour. Figures are the us-east-1 list; eu-west-1 is higher.
        _p("mwaa.environment.mw1.micro", 0.26, "environment-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.environment.mw1.small", 0.49, "environment-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.environment.mw1.medium", 0.99, "environment-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.environment.mw1.large", 1.98, "environment-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.environment.mw1.xlarge", 3.96, "environment-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.environment.mw1.2xlarge", 7.92, "environment-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.worker.mw1.small", 0.055, "worker-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.worker.mw1.medium", 0.11, "worker-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.worker.mw1.large", 0.22, "worker-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.worker.mw1.xlarge", 0.44, "worker-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.worker.mw1.2xlarge", 0.88, "worker-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.scheduler.mw1.small", 0.055, "scheduler-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.scheduler.mw1.medium", 0.11, "scheduler-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.scheduler.mw1.large", 0.22, "scheduler-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.scheduler.mw1.xlarge", 0.44, "scheduler-hour", MWAA_PRICING, True, US_ONLY),
        _p("mwaa.scheduler.mw1.2xlarge", 0.88, "scheduler-hour", MWAA_PRICING, True, US_ONLY),
        # VPC: us-east-1 is $0.045 per NAT gateway-hour and $0.01 per endpoint-AZ-hour;
        # Ireland is estimated at $0.048 and $0.011 (published regional comparisons put
        # Europe at $0.048-0.052). Data processed per GB is not part of the bound.
        _p("vpc.nat_gateway", 0.048, "gateway-hour", VPC_PRICING, True, US_ONLY),
        _p(
            "vpc.interface_endpoint",
            0.011,
            "endpoint-AZ-hour",
            PRIVATELINK_PRICING,
            True,
            "billed per endpoint per AZ per hour (confirmed on the PrivateLink page); "
            "the eu-west-1 rate is not confirmed",
        ),
        # KMS and Secrets Manager: the same in every commercial region.
        _p(
            "kms.key",
            1.00,
            "key-month",
            KMS_PRICING,
            False,
            "each rotated backing key adds $1/month, capped at the second rotation",
        ),
        _p(
            "kms.key.rotated",
            3.00,
            "key-month",
            KMS_PRICING,
            True,
            "a rotating key's worst case: the key plus two billed rotations",
        ),
        _p("secretsmanager.secret", 0.40, "secret-month", SECRETS_PRICING, True, US_ONLY),
        # Glue: Spark and Python shell jobs, per DPU-hour billed per second (1 min minimum).
        _p("glue.dpu_hour", 0.44, "DPU-hour", GLUE_PRICING, True, US_ONLY),
        # S3 Standard, first 50 TB per month.
        _p("s3.standard", 0.023, "GB-month", S3_PRICING, True, US_ONLY),
    )
}

# Snowflake credits per hour per warehouse size: policies/rules/facts/warehouses.py.

# Glue worker types, DPUs per worker (AWS Glue "Defining job properties for Spark jobs").
DPU_PER_WORKER: dict[str, float] = {
    "G.025X": 0.25,
    "Standard": 1,
    "G.1X": 1,
    "G.2X": 2,
    "G.4X": 4,
    "G.8X": 8,
    "Z.2X": 2,
}


def price(key: str) -> Price:
    """The price of `key`; a KeyError names the missing key and the table to extend."""
    try:
        return PRICES[key]
    except KeyError:
        raise KeyError(f"no price [{key}] in policies/rules/cost/prices.py") from None
