"""A bucket's replication configuration is created after versioning on both its buckets.

S3 refuses `PutBucketReplication` unless versioning is enabled on the source and on every
destination bucket ("Requirements and considerations for replication", S3 User Guide:
"Both source and destination buckets must have versioning enabled"; the API answers
InvalidRequest). Versioning is a separate resource in pulumi-aws v7, so the configuration
must wait for both versioning resources, not only for the buckets.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..aws.s3_resources import BUCKETS, REPLICATION, VERSIONING, parts
from ..core.index import StackIndex
from ..core.ordering import Ordering
from ..core.rule import Context, Rule
from ..core.values import is_unknown
from ..core.view import Finding, ResourceView
from .containers import replica_buckets


def replicated_buckets(index: StackIndex, config: ResourceView) -> list[tuple[str, ResourceView]]:
    """(role, bucket) of the source and each destination found in the program."""
    found = [("source", b) for b in index.referenced(config.get("bucket"), BUCKETS)]
    if not found:
        deps = config.property_dependencies.get("bucket") or ()
        found = [("source", index.by_urn[d]) for d in deps if d in index.by_urn]
        found = [(r, b) for r, b in found if b.type in BUCKETS]
    for value in replica_buckets(config):
        found += [("destination", b) for b in index.referenced(value, BUCKETS)]
    return found


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each replication configuration depends on the versioning of its buckets."""
    for config in index.of_type(*REPLICATION):
        if is_unknown(config.get("bucket")) and not config.dependencies:
            # Unknown, yet from no output: cannot tell which bucket it configures.
            yield config.not_evaluated(f"{config.type} bucket")
    needed = [
        (config, side, bucket, versioning)
        for config in index.of_type(*REPLICATION)
        for side, bucket in replicated_buckets(index, config)
        for versioning in parts(index, bucket, VERSIONING)
    ]
    ordering = Ordering(index, {v.urn for *_, v in needed})
    for config, side, bucket, versioning in needed:
        if not ordering.created_before(config.urn, versioning.urn):
            yield config.violation(
                f"replication configuration [{config.name}] may be created before versioning "
                f"[{versioning.name}] of its {side} bucket [{bucket.name}]: S3 refuses "
                f"replication until both buckets are versioned. Add "
                f"depends_on=[{versioning.name}]."
            )


RULE = Rule(
    id="preflight-replication-after-versioning",
    description=(
        "A bucket replication configuration depends on the versioning resources of its source "
        "and destination buckets."
    ),
    severity="high",
    remediation=(
        "Give the BucketReplicationConfig depends_on=[source versioning, replica versioning] "
        "(SecureBucket exposes `versioning`)."
    ),
    resource_types=REPLICATION + VERSIONING + BUCKETS,
    check_stack=check,
)
