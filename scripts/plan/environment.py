"""`dataplat plan --env E`: every stack of an environment, in one process, in deploy order.

An environment whose platform config says `domain_stacks: false` is its platform stack
alone. Split (docs/design/domain-stacks.md), it is the platform stack, one stack per
domain file (project `data-platform-domain`), then the edges stack (project
`data-platform-edges`), planned in that order. Each later stack's `StackReference`s read
the outputs of the stacks planned before it (the mocks answer them from the plans), so a
reference to a stack or output that does not exist fails that stack's plan with an error
naming both stacks. A domain or edges stack's config is the platform's plus its own key,
as `dataplat up --env` generates it (scripts/orchestrate/fingerprint.py): nobody writes it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policies.rules.facts.stack_layout import (
    DIY_ORGANIZATION,
    DOMAIN_KEY,
    DOMAIN_PROJECT,
    DOMAIN_PROJECT_DIR,
    EDGES_PROJECT_DIR,
    domain_stack,
    qualified,
)
from scripts.errors import UserError
from scripts.plan.plan_file import read_plan
from scripts.plan.project import Project, StackConfig, load_project, load_stack_config


@dataclass(frozen=True)
class EnvironmentStack:
    """One stack of an environment as `plan --env` plans it.

    Attributes:
        label: Its file label: `E` (platform), `E.<domain>`, `E.edges`.
        project: Its Pulumi project.
        stack: Its stack name inside the project.
        config: Its config (the platform's, plus the domain key for a domain stack).
        modules_dir: Where its program's packages live (the repository root).
    """

    label: str
    project: Project
    stack: str
    config: StackConfig
    modules_dir: Path

    @property
    def qualified_name(self) -> str:
        """`organization/<project>/<stack>`, as a StackReference names it offline."""
        return qualified(DIY_ORGANIZATION, self.project.name, self.stack)


def environment_stacks(
    root: Project, config_file: Path, environment: str, account_id: str | None, region: str | None
) -> list[EnvironmentStack]:
    """The environment's stacks in deploy order. Raises UserError for a bad stack file."""
    config = load_stack_config(root, config_file, environment, account_id, region)
    platform = EnvironmentStack(environment, root, environment, config, root.directory)
    if not config.domain_stacks:
        return [platform]
    domains = load_project(root.directory / DOMAIN_PROJECT_DIR)
    edges = load_project(root.directory / EDGES_PROJECT_DIR)
    stacks = [platform]
    for name in config.domain_names:
        stack = domain_stack(environment, name)
        values = {**config.values, f"{DOMAIN_PROJECT}:{DOMAIN_KEY}": name}
        stacks.append(
            EnvironmentStack(
                stack,
                domains,
                stack,
                dataclasses.replace(config, stack=stack, values=values),
                root.directory,
            )
        )
    stacks.append(
        EnvironmentStack(f"{environment}.edges", edges, environment, config, root.directory)
    )
    return stacks


def plan_environment(
    stacks: list[EnvironmentStack],
    plan_one: Callable[[EnvironmentStack, dict[str, dict[str, Any]]], dict[str, Any]],
    known: dict[str, dict[str, Any]] | None = None,
) -> Iterator[tuple[EnvironmentStack, dict[str, Any]]]:
    """Plan each stack in order with `plan_one(stack, outputs so far)`, yielding its
    document; each plan's stack outputs are what later stacks' references read (`known`:
    the outputs of stacks planned earlier, by qualified name)."""
    outputs: dict[str, dict[str, Any]] = dict(known or {})
    for stack in stacks:
        document = plan_one(stack, outputs)
        outputs[stack.qualified_name] = dict(document.get("outputs") or {})
        yield stack, document


def only_domains(
    stacks: list[EnvironmentStack], environment: str, names: list[str]
) -> list[EnvironmentStack]:
    """The domain stacks of `names`, in deploy order. Raises UserError for a name that is
    no domain stack of the environment (or an environment that is not split)."""
    by_label = {s.label: s for s in stacks}
    chosen = []
    for name in dict.fromkeys(names):
        label = domain_stack(environment, name)
        if label not in by_label or by_label[label].project.name != DOMAIN_PROJECT:
            domains = sorted(s.label for s in stacks if s.project.name == DOMAIN_PROJECT)
            raise UserError(
                f"--only {name}: no domain stack {label} in environment {environment} "
                f"(its domain stacks: {', '.join(domains) or 'none: domain_stacks is off'})"
            )
        chosen.append(by_label[label])
    return chosen


def referenced_plans(directory: Path | None, labels: list[str]) -> list[dict[str, Any]]:
    """The JSON plans `plan-<label>.json` of `directory` (as `plan --env` writes them), of
    the `labels` present. Raises UserError when there is none or one cannot be read."""
    if directory is None or not directory.is_dir():
        raise UserError(f"--references: {directory} is no directory")
    documents = []
    for path in (directory / f"plan-{label}.json" for label in labels):
        if not path.is_file():
            continue
        document = read_plan(path)  # the project's input reader: size, duplicate keys, depth
        if "project" not in document:
            raise UserError(f"{path}: not a plan document (no project)")
        documents.append(document)
    if not documents:
        names = ", ".join(f"plan-{label}.json" for label in labels)
        raise UserError(f"--references: {directory} holds none of {names}")
    return documents


def outputs_of(documents: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each plan's stack outputs by the qualified name its references use."""
    return {
        qualified(DIY_ORGANIZATION, d["project"], d["stack"]): dict(d.get("outputs") or {})
        for d in documents
    }
