"""`dataplat alerts`: for every source of alerts in a stack, where its alerts go.

A source is each EventBridge rule with an SNS target (Glue job and crawler failures, Data
Quality results), each Snowpipe with an error integration, the Snowflake credit alert (once
per domain owning a watched warehouse, and once for the platform's), the contract-check
alerts (once per domain their message names), each CloudWatch alarm and each budget. A
stack-wide rule whose events name a domain's resource (the Data Quality results rule, the
domain crawler failures rule) is listed once per domain, with an event of that domain's
Glue database or crawler. For each, the command shows its topic and every subscription of it,
evaluating each subscription's filter policy on a sample of the message the source sends
(policies/rules/alerts/alert_samples.py, with sources; the matching is
policies/rules/alerts/sns_filter.py). A domain's source whose message reaches no
subscription of that domain is marked: only the platform team would hear of it (the
failure journey reports the same as a violation).

The plan comes from `--plan FILE` (the JSON of `dataplat plan --format json`) or is made
from `--stack`. `--format json` writes the routes as a list (source, name, urn, domain,
topics, message, subscriptions with `receives`, owner_told).

Exit codes: 0 the routes were written (whatever they show); 2 bad input (flags, plan file,
stack config or program).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scripts.alerts.render import render_text
from scripts.alerts.report import alert_routes
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from scripts.files import output_refusal, write_atomically
from scripts.plan.plan_file import plan_or_file

FORMATS = ("text", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat alerts`."""
    parser.add_argument("--stack", help="the stack to plan (its Pulumi.<stack>.yaml)")
    parser.add_argument(
        "--plan", type=Path, help="a plan document (`dataplat plan --format json`) to read"
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="default: text")
    parser.add_argument("--out", type=Path, help="write the routes here instead of stdout")


def run(args: argparse.Namespace) -> int:
    """Read or make the plan, write its alert routes, and return the exit code."""
    try:
        if args.out and (refusal := output_refusal(args.out)):
            raise UserError(refusal)
        document = plan_or_file(args.plan, args.stack)
    except UserError as exc:
        print(f"dataplat alerts: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    routes = alert_routes(document)
    if args.format == "json":
        output = json.dumps(routes, indent=2, sort_keys=True) + "\n"
    else:
        output = render_text(str(document.get("stack")), routes)
    if args.out:
        write_atomically(args.out, output)
    else:
        sys.stdout.write(output)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.alerts.command`: the same as `dataplat alerts`."""
    parser = argparse.ArgumentParser(prog="dataplat alerts", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
