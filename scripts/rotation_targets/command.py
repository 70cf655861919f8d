"""`dataplat rotation-targets`: the URNs a scheduled key rotation updates, from a plan.

A `time.Rotating` turns due only on a refresh, and its key is replaced only if the update
includes the key: the key's replacement trigger is an option, not a dependency, so
`--target-dependents` of the Rotating alone does not reach it. The scheduled rotation
(.github/workflows/rotate.yml) therefore runs

    pulumi up --refresh --target <each Rotating> --target <each key it triggers> \\
        --target-dependents

and the dependents (the Snowflake users holding the keys, the secret versions written from
them) follow. `--slots-only` lists the Rotatings alone: what the daily drift check excludes
(a due slot is the refresh's only possible change to them: they have no cloud object) and
what the rotation's "is a slot due?" check refreshes.

Reads the plan JSON of `dataplat plan --format json` and writes the URNs the engine gives
the resources (the whole chain of parent types; the mocks' URNs keep only the parent's last
type: see scripts/plan/engine_checks.py). One URN a line, in plan order; the shell reads
them with `mapfile -t`, never word-splitting (URNs contain `$`).

Exit codes: 0 the URNs were written (none when the stack has no rotating key); 2 bad input
(an unreadable or invalid plan, or a key whose rotation cannot be matched).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from policies.rules.core.index import StackIndex
from policies.rules.core.view import NotEvaluated
from policies.rules.journeys.key_slots import PRIVATE_KEY, ROTATING, rotation_of
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from scripts.plan.engine_checks import engine_urns
from scripts.plan.plan_file import read_plan
from scripts.plan.policy import views


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat rotation-targets`."""
    parser.add_argument("plan", type=Path, help="a plan document (`dataplat plan --format json`)")
    parser.add_argument(
        "--slots-only",
        action="store_true",
        help="only the time.Rotating resources (what the drift check excludes), not their keys",
    )


def rotation_targets(document: dict[str, Any], slots_only: bool = False) -> list[str]:
    """The Rotatings and the keys they trigger, in plan order. Raises UserError when a key's
    trigger cannot be matched to one Rotating."""
    index = StackIndex(views(document))
    rotations = index.of_type(ROTATING)
    triggered: set[str] = set()
    if not slots_only:
        for key in index.of_type(PRIVATE_KEY):
            try:
                rotation = rotation_of(key, rotations)
            except NotEvaluated as exc:
                raise UserError(f"{exc.what} cannot be matched to one time.Rotating") from None
            if rotation is not None:
                triggered.add(key.urn)
    chosen = {r.urn for r in rotations} | triggered
    engine = engine_urns(document["resources"])
    return [engine[v.urn] for v in index.views if v.urn in chosen]


def run(args: argparse.Namespace) -> int:
    """Write the targets, one URN a line."""
    try:
        urns = rotation_targets(read_plan(args.plan), args.slots_only)
    except UserError as exc:
        print(f"dataplat rotation-targets: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    sys.stdout.write("".join(f"{urn}\n" for urn in urns))
    return EXIT_OK
