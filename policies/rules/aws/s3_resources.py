"""The S3 resource types of pulumi-aws v7 (and the deprecated V2 aliases, which still
appear in programs and state) and the join from a bucket to its split resources."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex, identities
from ..core.rule import Context, StackCheck
from ..core.view import Finding, ResourceView


def _types(name: str, with_v2: bool = True) -> tuple[str, ...]:
    token = f"aws:s3/{name[0].lower()}{name[1:]}:{name}"
    if not with_v2:
        return (token,)
    return (token, f"aws:s3/{name[0].lower()}{name[1:]}V2:{name}V2")


BUCKETS = _types("Bucket")
ENCRYPTION = _types("BucketServerSideEncryptionConfiguration")
PUBLIC_ACCESS_BLOCKS = _types("BucketPublicAccessBlock", with_v2=False)
OWNERSHIP_CONTROLS = _types("BucketOwnershipControls", with_v2=False)
VERSIONING = _types("BucketVersioning")
LOGGING = _types("BucketLogging")
POLICIES = _types("BucketPolicy", with_v2=False)
LIFECYCLE = _types("BucketLifecycleConfiguration")
OBJECT_LOCK = _types("BucketObjectLockConfiguration")
ACLS = _types("BucketAcl")
REPLICATION = _types("BucketReplicationConfig", with_v2=False)


def parts(index: StackIndex, bucket: ResourceView, types: tuple[str, ...]) -> list[ResourceView]:
    """The split resources of `types` that configure `bucket` (their `bucket` refers to it)."""
    return index.referrers(bucket, types, "bucket")


def is_log_target(index: StackIndex, bucket: ResourceView) -> bool:
    """True if some bucket's server access logging delivers into `bucket`.

    S3 delivers server access logs only to targets encrypted with SSE-S3 and without
    object lock, and a log bucket logging to itself would loop: the S3 rules that
    cannot hold for log targets exempt them by this test.
    """
    return bool(index.referrers(bucket, LOGGING, "targetBucket"))


def label(bucket: ResourceView) -> str:
    """The bucket as messages name it: logical name and physical name when known."""
    physical = bucket.get("bucket")
    return f"bucket [{bucket.name}]" + (f" ({physical})" if isinstance(physical, str) else "")


def part_property_equals(
    types: tuple[str, ...], prop: str, expected: str, missing: str
) -> StackCheck:
    """A stack check: each bucket has a part of `types` whose `prop` equals `expected`."""

    def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
        for bucket in index.of_type(*BUCKETS):
            found = parts(index, bucket, types)
            if not found:
                yield bucket.violation(f"{label(bucket)} has no {missing}")
            for part in found:
                value = part.need(prop)
                if value != expected:
                    yield bucket.violation(f"{label(bucket)}: {prop} is {value!r}, not {expected}")

    check.__doc__ = f"Each bucket needs a {missing} with {prop} {expected}."
    return check


__all__ = ["identities"]
