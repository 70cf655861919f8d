"""Objects are uploaded after their bucket's encryption, versioning and public-access block."""

from __future__ import annotations

from collections.abc import Iterator

from ..aws.s3_resources import BUCKETS, ENCRYPTION, PUBLIC_ACCESS_BLOCKS, VERSIONING, parts
from ..core.index import StackIndex
from ..core.ordering import Ordering
from ..core.rule import Context, Rule
from ..core.values import is_unknown
from ..core.view import Finding, ResourceView
from .containers import OBJECTS

# What an object written before the part exists lacks.
CONFIGURATION = (
    (ENCRYPTION, "encryption", "it is stored without the bucket's default encryption"),
    (VERSIONING, "versioning", "it has no version id (MWAA pins object versions)"),
    (PUBLIC_ACCESS_BLOCKS, "public-access block", "it is written before public access is blocked"),
)


def _buckets(index: StackIndex, obj: ResourceView) -> list[ResourceView]:
    """The bucket the object is uploaded into: by name, else by what `bucket` depends on."""
    value = obj.get("bucket")
    if isinstance(value, str):
        return index.referenced(value, BUCKETS)
    deps = obj.property_dependencies.get("bucket") or obj.dependencies
    return [index.by_urn[d] for d in deps if d in index.by_urn and index.by_urn[d].type in BUCKETS]


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each object depends on its bucket's encryption, versioning and public-access block."""
    needed: list[tuple[ResourceView, ResourceView, list[tuple[ResourceView, str, str]]]] = []
    for obj in index.of_type(*OBJECTS):
        if is_unknown(obj.get("bucket")) and not obj.dependencies:
            # Unknown, yet from no output: cannot tell which bucket it is.
            yield obj.not_evaluated(f"{obj.type} bucket")
        for bucket in _buckets(index, obj):
            found = [
                (part, what, why)
                for types, what, why in CONFIGURATION
                for part in parts(index, bucket, types)
            ]
            if found:
                needed.append((obj, bucket, found))
    ordering = Ordering(index, {part.urn for _, _, found in needed for part, _, _ in found})
    for obj, bucket, found in needed:
        missing = [(p, w, y) for p, w, y in found if not ordering.created_before(obj.urn, p.urn)]
        if not missing:
            continue
        listed = ", ".join(f"{w} [{p.name}]" for p, w, _ in missing)
        why = "; ".join(y for _, _, y in missing)
        yield obj.violation(
            f"{obj.type} [{obj.name}] may be uploaded into bucket [{bucket.name}] before its "
            f"{listed}: {why}. Add depends_on=[{', '.join(p.name for p, _, _ in missing)}] "
            f"to the upload."
        )


RULE = Rule(
    id="preflight-upload-after-bucket-configuration",
    description=(
        "An object uploaded into a bucket depends on that bucket's encryption, versioning and "
        "public-access-block resources, where they exist."
    ),
    severity="high",
    remediation=(
        "Give the upload depends_on=[encryption, versioning, public_access_block] of its bucket "
        "(a bucket component can expose them as one `ready` list)."
    ),
    resource_types=OBJECTS + BUCKETS + ENCRYPTION + VERSIONING + PUBLIC_ACCESS_BLOCKS,
    check_stack=check,
)
