"""Every replicated bucket replicates: versioned buckets, then the role's reads and writes."""

from __future__ import annotations

from ..aws.s3_resources import BUCKETS, REPLICATION, VERSIONING
from ..preflight.aws_resources import ROLE, ROLE_POLICY
from .journey import journey_rule
from .replication_journeys import KIND, replication_journeys

RULE = journey_rule(
    KIND,
    (
        "Every bucket replication configuration works: its buckets are versioned before it "
        "is created, S3 assumes its role, and the role reads the source's versions and writes "
        "the replica with both buckets' keys."
    ),
    (
        "Change the resource the message names at the broken hop: enable versioning, make the "
        "configuration depend on it, or allow the request in the role, bucket or key policy."
    ),
    (*REPLICATION, *VERSIONING, *BUCKETS, ROLE, ROLE_POLICY),
    replication_journeys,
)
