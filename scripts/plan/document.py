"""The plan document: what a stack would register, in the shape ARCHITECTURE.md fixes.

Other tools (policy evaluation, audits, PR comments) read this document, so its
keys are stable: resources keep the engine's camelCase input names and are sorted
by URN, so the same program and config always give the same bytes, in any checkout: the
paths of file assets and archives under the project are written relative to it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from policies.rules.core.wire import SPECIAL_SIG_KEY
from scripts.plan.runtime import AliasSpec, Diagnostic, ProgramRun, Registration

FORMAT_VERSION = 1
# The engine's signatures of an asset and an archive (pulumi/runtime/rpc.py).
ASSET_SIGNATURES = frozenset(
    {"c44067f5952c0a294b673a41bacd8c17", "0def7320c3a5731c473e5ecbe6d01bc7"}
)


def build_document(
    project: str,
    stack: str,
    run: ProgramRun,
    violations: list[dict[str, Any]],
    project_dir: Path | None = None,
) -> dict[str, Any]:
    """The plan document of one run; asset paths relative to `project_dir` when given."""
    resources = [_resource(r) for r in sorted(run.registrations, key=lambda r: r.urn)]
    if project_dir is not None:
        resources = [relative_assets(r, project_dir.resolve()) for r in resources]
    return {
        "formatVersion": FORMAT_VERSION,
        "project": project,
        "stack": stack,
        "resources": resources,
        "outputs": run.stack_outputs,
        "violations": violations,
        "diagnostics": [asdict(d) for d in run.diagnostics],
    }


def _resource(r: Registration) -> dict[str, Any]:
    # `replacementTrigger` only where the program set the option (the key slots' rotation
    # timestamps): rules see it, and plans of other resources keep their bytes.
    trigger = {} if r.replacement_trigger is None else {"replacementTrigger": r.replacement_trigger}
    # Likewise `aliases` and `replaceOnChanges`: the destroy guard resolves renames and
    # replacements through them (an alias's `parent` is the mocks' URN, as `parent` is).
    if r.aliases:
        trigger["aliases"] = [_alias(a) for a in r.aliases]
    if r.replace_on_changes:
        trigger["replaceOnChanges"] = sorted(r.replace_on_changes)
    # `replaceWith`: the URNs whose replacement replaces this resource too (the DMFs
    # attached to a landing table), where the program set the option.
    if r.replace_with:
        trigger["replaceWith"] = r.replace_with
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
        **trigger,
    }


def _alias(spec: AliasSpec) -> dict[str, Any]:
    """An alias as the plan carries it: only the parts that are set, in camelCase."""
    parts = {
        "urn": spec.urn,
        "name": spec.name,
        "type": spec.type,
        "stack": spec.stack,
        "project": spec.project,
        "parent": spec.parent,
        "noParent": spec.no_parent,
    }
    return {k: v for k, v in parts.items() if v}


def relative_assets(value: Any, directory: Path) -> Any:
    """`value` with each asset's or archive's absolute `path` under `directory` made relative
    (POSIX); other paths stay as they are."""
    if isinstance(value, list):
        return [relative_assets(v, directory) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: relative_assets(v, directory) for k, v in value.items()}
    path = out.get("path")
    if out.get(SPECIAL_SIG_KEY) in ASSET_SIGNATURES and isinstance(path, str):
        candidate = Path(path)
        if candidate.is_absolute() and candidate.is_relative_to(directory):
            out["path"] = candidate.relative_to(directory).as_posix()
    return out


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
