"""`dataplat bench`: how much the platform's code costs on top of the bare Pulumi SDK.

Prints, per stack: the resource count, the median offline-plan time, the median
time for the bare SDK to register the very same resources under the same mocks
(no components' logic, no config: a replay of the captured registrations), and
their ratio (target: at most 1.25). Then the plan time of a synthetic lake with
10, 100 and 1,000 buckets, to show growth is near-linear. A benchmark prints
figures; it asserts nothing. Exit code 0, or 2 on bad flags.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

import pulumi

from components.lake import DataLake, DataLakeArgs, LakeZone
from components.naming import Naming
from components.tags import MandatoryTags
from scripts.plan.command import plan
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import STACK_TYPE, run_callable

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


def run(args: argparse.Namespace) -> int:
    """Measure and print."""
    repeat = max(1, args.repeat)
    plan(None, "dev", None)  # warm-up: imports and first-run caches
    print(f"{'stack':<8} {'resources':>9} {'plan ms':>9} {'bare ms':>9} {'ratio':>6}")
    for stack in STACKS:
        document = plan(None, stack, None)
        plan_s = _median(lambda s=stack: plan(None, s, None), repeat)
        bare_s = _median(lambda d=document: _replay(d), repeat)
        print(
            f"{stack:<8} {len(document['resources']):>9} {plan_s * 1e3:>9.1f} "
            f"{bare_s * 1e3:>9.1f} {plan_s / bare_s:>6.2f}"
        )
    print()
    print(f"{'buckets':>8} {'resources':>9} {'plan s':>8} {'ms/resource':>12}")
    for size in args.sizes:
        count = 0

        def synthetic(n: int = size) -> None:
            nonlocal count
            count = len(_synthetic_lake(n).registrations)

        seconds = _median(synthetic, 1 if size >= 1000 else min(repeat, 3))
        print(f"{size:>8} {count:>9} {seconds:>8.2f} {seconds / count * 1e3:>12.2f}")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {peak_mib:.0f} MiB")
    return 0


def _median(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _replay(document: dict[str, Any]) -> None:
    """Register the document's resources with the bare SDK: same types, names,
    parents and inputs, none of the platform's code."""
    by_urn = {r["urn"]: r for r in document["resources"]}
    created: dict[str, pulumi.Resource] = {}

    def register(resource_doc: dict[str, Any]) -> pulumi.Resource:
        urn = resource_doc["urn"]
        if urn in created:
            return created[urn]
        parent_urn = resource_doc["parent"]
        parent = (
            register(by_urn[parent_urn])
            if parent_urn in by_urn and by_urn[parent_urn]["type"] != STACK_TYPE
            else None
        )
        opts = pulumi.ResourceOptions(
            parent=parent, protect=resource_doc["protect"], retain_on_delete=resource_doc["retainOnDelete"]
        )
        kind = resource_doc["type"]
        inputs = resource_doc["inputs"]
        made: pulumi.Resource
        if kind.startswith("pulumi:providers:"):
            made = pulumi.ProviderResource(kind.split(":")[-1], resource_doc["name"], inputs, opts)
        elif resource_doc["custom"]:
            made = pulumi.CustomResource(kind, resource_doc["name"], inputs, opts)
        else:
            made = pulumi.ComponentResource(kind, resource_doc["name"], None, opts)
        created[urn] = made
        return made

    def program() -> None:
        for resource_doc in document["resources"]:
            if resource_doc["type"] != STACK_TYPE:
                register(resource_doc)

    run_callable(
        program,
        project=document["project"],
        stack=document["stack"],
        mocks=PlausibleMocks(BENCH_ACCOUNT, BENCH_REGION),
    )


def _synthetic_lake(buckets: int) -> Any:
    naming = Naming("bench", "dev", BENCH_ACCOUNT, BENCH_REGION)
    tags = MandatoryTags(environment="dev", owner="bench", cost_center="bench")
    zones = [LakeZone(name=f"z{i:04d}", data_classification="internal") for i in range(buckets)]

    def program() -> None:
        DataLake("lake", DataLakeArgs(naming=naming, tags=tags, zones=zones))

    return run_callable(
        program, project="bench", stack="dev", mocks=PlausibleMocks(BENCH_ACCOUNT, BENCH_REGION)
    )
