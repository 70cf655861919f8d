"""Which stacks an environment has, and which of them a run selects.

The platform stack is the environment's stack of today's project (`dev`, in the project
`data-platform` at the project root). Each domain file `stacks/domains/<name>.yaml` adds a
domain stack `<env>.<name>` of the second project `data-platform-domain`, kept in
`domains/` (its own `Pulumi.yaml`, so `scripts/project_root.py` still finds the platform).
The names are derived, never written down: a new domain file is a new stack.
"""

from __future__ import annotations

import argparse
import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.errors import UserError

PLATFORM_PROJECT = "data-platform"
DOMAIN_PROJECT = "data-platform-domain"
DOMAIN_PROJECT_DIR = "domains"
DOMAINS_DIR = Path("stacks") / "domains"
# What --only/--except and the summary call the platform stack; no domain may take it.
PLATFORM = "platform"
# The organisation of fully qualified names on a DIY backend (`organization` is literal
# there: https://www.pulumi.com/docs/iac/concepts/stacks/#stackreferences).
DIY_ORGANIZATION = "organization"


@dataclass(frozen=True)
class StackTarget:
    """One stack of an environment.

    Attributes:
        key: What the summary and --only/--except call it: `platform` or the domain's name.
        stack: The stack's name in its project (`dev`, `dev.marketing`).
        project: The Pulumi project it belongs to.
        work_dir: The directory holding that project's `Pulumi.yaml`.
        domain: The domain's name, or None for the platform stack.
        inputs: Files whose bytes make the domain stack's inputs (its domain file and
            the files beside it, e.g. its contracts). Empty for the platform stack.
    """

    key: str
    stack: str
    project: str
    work_dir: Path
    domain: str | None = None
    inputs: tuple[Path, ...] = ()

    def qualified(self, organization: str) -> str:
        """`<org>/<project>/<stack>`: how another stack and `pulumi state move` name it."""
        return f"{organization}/{self.project}/{self.stack}"


@dataclass(frozen=True)
class Environment:
    """An environment's platform stack and its domain stacks (sorted by name)."""

    name: str
    platform: StackTarget
    domains: tuple[StackTarget, ...]


def environment(root: Path, env: str) -> Environment:
    """The stacks of `env` in the project at `root`. Raises UserError without its stack file."""
    stack_file = root / "stacks" / f"Pulumi.{env}.yaml"
    if not stack_file.is_file():
        raise UserError(f"{stack_file}: no such stack file; --env names a stacks/Pulumi.<env>.yaml")
    platform = StackTarget(PLATFORM, env, PLATFORM_PROJECT, root)
    domains_dir = root / DOMAINS_DIR
    files = sorted(domains_dir.glob("*.yaml")) if domains_dir.is_dir() else []
    return Environment(env, platform, tuple(_domain_target(root, env, f) for f in files))


def _domain_target(root: Path, env: str, domain_file: Path) -> StackTarget:
    name = domain_file.stem
    if name == PLATFORM:
        raise UserError(f"{domain_file}: `{PLATFORM}` names the platform stack; rename the domain")
    beside = domain_file.parent / name
    extra = sorted(p for p in beside.rglob("*") if p.is_file()) if beside.is_dir() else []
    return StackTarget(
        key=name,
        stack=f"{env}.{name}",
        project=DOMAIN_PROJECT,
        work_dir=root / DOMAIN_PROJECT_DIR,
        domain=name,
        inputs=(domain_file, *extra),
    )


def select(
    env: Environment, only: Sequence[str], excluded: Sequence[str]
) -> tuple[StackTarget, ...]:
    """The stacks a run touches, platform first: those matching an --only pattern (all
    without one), less those matching an --except pattern. Patterns are shell globs on
    the stack's key (`platform`, a domain's name). Raises UserError naming a pattern
    that matches no stack, so a typo never runs nothing (or everything) silently."""
    every = (env.platform, *env.domains)
    keys = [t.key for t in every]
    for pattern in (*only, *excluded):
        if not fnmatch.filter(keys, pattern):
            known = ", ".join(keys)
            raise UserError(f"--only/--except {pattern!r} matches no stack of {env.name} ({known})")
    chosen = [t for t in every if not only or any(fnmatch.fnmatchcase(t.key, p) for p in only)]
    return tuple(t for t in chosen if not any(fnmatch.fnmatchcase(t.key, p) for p in excluded))


def add_org_argument(parser: argparse.ArgumentParser) -> None:
    """`--org`: the organisation in fully qualified stack names (default a DIY backend's)."""
    parser.add_argument(
        "--org",
        default=DIY_ORGANIZATION,
        help=f"the backend's organisation (default `{DIY_ORGANIZATION}`, a DIY backend's)",
    )
