"""`dataplat validate [--stack S]`: check the stack and domain files, with no plan.

Each stack file (`--stack`, repeatable; default: every stack of the project) is read and
validated as `dataplat plan` reads it, then the domain files of `stacks/domains/` are
checked alone and against that stack (zones, PII categories, caps). Every problem of every
file is reported at once, with its file, line and field; no program runs, so it takes well
under a second. A domain file's problem found by several stacks is reported once.

Exit codes: 0 every file is valid; 2 a problem in a file (or no project, or an unknown
stack), each named on standard error.
"""

from __future__ import annotations

import argparse
import sys

from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from scripts.plan.project import load_project
from scripts.project_root import project_root
from stacks.domain_file import DOMAINS_DIR, DomainErrors, load_domain_file, load_domains
from stacks.input_files import InputRefused
from stacks.stack_file import ConfigError, load_stack_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat validate`."""
    parser.add_argument(
        "--stack",
        action="append",
        help="a stack to check with the domain files, repeatable (default: every stack "
        "with a config file)",
    )


def run(args: argparse.Namespace) -> int:
    """Check the files; print every problem, or how many files are valid."""
    try:
        problems, checked = validate(args.stack)
    except UserError as exc:
        print(f"dataplat validate: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return EXIT_BAD_INPUT
    print(f"{checked} files are valid")
    return EXIT_OK


def validate(stacks: list[str] | None) -> tuple[list[str], int]:
    """The problems of the project's stack and domain files (each once), and how many
    files were checked. Raises UserError for no project or an unknown stack."""
    project = load_project(project_root())
    names = list(dict.fromkeys(stacks or project.stacks()))
    domains = project.stack_config_dir / DOMAINS_DIR
    domain_files = sorted(domains.glob("*.y*ml")) if domains.is_dir() else []
    problems: list[str] = []
    platforms = []
    for name in names:
        path = project.stack_file(name)
        if not path.is_file():
            known = ", ".join(project.stacks()) or "none"
            raise UserError(f"{path}: no such stack config; stacks with a config: {known}")
        try:
            platforms.append(load_stack_file(path).platform)
        except (ConfigError, InputRefused) as exc:
            problems.append(str(exc))
    for platform in platforms:
        try:
            load_domains(domains, platform)
        except DomainErrors as exc:
            problems += [str(e) for e in exc.errors]
    if not platforms:  # no stack to check them against: each domain file alone
        for path in domain_files:
            try:
                load_domain_file(path)
            except (ConfigError, InputRefused) as exc:
                problems.append(str(exc))
    return list(dict.fromkeys(problems)), len(names) + len(domain_files)
