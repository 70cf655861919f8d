"""`dataplat up|preview|refresh|destroy --env E`: the environment's stacks, in layers.

With `domain_stacks: true` in the environment's platform object: the platform stack
first, then every domain stack in parallel (at most --parallel at once), then the edges
stack (each zone bucket's notification configuration, from every domain's outputs);
`destroy` in reverse (edges, domain stacks, platform). With `domain_stacks: false` (the
default) the platform stack is the environment's only stack. A domain or edges stack
whose files, generated config, program code and the outputs it reads did not change
since its last successful `up` is skipped by `up` and `preview` (--force runs it anyway).
--only/--except take shell globs of `platform`, `edges` and the domains' names.
--results FILE writes every selected stack's outcome and resource counts as JSON (what
the PR preview's shards upload and `dataplat comment --results-dir` merges).

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
import json
import sys
from pathlib import Path

from scripts.errors import EXIT_BAD_INPUT, UserError
from scripts.files import write_atomically
from scripts.orchestrate import runner
from scripts.orchestrate.runner import Operation, Run, exit_code, results_document, summary
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
    parser.add_argument(
        "--policy-pack",
        dest="policy_packs",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="a policy pack `up` and `preview` enforce on every stack (repeatable)",
    )
    parser.add_argument(
        "--policy-pack-config",
        dest="policy_pack_configs",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="the config of the policy pack in the same position (repeatable)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        metavar="FILE",
        help="write each stack's outcome and resource counts as JSON",
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
        packs = _existing(args.policy_packs, "--policy-pack")
        configs = _existing(args.policy_pack_configs, "--policy-pack-config")
        if configs and len(configs) != len(packs):
            raise UserError("--policy-pack-config: one per --policy-pack, in the same order")
    except UserError as exc:
        print(f"dataplat {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    operation = Operation(args.command)
    if not env.split:
        print(
            f"dataplat {args.command}: {env.name} has domain_stacks: false; its platform "
            "stack holds every domain and is its only stack",
            file=sys.stderr,
        )
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
            policy_packs=packs,
            policy_pack_configs=configs,
        )
    )
    print(summary(operation, env.name, results), file=sys.stderr)
    if args.results is not None:
        document = results_document(operation, env, results)
        write_atomically(args.results, json.dumps(document, indent=2, sort_keys=True) + "\n")
    return exit_code(results)


def _existing(paths: list[Path], flag: str) -> list[str]:
    """`paths` made absolute (each stack runs in its own project's directory); raises
    UserError naming one that does not exist."""
    for path in paths:
        if not path.exists():
            raise UserError(f"{flag} {path}: no such file or directory")
    return [str(path.resolve()) for path in paths]


def run(args: argparse.Namespace) -> int:
    """The CLI's entry point: `run_command` on the real workspace."""
    return run_command(args)
