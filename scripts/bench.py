"""`dataplat bench`: how much the platform's code costs on top of the bare Pulumi SDK.

First, as a ratio measured in this one run, the time of `dataplat plan` for the three
stacks in one command (`--stack dev --stack staging --stack prod --out-dir`) against the
same command for one stack (dev), each a fresh process as a user or CI starts it (target:
at most 1.6). Then, per stack: the resource count, the median offline-plan time, the median
time for the bare SDK to register the very same cloud resources under the same
mocks (a flat program of typed pulumi-aws classes replayed from the plan: no
components, no config, no logic), and
their ratio (target: at most 1.25); and, to separate the cost of our logic from
the cost of a component tree as such, the same tree registered with empty
components and the ratio to that. Then the plan time of a synthetic lake with
10, 100 and 1,000 buckets beside the bare SDK's time for the same resources, to
show growth is near-linear (ms per resource) and follows the SDK's own. A benchmark prints
figures; it asserts nothing. Exit code 0, or 2 on bad flags.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import pulumi

from components.data_lake import DataLake, DataLakeArgs, LakeZone
from components.naming import Naming
from components.tags import MandatoryTags
from policies.rules.facts.tokens import PULUMI_STACK
from scripts.plan.command import plan
from scripts.plan.document import build_document
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.progress import Progress, progress
from scripts.plan.runtime import run_callable
from scripts.plan.sdk import sdk_class_for
from scripts.project_root import project_root

STACKS = ("dev", "staging", "prod")
BENCH_ACCOUNT = "123456789012"
BENCH_REGION = "eu-west-1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat bench`."""
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (default: 5)")
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[10, 100, 1000],
        help="bucket counts of the synthetic lake (default: 10 100 1000)",
    )
    parser.add_argument(
        "--command-repeat",
        type=int,
        default=3,
        help="runs of each `dataplat plan` command for the multi-stack ratio (default: 3)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress display on standard error"
    )


def run(args: argparse.Namespace) -> int:
    """Measure and print."""
    with progress(args.quiet) as shown:
        return _measure(args, shown)


def _measure(args: argparse.Namespace, shown: Progress) -> int:
    repeat = max(1, args.repeat)
    task = shown.task("bench: one stack vs three stacks in one command")
    one_s, three_s = multi_stack_times(max(1, args.command_repeat), lambda: task.advance())
    print(
        f"dataplat plan, fresh processes: 1 stack (dev) {one_s:.2f} s, 3 stacks in one "
        f"command {three_s:.2f} s, ratio {three_s / one_s:.2f} (target: at most 1.6)"
    )
    print()
    task = shown.task("bench: stacks against the bare SDK", total=len(STACKS))
    _replay(plan(None, "dev", None))  # warm-up: imports and first-run caches
    print(
        f"{'stack':<8} {'resources':>9} {'plan ms':>9} {'bare ms':>9} {'ratio':>6}"
        f" {'tree ms':>9} {'ratio':>6}"
    )
    for stack in STACKS:
        document = plan(None, stack, None)
        plan_s = _median(partial(plan, None, stack, None), repeat)
        bare_s = _median(partial(_replay, document), repeat)
        tree_s = _median(partial(_replay, document, with_components=True), repeat)
        print(
            f"{stack:<8} {len(document['resources']):>9} {plan_s * 1e3:>9.1f} "
            f"{bare_s * 1e3:>9.1f} {plan_s / bare_s:>6.2f} "
            f"{tree_s * 1e3:>9.1f} {plan_s / tree_s:>6.2f}"
        )
        task.advance()
    print(
        "bare: flat typed SDK program, no components; tree: the same resource tree "
        "with empty components"
    )
    print()
    print(
        f"{'buckets':>8} {'resources':>9} {'plan s':>8} {'ms/res':>7} {'bare s':>8} {'ms/res':>7}"
        f" {'ratio':>6}"
    )
    task = shown.task("bench: synthetic lakes", total=len(args.sizes))
    for size in args.sizes:
        runs = 1 if size >= 1000 else min(repeat, 3)
        plan_s = _median(partial(_synthetic_lake, size), runs)
        document = build_document("bench", "dev", _synthetic_lake(size), [])
        bare_s = _median(partial(_replay, document), runs)
        total = len(document["resources"])
        custom = sum(1 for r in document["resources"] if r["custom"])
        print(
            f"{size:>8} {total:>9} {plan_s:>8.2f} {plan_s / total * 1e3:>7.2f} {bare_s:>8.2f}"
            f" {bare_s / custom * 1e3:>7.2f} {plan_s / bare_s:>6.2f}"
        )
        task.advance()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {peak_mib:.0f} MiB")
    return 0


def multi_stack_times(repeat: int, tick: Callable[[], None]) -> tuple[float, float]:
    """Median wall times of `dataplat plan` for dev alone and for the three stacks in one
    command, runs interleaved so that a busy machine slows both alike."""
    one, three = [], []
    with tempfile.TemporaryDirectory(prefix="dataplat-bench-") as out_dir:
        for _ in range(repeat):
            one.append(_plan_command(["dev"], out_dir))
            tick()
            three.append(_plan_command(list(STACKS), out_dir))
            tick()
    return statistics.median(one), statistics.median(three)


def _plan_command(stacks: list[str], out_dir: str) -> float:
    command = [sys.executable, "-m", "scripts.cli", "plan", "--quiet", "--format", "json"]
    command += [arg for stack in stacks for arg in ("--stack", stack)]
    start = time.perf_counter()
    subprocess.run(
        [*command, "--out-dir", out_dir],
        cwd=project_root(),
        env={**os.environ, "PYTHONPATH": str(project_root())},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def _median(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _replay(document: dict[str, Any], with_components: bool = False) -> None:
    """Register the document's resources with the bare SDK and none of our code.

    Without components: a flat program of the typed SDK classes under the same
    explicit providers (the issue's baseline). With components: the same tree, each
    component an empty `ComponentResource`, which isolates the cost of our logic
    from the cost of having a component tree at all.
    """
    by_urn = {r["urn"]: r for r in document["resources"]}
    created: dict[str, pulumi.Resource] = {}

    def register(doc: dict[str, Any]) -> pulumi.Resource | None:
        if doc["urn"] in created or doc["type"] == PULUMI_STACK:
            return created.get(doc["urn"])
        if not doc["custom"] and not with_components:
            return None
        parent_doc = by_urn.get(doc["parent"] or "")
        parent = register(parent_doc) if with_components and parent_doc else None
        if doc["custom"]:
            provider_doc = _provider_doc(by_urn, doc.get("provider"))
            made: pulumi.Resource = sdk_class_for(doc["type"])(
                doc["name"],
                opts=pulumi.ResourceOptions(
                    parent=parent,
                    provider=register(provider_doc) if provider_doc else None,  # type: ignore[arg-type]
                    protect=doc["protect"],
                    retain_on_delete=doc["retainOnDelete"],
                ),
                **_python_args(doc["inputs"]),
            )
        else:
            made = pulumi.ComponentResource(
                doc["type"], doc["name"], None, pulumi.ResourceOptions(parent=parent)
            )
        created[doc["urn"]] = made
        return made

    def program() -> None:
        for doc in document["resources"]:
            register(doc)

    run_callable(
        program,
        project=document["project"],
        stack=document["stack"],
        mocks=PlausibleMocks(BENCH_ACCOUNT, BENCH_REGION),
    )


def _provider_doc(by_urn: dict[str, Any], reference: str | None) -> dict[str, Any] | None:
    """The provider resource a reference (`urn` or `urn::id`) points at, if in the plan."""
    if not reference:
        return None
    found = by_urn.get(reference) or by_urn.get(reference.rsplit("::", 1)[0])
    return dict(found) if found else None


def _python_args(inputs: dict[str, Any]) -> dict[str, Any]:
    """Engine (camelCase) inputs back into the SDK's snake_case arguments."""

    def convert(value: Any, key: str = "") -> Any:
        if isinstance(value, dict) and key != "tags":
            return {_snake(k): convert(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        return value

    return {_snake(k): convert(v, k) for k, v in inputs.items()}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def _synthetic_lake(buckets: int) -> Any:
    naming = Naming("bench", "dev", BENCH_ACCOUNT, BENCH_REGION)
    tags = MandatoryTags(environment="dev", owner="bench", cost_center="bench")
    zones = [LakeZone(name=f"z{i:04d}", data_classification="internal") for i in range(buckets)]

    def program() -> None:
        DataLake("lake", DataLakeArgs(naming=naming, tags=tags, zones=zones))

    return run_callable(
        program, project="bench", stack="dev", mocks=PlausibleMocks(BENCH_ACCOUNT, BENCH_REGION)
    )
