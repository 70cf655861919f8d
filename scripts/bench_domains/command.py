"""`dataplat bench-domains`: how plan time grows with the number of data domains.

Writes N synthetic domain files (each with two schemas, one PII, a warehouse, a
pipeline, an ingest source and a consumer) into a temporary copy of the project,
plans the dev stack, and prints the resource count, total plan time, the time of
the policy evaluation alone and its share, the time of the preflight rules alone
(`preflight-*`, with the stack's settings) and their share of plan time (target: at most
10% on 200 domains), the time of the journey rules alone (`journey-*`) and their share
(target: under 5% on 200 domains), the time of the access rules alone (`access-*`) and their
share (target: under 3% on 200 domains), the time of the plan's preflight section, and time per
resource, so growth can be judged linear. A benchmark: it prints figures and asserts
nothing. Exit code 0, or
1 when a synthetic plan has errors or mandatory violations.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from policies.rules.core.engine import evaluate
from policies.rules.core.settings import PolicySettings
from policies.rules.facts.stack_layout import DOMAIN_PROJECT_DIR, EDGES_PROJECT_DIR
from policies.rules.registry import RULES
from scripts.access.declaration import files as policy_files
from scripts.plan.command import plan_target, policy_settings, resolve
from scripts.plan.document import mandatory_violations
from scripts.plan.policy import evaluate_document, views
from scripts.plan.preflight import preflight_section
from scripts.plan.progress import Task, progress
from scripts.plan.runtime import collector_for_a_run
from scripts.project_root import project_root

PREFLIGHT_RULES = tuple(rule for rule in RULES if rule.id.startswith("preflight-"))
JOURNEY_RULES = tuple(rule for rule in RULES if rule.id.startswith("journey-"))
ACCESS_RULES = tuple(rule for rule in RULES if rule.id.startswith("access-"))


DOMAIN = """\
name: {name}
owner: team-{index}@acme.example
description: Synthetic domain {index} of the scale benchmark.
data_classification: pii
zones: [raw, curated]
schemas:
  - {{name: events}}
  - {{name: people, pii_category: email}}
warehouses:
  - {{name: main, size: XSMALL, credit_quota: 5}}
service_users:
  - {{name: loader, warehouse: main}}
ingest_sources:
  - {{name: feed, zone: raw, prefix: feed/, schema: events, file_format: JSON}}
consumers:
  - {{role: analyst, schemas: [events]}}
"""


# Every ingest source of a pii domain has a contract (issue 19): the feed's lake table.
CONTRACT = """\
apiVersion: v3.0.2
kind: DataContract
id: urn:bench:{name}:feed
version: 1.0.0
status: active
servers:
  - {{server: lake, type: glue, account: "210987654321", database: raw}}
schema:
  - name: feed
    physicalName: feed
    quality:
      - {{type: library, metric: rowCount, mustBeGreaterThan: 0}}
    properties:
      - {{name: id, logicalType: integer, required: true, primaryKey: true}}
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat bench-domains`."""
    parser.add_argument(
        "--counts",
        type=int,
        nargs="+",
        default=[100, 200],
        help="domain counts to plan (default: 100 200)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress display on standard error"
    )
    parser.add_argument(
        "--stacks",
        action="store_true",
        help="also plan each count as stacks per domain (issue 24), each in a fresh process: "
        "the single stack, the whole split environment and one domain's stack alone reading "
        "the environment's plans; prints seconds, peak memory and the ratios",
    )


def run(args: argparse.Namespace) -> int:
    """Plan each synthetic platform and print the figures."""
    print(
        f"{'domains':>8} {'resources':>10} {'plan s':>8} {'policy s':>9} {'share':>6}"
        f" {'preflight s':>11} {'share':>6} {'journeys s':>10} {'share':>6}"
        f" {'access s':>8} {'share':>6} {'section s':>9} {'ms/res':>7}"
    )
    failed = False
    with progress(args.quiet) as shown:
        for count in args.counts:
            task = shown.task(f"bench-domains: {count} domains")
            with tempfile.TemporaryDirectory(prefix="dataplat-domains-") as tmp:
                target = resolve(synthetic_project(Path(tmp), count), "dev", None, None)
                settings = policy_settings(target)
                start = time.perf_counter()
                document = plan_target(target, on_register=partial(_registered, task))
                total_s = time.perf_counter() - start
            task.update(f"bench-domains: {count} domains, timing the policies")
            policy_s, preflight_s, journeys_s, access_s, section_s = policy_times(
                document, settings
            )
            resources = len(document["resources"])
            failed = failed or bool(mandatory_violations(document))
            print(
                f"{count:>8} {resources:>10} {total_s:>8.1f} {policy_s:>9.2f}"
                f" {policy_s / total_s:>6.0%} {preflight_s:>11.2f} {preflight_s / total_s:>6.1%}"
                f" {journeys_s:>10.2f} {journeys_s / total_s:>6.1%}"
                f" {access_s:>8.2f} {access_s / total_s:>6.1%}"
                f" {section_s:>9.2f} {total_s / resources * 1e3:>7.2f}"
            )
    if args.stacks:
        failed = stack_figures(args.counts, args.quiet) or failed
    return 1 if failed else 0


def stack_figures(counts: list[int], quiet: bool) -> bool:
    """Per count, in fresh processes (`dataplat plan`, end to end): the single stack, the
    split environment (`--env`: the platform, every domain stack, the edges) and one domain
    change (`--env --only`, reading the split's plans). Prints seconds and peak memory of
    each, the split over the single stack (target: at most 1.3) and the domain change over
    the split environment (target: under 10%). True when a plan failed."""
    print(
        f"\n{'domains':>8} {'stacks':>8} {'wall s':>7} {'cpu s':>6} {'MiB':>6}"
        f" {'wall x':>7} {'cpu x':>6}"
    )
    failed = False
    for count in counts:
        with tempfile.TemporaryDirectory(prefix="dataplat-stacks-") as tmp:
            project = synthetic_project(Path(tmp), count)
            single, env, alone = (Path(tmp) / d for d in ("single", "env", "alone"))
            for d in (single, env, alone):
                d.mkdir()
            common = ["plan", "--program", str(project), "--format", "json"]
            if quiet:
                common.append("--quiet")
            runs = [_timed([*common, "--stack", "dev", "--out-dir", str(single)])]
            split_stack_file(project, "dev")
            runs.append(_timed([*common, "--env", "dev", "--out-dir", str(env)]))
            only = ["--only", "domain_000", "--references", str(env), "--out-dir", str(alone)]
            runs.append(_timed([*common, "--env", "dev", *only]))
        failed = failed or any(run[0] != 0 for run in runs)
        # The split against the single stack (target <= 1.3), one domain against the split
        # environment (target < 10%).
        bases = (runs[0], runs[0], runs[1])
        for label, run, base in zip(("single", "split", "1 domain"), runs, bases, strict=True):
            _, wall, cpu, mib = run
            print(
                f"{count:>8} {label:>8} {wall:>7.1f} {cpu:>6.1f} {mib:>6.0f}"
                f" {wall / base[1]:>7.2f} {cpu / base[2]:>6.2f}"
            )
    return failed


# Runs `dataplat ARGS` and writes the process's peak resident memory (VmHWM: of its own
# address space, reset at exec, unlike ru_maxrss, which a child inherits from the parent
# it was forked from) to the file named first.
_PEAK_WRAPPER = """
import re, sys
from pathlib import Path
from scripts.cli import main
code = main(sys.argv[2:])
status = Path("/proc/self/status").read_text()
Path(sys.argv[1]).write_text(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
sys.exit(code)
"""


def _timed(args: list[str]) -> tuple[int, float, float, float]:
    """Exit code, wall seconds, CPU seconds and peak resident MiB of `dataplat ARGS` in a
    fresh process (on a shared machine the CPU figures are the fairer comparison)."""
    with tempfile.NamedTemporaryFile(prefix="dataplat-peak-") as peak:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", _PEAK_WRAPPER, peak.name, *args], stdout=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        text = Path(peak.name).read_text(encoding="utf-8").strip()
    cpu = usage.ru_utime + usage.ru_stime
    return process.returncode, seconds, cpu, int(text or 0) / 1024


def split_stack_file(project: Path, environment: str) -> None:
    """Turn `domain_stacks` on in the project's stack file of `environment`."""
    path = project / "stacks" / f"Pulumi.{environment}.yaml"
    text = path.read_text(encoding="utf-8")
    line = f"    environment: {environment}\n"
    if line not in text:
        raise ValueError(f"{path}: no `{line.strip()}` line to add domain_stacks after")
    path.write_text(text.replace(line, line + "    domain_stacks: true\n", 1), encoding="utf-8")


def _registered(task: Task, count: int) -> None:
    task.update(completed=count)


def policy_times(document: dict[str, Any], settings: PolicySettings) -> tuple[float, ...]:
    """Seconds of: every rule, the preflight rules alone, the journey rules alone, the access
    rules alone, the plan's preflight section."""
    times = []
    with collector_for_a_run():  # as inside `plan_target`
        for action in (
            lambda: evaluate_document(dict(document), settings),
            lambda: evaluate(views(document), PREFLIGHT_RULES, settings, document["stack"]),
            lambda: evaluate(views(document), JOURNEY_RULES, settings, document["stack"]),
            lambda: evaluate(views(document), ACCESS_RULES, settings, document["stack"]),
            lambda: preflight_section(document, settings),
        ):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return tuple(times)


def synthetic_project(directory: Path, count: int) -> Path:
    """A copy of the program and stack files with `count` synthetic domains, each with
    the contract of its pii ingest source."""
    project = directory / "project"
    domains = project / "stacks" / "domains"
    domains.mkdir(parents=True)
    for name in ("Pulumi.yaml", "__main__.py"):
        shutil.copy(project_root() / name, project / name)
    # The domain and edges programs, for stacks per domain (`--stacks`).
    for program in (DOMAIN_PROJECT_DIR, EDGES_PROJECT_DIR):
        (project / program).mkdir()
        for name in ("Pulumi.yaml", "__main__.py"):
            shutil.copy(project_root() / program / name, project / program / name)
    for stack_file in (project_root() / "stacks").glob("Pulumi.*.yaml"):
        shutil.copy(stack_file, project / "stacks" / stack_file.name)
    for index in range(count):
        name = f"domain_{index:03d}"
        (domains / f"{name}.yaml").write_text(
            DOMAIN.format(name=name, index=index), encoding="utf-8"
        )
        contracts = domains / name / "contracts"
        contracts.mkdir(parents=True)
        (contracts / "feed.yaml").write_text(CONTRACT.format(name=name), encoding="utf-8")
    # The stacks' policy configs as `dataplat docs` writes them for these domains: the
    # expected access and the domain boundaries the access rules judge by.
    for stack_file in (project_root() / "stacks").glob("policy.*.json"):
        shutil.copy(stack_file, project / "stacks" / stack_file.name)
    for path, text in policy_files(project).items():
        path.write_text(text, encoding="utf-8")
    return project
