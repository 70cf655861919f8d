"""`dataplat`: the platform team's command line (offline plan, destroy guard, policies,
data domains, data contracts, audit, graph, state-backend bootstrap, benchmarks, MWAA's
offline bundle, reference docs).

Every subcommand returns its exit code: 0 success, 1 the checked thing failed (for
`plan`: mandatory policy violations; for `diff`: an unacknowledged change that would
lose data (deleting, replacing or expiring a stateful resource sooner) or that `pulumi up`
would refuse (a protected resource); for `docs --check` and `policies catalogue --check`:
a stale page; for `airflow-bundle`: a requirement without its wheel; for `contract
test`: a check fails on the sample), 2 bad input.

The project is the one around the current directory (scripts/project_root.py): the
nearest directory at or above it whose `Pulumi.yaml` names the `data-platform` project,
as `pulumi` finds its project. `-C DIR` / `--cwd DIR`, before or after the command, runs
as if started in DIR (relative paths in the other flags are then relative to DIR too, as
with `git -C` and `pulumi --cwd`).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from types import ModuleType

from scripts.import_collector import collector_paused_for_imports

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
        "scripts.policies.command",
        "list the policy rules; write or check the rule catalogue",
    ),
    (
        "new-domain",
        "scripts.new_domain.command",
        "write a commented, valid data-domain spec (never overwrites)",
    ),
    (
        "audit",
        "scripts.audit.command",
        "the compliance evidence pack of a stack or the live account",
    ),
    (
        "access",
        "scripts.access.command",
        "who outside the account, and which Snowflake roles, can do what",
    ),
    ("graph", "scripts.graph.command", "draw the resource graph and the Snowflake role graph"),
    (
        "bootstrap",
        "scripts.bootstrap.command",
        "create or verify the S3 + KMS Pulumi state backend",
    ),
    (
        "bench",
        "scripts.bench.command",
        "measure plan time against the bare SDK and with 10/100/1000 buckets",
    ),
    (
        "bench-domains",
        "scripts.bench_domains.command",
        "plan time and policy share for 100 and 200 domains",
    ),
    (
        "bench-input",
        "scripts.bench_input.command",
        "the input reader's time and memory on its largest and its refused files",
    ),
    (
        "airflow-bundle",
        "scripts.airflow_bundle.command",
        "build MWAA's plugins.zip (wheels, constraints) and offline requirements.txt",
    ),
    (
        "cost",
        "scripts.cost.command",
        "a stack's monthly cost bound with its line items, from its plan",
    ),
    ("alerts", "scripts.alerts.command", "for every source of alerts in a stack, where they go"),
    (
        "contract",
        "scripts.contract.command",
        "try a data contract (ODCS) on a sample in DuckDB, or draft one from a sample",
    ),
    (
        "rotation-targets",
        "scripts.rotation_targets.command",
        "the URNs a scheduled key rotation updates (time.Rotating slots and their keys)",
    ),
    (
        "validate",
        "scripts.validate.command",
        "check the stack and domain files (every problem, file and line; no plan)",
    ),
    (
        "schema",
        "scripts.schema.command",
        "write the JSON Schema of stack or domain files (editors flag unknown keys)",
    ),
    ("up", "scripts.orchestrate.command", "deploy an environment's stacks in order"),
    ("preview", "scripts.orchestrate.command", "preview an environment's stacks in order"),
    ("refresh", "scripts.orchestrate.command", "refresh an environment's stacks in order"),
    ("destroy", "scripts.orchestrate.command", "destroy an environment's stacks in reverse order"),
    ("migrate", "scripts.migrate.command", "write the `pulumi state move` commands of a migration"),
    (
        "affected",
        "scripts.affected.command",
        "the stacks a change touches, and the PR preview's shards",
    ),
    (
        "docs",
        "scripts.docs.command",
        "write or check the generated reference pages in docs/reference/",
    ),
)
ALL = "*"
DISTRIBUTION = "data-platform"
CWD_FLAGS = ("-C", "--cwd")


def load(module_path: str) -> ModuleType:
    """The module of a subcommand, imported now (without collections: import_collector.py)."""
    with collector_paused_for_imports():
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
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    add_cwd_argument(parser, argparse.SUPPRESS)
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
        add_cwd_argument(command, argparse.SUPPRESS)
        command.set_defaults(handler=module.run)
    return parser


def add_cwd_argument(parser: argparse.ArgumentParser, default: str | None) -> None:
    """`-C DIR` / `--cwd DIR`: on the top level and on every subcommand."""
    parser.add_argument(
        *CWD_FLAGS,
        dest="cwd",
        type=Path,
        metavar="DIR",
        default=default,
        help="run as if dataplat was started in DIR (default: the current directory); "
        "the project is the nearest directory at or above it with the platform's Pulumi.yaml",
    )


def version() -> str:
    """The installed distribution's version (its package metadata)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` names: its first word that is neither an option nor the value
    of a top-level `-C DIR` / `--cwd DIR` (the only top-level option taking a value)."""
    words = iter(argv)
    for word in words:
        if word in CWD_FLAGS:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


@contextlib.contextmanager
def working_directory(directory: Path | None) -> Iterator[None]:
    """Inside, the current directory is `directory` (None: unchanged)."""
    if directory is None:
        yield
        return
    previous = Path.cwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(previous)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the subcommand (in `-C DIR` when given)."""
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(chosen_command(argv)).parse_args(argv)
    directory: Path | None = getattr(args, "cwd", None)
    if directory is not None and not directory.is_dir():
        print(f"dataplat: -C {directory}: not a directory", file=sys.stderr)
        return 2
    with working_directory(directory):
        return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
