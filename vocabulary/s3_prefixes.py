"""Key-prefix arithmetic for S3 notifications and key lengths, pure and light enough for
config parsing."""

from __future__ import annotations

import itertools
import posixpath
from collections.abc import Sequence

# A key prefix a config file may name: lowercase letters, digits and _ . / -, ending in `/`
# (one pattern for ingest sources and jobs; the config errors explain it by this text).
KEY_PREFIX_PATTERN = r"^[a-z0-9][a-z0-9_./-]*/$"


def overlapping_prefixes(prefixes: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of prefixes where one starts with the other (S3 rejects them together)."""
    ordered = sorted(prefixes)
    # Sorted, a prefix's extensions follow it directly: comparing neighbours suffices.
    return [(a, b) for a, b in itertools.pairwise(ordered) if b.startswith(a)]


# Amazon S3 User Guide, "Naming Amazon S3 objects": a key is at most 1,024 bytes of UTF-8,
# its prefixes and delimiters included
# (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html, read 2026-12).
S3_KEY_MAX_BYTES = 1024

# An ingest source's key prefix (the stage URL's and the storage integration's location
# after the bucket) is at most a quarter of a key, so the files landing under it keep
# at least 768 bytes for their names and sub-paths.
INGEST_KEY_PREFIX_MAX_BYTES = S3_KEY_MAX_BYTES // 4


def key_prefix_problem(key_prefix: str) -> str | None:
    """Why `key_prefix` is too long for an ingest source, or None."""
    size = len(key_prefix.encode("utf-8"))
    if size <= INGEST_KEY_PREFIX_MAX_BYTES:
        return None
    return (
        f"key prefix of {size} bytes ({key_prefix[:40]}...); at most "
        f"{INGEST_KEY_PREFIX_MAX_BYTES} bytes: S3 object keys stop at {S3_KEY_MAX_BYTES} "
        "bytes of UTF-8, prefix included, and the files landing under it need the rest"
    )


def normalised_prefix(value: str) -> str:
    """`value`, a key prefix below some root (a bucket, a domain's `domains/<name>/`),
    with `.` and empty segments dropped and `a/../` folded, keeping a trailing `/`.

    Raises ValueError when it climbs above its root (`x/../../crm/`) or is empty once
    normalised: S3 keeps `..` literally, but the same prefix also goes into a Snowflake
    stage URL, an IAM ARN and a notification filter, which need not agree on it.
    """
    folded = posixpath.normpath("/" + value).lstrip("/")
    climbs = posixpath.normpath(value).split("/")[0] == ".."
    if climbs or value.startswith("/"):
        raise ValueError(
            f"{value}: climbs out of the prefix it is under (`..`); name the prefix itself"
        )
    if not folded or folded == ".":
        raise ValueError(f"{value}: names no prefix once `.` and `..` are folded")
    return folded + ("/" if value.endswith("/") else "")
