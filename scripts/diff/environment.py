"""The destroy guard across an environment's stacks: per stack, and moves between them.

`dataplat diff --env E BASE_DIR HEAD_DIR` compares every stack's plan of the base with the
head's (`plan-E.json`, `plan-E.<domain>.json`, `plan-E.edges.json`; a base with the
platform's plan only is the environment before the split). Each resource is compared in
its stack, as `dataplat diff BASE HEAD` does; a resource that leaves one stack and appears
in another is a **move**, not a delete and a create, when the head resource's aliases (its
own or an ancestor's) name the URN `pulumi state move` gives the base resource in the head's
stack (stack and project renamed, type chain kept: scripts/migrate/urns.py `rename`;
docs/design/domain-stacks.md section 6). A move is then compared like any continuation (an
input changed on the way is an update or a replacement). A provider stays where it was
too (the move copies providers); moves count cloud resources only.

Without those aliases the engine would delete the resource in one stack and create it in
the other (a stateful one blocks); when the two have the same identity under the
migration's identity map (`urns.identity`, `urns.continues`), the delete says so and what
alias is missing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from scripts.diff.changes import PROVIDER_PREFIX, Change, changes_of, match
from scripts.env_plans import StackPlan, union
from scripts.migrate.urns import continues, identity, parts, rename
from scripts.plan.engine_checks import engine_urns


@dataclass(frozen=True)
class EnvironmentDiff:
    """The changes across the environment, and the moves between its stacks.

    Attributes:
        changes: Every change, keyed by engine URN (its stack and project in it).
        moves: (from `project/stack`, to `project/stack`) -> how many custom resources move
            (copied providers not counted).
    """

    changes: list[Change]
    moves: dict[tuple[str, str], int]


def compare_environment(
    base: Sequence[StackPlan], head: Sequence[StackPlan], env: str
) -> EnvironmentDiff:
    """The changes that turn the base environment's plans into the head's."""
    base_doc, head_doc = union(base, env), union(head, env)
    by_identity: dict[str, list[str]] = {}
    for urn in engine_urns(base_doc["resources"]).values():
        by_identity.setdefault(identity(urn), []).append(urn)

    def moved_from(urn: str) -> str | None:
        """The base resource of another stack whose state move ends at `urn`, if any."""
        here = parts(urn)[:2]
        for candidate in by_identity.get(identity(urn), ()):
            if parts(candidate)[:2] != here and rename(candidate, *here) == urn:
                return candidate
        return None

    matching = match(base_doc, head_doc, moved_from)
    changes = changes_of(base_doc, head_doc, matching)
    _note_missing_aliases(changes)
    heads = {r["urn"]: r for r in head_doc["resources"]}
    moves = Counter(
        (_label(source), _label(matching.head_ids[m]))
        for m, source in matching.sources.items()
        if heads[m].get("custom") and not heads[m]["type"].startswith(PROVIDER_PREFIX)
    )
    return EnvironmentDiff(changes, dict(sorted(moves.items())))


def _note_missing_aliases(changes: list[Change]) -> None:
    """A delete in one stack whose identity a create in another continues: a move whose
    destination program lacks the alias."""
    created: dict[str, list[Change]] = {}
    for c in changes:
        if c.op == "create":
            created.setdefault(c.name, []).append(c)
    for c in changes:
        if c.op != "delete":
            continue
        for other in created.get(c.name, []):
            there = parts(other.urn)[:2]
            if there != parts(c.urn)[:2] and continues(identity(c.urn), identity(other.urn)):
                c.note = (
                    f"moved to {_label(other.urn)} without an alias: the state move leaves it "
                    f"at {rename(c.urn, *there)}; the component registered at that stack's "
                    "root must alias its moved URN (`dataplat migrate domain-stacks --format "
                    "json` lists them), or the engine deletes it here and creates it there"
                )
                break


def _label(urn: str) -> str:
    """`project/stack` of a URN."""
    stack, project = parts(urn)[:2]
    return f"{project}/{stack}"
