"""`dataplat bench`: how much the platform's code costs on top of the bare Pulumi SDK.

First, in fresh processes (scripts/bench/processes.py), each timed from start to exit in
wall and CPU seconds, runs interleaved:

- `dataplat plan --stack prod` against its floor (scripts/plan/floor.py): the same
  interpreter start, the very SDK modules the plan had imported, its registrations replayed
  flat with the typed SDK classes under the same mocks, the same exit path (target: at
  most 1.3);
- the three stacks in one `dataplat plan` command against the floor of the three (the
  same floor, all three stacks in one process);
- the three stacks in one command against the same command for one stack (dev) (target:
  at most 1.6);
- what each further stack adds to a command, against what it adds to the floor's (for
  information: the ratio above counts the fixed cost of a process too, so lowering that
  cost raises it although every command gets faster).

Each figure is given twice, as the median of the interleaved runs and as the best run, each
with both absolute times and the ratio; on a machine shared with other work read the CPU
ratio (the wall time stretches with the load) and the best run (other work only adds time:
on the 2-CPU machine these were first taken on, the median prod ratio moved by up to 0.14
between two back-to-back benchmarks). The project's modules are byte-compiled
first, as pip compiles the SDKs, so that neither side compiles source in its timed runs
(scripts/bench/processes.py; `--from-source` skips it). Then, in this one process, per stack:
the resource count, the median offline-plan time, the median time for the bare SDK to
register the very same cloud resources under the same mocks (no components, no config, no
logic), their ratio, and, to separate the cost of our logic from the cost of a component
tree as such, the same tree registered with empty components and the ratio to that. Then
the plan time of a synthetic lake with 10, 100 and 1,000 buckets beside the bare SDK's time
for the same resources, to show growth is near-linear (ms per resource) and follows the
SDK's own. A benchmark prints figures; it asserts nothing. Exit code 0, or 2 on bad flags.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from components.naming import Naming
from components.storage.data_lake import DataLake, DataLakeArgs, LakeZone
from components.tags import MandatoryTags
from scripts.bench.processes import (
    best,
    byte_compile_project,
    floor_times,
    median,
    multi_stack_times,
)
from scripts.plan.command import plan
from scripts.plan.document import build_document
from scripts.plan.floor import replay_document
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.progress import Progress, progress
from scripts.plan.runtime import run_callable

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
        default=5,
        help="interleaved runs of each fresh-process command (the plans and their floors; "
        "default: 5)",
    )
    parser.add_argument(
        "--processes-only",
        action="store_true",
        help="only the fresh-process figures (the ratios to the floor and the multi-stack "
        "ratio), not the in-process and synthetic-lake tables",
    )
    parser.add_argument(
        "--from-source",
        action="store_true",
        help="do not byte-compile the project first: with PYTHONDONTWRITEBYTECODE set, every "
        "`dataplat plan` then compiles the project's modules from source, which the floor does "
        "not",
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
    runs = max(1, args.command_repeat)
    task = shown.task("bench: fresh processes against the SDK's floor")
    if args.from_source:
        print("the project's modules as they are (not byte-compiled first)")
    else:
        files = byte_compile_project()
        print(f"the project's modules byte-compiled first ({files} files), as the SDKs are")
    print(
        f"fresh processes, {runs} interleaved runs each: wall s / CPU s, medians, then the "
        "best run (the least disturbed by other work)"
    )
    for stacks, target in ((["prod"], "at most 1.3"), (list(STACKS), "")):
        plans, floors = floor_times(stacks, runs, lambda: task.advance())
        for label, pick in (("median", median), ("best", best)):
            plan_t, floor_t = pick(plans), pick(floors)
            ratio = plan_t.ratio(floor_t)
            print(
                f"dataplat plan {'+'.join(stacks):<18} {label:<6} {plan_t.wall:6.2f} / "
                f"{plan_t.cpu:5.2f}   floor {floor_t.wall:6.2f} / {floor_t.cpu:5.2f}   ratio "
                f"{ratio.wall:.2f} / {ratio.cpu:.2f}" + (f" (target: {target})" if target else "")
            )
    multi = multi_stack_times(list(STACKS), runs, lambda: task.advance())
    further = len(STACKS) - 1
    for label, pick in (("median", median), ("best", best)):
        one_t, three_t = pick(multi.one), pick(multi.many)
        ratio = three_t.ratio(one_t)
        print(
            f"dataplat plan, {label:<6} 1 stack (dev) {one_t.wall:.2f} / {one_t.cpu:.2f}, "
            f"3 stacks in one command {three_t.wall:.2f} / {three_t.cpu:.2f}, ratio "
            f"{ratio.wall:.2f} / {ratio.cpu:.2f} (target: at most 1.6)"
        )
    for label, pick in (("median", median), ("best", best)):
        plan_cpu = (pick(multi.many).cpu - pick(multi.one).cpu) / further
        floor_cpu = (pick(multi.floor_many).cpu - pick(multi.floor_one).cpu) / further
        print(
            f"each further stack, {label:<6} CPU s: plan {plan_cpu:.2f}, floor {floor_cpu:.2f}, "
            f"ratio {plan_cpu / floor_cpu:.2f} (information: what a stack adds to a command, "
            "without the fixed cost both ratios above count)"
        )
    if args.processes_only:
        return 0
    print()
    task = shown.task("bench: stacks against the bare SDK", total=len(STACKS))
    replay_document(plan(None, "dev", None))  # warm-up: imports and first-run caches
    print(
        f"{'stack':<8} {'resources':>9} {'plan ms':>9} {'bare ms':>9} {'ratio':>6}"
        f" {'tree ms':>9} {'ratio':>6}"
    )
    for stack in STACKS:
        document = plan(None, stack, None)
        plan_s = _median(partial(plan, None, stack, None), repeat)
        bare_s = _median(partial(replay_document, document), repeat)
        tree_s = _median(partial(replay_document, document, with_components=True), repeat)
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
        bare_s = _median(partial(replay_document, document), runs)
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


def _median(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _synthetic_lake(buckets: int) -> Any:
    naming = Naming("bench", "dev", BENCH_ACCOUNT, BENCH_REGION)
    tags = MandatoryTags(environment="dev", owner="bench", cost_center="bench")
    zones = [LakeZone(name=f"z{i:04d}", data_classification="internal") for i in range(buckets)]

    def program() -> None:
        DataLake("lake", DataLakeArgs(naming=naming, tags=tags, zones=zones))

    return run_callable(
        program, project="bench", stack="dev", mocks=PlausibleMocks(BENCH_ACCOUNT, BENCH_REGION)
    )
