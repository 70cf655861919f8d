"""`dataplat diff`: block merges that would delete or replace a resource holding data.

  dataplat diff BASE.json HEAD.json    two plan documents (`dataplat plan --format json`)
  dataplat diff --preview PREVIEW.json the output of `pulumi preview --json`
  dataplat diff --env E BASE_DIR HEAD_DIR  every stack's plan of an environment (domain stacks)

Blocking: the delete or replacement of a stateful resource (S3 bucket, KMS key, Snowflake
database, schema, table or pipe, Secrets Manager secret, Glue database or table, MWAA
environment, CloudWatch log group, ...: the table of docs/reference/stateful.md); an update
that makes data expire sooner (a shorter S3 lifecycle expiration or noncurrent-version
expiration, a shrinking Snowflake `dataRetentionTimeInDays`); and the delete or replacement
of a protected resource, which `pulumi up` refuses (unprotect it in its own change first).
Replacements come from the stateful types' ForceNew inputs, a per-resource or provider
`region` change, a changed provider, `replaceOnChanges` and `replacementTrigger`; those of
other types are reported but do not block. Plans are matched by the engine's URN (the
parent type chain), a head resource continuing a base one through its `aliases`.

With `--env E`, BASE and HEAD are directories of the environment's plans (`plan-E.json`,
`plan-E.<domain>.json`, `plan-E.edges.json`, as `dataplat plan --env E --out-dir` writes
them; a base of `plan-E.json` alone is the environment before the split): each stack is
compared with itself, and a resource leaving one stack for another is a move, not a delete,
when the head carries the alias naming the URN `pulumi state move` leaves
(scripts/diff/environment.py). Acknowledgements act per stack name (the platform stack and
the edges stack are both `E`).

A blocking change passes when acknowledged by name with a reason (except a refused one):
`--acknowledge FILE` (YAML or JSON list of {stack or stacks, resource, reason}: an entry
acts only on the stacks it names) or `--acknowledge-resource NAME=REASON` (repeatable; acts
on the stack compared here). A glob that matches every blocking change of the stack is
refused (exit 2).

Exit codes: 0 no unacknowledged blocking change; 1 at least one (or a refused one); 2 bad
input (missing or malformed file, not a plan or preview document, plans of different
stacks, with `--env` a directory without `plan-E.json` or a plan of another environment,
an acknowledgement without its stack or one whose glob matches every blocking change).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from scripts.diff import acknowledge
from scripts.diff.changes import Change, compare_plans, from_preview
from scripts.diff.environment import compare_environment
from scripts.diff.render import FORMATS, Report, render
from scripts.env_plans import read_env_plans
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, UserError
from scripts.files import read_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat diff`."""
    parser.add_argument(
        "plans",
        nargs="*",
        type=Path,
        metavar="PLAN",
        help="BASE then HEAD: two plan documents (JSON from `dataplat plan --format json`); "
        "with --env, two directories of the environment's plans",
    )
    parser.add_argument(
        "--env",
        metavar="E",
        help="compare every stack of environment E: BASE and HEAD are directories holding "
        "plan-E.json and plan-E.<stack>.json",
    )
    parser.add_argument(
        "--preview", type=Path, metavar="FILE", help="a `pulumi preview --json` output instead"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--acknowledge",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="YAML or JSON list of {stack: NAME (or stacks: [...]), resource: NAME or URN glob, "
        "reason: TEXT} (repeatable)",
    )
    parser.add_argument(
        "--acknowledge-resource",
        action="append",
        default=[],
        metavar="NAME=REASON",
        help=f"acknowledge one resource; the reason needs {acknowledge.MIN_REASON}+ characters",
    )


def run(args: argparse.Namespace) -> int:
    """Compare, print the report, and return the exit code."""
    try:
        if args.env is not None:
            report = diff_environment(
                args.env, args.plans, args.preview, args.acknowledge, args.acknowledge_resource
            )
        else:
            report = diff(args.plans, args.preview, args.acknowledge, args.acknowledge_resource)
    except UserError as exc:
        print(f"dataplat diff: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    sys.stdout.write(render(report, args.format))
    return EXIT_VIOLATIONS if report.blocking else EXIT_OK


def diff(
    plans: list[Path],
    preview: Path | None,
    ack_files: list[Path],
    ack_flags: list[str],
) -> Report:
    """The acknowledged report. Raises UserError for bad input."""
    if preview is not None and plans:
        raise UserError("give either BASE HEAD or --preview FILE, not both")
    entries = [e for f in ack_files for e in acknowledge.load_file(f)]
    entries += [acknowledge.parse_flag(v) for v in ack_flags]
    changes: list[Change]
    if preview is not None:
        changes = from_preview(_preview(preview))
        source = str(preview)
        stack = _urn_stack(changes[0].urn) if changes else None
    elif len(plans) == 2:
        base, head = _plan(plans[0]), _plan(plans[1])
        if base.get("stack") != head.get("stack"):
            raise UserError(
                f"{plans[0]} is a plan of stack {base.get('stack')!r} but {plans[1]} of "
                f"{head.get('stack')!r}: compare plans of the same stack"
            )
        changes = compare_plans(base, head)
        stack = str(head.get("stack")) if head.get("stack") else None
        source = f"{head.get('project', '?')}/{head.get('stack', '?')} ({plans[0]} -> {plans[1]})"
    else:
        raise UserError(
            f"give two plan documents (BASE HEAD) or --preview FILE; got {len(plans)} files"
        )
    unused = acknowledge.apply(changes, entries, stack)
    return Report(source, changes, unused)


def diff_environment(
    env: str,
    directories: list[Path],
    preview: Path | None,
    ack_files: list[Path],
    ack_flags: list[str],
) -> Report:
    """The acknowledged report of an environment's stacks. Raises UserError for bad input."""
    if preview is not None or len(directories) != 2:
        raise UserError(f"--env {env} takes two directories of plans (BASE_DIR HEAD_DIR)")
    entries = [e for f in ack_files for e in acknowledge.load_file(f)]
    entries += [acknowledge.parse_flag(v) for v in ack_flags]
    base = read_env_plans(directories[0], env, _plan)
    head = read_env_plans(directories[1], env, _plan)
    compared = compare_environment(base, head, env)
    stacks = {str(p.document["stack"]) for p in [*base, *head]}
    unused = []
    for stack in sorted(stacks):
        mine = [c for c in compared.changes if _urn_stack(c.urn) == stack]
        unused += acknowledge.apply(mine, entries, stack)
    source = f"environment {env}, {len(head)} stacks ({directories[0]} -> {directories[1]})"
    return Report(source, compared.changes, unused, compared.moves)


def _urn_stack(urn: str) -> str | None:
    """The stack of a URN (`urn:pulumi:<stack>::<project>::...`)."""
    parts = urn.split("::", 1)[0].split(":")
    return parts[2] if len(parts) == 3 and parts[:2] == ["urn", "pulumi"] else None


def _plan(path: Path) -> dict[str, Any]:
    data = read_json(path, "plan or preview")
    resources = data.get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list) or "formatVersion" not in data:
        raise UserError(
            f"{path}: not a plan document (expected formatVersion and resources, as written "
            "by `dataplat plan --format json`)"
        )
    for i, r in enumerate(resources):
        if not isinstance(r, dict) or not all(
            isinstance(r.get(k), str) for k in ("urn", "type", "name")
        ):
            raise UserError(f"{path}: resources[{i}]: expected urn, type and name strings")
    plan: dict[str, Any] = data
    return plan


def _preview(path: Path) -> dict[str, Any]:
    data = read_json(path, "plan or preview")
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list):
        raise UserError(
            f"{path}: not a `pulumi preview --json` document (no steps array; a failed preview "
            "prints `{}` or nothing: check its exit code and stderr)"
        )
    for i, step in enumerate(steps):
        if (
            not isinstance(step, dict)
            or not isinstance(step.get("op"), str)
            or not isinstance(step.get("urn"), str)
        ):
            raise UserError(f"{path}: steps[{i}]: expected op and urn strings")
    document: dict[str, Any] = data
    return document


def main(argv: list[str] | None = None) -> int:
    """Run `dataplat diff` on its own (the CLI calls `run`)."""
    parser = argparse.ArgumentParser(prog="dataplat diff", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))
