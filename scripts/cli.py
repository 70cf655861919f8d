"""`dataplat`: the platform team's command line (offline plan, destroy guard, policies,
data domains, audit, state-backend bootstrap, benchmarks).

Every subcommand returns its exit code: 0 success, 1 the checked thing failed (for
`plan`: mandatory policy violations; for `diff`: an unacknowledged deletion or
replacement of a stateful resource), 2 bad input.
"""

from __future__ import annotations

import argparse
import sys

from scripts import bench, bootstrap, domain_bench, new_domain, policies_command
from scripts.audit import command as audit_command
from scripts.diff import command as diff_command
from scripts.plan import command as plan_command


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="dataplat",
        description="Tools of the data platform: offline plans of Pulumi stacks and benchmarks.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    plan = sub.add_parser(
        "plan",
        help="run a stack's program under mocks and write its plan document",
        description=plan_command.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    plan_command.add_arguments(plan)
    plan.set_defaults(handler=plan_command.run)
    diff = sub.add_parser(
        "diff",
        help="compare two plans (or read a preview) and block deleting or replacing data",
        description=diff_command.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff_command.add_arguments(diff)
    diff.set_defaults(handler=diff_command.run)
    bench_parser = sub.add_parser(
        "bench",
        help="measure plan time against the bare SDK and with 10/100/1000 buckets",
        description=bench.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bench.add_arguments(bench_parser)
    bench_parser.set_defaults(handler=bench.run)
    domains_bench = sub.add_parser(
        "bench-domains",
        help="plan time, resource count and policy share for 100 and 200 synthetic domains",
        description=domain_bench.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    domain_bench.add_arguments(domains_bench)
    domains_bench.set_defaults(handler=domain_bench.run)
    policies = sub.add_parser(
        "policies",
        help="list the policy rules; write or check the rule catalogue",
        description=policies_command.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    policies_command.add_arguments(policies)
    policies.set_defaults(handler=policies_command.run)
    domain = sub.add_parser(
        "new-domain",
        help="write a commented, valid data-domain spec (never overwrites)",
        description=new_domain.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new_domain.add_arguments(domain)
    domain.set_defaults(handler=new_domain.run)
    for name, module, summary in (
        ("audit", audit_command, "the compliance evidence pack of a stack or the live account"),
        ("bootstrap", bootstrap, "create or verify the S3 + KMS Pulumi state backend"),
    ):
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
