"""`dataplat`: the platform team's command line (offline plan, destroy guard, policies,
data domains, audit, state-backend bootstrap, benchmarks, MWAA's offline bundle, reference
docs).

Every subcommand returns its exit code: 0 success, 1 the checked thing failed (for
`plan`: mandatory policy violations; for `diff`: an unacknowledged deletion or
replacement of a stateful resource; for `docs --check` and `policies catalogue --check`:
a stale page; for `airflow-bundle`: a requirement without its wheel), 2 bad input.
"""

from __future__ import annotations

import argparse
import sys

from scripts import (
    airflow_bundle,
    bench,
    bootstrap,
    cost_command,
    docs_command,
    domain_bench,
    new_domain,
    policies_command,
)
from scripts.audit import command as audit_command
from scripts.diff import command as diff_command
from scripts.plan import command as plan_command

# Each subcommand is a module with `add_arguments(parser)` and `run(args) -> int`.
SUBCOMMANDS = (
    ("plan", plan_command, "run a stack's program under mocks and write its plan document"),
    ("diff", diff_command, "compare two plans (or read a preview) and block deleting data"),
    ("policies", policies_command, "list the policy rules; write or check the rule catalogue"),
    ("new-domain", new_domain, "write a commented, valid data-domain spec (never overwrites)"),
    ("audit", audit_command, "the compliance evidence pack of a stack or the live account"),
    ("bootstrap", bootstrap, "create or verify the S3 + KMS Pulumi state backend"),
    ("bench", bench, "measure plan time against the bare SDK and with 10/100/1000 buckets"),
    ("bench-domains", domain_bench, "plan time and policy share for 100 and 200 domains"),
    (
        "airflow-bundle",
        airflow_bundle,
        "build MWAA's plugins.zip (wheels, constraints) and offline requirements.txt",
    ),
    ("cost", cost_command, "a stack's monthly cost bound with its line items, from its plan"),
    ("docs", docs_command, "write or check the generated reference pages in docs/reference/"),
)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="dataplat",
        description="Tools of the data platform: offline plans, policies, diffs, audits, domains.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module, summary in SUBCOMMANDS:
        command = sub.add_parser(
            name,
            help=summary,
            description=module.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the subcommand."""
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
