"""`dataplat cost`: a stack's monthly cost bound, with its line items, from its plan.

The bound is the most each resource can bill in a month as planned: Snowflake warehouses
at every cluster all month, capped by their resource monitor's quota and suspend
triggers; MWAA at maxWorkers; NAT gateway and interface endpoint hours (per AZ); KMS
keys and Secrets Manager secrets; each Glue run at its timeout on every attempt; S3 at
an assumed size per bucket. An expected figure sits beside it (warehouse active hours
and auto-suspend, MWAA at minWorkers, a typical Glue run). The prices, each with region,
date and source, are the table in policies/rules/cost/prices.py; the assumptions and
the ceiling are the `cost-within-ceiling` rule's properties in the stack's policy config.

The plan comes from `--plan FILE` (the JSON of `dataplat plan --format json`) or is made
from `--stack`. With domain stacks, `--env E --plans-dir DIR` reads every stack's plan
(`plan-E.json`, `plan-E.<domain>.json`, `plan-E.edges.json`, as `dataplat plan --env E
--out-dir DIR` writes them) and reports one line per stack and the environment's total, the
bound of the union of their resources (scripts/cost/environment.py).
`--base FILE` (a plan JSON, e.g. the base branch's) adds the change against it and the
line items that changed, under the same assumptions (what `dataplat plan --cost-base` puts
in the PR comment). `--out FILE` infers the format from its extension
(.json, .md, else text).

Exit codes: 0 the report was written, whether or not the bound is above the ceiling (the
`cost-within-ceiling` rule enforces the ceiling, advisory in dev and staging, mandatory in
prod, through `dataplat plan`, the pack and CI, with its suppressions); 2 bad input
(flags, plan file, stack config or program, or a priced value unknown until apply; with
`--env`, a missing platform plan, or a plan of another environment, named by its file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from policies.rules.core.settings import PolicySettings
from scripts.cost.environment import environment_cost, render_environment
from scripts.cost.render import FORMATS, format_for, headline, render
from scripts.cost.report import CostReport, monthly_bound
from scripts.env_plans import read_env_plans
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from scripts.files import output_refusal, write_atomically
from scripts.plan.plan_file import plan_or_file, read_plan
from scripts.plan.policy import load_policy_config
from scripts.plan.project import load_project
from scripts.project_root import optional_project_root


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat cost`."""
    parser.add_argument("--stack", help="the stack to plan and price (its Pulumi.<stack>.yaml)")
    parser.add_argument(
        "--plan", type=Path, help="a plan document (`dataplat plan --format json`) to price"
    )
    parser.add_argument(
        "--env",
        help="an environment split into stacks: price every plan-<env>*.json of --plans-dir",
    )
    parser.add_argument(
        "--plans-dir", type=Path, metavar="DIR", help="where --env's plan documents are"
    )
    parser.add_argument(
        "--base",
        type=Path,
        metavar="PLAN",
        help="a base plan document (the base branch's `dataplat plan --format json`): "
        "state the change against it and the line items that changed",
    )
    parser.add_argument(
        "--format", choices=FORMATS, help="output format (default: from --out, else text)"
    )
    parser.add_argument("--out", type=Path, help="write the report here instead of stdout")
    parser.add_argument(
        "--policy-config",
        type=Path,
        help="policy config JSON whose `cost-within-ceiling` properties set the assumptions "
        "and ceiling (default: <stackConfigDir>/policy.<stack>.json when it exists)",
    )
    parser.add_argument(
        "--s3-gb-per-bucket", type=float, help="assumed GB stored per bucket (overrides config)"
    )
    parser.add_argument(
        "--glue-runs-per-month", type=float, help="runs a month of each Glue job (overrides config)"
    )


def run(args: argparse.Namespace) -> int:
    """Price the plan, write the report, and return the exit code."""
    try:
        if args.out and (refusal := output_refusal(args.out)):
            raise UserError(refusal)
        overrides = {
            key: value
            for key, value in (
                ("s3GbPerBucket", args.s3_gb_per_bucket),
                ("glueRunsPerMonth", args.glue_runs_per_month),
            )
            if value is not None
        }
        if args.env is not None or args.plans_dir is not None:
            return _run_environment(args, overrides)
        document = plan_or_file(args.plan, args.stack)
        settings = load_policy_config(_policy_config(args.policy_config, str(document["stack"])))
        report = monthly_bound(document, settings, overrides)
        base = _base_report(args.base, settings, overrides) if args.base else None
    except UserError as exc:
        print(f"dataplat cost: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    fmt = args.format or (format_for(args.out) if args.out else "text")
    output = render(report, fmt, base)
    if args.out:
        write_atomically(args.out, output)
        print(headline(report))
    else:
        sys.stdout.write(output)
    return EXIT_OK


def _run_environment(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    """`--env E --plans-dir DIR`: one line per stack and the environment's total."""
    if args.env is None or args.plans_dir is None:
        raise UserError("--env and --plans-dir go together")
    if args.plan or args.stack or args.base:
        raise UserError(
            "--env prices an environment's plans; --plan, --stack and --base do not apply"
        )
    settings = load_policy_config(_policy_config(args.policy_config, args.env))
    cost = environment_cost(read_env_plans(args.plans_dir, args.env), args.env, settings, overrides)
    fmt = args.format or (format_for(args.out) if args.out else "text")
    output = render_environment(cost, fmt)
    if args.out:
        write_atomically(args.out, output)
        print(output.splitlines()[0] if fmt == "text" else f"wrote {args.out}")
    else:
        sys.stdout.write(output)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.cost.command`: the same as `dataplat cost`."""
    parser = argparse.ArgumentParser(prog="dataplat cost", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


def _base_report(path: Path, settings: PolicySettings, overrides: dict[str, Any]) -> CostReport:
    """The base plan's report under the head's assumptions, so only the plan's change shows;
    an error names the base file."""
    document = read_plan(path)
    try:
        return monthly_bound(document, settings, overrides)
    except UserError as exc:
        raise UserError(f"{path}: {exc}") from None


def _policy_config(given: Path | None, stack: str) -> Path | None:
    if given is not None:
        return given
    root = optional_project_root()
    if root is None:
        return None
    candidate = load_project(root).stack_config_dir / f"policy.{stack}.json"
    return candidate if candidate.is_file() else None


if __name__ == "__main__":
    sys.exit(main())
