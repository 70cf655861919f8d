"""Every production store that holds data has a recovery path.

Stores that hold data: S3 buckets (lake zones, the DAG bucket, any other) and Snowflake
databases. A bucket recovers with versioning plus either replication to a bucket in
another region (an enabled rule of a `BucketReplicationConfig`) or object lock with a
default retention; a Snowflake database with time travel (`dataRetentionTimeInDays` of
at least 1). Access-log targets are exempt (logs are evidence, not data to restore, and S3
cannot deliver logs into an object-locked bucket), and so are replication destinations:
they are the recovery path of their source.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..aws.s3_resources import (
    BUCKETS,
    OBJECT_LOCK,
    REPLICATION,
    VERSIONING,
    is_log_target,
    label,
    parts,
)
from ..core.index import StackIndex
from ..core.rule import Context, Levels, Rule
from ..core.values import as_list, is_unknown
from ..core.view import Finding, ResourceView
from ..facts.tokens import SNOWFLAKE_DATABASE


def _region(view: ResourceView) -> Any:
    """The resource's own `region` (pulumi-aws v7), else its provider's."""
    return view.get("region") or view.provider_props.get("region")


def _destinations(index: StackIndex, bucket: ResourceView) -> list[Any]:
    """The destination bucket (a view, or the ARN when outside the program) of each enabled
    replication rule of `bucket`."""
    found: list[Any] = []
    for config in parts(index, bucket, REPLICATION):
        for rule in as_list(config.need("rules")):
            if not isinstance(rule, dict) or rule.get("status") != "Enabled":
                continue
            target = (rule.get("destination") or {}).get("bucket")
            views = index.referenced(target, BUCKETS)
            found.extend(views or ([target] if isinstance(target, str) else []))
    return found


def _bucket_finding(index: StackIndex, bucket: ResourceView) -> str | None:
    """What `bucket` lacks for a recovery path; None when it has one."""
    versioned = any(
        v.need("versioningConfiguration.status") == "Enabled"
        for v in parts(index, bucket, VERSIONING)
    )
    if not versioned:
        return f"{label(bucket)} holds data but has no versioning, so no recovery path"
    locked = any(c.need("rule.defaultRetention") for c in parts(index, bucket, OBJECT_LOCK))
    if locked:
        return None
    here = _region(bucket)
    for target in _destinations(index, bucket):
        if not isinstance(target, ResourceView):
            return None  # a bucket outside the program: its region cannot be told
        there = _region(target)
        if is_unknown(there) or is_unknown(here) or there != here:
            return None
        return (
            f"{label(bucket)} replicates only within {here}: a regional outage takes both "
            "copies; replicate to another region"
        )
    return (
        f"{label(bucket)} holds data with versioning only: add replication to another region "
        "(`replicate: true` on the zone) or object lock, or suppress with the reason"
    )


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each data bucket and Snowflake database has a recovery path."""
    replicas = {
        t.urn
        for b in index.of_type(*BUCKETS)
        for t in _destinations(index, b)
        if isinstance(t, ResourceView)
    }
    for bucket in index.of_type(*BUCKETS):
        if bucket.urn in replicas or is_log_target(index, bucket):
            continue
        message = _bucket_finding(index, bucket)
        if message:
            yield bucket.violation(message)
    for database in index.of_type(SNOWFLAKE_DATABASE):
        days = database.need("dataRetentionTimeInDays")
        if not isinstance(days, int | float) or days < 1:
            yield database.violation(
                f"Snowflake database [{database.name}] has no time travel "
                f"(dataRetentionTimeInDays is {days!r}): set data_retention_time_in_days >= 1"
            )


RULE = Rule(
    id="prod-data-store-recoverable",
    description=(
        "In prod, every store that holds data has a recovery path: S3 buckets versioning plus "
        "replication to another region or object lock (log targets and replicas exempt), "
        "Snowflake databases time travel."
    ),
    severity="high",
    remediation=(
        "Mark the zone `replicate: true` (or give it object lock); set the database's "
        "data_retention_time_in_days; or suppress with the reason the data can be rebuilt."
    ),
    resource_types=BUCKETS + VERSIONING + OBJECT_LOCK + REPLICATION + (SNOWFLAKE_DATABASE,),
    check_stack=check,
    levels=Levels("disabled", "disabled", "mandatory"),
    mapped=("CKV_AWS_144", "FSBP S3.7"),
)
