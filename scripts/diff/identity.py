"""Which base resource a head resource continues: the engine's URNs, resolved through aliases.

The plan document keys resources by the mocks' URN, which keeps only the parent's last
type; the engine's URN carries the whole parent type chain (`deployment.generateURN`), so
renaming a component's type changes the URN of every descendant. The guard therefore
compares engine URNs (`scripts.plan.engine_checks.engine_urns`).

A head resource whose engine URN is not in the base may still continue a base resource
through its `aliases` (captured in the plan document) or through an alias of one of its
ancestors: the engine derives a child's aliases from its parent's (`generateAliases` in
pulumi/pulumi `pkg/resource/deploy/step_generator.go`), so `aliases=[pulumi.Alias(type_=...)]`
on a renamed component keeps every child too.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import Any

from scripts.plan.engine_checks import URN_PREFIX, engine_urns
from scripts.plan.engine_checks import _engine_urn as engine_urn


def base_identities(base: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Each base resource's URN (the mocks') mapped to its engine URN."""
    return engine_urns(base)


def head_identities(head: Sequence[dict[str, Any]], known: Container[str]) -> dict[str, str]:
    """Each head resource's URN (the mocks') mapped to the engine URN it is known by in the
    base: its own when `known` has it, else the first of its aliases `known` has, else its own.
    """
    own = engine_urns(head)
    by_urn = {r["urn"]: r for r in head}
    alternatives: dict[str, list[str]] = {}

    def aliases_of(urn: str) -> list[str]:
        """The engine URNs `urn` may have had before, its own excluded."""
        if urn in alternatives:
            return alternatives[urn]
        r = by_urn[urn]
        stack, project = urn.removeprefix(URN_PREFIX).split("::")[:2]
        parent = r.get("parent") or ""
        parents = [own.get(parent, parent)]
        if parent in by_urn:
            parents += aliases_of(parent)
        found: list[str] = [engine_urn(stack, project, p, r["type"], r["name"]) for p in parents]
        for spec in r.get("aliases") or []:
            if spec.get("urn"):
                found.append(spec["urn"])
                continue
            spec_parents = parents
            if spec.get("noParent"):
                spec_parents = [""]
            elif spec.get("parent"):
                spec_parents = [own.get(spec["parent"], spec["parent"])]
            found += [
                engine_urn(
                    spec.get("stack") or stack,
                    spec.get("project") or project,
                    p,
                    spec.get("type") or r["type"],
                    spec.get("name") or r["name"],
                )
                for p in spec_parents
            ]
        alternatives[urn] = [u for u in dict.fromkeys(found) if u != own[urn]]
        return alternatives[urn]

    resolved: dict[str, str] = {}
    for urn, engine in own.items():
        if engine in known:
            resolved[urn] = engine
        else:
            resolved[urn] = next((a for a in aliases_of(urn) if a in known), engine)
    return resolved
