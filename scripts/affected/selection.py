"""The stacks a set of changed paths touches, per environment, each with its reasons.

A path's reach (`paths.classify`) becomes stacks through the environment's layout
(`scripts.orchestrate.targets.environment`, which reads `domain_stacks`):
- a domain's files: with `domain_stacks: true` its stack `E.<d>` and the edges stack (the
  domain's pipes and their queues are edges' inputs); with false, the platform stack `E`,
  which holds the domain. A removed domain file has no stack in the head: the split
  environment previews edges (which no longer reads it) and notes the orphaned stack;
- an environment's stack file or policy config: every stack of that environment;
- program code, the policy pack, unclassified paths: every stack of every environment.
  The domain and edges stacks are included because they read the platform's outputs:
  which outputs a platform change alters is known only after the platform's preview, so
  a selection made from the diff alone must include every reader.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scripts.affected.paths import Impact, Scope, classify
from scripts.orchestrate.targets import (
    EDGES,
    PLATFORM,
    Environment,
    environment,
    environment_names,
)

ALL = Impact(Scope.EVERY, "--all")


@dataclass
class Affected:
    """One environment's touched stacks: key -> the changed paths (with why) touching it."""

    env: Environment
    reasons: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        """The touched stacks' keys, in layer order."""
        return [t.key for t in self.env.stacks if t.key in self.reasons]

    def add(self, keys: Iterable[str], path: str, impact: Impact) -> None:
        """Record that `path` touches `keys`."""
        for key in keys:
            self.reasons.setdefault(key, []).append(f"{path} ({impact.reason})")


def environments(root: Path, only: Sequence[str] = ()) -> list[Environment]:
    """The project's environments in promotion order, or those `only` names (raises
    UserError naming one without a stack file)."""
    return [environment(root, name) for name in (only or environment_names(root))]


def affected(root: Path, changed: Iterable[str], only: Sequence[str] = ()) -> list[Affected]:
    """Every environment of the project at `root` (or those `only` names) with the stacks
    `changed` touches (one with no touched stack is listed with none)."""
    result = [Affected(env) for env in environments(root, only)]
    for path in sorted({p.strip() for p in changed if p.strip()}):
        impact = classify(path)
        for entry in result:
            _apply(entry, path, impact)
    return result


def everything(root: Path, only: Sequence[str] = ()) -> list[Affected]:
    """Every stack of every environment (or of those `only` names): what a deploy runs,
    each stack then skipped or not by its own digest (scripts/orchestrate/fingerprint.py)."""
    result = [Affected(env) for env in environments(root, only)]
    for entry in result:
        entry.add([t.key for t in entry.env.stacks], "(every stack)", ALL)
    return result


def _apply(entry: Affected, path: str, impact: Impact) -> None:
    env = entry.env
    every = [t.key for t in env.stacks]
    if impact.scope is Scope.EVERY or (
        impact.scope is Scope.ENVIRONMENT and impact.env == env.name
    ):
        entry.add(every, path, impact)
    elif impact.scope is Scope.DOMAIN and impact.domain is not None:
        if not env.split:
            entry.add([PLATFORM], path, impact)
        elif impact.domain in every:
            entry.add([impact.domain, EDGES], path, impact)
        else:
            entry.add([EDGES], path, impact)
            note = (
                f"domain {impact.domain} has no file after this change: its stack "
                f"{env.name}.{impact.domain} is not previewed and would be left behind; "
                f"destroy it first (`dataplat destroy --env {env.name} --only "
                f"{impact.domain}`, run on the base branch)"
            )
            if note not in entry.notes:
                entry.notes.append(note)
