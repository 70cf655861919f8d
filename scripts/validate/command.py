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
from pathlib import Path

from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from scripts.plan.program_modules import project_imports
from scripts.plan.project import DOMAIN_FILE, STACK_FILE, Project, load_project
from scripts.project_root import project_root
from stacks.domain_file import DOMAINS_DIR

INPUT_FILES = "stacks.input_files"


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
    files were checked, read with the project's own models (a copy's, for a copy).
    Raises UserError for no project or an unknown stack."""
    project = load_project(project_root())
    names = list(dict.fromkeys(stacks or project.stacks()))
    paths = [_stack_path(project, name) for name in names]
    domains = project.stack_config_dir / DOMAINS_DIR
    domain_files = sorted(domains.glob("*.y*ml")) if domains.is_dir() else []
    with project_imports(project.directory) as imported:
        stack_files, domain_file = imported(STACK_FILE), imported(DOMAIN_FILE)
        refused = imported(INPUT_FILES).InputRefused
        file_errors = (stack_files.ConfigError, refused)
        problems: list[str] = []
        platforms = []
        for path in paths:
            try:
                platforms.append(stack_files.load_stack_file(path).platform)
            except file_errors as exc:
                problems.append(str(exc))
        for platform in platforms:
            try:
                domain_file.load_domains(domains, platform)
            except domain_file.DomainErrors as exc:
                problems += [str(e) for e in exc.errors]
        if not platforms:  # no stack to check them against: each domain file alone
            for path in domain_files:
                try:
                    domain_file.load_domain_file(path)
                except file_errors as exc:
                    problems.append(str(exc))
    return list(dict.fromkeys(problems)), len(names) + len(domain_files)


def _stack_path(project: Project, name: str) -> Path:
    path = project.stack_file(name)
    if not path.is_file():
        known = ", ".join(project.stacks()) or "none"
        raise UserError(f"{path}: no such stack config; stacks with a config: {known}")
    return path
