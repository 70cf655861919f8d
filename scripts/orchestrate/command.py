"""`dataplat up|preview|refresh|destroy --env E`: the environment's stacks, in order.

The platform stack first, then every domain stack in parallel (at most --parallel at
once); `destroy` in reverse (domain stacks, then the platform). A domain stack whose
domain file, generated config, program code and the platform outputs it reads did not
change since its last successful `up` is skipped by `up` and `preview` (--force runs it
anyway). --only/--except take shell globs of `platform` and the domains' names.

Runs through Pulumi's Automation API (`pulumi.automation`), which drives the `pulumi` CLI:
it needs the CLI on PATH, a logged-in backend and the cloud credentials of the
environment, none of which exist on the development machines here (the tests use a fake
workspace). Progress and the summary go to standard error.

Exit codes: 0 every selected stack succeeded or was skipped; 1 a stack failed or was
blocked by a failed stack it depends on (the others still ran); 2 bad input (no such
environment, a pattern matching no stack, --parallel below 1).
"""

from __future__ import annotations

import argparse
import sys

from scripts.errors import EXIT_BAD_INPUT, UserError
from scripts.orchestrate import runner
from scripts.orchestrate.runner import Operation, Run, exit_code, summary
from scripts.orchestrate.targets import add_org_argument, environment, select
from scripts.orchestrate.workspace import AutomationWorkspace, Workspace
from scripts.project_root import project_root

DEFAULT_PARALLEL = 4


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--env, --parallel, --only, --except, --force, --org."""
    parser.add_argument("--env", required=True, help="the environment (stacks/Pulumi.<env>.yaml)")
    parser.add_argument(
        "--parallel",
        type=int,
        default=DEFAULT_PARALLEL,
        metavar="N",
        help=f"most domain stacks run at once (default {DEFAULT_PARALLEL})",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="GLOB",
        help="run only these stacks: `platform` or domain names, shell globs (repeatable)",
    )
    parser.add_argument(
        "--except",
        dest="excluded",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave these stacks out (repeatable)",
    )
    parser.add_argument(
        "--force", action="store_true", help="run domain stacks even when nothing changed"
    )
    add_org_argument(parser)


def run_command(args: argparse.Namespace, workspace: Workspace | None = None) -> int:
    """The run `args` describe, on `workspace` (default: the Automation API's)."""
    try:
        if args.parallel < 1:
            raise UserError(f"--parallel {args.parallel}: at least 1")
        root = project_root()
        env = environment(root, args.env)
        selected = select(env, args.only, args.excluded)
    except UserError as exc:
        print(f"dataplat {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    operation = Operation(args.command)
    results = runner.run(
        Run(
            operation=operation,
            env=env,
            selected=selected,
            workspace=workspace or AutomationWorkspace(args.org),
            root=root,
            parallel=args.parallel,
            force=args.force,
            progress=lambda line: print(line, file=sys.stderr, flush=True),
        )
    )
    print(summary(operation, env.name, results), file=sys.stderr)
    return exit_code(results)


def run(args: argparse.Namespace) -> int:
    """The CLI's entry point: `run_command` on the real workspace."""
    return run_command(args)
