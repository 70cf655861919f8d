"""`dataplat policies bench`: how long the rules take over a plan, and that it grows linearly.

Prints the evaluation time (every rule, resource and stack rules, default config) of
the prod plan, then of synthetic plans of about 1,000, 5,000 and 10,000 cloud
resources made by copying prod's lake under new names (so every stack rule still
joins buckets to their parts), with the time per resource. Planning itself is not
timed here (`dataplat bench` does that). A benchmark asserts nothing. Exit code 0.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

from policies.rules.core.settings import PolicySettings
from scripts.plan.command import plan
from scripts.plan.policy import evaluate_document, views


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat policies bench`."""
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure (default: 3)")
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[1000, 5000, 10000],
        help="approximate cloud-resource counts of the synthetic plans (default: 1000 5000 10000)",
    )


def run(args: argparse.Namespace) -> int:
    """Measure and print."""
    prod = plan(None, "prod", None)
    print(f"{'plan':<12} {'resources':>9} {'eval ms':>9} {'us/res':>8} {'violations':>10}")
    for label, document in [
        ("prod", prod),
        *(("synthetic", synthetic(prod, size)) for size in args.sizes),
    ]:
        seconds, evaluated = _median_eval(document, max(1, args.repeat))
        count = len(views(document))
        print(
            f"{label:<12} {count:>9} {seconds * 1e3:>9.1f} {seconds / count * 1e6:>8.1f} "
            f"{len(evaluated['violations']):>10}"
        )
    return 0


def synthetic(document: dict[str, Any], size: int) -> dict[str, Any]:
    """Copies of the document's cloud resources under new names, about `size` of them."""
    custom = [r for r in document["resources"] if r["custom"]]
    text = json.dumps(custom)
    resources = []
    for i in range(max(1, size // len(custom))):
        copy = text.replace("data-platform-lake", f"data-platform-lake{i}").replace(
            "acme-dp-prod-", f"acme-dp-prod{i}-"
        )
        resources += json.loads(copy)
    return {**document, "resources": resources, "violations": []}


def _median_eval(document: dict[str, Any], repeat: int) -> tuple[float, dict[str, Any]]:
    times = []
    result: dict[str, Any] = {}
    for _ in range(repeat):
        start = time.perf_counter()
        result = evaluate_document(dict(document), PolicySettings())
        times.append(time.perf_counter() - start)
    return statistics.median(times), result
