"""`dataplat graph`: draw a plan's resource graph and its Snowflake role graph.

The resource graph draws each component as a box around its children, and an arrow
from each resource to each resource it depends on. The role graph draws an arrow from
each user or role to each role granted to it (so arrows lead from a user to every role
whose privileges it holds), each role with the number of privileges granted to it
directly.

Input (one of): --stack NAME (plan the stack now, offline) or --plan FILE (a plan
document from `dataplat plan --format json`). Formats: `svg` (drawn by Graphviz's `dot`,
which must be installed: Debian `apt-get install -y graphviz`), `dot` (Graphviz text)
and `mermaid` (a Mermaid flowchart, drawn by GitHub and GitLab in Markdown). Without
--format the format follows --out's extension (.svg, .dot/.gv, .mmd/.mermaid), else
`dot`. --out must be in an existing directory; without --out the graph goes to
standard output.

Exit codes: 0 drawn; 2 bad input (flags, files, `svg` without Graphviz installed), with
a message naming what is wrong and nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from scripts.files import output_format, output_refusal, write_atomically
from scripts.graph.dot import INSTALL_HINT, dot, have_dot, svg
from scripts.graph.mermaid import mermaid
from scripts.graph.model import GRAPHS, graph_of

FORMATS = ("svg", "dot", "mermaid")
EXTENSIONS = {".svg": "svg", ".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat graph`."""
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--stack", help="plan this stack of the project now and draw it")
    source.add_argument("--plan", type=Path, help="draw a plan document (JSON)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="picture format (default: from --out's extension, else dot)",
    )
    parser.add_argument(
        "--graph",
        choices=GRAPHS,
        default="all",
        help="which graph: the resources, the Snowflake roles, or both (default: all)",
    )
    parser.add_argument("--out", type=Path, help="write the picture here (atomically)")


def run(args: argparse.Namespace) -> int:
    """Draw, write, return the exit code."""
    try:
        text = draw(args)
    except UserError as exc:
        print(f"dataplat graph: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.out:
        write_atomically(args.out, text)
        print(f"graph written to {args.out}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def draw(args: argparse.Namespace) -> str:
    """The picture the flags ask for. Raises UserError for bad input, before any planning."""
    fmt = output_format(args.out, args.format, EXTENSIONS) or "dot"
    if not (args.stack or args.plan):
        raise UserError("give --stack NAME or --plan FILE")
    if args.out and (refusal := output_refusal(args.out)):
        raise UserError(refusal)
    if fmt == "svg" and not have_dot():
        raise UserError(INSTALL_HINT)
    graph = graph_of(_load(args), args.graph)
    text = dot(graph)
    if fmt == "svg":
        return svg(text)
    return mermaid(graph) if fmt == "mermaid" else text


def _load(args: argparse.Namespace) -> dict[str, Any]:
    if args.stack:
        from scripts.plan.command import plan  # the Pulumi SDK only when planning

        return plan(None, args.stack, None)
    from scripts.audit.inputs import load_plan

    return load_plan(args.plan)
