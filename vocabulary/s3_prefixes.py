"""Key-prefix arithmetic for S3 notifications, pure and light enough for config parsing."""

from __future__ import annotations

import itertools
from collections.abc import Sequence


def overlapping_prefixes(prefixes: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of prefixes where one starts with the other (S3 rejects them together)."""
    ordered = sorted(prefixes)
    # Sorted, a prefix's extensions follow it directly: comparing neighbours suffices.
    return [(a, b) for a, b in itertools.pairwise(ordered) if b.startswith(a)]
