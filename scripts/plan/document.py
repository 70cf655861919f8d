"""The plan document: what a stack would register, in the shape ARCHITECTURE.md fixes.

Other tools (policy evaluation, audits, PR comments) read this document, so its
keys are stable: resources keep the engine's camelCase input names and are sorted
by URN, so the same program and config always give the same bytes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from scripts.plan.runtime import Diagnostic, ProgramRun, Registration

FORMAT_VERSION = 1


def build_document(
    project: str, stack: str, run: ProgramRun, violations: list[dict[str, Any]]
) -> dict[str, Any]:
    """The plan document of one run."""
    return {
        "formatVersion": FORMAT_VERSION,
        "project": project,
        "stack": stack,
        "resources": [_resource(r) for r in sorted(run.registrations, key=lambda r: r.urn)],
        "outputs": run.stack_outputs,
        "violations": violations,
        "diagnostics": [asdict(d) for d in run.diagnostics],
    }


def _resource(r: Registration) -> dict[str, Any]:
    return {
        "urn": r.urn,
        "type": r.type,
        "name": r.name,
        "custom": r.custom,
        "parent": r.parent,
        "dependencies": r.dependencies,
        "provider": r.provider,
        "protect": r.protect,
        "retainOnDelete": r.retain_on_delete,
        "inputs": r.inputs,
        "outputs": r.outputs,
    }


def counts_by_type(document: dict[str, Any]) -> list[tuple[str, int]]:
    """(type, count) pairs, most frequent first, then by type."""
    counts = Counter(r["type"] for r in document["resources"])
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def mandatory_violations(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The violations that make the plan fail (exit code 1)."""
    return [v for v in document["violations"] if v.get("level") == "mandatory"]


def warnings(document: dict[str, Any]) -> list[Diagnostic]:
    """Warnings and errors the program logged (deprecations among them)."""
    return [
        Diagnostic(d["severity"], d["message"])
        for d in document["diagnostics"]
        if d["severity"] in ("warning", "error")
    ]
