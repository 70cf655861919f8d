"""`dataplat migrate domain-stacks --env E --export FILE`: the `pulumi state move` commands
that move each domain's resources from the platform stack to its own stack, then each zone
bucket's notification configuration to the environment's edges stack.

Reads the platform stack's `pulumi stack export` (FILE), decides what each domain takes
(its DataDomain, its consumer grants, its Airflow connections: scripts/migrate/ownership.py),
runs the moves on a copy of the export with Pulumi's documented semantics (so a move
Pulumi would refuse, or a platform resource that would lose a dependency it needs, is
reported here first), and writes a bash script: back up, create each domain stack, move
its resources, move the bucket notifications (`dataplatform:storage:BucketNotifications`
components) to `<org>/data-platform-edges/<env>`, then preview every stack expecting no
change. With `--format json`, the same as data: per domain (and under `edges`) the URNs, the
aliases its program must declare, the identity map (URN less stack and project, before ->
after) and the platform resources it must read.

Nothing here runs `pulumi`; the script needs the CLI and the state backend.
Runbook: docs/runbooks/migrate-domain-stacks.md.

Exit codes: 0 written; 2 bad input (unreadable export, another stack's export, an
ownership the tables do not decide, a move Pulumi would refuse).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from scripts.files import write_output
from scripts.migrate.export import read_export
from scripts.migrate.plan import DomainMove, Migration, migration
from scripts.migrate.script import render
from scripts.orchestrate.targets import add_org_argument

DOMAIN_STACKS = "domain-stacks"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The migration (only `domain-stacks`), --env, --export, --org, --format, --out."""
    parser.add_argument("migration", choices=[DOMAIN_STACKS], help="which migration")
    parser.add_argument("--env", required=True, help="the environment (its platform stack)")
    parser.add_argument(
        "--export",
        required=True,
        type=Path,
        metavar="FILE",
        help="`pulumi stack export` of the environment's platform stack",
    )
    add_org_argument(parser)
    parser.add_argument("--format", choices=["script", "json"], default="script")
    parser.add_argument("--out", type=Path, help="write here instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Read the export, plan the moves, write the script (or JSON)."""
    try:
        resources = read_export(args.export)
        planned = migration(resources, args.env, str(args.export))
    except UserError as exc:
        print(f"dataplat migrate: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    text = (
        render(planned, args.org, args.export.name)
        if args.format == "script"
        else json.dumps(as_json(planned, args.org), indent=2) + "\n"
    )
    write_output(args.out, text)
    for move in planned.all_moves():
        print(
            f"dataplat migrate: {move.domain}: {move.moved} resources, "
            f"{len(move.providers)} providers copied, {len(move.aliases)} aliases",
            file=sys.stderr,
        )
    return EXIT_OK


def as_json(planned: Migration, organization: str) -> dict[str, object]:
    """The migration as data (what the script says, plus the identity maps)."""
    return {
        "env": planned.env,
        "organization": organization,
        "domains": [_move_json(m) for m in planned.moves],
        "edges": None if planned.edges is None else _move_json(planned.edges),
    }


def _move_json(m: DomainMove) -> dict[str, object]:
    """One move as data."""
    return {
        "domain": m.domain,
        "dest_project": m.project,
        "dest_stack": m.dest_stack,
        "urns": list(m.urns),
        "moved": m.moved,
        "providers_copied": m.providers,
        "aliases": m.aliases,
        "identity_map": m.identity_map,
        "reads_from_platform": m.reads,
        "platform_keeps": [list(pair) for pair in m.platform_keeps],
    }
