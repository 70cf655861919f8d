"""The PR preview's matrices: the platform stacks first, then the other stacks in shards.

A GitHub Actions matrix "will generate a maximum of 256 jobs per workflow run"
(https://docs.github.com/en/actions/using-jobs/using-a-matrix-for-your-jobs, section
"Using a matrix strategy"), and a platform change touches every stack: 200 domains in three
environments are 600 domain stacks (and three edges stacks). So the non-platform stacks are
cut into shards, each one matrix job running `dataplat preview --env E --only ...` over
its stacks (in parallel inside the job). A shard holds stacks of one environment only; its
size is the larger of `size` (default `DEFAULT_SIZE`) and the smallest size that keeps the
shards at most `MAX_JOBS`, so small changes get small, fast shards and 600 stacks still fit.
The platform stacks are a matrix of their own (at most one per environment), previewed
first: the shards' job `needs:` it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MAX_JOBS = 256
DEFAULT_SIZE = 4


@dataclass(frozen=True)
class Shard:
    """Stacks of one environment previewed by one matrix job."""

    env: str
    index: int
    keys: tuple[str, ...]

    @property
    def name(self) -> str:
        """`<env>-<index>`, 1-based: the job's name and its results artifact's."""
        return f"{self.env}-{self.index}"

    def matrix_entry(self) -> dict[str, Any]:
        """One `include` entry: `shard`, `env` and `only` (the keys, space-separated)."""
        return {"shard": self.name, "env": self.env, "only": " ".join(self.keys)}


def shard_size(counts: Sequence[int], size: int = DEFAULT_SIZE, max_jobs: int = MAX_JOBS) -> int:
    """The smallest size >= `size` (and >= ceil(total / max_jobs)) whose shards, cut per
    environment, number at most `max_jobs`."""
    if size < 1 or max_jobs < 1:
        raise ValueError(f"shard size {size} and job limit {max_jobs} must be at least 1")
    chosen = max(size, math.ceil(sum(counts) / max_jobs))
    while sum(math.ceil(n / chosen) for n in counts) > max_jobs:
        chosen += 1
    return chosen


def shards(
    stacks: Mapping[str, Sequence[str]], size: int = DEFAULT_SIZE, max_jobs: int = MAX_JOBS
) -> list[Shard]:
    """`stacks` (environment -> keys, in order) cut into shards, in the same order."""
    chosen = shard_size([len(keys) for keys in stacks.values()], size, max_jobs)
    return [
        Shard(env, i // chosen + 1, tuple(keys[i : i + chosen]))
        for env, keys in stacks.items()
        for i in range(0, len(keys), chosen)
    ]


def matrix(entries: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """`{"include": [...]}`: the shape `strategy.matrix: ${{ fromJSON(...) }}` takes."""
    return {"include": [dict(e) for e in entries]}
