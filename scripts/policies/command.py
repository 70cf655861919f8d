"""`dataplat policies`: list the rules, write or check the catalogue, time the evaluation.

The catalogue is the reference page docs/reference/policies.md; `dataplat docs` writes
it with the other reference pages, `policies catalogue` writes (or checks) it alone.

Exit codes: 0 done (or the catalogue is current); 1 `--check` found the catalogue
stale; 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policies.rules.catalogue import catalogue_markdown
from policies.rules.registry import RULES
from scripts.docs.pages import POLICIES_PAGE, ROOT
from scripts.errors import EXIT_OK, EXIT_VIOLATIONS
from scripts.policies import bench as policy_bench
from scripts.render.text import columns

CATALOGUE = POLICIES_PAGE


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The subcommands of `dataplat policies`."""
    sub = parser.add_subparsers(dest="policies_command", required=True, metavar="ACTION")
    sub.add_parser(
        "list", help="print every rule id with its kind and severity, under a header line"
    )
    bench = sub.add_parser(
        "bench",
        help="time rule evaluation on the prod plan and synthetic plans up to 10,000 resources",
        description=policy_bench.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    policy_bench.add_arguments(bench)
    catalogue = sub.add_parser("catalogue", help="write the rule catalogue (Markdown)")
    catalogue.add_argument("--out", type=Path, help="write here (default: standard output)")
    catalogue.add_argument(
        "--check",
        action="store_true",
        help=f"exit 1 if the file (default {CATALOGUE.relative_to(ROOT)}) is not current",
    )


def rule_list() -> str:
    """One line per rule (id, kind, severity) under a header line, columns as wide as
    their longest value."""
    rows = [(rule.id, rule.kind, rule.severity) for rule in RULES]
    header = ("RULE", "KIND", "SEVERITY")
    return "".join(f"{line}\n" for line in columns([header, *rows]))


def run(args: argparse.Namespace) -> int:
    """Run the action."""
    if args.policies_command == "bench":
        return policy_bench.run(args)
    if args.policies_command == "list":
        sys.stdout.write(rule_list())
        return EXIT_OK
    text = catalogue_markdown()
    if args.check:
        path = args.out or CATALOGUE
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(
                f"{path} is stale: run `dataplat docs` (or `dataplat policies catalogue "
                f"--out {path}`)",
                file=sys.stderr,
            )
            return EXIT_VIOLATIONS
        return EXIT_OK
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK
