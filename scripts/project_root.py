"""Which project a command works on: the one around the current directory, like `pulumi`.

The project root is the nearest directory, at or above the start (the current directory,
or `-C DIR`), whose `Pulumi.yaml` names the project `data-platform` (`stacks.stack_file.
PROJECT`). A `Pulumi.yaml` of another project on the way up is passed over, so a second
Pulumi project kept in a subdirectory of this repository (its own `Pulumi.yaml`, its own
name) does not change where `dataplat` finds the platform's stacks, domains and docs. The
root is never the directory `dataplat` was installed from: a copy of the repository is
its own project, planned with its own code (scripts/plan/runtime.py, `project_modules`).
"""

from __future__ import annotations

from pathlib import Path

from scripts.errors import UserError
from stacks.input_files import CONFIG, InputRefused, read_yaml
from stacks.stack_file import PROJECT

PROJECT_FILE = "Pulumi.yaml"


def project_root(start: Path | None = None) -> Path:
    """The root of the data-platform project around `start` (default: the current
    directory). Raises UserError naming where the walk started."""
    first = (start or Path.cwd()).resolve()
    for directory in (first, *first.parents):
        if _names_this_project(directory / PROJECT_FILE):
            return directory
    raise UserError(
        f"{first}: no {PROJECT_FILE} of project `{PROJECT}` here or in any parent directory; "
        "run dataplat inside the project or give -C DIR"
    )


def optional_project_root() -> Path | None:
    """The project root, or None outside any project (for defaults that may be absent)."""
    try:
        return project_root()
    except UserError:
        return None


def _names_this_project(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        data, _ = read_yaml(path, CONFIG)
    except InputRefused:
        return False
    return isinstance(data, dict) and data.get("name") == PROJECT
