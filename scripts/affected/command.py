"""`dataplat affected`: the stacks a change touches, and the PR preview's matrices.

  dataplat affected --base BASE_SHA           the files of `git diff --name-only BASE...HEAD`
  dataplat affected --files CHANGED.txt       one path per line (`-`: standard input)
  dataplat affected --all --env prod          every stack (the deploy's layers)

Per environment (all, or those --env names), the touched stacks in layer order with the
changed paths touching each (the rules: `scripts/affected/paths.py`, `selection.py`;
docs/design/workflows.md has the table). `--format github` prints `name=value` lines for
`$GITHUB_OUTPUT`, one matrix per layer: `platform` (the environments whose platform stack
is touched), `shards` (the domain stacks, several per job, at most 256 jobs) and `edges`
(the environments whose edges stack is touched), each with its count, and `stack_count`;
`--format json` the same with every reason; `--format text` a table.

Exit codes: 0 written (also when nothing is touched); 2 bad input (no or both sources, a
git error, an invalid stack file or a domain of a reserved name).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from scripts.affected.selection import Affected, affected, everything
from scripts.affected.shards import DEFAULT_SIZE, MAX_JOBS, matrix, shard_size, shards
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from scripts.files import write_output
from scripts.orchestrate.targets import EDGES, PLATFORM
from scripts.project_root import project_root

FORMATS = ("json", "github", "text")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--base or --files, --shard-size, --format, --out."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--base", metavar="REF", help="compare HEAD with REF (git diff REF...HEAD)")
    source.add_argument(
        "--files", type=Path, metavar="FILE", help="the changed paths, one a line (`-`: stdin)"
    )
    source.add_argument("--all", action="store_true", help="every stack, as if all changed")
    parser.add_argument(
        "--env",
        dest="envs",
        action="append",
        default=[],
        metavar="ENV",
        help="only these environments (repeatable; default: every stacks/Pulumi.<env>.yaml)",
    )
    parser.add_argument(
        "--shard-size",
        type=int,
        default=DEFAULT_SIZE,
        metavar="N",
        help=f"stacks per preview job at least (default {DEFAULT_SIZE}; grows to stay "
        f"within {MAX_JOBS} jobs)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="default: text")
    parser.add_argument("--out", type=Path, help="the output file (default: standard output)")


def run(args: argparse.Namespace) -> int:
    """Compute and write the selection."""
    try:
        if args.shard_size < 1:
            raise UserError(f"--shard-size {args.shard_size}: at least 1")
        root = project_root()
        if args.all:
            selection = everything(root, args.envs)
        else:
            selection = affected(root, _changed(root, args.base, args.files), args.envs)
        text = render(selection, args.format, args.shard_size)
    except UserError as exc:
        print(f"dataplat affected: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    write_output(args.out, text)
    return EXIT_OK


def _changed(root: Path, base: str | None, files: Path | None) -> list[str]:
    if files is not None:
        if str(files) == "-":
            return sys.stdin.read().splitlines()
        try:
            return files.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise UserError(f"{files}: {exc.strerror}") from None
    done = subprocess.run(
        ["git", "diff", "--name-only", f"{base}...HEAD"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise UserError(f"git diff --name-only {base}...HEAD: {done.stderr.strip()}")
    return done.stdout.splitlines()


def document(selection: list[Affected], size: int = DEFAULT_SIZE) -> dict[str, Any]:
    """The selection and its matrices as data."""
    platform = [{"env": a.env.name} for a in selection if PLATFORM in a.reasons]
    edges = [{"env": a.env.name} for a in selection if EDGES in a.reasons]
    domains = {a.env.name: [k for k in a.keys if k not in (PLATFORM, EDGES)] for a in selection}
    domains = {env: keys for env, keys in domains.items() if keys}
    cut = shards(domains, size)
    return {
        "environments": [
            {
                "env": a.env.name,
                "domain_stacks": a.env.split,
                "stacks": {key: a.reasons[key] for key in a.keys},
                "notes": a.notes,
            }
            for a in selection
        ],
        "platform": matrix(platform),
        "shards": matrix([s.matrix_entry() for s in cut]),
        "edges": matrix(edges),
        "counts": {
            "stacks": sum(len(a.keys) for a in selection),
            "platform": len(platform),
            "shards": len(cut),
            "edges": len(edges),
            "shard_size": shard_size([len(k) for k in domains.values()], size),
        },
    }


def render(selection: list[Affected], fmt: str, size: int = DEFAULT_SIZE) -> str:
    """The selection in `fmt` (see the module docstring)."""
    data = document(selection, size)
    if fmt == "json":
        return json.dumps(data, indent=2) + "\n"
    if fmt == "github":
        counts = data["counts"]
        return "".join(
            [
                f"platform={_compact(data['platform'])}\n",
                f"platform_count={counts['platform']}\n",
                f"shards={_compact(data['shards'])}\n",
                f"shard_count={counts['shards']}\n",
                f"edges={_compact(data['edges'])}\n",
                f"edges_count={counts['edges']}\n",
                f"stack_count={counts['stacks']}\n",
            ]
        )
    lines = []
    for entry in data["environments"]:
        layout = "domain stacks" if entry["domain_stacks"] else "one stack"
        keys = ", ".join(entry["stacks"]) or "none"
        lines.append(f"{entry['env']} ({layout}): {keys}")
        for key, reasons in entry["stacks"].items():
            lines += [f"  {key}: {reason}" for reason in reasons]
        lines += [f"  note: {note}" for note in entry["notes"]]
    counts = data["counts"]
    lines.append(
        f"{counts['stacks']} stacks; platform stacks first: {counts['platform']}; then domain "
        f"shards: {counts['shards']} (at most {counts['shard_size']} stacks each); edges "
        f"stacks: {counts['edges']}"
    )
    return "\n".join(lines) + "\n"


def _compact(value: Any) -> str:
    """One-line JSON: a `$GITHUB_OUTPUT` `name=value` line holds no newline."""
    return json.dumps(value, separators=(",", ":"))
