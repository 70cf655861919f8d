"""A file landing in an ingest prefix reaches its Snowflake table."""

from __future__ import annotations

from ..preflight.aws_resources import ROLE, ROLE_POLICY
from ..snowflake.identifiers import INTEGRATIONS
from .ingest_journeys import KIND, LEGACY_STAGE, PIPE, STAGE, TABLE, ingest_journeys
from .journey import journey_rule

RULE = journey_rule(
    KIND,
    (
        "A file landing in each auto-ingest pipe's stage prefix reaches its table: S3 notifies "
        "the pipe's queue, the stage's integration allows the location, Snowflake assumes the "
        "integration's role with its external id, the role reads and decrypts the files, and "
        "the pipe's role may load the table."
    ),
    (
        "Change the resource the message names at the broken hop: the bucket notification "
        "(queue ARN = the pipe's notificationChannel, a filter prefix covering the stage's), "
        "the integration's allowed locations, the role's trust or policy, or the grants of "
        "the pipe's role."
    ),
    (PIPE, STAGE, LEGACY_STAGE, TABLE, *INTEGRATIONS[:2], ROLE, ROLE_POLICY),
    ingest_journeys,
)
