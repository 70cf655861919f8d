"""`pulumi state move`'s semantics, applied to two exports' resource lists.

Ported from pulumi/pulumi `pkg/cmd/pulumi/state/state_move.go` (commit 055a380c) and
`pkg/resource/graph/dependency_graph.go` (`ChildrenOf`: every descendant), as documented in
https://www.pulumi.com/docs/iac/operations/stack-management/moving-resources-between-stacks/:

- the named URNs move with all their descendants ("You only need to specify the URNs of
  top-level resources"); naming a provider is an error ("cannot move providers");
- the providers the moved resources use are copied (they stay in the source too), under
  the destination's root stack unless their parent moves; one already in the destination
  with the same URN and ID is reused, one with equal inputs is substituted, else an error;
- a moved resource whose parent stays is re-parented to the destination's root stack, but
  keeps its URN's qualified type (only stack and project are renamed);
- dependencies (`dependencies`, `propertyDependencies`, `deletedWith`) between a moved and
  a remaining resource are dropped on both sides (the command lists them as warnings);
- the destination gets a root stack resource when it has none.

The CLI prompts and saves snapshots; here the result is returned, inputs untouched.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field

from policies.rules.facts import tokens
from scripts.migrate.export import Resource
from scripts.migrate.urns import provider_reference, provider_urn, rename

PROVIDER_PREFIX = "pulumi:providers:"
STACK_TYPE = tokens.PULUMI_STACK


class MoveError(Exception):
    """The move the CLI would refuse (a provider named, a URN already in the destination)."""


@dataclass
class Moved:
    """The two stacks after a move, and the dependencies it dropped (as the CLI lists)."""

    source: list[Resource]
    dest: list[Resource]
    moved: list[str] = field(default_factory=list)
    broken_in_source: list[tuple[str, str]] = field(default_factory=list)
    broken_in_dest: list[tuple[str, str]] = field(default_factory=list)


def state_move(
    source: Sequence[Resource],
    dest: Sequence[Resource],
    urns: Sequence[str],
    dest_stack: str,
    dest_project: str,
) -> Moved:
    """`pulumi state move --source S --dest D <urns>` on copies of the two resource lists."""
    source = copy.deepcopy(list(source))
    target: list[Resource] = copy.deepcopy(list(dest))
    named = set(urns)
    to_move: dict[str, Resource] = {}
    for r in source:
        if r["urn"] in named:
            if r["type"].startswith(PROVIDER_PREFIX):
                raise MoveError(f"cannot move providers: {r['urn']}")
            if r["type"] != STACK_TYPE:
                to_move[r["urn"]] = r
    if not to_move:
        raise MoveError("no resources found to move")
    for r in list(to_move.values()):
        for child in _descendants(source, r["urn"]):
            to_move[child["urn"]] = child
    providers_used = {r["provider"] for r in to_move.values() if r.get("provider")}

    remaining = [r for r in source if r["urn"] not in to_move]
    remaining_urns = {r["urn"] for r in remaining}
    result = Moved(source=remaining, dest=target)
    for r in remaining:
        result.broken_in_source += _break(r, set(to_move))

    root = next((r for r in target if r["type"] == STACK_TYPE and not r.get("parent")), None)
    if root is None:
        root_urn = f"urn:pulumi:{dest_stack}::{dest_project}::{STACK_TYPE}::"
        root = {"urn": f"{root_urn}{dest_project}-{dest_stack}", "type": STACK_TYPE}
        root.update(custom=False)
        target.insert(0, root)
    in_dest = {r["urn"]: r for r in target}
    substitute: dict[str, str] = {}
    for r in remaining:
        reference = provider_reference(r["urn"], str(r.get("id", "")))
        if reference not in providers_used:
            continue
        copied = copy.deepcopy(r)
        if copied.get("parent") not in to_move:
            copied["parent"] = root["urn"]
        _rewrite(copied, dest_stack, dest_project, {})
        existing = in_dest.get(copied["urn"])
        if existing is not None:
            if existing.get("id") == copied.get("id"):
                continue
            if existing.get("inputs") == copied.get("inputs"):
                substitute[reference] = provider_reference(existing["urn"], existing["id"])
                continue
            raise MoveError(f"provider {copied['urn']} already exists in destination stack")
        target.append(copied)
        in_dest[copied["urn"]] = copied

    for r in source_order(source, to_move):
        moved = copy.deepcopy(r)
        if moved.get("parent") not in to_move:
            moved["parent"] = root["urn"]
        result.broken_in_dest += _break(moved, remaining_urns)
        _rewrite(moved, dest_stack, dest_project, substitute)
        if moved["urn"] in in_dest:
            raise MoveError(f"resource {moved['urn']} already exists in destination stack")
        target.append(moved)
        in_dest[moved["urn"]] = moved
        result.moved.append(r["urn"])
    return result


def source_order(source: Sequence[Resource], chosen: dict[str, Resource]) -> list[Resource]:
    """The chosen resources in the source's order (parents before children)."""
    return [r for r in source if r["urn"] in chosen]


def _descendants(resources: Sequence[Resource], urn: str) -> list[Resource]:
    children: dict[str, list[Resource]] = {}
    for r in resources:
        if r.get("parent"):
            children.setdefault(r["parent"], []).append(r)
    found: list[Resource] = []
    stack = list(children.get(urn, []))
    while stack:
        r = stack.pop()
        found.append(r)
        stack.extend(children.get(r["urn"], []))
    return found


def _break(r: Resource, gone: set[str]) -> list[tuple[str, str]]:
    """Drop `r`'s dependencies on `gone` (`breakDependencies`); return (resource, dependency)."""
    broken = [(r["urn"], d) for d in r.get("dependencies") or [] if d in gone]
    r["dependencies"] = [d for d in r.get("dependencies") or [] if d not in gone]
    kept: dict[str, list[str]] = {}
    for key, deps in (r.get("propertyDependencies") or {}).items():
        broken += [(r["urn"], d) for d in deps if d in gone]
        if [d for d in deps if d not in gone]:
            kept[key] = [d for d in deps if d not in gone]
    r["propertyDependencies"] = kept
    if r.get("deletedWith") in gone:
        broken.append((r["urn"], r["deletedWith"]))
        r["deletedWith"] = ""
    return broken


def _rewrite(r: Resource, stack: str, project: str, substitute: dict[str, str]) -> None:
    """`rewriteURNs`: every URN the resource holds, renamed to the destination."""
    r["urn"] = rename(r["urn"], stack, project)
    if r.get("provider"):
        reference = r["provider"]
        if reference in substitute:
            r["provider"] = substitute[reference]
        else:
            _, _, id_ = reference.rpartition("::")
            r["provider"] = provider_reference(rename(provider_urn(reference), stack, project), id_)
    if r.get("parent"):
        r["parent"] = rename(r["parent"], stack, project)
    r["dependencies"] = [rename(d, stack, project) for d in r.get("dependencies") or []]
    r["propertyDependencies"] = {
        k: [rename(d, stack, project) for d in v]
        for k, v in (r.get("propertyDependencies") or {}).items()
    }
    if r.get("deletedWith"):
        r["deletedWith"] = rename(r["deletedWith"], stack, project)
