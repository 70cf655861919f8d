"""Where a stack's Snowflake account is hosted, and what the platform needs of that.

Nothing else can tell: the account's cloud and region are fixed when Snowflake provisions
it, and the provider's connection (organization and account name) does not say. So the
`snowflake` section states them (`account_cloud`, `account_region`), and the edge refuses
a cloud that cannot hold what the platform creates, before any step is tried.

What the platform creates in every stack with a `snowflake` section, by the cloud hosting
the account (Snowflake's documentation, read 2026-12):

- An outbound AWS_SNS notification integration to the alerts topic (pipe load errors, the
  credit alert; components/integration/snowflake_notifications.py): "Currently, this feature is
  limited to Snowflake accounts hosted on AWS"
  (https://docs.snowflake.com/en/sql-reference/sql/create-notification-integration-queue-outbound-aws,
  and user-guide/notifications/creating-notification-integration-amazon-sns). Snowflake
  also recommends the topic in the account's region (cross-region latency and egress).
- S3 storage integrations, stages and auto-ingest pipes for the ingest sources: allowed on
  every cloud. Snowflake loads from S3 "regardless of the cloud platform for your
  Snowflake account", bulk and Snowpipe alike
  (https://docs.snowflake.com/en/user-guide/intro-cloud-platforms); CREATE STORAGE
  INTEGRATION only asks that storage on another cloud be in the public cloud, not a
  virtual private environment, and that government or China regions be reached from an
  account in the same region (https://docs.snowflake.com/en/sql-reference/sql/create-storage-integration).
  Cross-cloud loads add data transfer charges.

Region ids are Snowflake's "Cloud Region ID" column, in each cloud's own spelling
(https://docs.snowflake.com/en/user-guide/intro-regions): `eu-west-1` on AWS,
`europe-west4` on Google Cloud, `westeurope` on Azure. Only their shape is checked here:
the list of regions grows, and a wrong region is refused by nothing the platform builds.
"""

from __future__ import annotations

import re
from typing import Literal

from stacks.model import AWS_REGION_PATTERN, Problem

SnowflakeCloud = Literal["aws", "azure", "gcp"]

# Snowflake's Cloud Region IDs by cloud (intro-regions): AWS region codes, Google Cloud's
# `<area>-<direction><n>`, Azure's lowercase names with an optional digit.
REGION_ID_PATTERNS: dict[str, str] = {
    "aws": AWS_REGION_PATTERN,
    "gcp": r"^[a-z]+-[a-z]+\d+$",
    "azure": r"^[a-z]+\d?$",
}
REGION_ID_EXAMPLES: dict[str, str] = {
    "aws": "eu-west-1",
    "gcp": "europe-west4",
    "azure": "westeurope",
}

# The clouds each integration the platform always creates can live on (see above).
SNS_NOTIFICATION_CLOUDS: tuple[str, ...] = ("aws",)
S3_STORAGE_INTEGRATION_CLOUDS: tuple[str, ...] = ("aws", "azure", "gcp")


def account_problems(cloud: str, region: str) -> list[Problem]:
    """A region id that is not the cloud's, and a cloud the SNS integration cannot use."""
    problems = []
    if not re.fullmatch(REGION_ID_PATTERNS[cloud], region):
        problems.append(
            Problem(
                ("account_region",),
                f"{region!r} is not a {cloud} region id; expected Snowflake's Cloud Region ID, "
                f"like {REGION_ID_EXAMPLES[cloud]} (pattern {REGION_ID_PATTERNS[cloud]})",
            )
        )
    if cloud not in SNS_NOTIFICATION_CLOUDS:
        problems.append(
            Problem(
                ("account_cloud",),
                f"{cloud}: the platform creates an AWS_SNS notification integration for pipe "
                "load errors and the credit alert, which Snowflake supports only for accounts "
                f"hosted on AWS; allowed: {', '.join(SNS_NOTIFICATION_CLOUDS)}",
            )
        )
    return problems
