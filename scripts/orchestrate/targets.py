"""Which stacks an environment has, in which layer, and which of them a run selects.

`domain_stacks` in the environment's platform object (`stacks/Pulumi.<env>.yaml`, read and
validated by `stacks.stack_file.load_stack_file`) decides the layout:
- false (the default): ONE stack, the platform stack `<env>` of today's project
  (`data-platform`, at the project root), holding every domain;
- true: three layers, run in this order: (1) the platform stack `<env>`; (2) one stack
  `<env>.<domain>` per domain file `stacks/domains/<domain>.yaml`, in the second project
  `data-platform-domain` (directory `domains/`); (3) the edges stack `<env>` of the third
  project `data-platform-edges` (directory `edges/`), which holds each zone bucket's one S3
  notification configuration and reads the platform's and every domain stack's outputs.
Each project directory has its own `Pulumi.yaml`, so `scripts/project_root.py` still finds
the platform. The names are derived, never written down: a new domain file is a new stack.
"""

from __future__ import annotations

import argparse
import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from policies.rules.facts.stack_layout import (
    DIY_ORGANIZATION,
    DOMAIN_PROJECT,
    DOMAIN_PROJECT_DIR,
    EDGES_PROJECT,
    EDGES_PROJECT_DIR,
    PLATFORM_PROJECT,
    RESERVED_DOMAIN_NAMES,
    domain_stack,
    qualified,
)
from scripts.errors import UserError
from stacks.stack_file import ConfigError, load_stack_file

DOMAINS_DIR = Path("stacks") / "domains"
# What --only/--except and the summary call the platform and edges stacks; no domain may
# take either name (RESERVED_DOMAIN_NAMES: the domain's key would shadow the stack's).
PLATFORM = "platform"
EDGES = "edges"


class Layer(IntEnum):
    """The order layers run in (`destroy`: reversed)."""

    PLATFORM = 1
    DOMAINS = 2
    EDGES = 3


@dataclass(frozen=True)
class StackTarget:
    """One stack of an environment.

    Attributes:
        key: What the summary and --only/--except call it: `platform`, `edges` or the
            domain's name.
        stack: The stack's name in its project (`dev`, `dev.marketing`).
        project: The Pulumi project it belongs to.
        work_dir: The directory holding that project's `Pulumi.yaml`.
        domain: The domain's name, or None for the platform and edges stacks.
        inputs: Files whose bytes make the domain stack's inputs (its domain file and
            the files beside it, e.g. its contracts). Empty for the platform and edges.
        layer: Which layer the stack runs in.
    """

    key: str
    stack: str
    project: str
    work_dir: Path
    domain: str | None = None
    inputs: tuple[Path, ...] = ()
    layer: Layer = Layer.PLATFORM

    def qualified(self, organization: str) -> str:
        """`<org>/<project>/<stack>`: how another stack and `pulumi state move` name it."""
        return qualified(organization, self.project, self.stack)


@dataclass(frozen=True)
class Environment:
    """An environment's stacks: the platform, its domain stacks (sorted by name) and the
    edges stack; `split` False means the platform stack is the only one (no domain stacks,
    no edges)."""

    name: str
    platform: StackTarget
    domains: tuple[StackTarget, ...]
    edges: StackTarget | None = None

    @property
    def split(self) -> bool:
        """Whether the domains live in stacks of their own (`domain_stacks: true`)."""
        return self.edges is not None

    @property
    def stacks(self) -> tuple[StackTarget, ...]:
        """Every stack, in layer order."""
        return (self.platform, *self.domains, *((self.edges,) if self.edges else ()))


# Environments in promotion order; others after them, by name.
ENVIRONMENT_ORDER = ("dev", "staging", "prod")


def environment_names(root: Path) -> list[str]:
    """Every environment of the project: each `stacks/Pulumi.<env>.yaml`, dev, staging,
    prod first."""
    names = [p.name.removeprefix("Pulumi.").removesuffix(".yaml") for p in _stack_files(root)]
    known = [n for n in ENVIRONMENT_ORDER if n in names]
    return known + sorted(n for n in names if n not in ENVIRONMENT_ORDER)


def _stack_files(root: Path) -> list[Path]:
    return sorted((root / "stacks").glob("Pulumi.*.yaml"))


def stack_file(root: Path, env: str) -> Path:
    """`stacks/Pulumi.<env>.yaml` of the project at `root`."""
    return root / "stacks" / f"Pulumi.{env}.yaml"


def domain_stacks_enabled(root: Path, env: str) -> bool:
    """`domain_stacks` of the environment's validated platform object. Raises UserError
    naming the file (and field and line) when it is missing or invalid."""
    path = stack_file(root, env)
    if not path.is_file():
        raise UserError(f"{path}: no such stack file; --env names a stacks/Pulumi.<env>.yaml")
    try:
        return load_stack_file(path).platform.domain_stacks
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def domain_files(root: Path) -> list[Path]:
    """The domain files, sorted; raises UserError naming a file whose name is reserved."""
    directory = root / DOMAINS_DIR
    files = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    for path in files:
        if path.stem in RESERVED_DOMAIN_NAMES:
            raise UserError(f"{path}: `{path.stem}` names the {path.stem} stack; rename it")
    return files


def environment(root: Path, env: str) -> Environment:
    """The stacks of `env` in the project at `root` (see the module docstring). Raises
    UserError without a valid stack file or with a domain of a reserved name."""
    split = domain_stacks_enabled(root, env)
    files = domain_files(root)
    platform = StackTarget(PLATFORM, env, PLATFORM_PROJECT, root)
    if not split:
        return Environment(env, platform, ())
    edges = StackTarget(EDGES, env, EDGES_PROJECT, root / EDGES_PROJECT_DIR, layer=Layer.EDGES)
    return Environment(env, platform, tuple(_domain_target(root, env, f) for f in files), edges)


def _domain_target(root: Path, env: str, domain_file: Path) -> StackTarget:
    name = domain_file.stem
    beside = domain_file.parent / name
    extra = sorted(p for p in beside.rglob("*") if p.is_file()) if beside.is_dir() else []
    return StackTarget(
        key=name,
        stack=domain_stack(env, name),
        project=DOMAIN_PROJECT,
        work_dir=root / DOMAIN_PROJECT_DIR,
        domain=name,
        inputs=(domain_file, *extra),
        layer=Layer.DOMAINS,
    )


def select(
    env: Environment, only: Sequence[str], excluded: Sequence[str]
) -> tuple[StackTarget, ...]:
    """The stacks a run touches, in layer order: those matching an --only pattern (all
    without one), less those matching an --except pattern. Patterns are shell globs on
    the stack's key (`platform`, `edges`, a domain's name). Raises UserError naming a
    pattern that matches no stack, so a typo never runs nothing (or everything) silently;
    with `domain_stacks: false` the message says the platform stack is the only one."""
    every = env.stacks
    keys = [t.key for t in every]
    for pattern in (*only, *excluded):
        if not fnmatch.filter(keys, pattern):
            known = ", ".join(keys)
            single = "" if env.split else " (domain_stacks is false: one stack holds every domain)"
            raise UserError(
                f"--only/--except {pattern!r} matches no stack of {env.name} ({known}){single}"
            )
    chosen = [t for t in every if not only or any(fnmatch.fnmatchcase(t.key, p) for p in only)]
    return tuple(t for t in chosen if not any(fnmatch.fnmatchcase(t.key, p) for p in excluded))


def add_org_argument(parser: argparse.ArgumentParser) -> None:
    """`--org`: the organisation in fully qualified stack names (default a DIY backend's)."""
    parser.add_argument(
        "--org",
        default=DIY_ORGANIZATION,
        help=f"the backend's organisation (default `{DIY_ORGANIZATION}`, a DIY backend's)",
    )
