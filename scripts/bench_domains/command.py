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
import shutil
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from policies.rules.core.engine import evaluate
from policies.rules.core.settings import PolicySettings
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
    return 1 if failed else 0


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
