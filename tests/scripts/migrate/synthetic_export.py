"""A `pulumi stack export` built from an offline plan: what the platform stack would hold.

Plan resources become export resources (deployment v3): URNs as the engine writes them
(the whole parent chain: scripts/plan/engine_checks.engine_urns), `provider` as
`<urn>::<id>`, parents, dependencies and inputs carried over, an id per custom resource.
"""

from __future__ import annotations

from typing import Any

from scripts.plan.engine_checks import engine_urns


def export_of(plan: dict[str, Any]) -> dict[str, Any]:
    """The export document of the plan's stack."""
    resources = plan["resources"]
    urn = engine_urns(resources)
    ids = {r["urn"]: _id(r) for r in resources}
    converted = []
    for r in resources:
        item: dict[str, Any] = {
            "urn": urn[r["urn"]],
            "custom": r["custom"],
            "type": r["type"],
            "inputs": r.get("inputs", {}),
            "outputs": r.get("outputs", {}),
            "dependencies": [urn.get(d, d) for d in r.get("dependencies") or []],
        }
        if r["custom"]:
            item["id"] = ids[r["urn"]]
        if r.get("parent"):
            item["parent"] = urn.get(r["parent"], r["parent"])
        if r.get("provider"):
            item["provider"] = f"{urn[r['provider']]}::{ids[r['provider']]}"
        if r.get("protect"):
            item["protect"] = True
        converted.append(item)
    return {"version": 3, "deployment": {"manifest": {}, "resources": _ordered(converted)}}


def _ordered(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parents, providers and dependencies before the resources that need them, as a
    real snapshot is ordered (the plan lists resources as the mocks finish them)."""
    by_urn = {r["urn"]: r for r in resources}
    done: set[str] = set()
    out: list[dict[str, Any]] = []

    def visit(urn: str) -> None:
        if urn in done or urn not in by_urn:
            return
        done.add(urn)
        r = by_urn[urn]
        needs = [r.get("parent"), (r.get("provider") or "").rpartition("::")[0]]
        for need in [*needs, *r["dependencies"]]:
            if need:
                visit(need)
        out.append(r)

    for r in resources:
        visit(r["urn"])
    return out


def _id(resource: dict[str, Any]) -> str:
    outputs = resource.get("outputs") or {}
    return str(outputs.get("id") or f"{resource['name']}-id")
