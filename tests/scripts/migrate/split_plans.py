"""An environment's plan documents after the split, made from its single-stack plan.

Until `dataplat plan --env` writes them, the environment's stacks are derived here from
today's plan with the migration itself (scripts/migrate/plan.py on the plan's export):
each resource goes where the migration moves it (a domain stack `<env>.<domain>` of
`data-platform-domain`, the edges stack `<env>` of `data-platform-edges`), else stays in
the platform's. What a split program registers is modelled as domain-stacks.md section 6
says: a moved resource whose parent stays is registered at the new stack's root with an
alias naming the URN `pulumi state move` leaves in state; its children keep their names
and parents; the providers the moved resources use are registered in the new stack too
(the move copies them), at its root with an alias; dependencies on another stack's
resources are kept, naming that resource's URN in its own stack: the orchestrator's order
(platform, then domains, then edges) guarantees what the dependency did, and the union of
the stacks then orders like the single stack (the preflight rules read dependencies).

URNs are the mocks' (`urn:pulumi:<stack>::<project>::<parent's last type>$<type>::<name>`,
the root's children `pulumi:pulumi:Stack$<type>`), as `dataplat plan` writes them.
"""

from __future__ import annotations

import copy
from typing import Any

from scripts.migrate.ownership import EDGES_PROJECT
from scripts.migrate.plan import migration
from scripts.migrate.urns import identity, rename
from scripts.orchestrate.targets import PLATFORM_PROJECT
from scripts.plan.engine_checks import engine_urns
from tests.scripts.migrate.synthetic_export import export_of

STACK = "pulumi:pulumi:Stack"


def split_plans(plan: dict[str, Any], *, aliases: bool = True) -> dict[str, dict[str, Any]]:
    """The environment's plan documents by file name (`plan-<env>.json`,
    `plan-<env>.<domain>.json`, `plan-<env>.edges.json`). With `aliases=False` the moved
    resources carry none (a split program that forgot them)."""
    env = plan["stack"]
    planned = migration(export_of(plan)["deployment"]["resources"], env, "plan")
    engine = engine_urns(plan["resources"])
    # Where each plan resource goes: (stack, project) by its identity in the migration.
    dests: dict[str, list[tuple[str, str, str]]] = {}
    for move in planned.all_moves():
        suffix = "edges" if move.project == EDGES_PROJECT else move.domain
        for old in move.identity_map:
            dests.setdefault(old, []).append((move.dest_stack, move.project, suffix))
    documents: dict[str, dict[str, Any]] = {}
    placed: dict[tuple[str, str], dict[str, str]] = {}  # (stack, project) -> old -> new URN
    for r in _parents_first(plan["resources"]):
        for stack, project, suffix in dests.get(identity(engine[r["urn"]]), []):
            key = f"plan-{env}.{suffix}.json"
            doc = documents.setdefault(key, _empty(plan, stack, project))
            placed.setdefault((stack, project), {})
            doc["resources"].append(_placed(r, engine[r["urn"]], stack, project, placed, aliases))
    platform = copy.deepcopy(plan)
    moved = {
        r["urn"]
        for r in plan["resources"]
        if dests.get(identity(engine[r["urn"]])) and not r["type"].startswith("pulumi:providers:")
    }
    platform["resources"] = [r for r in platform["resources"] if r["urn"] not in moved]
    platform["violations"] = [v for v in plan["violations"] if v.get("urn") not in moved]
    out = {f"plan-{env}.json": platform}
    elsewhere = {
        old: new for inside in placed.values() for old, new in inside.items() if old in moved
    }
    for key, doc in sorted(documents.items()):
        inside = placed[(doc["stack"], doc["project"])]
        for r in doc["resources"]:
            r["dependencies"] = [inside.get(d) or elsewhere.get(d, d) for d in r["dependencies"]]
            if r.get("provider"):
                r["provider"] = inside[r["provider"]]
        doc["resources"].sort(key=lambda r: r["urn"])
        out[key] = doc
    for doc in out.values():
        assert doc["project"] in (PLATFORM_PROJECT, EDGES_PROJECT) or "." in doc["stack"]
    return out


def _parents_first(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan's resources (sorted by URN) with each parent before its children."""
    by_urn = {r["urn"]: r for r in resources}

    def depth(r: dict[str, Any]) -> int:
        parent = by_urn.get(r.get("parent") or "")
        return 0 if parent is None else 1 + depth(parent)

    return sorted(resources, key=depth)


def _empty(plan: dict[str, Any], stack: str, project: str) -> dict[str, Any]:
    root = f"urn:pulumi:{stack}::{project}::{STACK}::{project}-{stack}"
    resource = {"urn": root, "type": STACK, "name": f"{project}-{stack}", "custom": False}
    resource.update(parent=None, dependencies=[], provider=None, protect=False)
    resource.update(retainOnDelete=False, inputs={}, outputs={})
    document = {k: v for k, v in plan.items() if k not in ("resources", "outputs", "violations")}
    document.update(project=project, stack=stack, resources=[resource], outputs={}, violations=[])
    return document


def _placed(
    r: dict[str, Any],
    engine_urn: str,
    stack: str,
    project: str,
    placed: dict[tuple[str, str], dict[str, str]],
    aliases: bool,
) -> dict[str, Any]:
    """`r` as the split program registers it in (stack, project)."""
    inside = placed[(stack, project)]
    moved = copy.deepcopy(r)
    root = f"urn:pulumi:{stack}::{project}::{STACK}::{project}-{stack}"
    if r.get("parent") in inside:
        moved["urn"] = rename(r["urn"], stack, project)
        moved["parent"] = inside[r["parent"]]
    else:
        moved["urn"] = f"urn:pulumi:{stack}::{project}::{STACK}${r['type']}::{r['name']}"
        moved["parent"] = root
        if aliases:
            moved["aliases"] = [{"urn": rename(engine_urn, stack, project)}]
    inside[r["urn"]] = moved["urn"]
    return moved
