"""`dataplat`: the platform team's command line (offline plan, destroy guard, policies,
data domains, data contracts, audit, graph, state-backend bootstrap, benchmarks, MWAA's
offline bundle, reference docs).

Every subcommand returns its exit code: 0 success, 1 the checked thing failed (for
`plan`: mandatory policy violations; for `diff`: an unacknowledged deletion or
replacement of a stateful resource; for `docs --check` and `policies catalogue --check`:
a stale page; for `airflow-bundle`: a requirement without its wheel; for `contract
test`: a check fails on the sample), 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

# Each subcommand is a module with `add_arguments(parser)` and `run(args) -> int`. They are
# named, not imported: `dataplat --help` and each command import only the module they need
# (several pull in the Pulumi SDK, about a second of imports).
SUBCOMMANDS = (
    (
        "plan",
        "scripts.plan.command",
        "run a stack's program under mocks and write its plan document",
    ),
    (
        "diff",
        "scripts.diff.command",
        "compare two plans (or read a preview) and block deleting data",
    ),
    (
        "comment",
        "scripts.comment.command",
        "one PR comment for every stack's plan, leading with what changes",
    ),
    (
        "policies",
        "scripts.policies_command",
        "list the policy rules; write or check the rule catalogue",
    ),
    (
        "new-domain",
        "scripts.new_domain",
        "write a commented, valid data-domain spec (never overwrites)",
    ),
    (
        "audit",
        "scripts.audit.command",
        "the compliance evidence pack of a stack or the live account",
    ),
    ("graph", "scripts.graph.command", "draw the resource graph and the Snowflake role graph"),
    ("bootstrap", "scripts.bootstrap", "create or verify the S3 + KMS Pulumi state backend"),
    (
        "bench",
        "scripts.bench",
        "measure plan time against the bare SDK and with 10/100/1000 buckets",
    ),
    ("bench-domains", "scripts.domain_bench", "plan time and policy share for 100 and 200 domains"),
    (
        "bench-input",
        "scripts.input_bench",
        "the input reader's time and memory on its largest and its refused files",
    ),
    (
        "airflow-bundle",
        "scripts.airflow_bundle",
        "build MWAA's plugins.zip (wheels, constraints) and offline requirements.txt",
    ),
    (
        "cost",
        "scripts.cost_command",
        "a stack's monthly cost bound with its line items, from its plan",
    ),
    (
        "contract",
        "scripts.contract.command",
        "try a data contract (ODCS) on a sample in DuckDB, or draft one from a sample",
    ),
    (
        "rotation-targets",
        "scripts.rotation_targets",
        "the URNs a scheduled key rotation updates (time.Rotating slots and their keys)",
    ),
    (
        "docs",
        "scripts.docs_command",
        "write or check the generated reference pages in docs/reference/",
    ),
)
ALL = "*"


def load(module_path: str) -> ModuleType:
    """The module of a subcommand, imported now."""
    return importlib.import_module(module_path)


def build_parser(chosen: str | None = ALL) -> argparse.ArgumentParser:
    """The parser of every subcommand (`chosen=ALL`, the default: imports every module).

    With `chosen` a subcommand name, only that subcommand's module is imported and gets
    its flags; the others are listed by name and summary only. `chosen=None` imports none.
    """
    parser = argparse.ArgumentParser(
        prog="dataplat",
        description="Tools of the data platform: offline plans, policies, diffs, audits, domains.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_path, summary in SUBCOMMANDS:
        if chosen not in (ALL, name):
            sub.add_parser(name, help=summary)
            continue
        module = load(module_path)
        command = sub.add_parser(
            name,
            help=summary,
            description=module.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` names: its first word that is not an option (the top level
    has no option taking a value), or None."""
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the subcommand."""
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(chosen_command(argv)).parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
