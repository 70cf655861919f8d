"""An environment's plan documents, read back from a directory: one per stack.

With domain stacks (issue 24), `dataplat plan --env E --out-dir DIR` writes `plan-E.json`
(the platform stack), `plan-E.<domain>.json` (each domain stack) and `plan-E.edges.json`
(the edges stack); a single-stack environment has `plan-E.json` only. `dataplat cost`,
`dataplat audit` and `dataplat diff` read them with `--env E` through this one reader, so
the file names and the checks on them live here once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.errors import UserError
from scripts.plan.plan_file import read_plan


@dataclass(frozen=True)
class StackPlan:
    """One stack's plan document and the file it came from."""

    path: Path
    document: dict[str, Any]

    @property
    def label(self) -> str:
        """`<project>/<stack>`: how reports name the stack."""
        return f"{self.document['project']}/{self.document['stack']}"


def plan_paths(directory: Path, env: str) -> list[Path]:
    """`plan-<env>.json` then every `plan-<env>.<x>.json` in `directory`, sorted. Raises
    UserError naming the directory when it or the platform's plan is missing."""
    if not directory.is_dir():
        raise UserError(f"{directory}: not a directory (--plans-dir)")
    platform = directory / f"plan-{env}.json"
    if not platform.is_file():
        raise UserError(
            f"{platform}: no such file; `dataplat plan --env {env} --out-dir {directory}` "
            "writes it (or `--stack` for a single-stack environment)"
        )
    return [platform, *sorted(directory.glob(f"plan-{env}.*.json"))]


def read_env_plans(
    directory: Path, env: str, reader: Callable[[Path], dict[str, Any]] = read_plan
) -> list[StackPlan]:
    """The environment's plans, the platform's first, each read by `reader` (a command's
    own plan checks). Raises UserError naming the file for one that is not a plan
    document, not of the environment, or a second plan of a stack."""
    plans: list[StackPlan] = []
    seen: dict[tuple[str, str], Path] = {}
    for path in plan_paths(directory, env):
        document = reader(path)
        project, stack = document.get("project"), document.get("stack")
        if not isinstance(project, str) or not isinstance(stack, str):
            raise UserError(f"{path}: a plan document needs `project` and `stack` strings")
        if stack != env and not stack.startswith(f"{env}."):
            raise UserError(f"{path}: a plan of stack {stack!r}, not of environment {env!r}")
        if (project, stack) in seen:
            raise UserError(
                f"{path}: a second plan of {project}/{stack} (first: {seen[project, stack]})"
            )
        seen[project, stack] = path
        plans.append(StackPlan(path, document))
    return plans


def union(plans: Sequence[StackPlan], env: str, *, references: bool = False) -> dict[str, Any]:
    """One document holding every stack's resources and violations (URNs keep their own
    stack and project, so none collide): what the tools that need the whole account
    (role graph, grants, masking) and the environment's totals read. `stack` is the
    environment's name, so the environment-derived settings are the platform stack's.

    With `references`, one resource per stack reference, depending on every resource of
    the stack it names (`scripts.plan.command.stack_reference_views`, what `dataplat plan
    --env` judges the union with): the ordering rules then see the order across stacks."""
    first = plans[0].document
    resources = [r for p in plans for r in p.document["resources"]]
    if references:
        # Imported here: the plan command loads the Pulumi SDK, which reading plans never needs.
        from scripts.plan.command import stack_reference_views

        resources += stack_reference_views([p.document for p in plans])
    return {
        "formatVersion": first.get("formatVersion"),
        "project": first.get("project"),
        "stack": env,
        "resources": resources,
        "outputs": first.get("outputs") or {},
        "violations": [v for p in plans for v in p.document.get("violations") or []],
        "diagnostics": [d for p in plans for d in p.document.get("diagnostics") or []],
    }


def stack_of(plans: Sequence[StackPlan]) -> dict[str, str]:
    """Each resource URN -> the label of the stack whose plan holds it."""
    return {r["urn"]: p.label for p in plans for r in p.document["resources"]}
