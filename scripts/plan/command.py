"""`dataplat plan`: what a stack would create, without a cloud account or the Pulumi CLI.

Exit codes: 0 the plan was written and no mandatory policy is violated; 1 the plan
was written and mandatory policies are violated; 2 bad input (flags, project,
stack config or program, or a program the Pulumi engine would refuse, such as two
resources under one URN: see engine_checks.py), with a message naming the file and
what is wrong, and no output file written.
"""

from __future__ import annotations

import argparse
import re
import sys
import traceback
from pathlib import Path
from typing import Any

import pulumi

from policies.rules.core.settings import with_default_property
from policies.rules.preflight.aws_data_paths_allowed import RULE as _DATA_PATHS
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, UserError
from scripts.files import write_atomically
from scripts.plan.document import build_document, mandatory_violations
from scripts.plan.engine_checks import check_registrations
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.policy import evaluate_document, load_policy_config
from scripts.plan.project import HOME_PROJECT_DIR, Project, load_project, load_stack_config
from scripts.plan.render import FORMATS, render, summary
from scripts.plan.runtime import run_program

DATA_PATHS_RULE = _DATA_PATHS.id


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat plan`."""
    parser.add_argument(
        "--stack", help="stack name; its config is <stackConfigDir>/Pulumi.<stack>.yaml"
    )
    parser.add_argument(
        "--program",
        type=Path,
        help="a Pulumi Python project directory (default: this repository's project)",
    )
    parser.add_argument("--config", type=Path, help="stack config file (default: from --stack)")
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("--out", type=Path, help="write the plan here instead of standard output")
    parser.add_argument(
        "--account-id", help="account id for mocked ARNs (default: from the config)"
    )
    parser.add_argument("--region", help="region for mocked ARNs (default: from the config)")
    parser.add_argument(
        "--policy-config",
        type=Path,
        help="policy pack config JSON (the file `pulumi preview --policy-pack-config` takes): "
        "enforcement levels, rule properties and suppressions (default: "
        "<stackConfigDir>/policy.<stack>.json when it exists)",
    )


def run(args: argparse.Namespace) -> int:
    """Plan, write the output, and return the exit code."""
    try:
        document = plan(
            args.program,
            args.stack,
            args.config,
            args.account_id,
            args.region,
            policy_config=args.policy_config,
        )
    except UserError as exc:
        print(f"dataplat plan: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    text = render(document, args.format)
    if args.out:
        write_atomically(args.out, text)
        print(summary(document))
    else:
        sys.stdout.write(text)
    return EXIT_VIOLATIONS if mandatory_violations(document) else EXIT_OK


def plan(
    program: Path | None,
    stack: str | None,
    config_file: Path | None,
    account_id: str | None = None,
    region: str | None = None,
    policy_config: Path | None = None,
) -> dict[str, Any]:
    """The plan document of a stack, with its policy results. Raises UserError for bad input."""
    if program is None and stack is None:
        raise UserError("give --stack NAME, or --program DIR with --config FILE or --stack NAME")
    project = load_project((program or HOME_PROJECT_DIR).resolve())
    if config_file is None:
        assert stack is not None
        config_file = project.stack_file(stack)
        if not config_file.is_file():
            known = ", ".join(project.stacks()) or "none"
            raise UserError(f"{config_file}: no such stack config; stacks with a config: {known}")
    stack = stack or _stack_name(config_file)
    if policy_config is None and (project.stack_config_dir / f"policy.{stack}.json").is_file():
        policy_config = project.stack_config_dir / f"policy.{stack}.json"
    config = load_stack_config(project, config_file, stack, account_id, region)
    # The deployers are platform config; the data-path rule checks their paths too.
    settings = with_default_property(
        load_policy_config(policy_config), DATA_PATHS_RULE, "deployers", list(config.deployers)
    )
    run = _run(project, config_file, config.stack, config)
    check_registrations(run.registrations)
    return evaluate_document(build_document(project.name, stack, run, []), settings)


def _run(project: Project, config_file: Path, stack: str, config: Any) -> Any:
    try:
        return run_program(
            project.main,
            project=project.name,
            stack=stack,
            config=config.values,
            secret_keys=config.secret_keys,
            mocks=PlausibleMocks(config.account_id, config.region),
        )
    except pulumi.RunError as exc:  # our program's config errors arrive as RunError
        raise UserError(f"{config_file}: {exc}") from None
    except Exception as exc:
        raise UserError(
            f"the program {project.main} failed{_where(exc, project.directory)}: "
            f"{type(exc).__name__}: {exc}"
        ) from None


def _where(exc: BaseException, directory: Path) -> str:
    """` at FILE:LINE`, the deepest frame inside the program's own directory."""
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if Path(f.filename).resolve().is_relative_to(directory)
    ]
    return f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""


def _stack_name(config_file: Path) -> str:
    match = re.match(r"^Pulumi\.(.+)\.ya?ml$", config_file.name)
    return match.group(1) if match else "offline"
