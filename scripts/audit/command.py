"""`dataplat audit`: the compliance evidence pack of a stack, as JSON, Markdown or HTML.

Input (one of): --stack NAME (plan the stack now, offline), --plan FILE (a plan
document from `dataplat plan --format json`), --state FILE (a `pulumi stack export`,
deployment version 3), --env E --plans-dir DIR (an environment split into stacks: every
`plan-E.json`, `plan-E.<domain>.json`, `plan-E.edges.json` of DIR, audited as one account,
each finding attributed to its stack: scripts/audit/environment.py). With --live, the AWS
account is also read through boto3's standard credential chain (environment, profile, SSO,
instance role) and judged by the AWS-side rules; --live alone audits only the account.

The policy config (levels, suppressions) is --policy-config, else
stacks/policy.<stack>.json when it exists (with --env, stacks/policy.<env>.json). Without
--format the format follows --out's extension (.html, .md, .json), else Markdown. --out
must be in an existing directory. --live checks first that AWS credentials are found,
before planning.

Exit codes: 0 the audit passed; 1 mandatory policy violations, or drift found in
the live account (a platform KMS key disabled or pending deletion counts); 2 bad input
(flags, files, no AWS credentials), with a message naming what is wrong and no report
written, or, with a report written, a live audit that could not read a service
(AccessDenied, ...): "not evaluated", never a pass. A failure (1) wins over "not
evaluated" (2): what was read already fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from policies.rules.core.settings import PolicySettings
from scripts.audit import inputs
from scripts.audit.environment import environment_report
from scripts.audit.render import FORMATS, render
from scripts.audit.report import build_report, summary, verdict
from scripts.env_plans import read_env_plans
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, UserError
from scripts.files import output_format, output_refusal, write_atomically
from scripts.plan.policy import load_policy_config
from scripts.plan.project import load_project
from scripts.project_root import optional_project_root

# The audit could not see everything it was asked to: the same code as bad input (the
# command could not do what was asked), told apart by the report and the message.
EXIT_NOT_EVALUATED = EXIT_BAD_INPUT
EXIT_CODES = {"passed": EXIT_OK, "failed": EXIT_VIOLATIONS, "not evaluated": EXIT_NOT_EVALUATED}
EXTENSIONS = {".html": "html", ".htm": "html", ".md": "markdown", ".json": "json"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat audit`."""
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--stack", help="plan this stack of the project now and audit it")
    source.add_argument("--plan", type=Path, help="audit a plan document (JSON)")
    source.add_argument("--state", type=Path, help="audit a `pulumi stack export` file")
    source.add_argument(
        "--env", help="audit an environment split into stacks (its plans in --plans-dir)"
    )
    parser.add_argument(
        "--plans-dir",
        type=Path,
        metavar="DIR",
        help="with --env: the directory of plan-<env>.json and plan-<env>.<stack>.json",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="report format (default: from --out's extension, else markdown)",
    )
    parser.add_argument("--out", type=Path, help="write the report here (atomically)")
    parser.add_argument(
        "--policy-config",
        type=Path,
        help="policy pack config JSON (default: stacks/policy.<stack>.json when it exists)",
    )
    parser.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        help="audit as of this date, YYYY-MM-DD (suppression expiry; default: today)",
    )
    parser.add_argument(
        "--live", action="store_true", help="also read and check the live AWS account"
    )
    parser.add_argument("--region", help="AWS region for --live (default: the SDK's)")
    parser.add_argument(
        "--name-prefix",
        action="append",
        default=[],
        help="with --live: also include resources whose name starts with this (repeatable; "
        "resources tagged managed-by=pulumi/data-platform are always included)",
    )


def run(args: argparse.Namespace) -> int:
    """Audit, write the report, return the exit code."""
    try:
        report = audit(args)
    except UserError as exc:
        print(f"dataplat audit: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    text = render(report, report_format(args))
    outcome = verdict(report)
    if args.out:
        write_atomically(args.out, text)
        s = report["summary"]
        drift = "not checked" if s["liveDrift"] is None else s["liveDrift"]
        print(
            f"{report['title']}: {outcome.upper()}, written to {args.out}; mandatory "
            f"violations {s['mandatoryViolations']}, live drift {drift}"
        )
    else:
        sys.stdout.write(text)
    if s_not := [n["what"] for n in (report.get("live") or {}).get("notEvaluated", [])]:
        print(
            f"dataplat audit: not evaluated (the credentials cannot read them): {', '.join(s_not)}",
            file=sys.stderr,
        )
    return EXIT_CODES[outcome]


def audit(args: argparse.Namespace) -> dict[str, Any]:
    """The report the flags ask for. Raises UserError for bad input."""
    today = args.date or dt.date.today()
    if not (args.stack or args.plan or args.state or args.env or args.live):
        raise UserError(
            "give one of --stack NAME, --plan FILE, --state FILE, --env E --plans-dir DIR, "
            "or --live"
        )
    if (args.env is None) != (args.plans_dir is None):
        raise UserError("--env and --plans-dir go together")
    if args.out and (refusal := output_refusal(args.out)):
        raise UserError(refusal)
    if args.live:
        from scripts.audit.live.scan import require_credentials  # boto3 only when asked for

        require_credentials(args.region)
    report: dict[str, Any]
    if args.env:
        settings = _settings(args.policy_config, args.env)
        plans = read_env_plans(args.plans_dir, args.env, inputs.load_plan)
        source = {"kind": f"plan documents of environment {args.env}", "path": str(args.plans_dir)}
        report = environment_report(plans, args.env, settings, today, source)
    elif args.stack or args.plan or args.state:
        document, source = _load(args)
        settings = _settings(args.policy_config, document["stack"])
        report = build_report(document, settings, today, source)
    else:
        settings = _settings(args.policy_config, None)
        report = {
            "title": "Live compliance check of the AWS account",
            "project": None,
            "stack": None,
            "generatedOn": today.isoformat(),
            "source": {"kind": "live account"},
        }
    if args.live:
        from scripts.audit.live.scan import live_section  # boto3 only when asked for

        stack = report["stack"] or "prod"
        report["live"] = live_section(args.region, args.name_prefix, settings, stack, today)
    report["summary"] = summary(report)
    return report


def report_format(args: argparse.Namespace) -> str:
    """--format, else the format of --out's extension, else markdown."""
    return output_format(args.out, args.format, EXTENSIONS) or "markdown"


def _load(args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, str]]:
    if args.stack:
        from scripts.plan.command import plan

        return plan(None, args.stack, None, policy_config=args.policy_config), {
            "kind": "offline plan of stack",
            "path": args.stack,
        }
    if args.plan:
        return inputs.load_plan(args.plan), {"kind": "plan document", "path": str(args.plan)}
    return inputs.load_state(args.state), {"kind": "stack export", "path": str(args.state)}


def _settings(explicit: Path | None, stack: str | None) -> PolicySettings:
    root = optional_project_root()
    if explicit is None and stack and root is not None:
        default = load_project(root).stack_config_dir / f"policy.{stack}.json"
        explicit = default if default.is_file() else None
    return load_policy_config(explicit)
