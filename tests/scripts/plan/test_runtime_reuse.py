"""Runs in one process share nothing but what is safe: each starts from a reset runtime."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pulumi

from scripts.plan.document import relative_assets
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import collector_for_a_run, run_callable

ASSET = {"4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17"}


def _program() -> None:
    pulumi.export("answer", 42)


def _run(stack: str) -> dict:
    run = run_callable(
        _program, project="p", stack=stack, mocks=PlausibleMocks("111122223333", "eu-west-1")
    )
    return run.stack_outputs


def test_the_collector_is_restored_after_a_run():
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    _run("a")
    assert (gc.get_threshold(), gc.get_freeze_count()) == (threshold, frozen)


class _Node:
    pass


def test_the_garbage_of_a_run_is_collected_at_its_end():
    with collector_for_a_run():
        node = _Node()
        node.self = node  # type: ignore[attr-defined]  # a cycle: only the collector frees it
        alive = weakref.ref(node)
        del node
    assert alive() is None, "the cyclic garbage of the run is freed when it ends"


def test_consecutive_runs_in_one_process_give_the_same_result():
    assert _run("a") == _run("b") == {"answer": 42}


def test_asset_paths_under_the_project_become_relative(tmp_path):
    inside = {**ASSET, "path": str(tmp_path / "code" / "job.py")}
    outside = {**ASSET, "path": "/elsewhere/job.py"}
    plain = {"path": str(tmp_path / "not-an-asset")}
    value = {"source": inside, "other": [outside], "plain": plain}
    result = relative_assets(value, Path(tmp_path))
    assert result["source"]["path"] == "code/job.py"
    assert result["other"][0]["path"] == "/elsewhere/job.py"
    assert result["plain"] == plain
