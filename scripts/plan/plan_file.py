"""Plan documents read back from their JSON files, and the base branch's plan of a stack.

`read_plan(path)` is the one reader of `dataplat plan --format json` files for commands
that price or compare them (`dataplat cost --plan`, `dataplat plan --cost-base`). It
imports no Pulumi SDK. `cost_base(path)` is the base branch's plan that the plan's
Markdown states the cost change against: a missing file is not an error (the base branch
may predate the stack), an unreadable or invalid one is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.errors import UserError
from scripts.files import read_json


def read_plan(path: Path) -> dict[str, Any]:
    """The plan document in `path`. Raises UserError naming the file when it cannot be
    read, is not JSON, or is not a plan document."""
    document = read_json(path, "plan")
    if not isinstance(document, dict) or not isinstance(document.get("resources"), list):
        raise UserError(f"{path}: not a plan document (no `resources` list)")
    return document


def plan_or_file(plan_file: Path | None, stack: str | None) -> dict[str, Any]:
    """The plan document of `--plan FILE`, else the plan of `--stack` made now (the commands
    that read a plan, `dataplat cost` and `dataplat alerts`, take either). Raises UserError
    when neither is given."""
    if plan_file is not None:
        return read_plan(plan_file)
    if stack is None:
        raise UserError("give --stack NAME or --plan FILE")
    # Imported here: planning loads the Pulumi SDK, which reading a plan file never needs.
    from scripts.plan.command import plan

    return plan(None, stack, None)


@dataclass(frozen=True)
class CostBase:
    """Where the base branch's plan of a stack was looked for, and the plan if it exists."""

    path: Path
    document: dict[str, Any] | None

    @property
    def found(self) -> bool:
        """False when no file was at `path` (the base branch did not plan the stack)."""
        return self.document is not None


def cost_base_path(file: Path | None, directory: Path | None, stack: str) -> Path | None:
    """The base plan of `stack`: `file` (`--cost-base`), else `directory`/plan-<stack>.json
    (`--cost-base-dir`, the names `--out-dir` writes), else None (no comparison)."""
    if file is not None:
        return file
    return directory / f"plan-{stack}.json" if directory is not None else None


def cost_base(path: Path, stack: str) -> CostBase:
    """The base plan at `path`, or a CostBase without a document when there is no file.

    Raises UserError naming the file when it exists but is not a readable plan document,
    or is the plan of another stack (comparing dev's cost with prod's would mislead).
    """
    if not path.exists():
        return CostBase(path, None)
    document = read_plan(path)
    if document.get("stack") != stack:
        raise UserError(
            f"{path}: the cost base is a plan of stack {document.get('stack')!r}, not "
            f"{stack!r}; give the base branch's plan of the same stack"
        )
    return CostBase(path, document)
