"""Shards: within GitHub's 256 jobs, every stack once, one environment each, deterministic."""

from __future__ import annotations

import pytest

from scripts.affected.shards import DEFAULT_SIZE, MAX_JOBS, matrix, shard_size, shards


def six_hundred() -> dict[str, list[str]]:
    return {env: [f"d{i:03}" for i in range(200)] for env in ("dev", "staging", "prod")}


def test_600_stacks_fit_in_256_jobs_each_stack_exactly_once():
    stacks = six_hundred()
    cut = shards(stacks)
    assert len(cut) <= MAX_JOBS
    placed = [(s.env, key) for s in cut for key in s.keys]
    assert sorted(placed) == sorted((env, k) for env, keys in stacks.items() for k in keys)
    assert len(placed) == len(set(placed)) == 600
    assert all(len(s.keys) <= DEFAULT_SIZE for s in cut)
    assert len(cut) == 150 and cut[0].name == "dev-1" and cut[-1].name == "prod-50"
    # One stack per job would be 600 jobs: the size grows to ceil(600 / 256) = 3, so
    # each environment's 200 stacks make 66 shards of 3 and one of 2.
    single = shards(stacks, size=1)
    assert len(single) == 201 <= MAX_JOBS
    assert [len(s.keys) for s in single[:67]] == [3] * 66 + [2]
    assert sorted((s.env, k) for s in single for k in s.keys) == sorted(placed)


def test_the_size_grows_only_as_far_as_the_job_limit_needs():
    # 3 x 1000 stacks: ceil(3000 / 256) = 12 per shard -> 84 x 3 = 252 shards.
    stacks = {env: [f"d{i}" for i in range(1000)] for env in ("dev", "staging", "prod")}
    assert shard_size([1000, 1000, 1000]) == 12
    assert len(shards(stacks)) == 252
    # Shards are cut per environment, so ceil(total / limit) may not be enough: 3 x 100
    # stacks in 4 jobs at ceil(300 / 4) = 75 would be 2 + 2 + 2 = 6 shards; 100 makes 3.
    assert shard_size([100, 100, 100], 1, 4) == 100
    assert len(shards({e: ["x"] * 100 for e in "abc"}, 1, 4)) == 3


def test_shards_are_deterministic_and_keep_the_given_order():
    assert shards(six_hundred()) == shards(six_hundred())
    cut = shards({"dev": ["marketing", "sales", "edges"]}, size=2)
    assert [s.keys for s in cut] == [("marketing", "sales"), ("edges",)]
    assert matrix([s.matrix_entry() for s in cut]) == {
        "include": [
            {"shard": "dev-1", "env": "dev", "only": "marketing sales"},
            {"shard": "dev-2", "env": "dev", "only": "edges"},
        ]
    }


def test_no_stacks_no_shards_and_a_bad_size_is_refused():
    assert shards({}) == []
    with pytest.raises(ValueError, match="at least 1"):
        shard_size([3], 0)
