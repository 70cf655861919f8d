"""`dataplat comment`: one PR comment for every stack's plan, leading with what changes.

Reads the head plans (`--head-dir`, the `plan-<stack>.json` files `dataplat plan --out-dir`
writes) and the base branch's plans (`--base-dir`, optional: a stack without a base plan is
all creates), and writes one Markdown comment: per stack what blocks, the creates grouped by
component, updates with old -> new values, replacements with the inputs forcing them, then
deletes; then violations, failing journeys and preflight steps, and the cost change; passing
checks folded. It fits GitHub's 65,536-character comment limit (`--limit`), cutting the least
important parts first and saying what it cut.

With `--results-dir DIR` instead (the sharded cloud preview, docs/design/workflows.md): one
comment summarising every stack's `dataplat preview --results` file under DIR, within the
same limit (per-stack rows, then one line per stack that needs a look with the rest
folded, saying how many stacks were summarised in short form: `scripts/comment/
previews.py`); `--affected FILE` (`dataplat affected --format json`) lists the stacks whose
job wrote no result.

Exit codes: 0 written; 2 bad input (a missing or unreadable plan or results file, no plans
at all, neither or both of --head-dir and --results-dir).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.comment import previews
from scripts.comment.compose import compose
from scripts.comment.sections import stack_parts
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from scripts.files import write_output
from scripts.plan.cost_markdown import cost_markdown
from scripts.plan.plan_file import CostBase, read_plan
from scripts.render.fold import GITHUB_COMMENT_LIMIT

STACK_ORDER = ("dev", "staging", "prod")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat comment`."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--head-dir", type=Path, help="the head's plan-<stack>.json")
    source.add_argument(
        "--results-dir",
        type=Path,
        help="`dataplat preview --results` files of the sharded cloud preview (instead)",
    )
    parser.add_argument(
        "--affected",
        type=Path,
        help="with --results-dir: `dataplat affected --format json`, the stacks expected",
    )
    parser.add_argument(
        "--base-dir", type=Path, help="the base branch's plan-<stack>.json (default: none)"
    )
    parser.add_argument("--out", type=Path, help="the comment file (default: standard output)")
    parser.add_argument(
        "--limit",
        type=int,
        default=GITHUB_COMMENT_LIMIT,
        help=f"characters at most (default: {GITHUB_COMMENT_LIMIT}, GitHub's comment limit)",
    )


def run(args: argparse.Namespace) -> int:
    """Compose and write the comment."""
    try:
        if args.results_dir is not None:
            text = previews.compose(
                previews.read_results(args.results_dir, args.affected), args.limit
            )
        else:
            text = comment(args.head_dir, args.base_dir, args.limit)
    except UserError as exc:
        print(f"dataplat comment: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    write_output(args.out, text)
    return EXIT_OK


def comment(head_dir: Path, base_dir: Path | None, limit: int) -> str:
    """The comment of every stack planned in `head_dir`."""
    if not head_dir.is_dir():
        raise UserError(f"{head_dir}: --head-dir is not a directory")
    paths = sorted(head_dir.glob("plan-*.json"), key=_stack_order)
    if not paths:
        raise UserError(f"{head_dir}: no plan-<stack>.json in it (dataplat plan --out-dir)")
    stacks = []
    for path in paths:
        head = read_plan(path)
        base_path = base_dir / path.name if base_dir is not None else None
        base = read_plan(base_path) if base_path is not None and base_path.exists() else None
        cost = cost_markdown(head, CostBase(base_path, base) if base_path is not None else None)
        stacks.append(stack_parts(str(head.get("stack")), head, base, cost.line))
    return compose(stacks, limit)


def _stack_order(path: Path) -> tuple[int, str]:
    stack = path.stem.removeprefix("plan-")
    return (STACK_ORDER.index(stack) if stack in STACK_ORDER else len(STACK_ORDER), stack)
