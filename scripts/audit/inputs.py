"""Audit inputs: a plan document, a `pulumi stack export`, or a stack to plan now.

Every input becomes the plan document's resource shape, the one the policy
evaluation (`scripts.plan.policy.views`) and the role graph read:
`urn, type, name, custom, parent, dependencies, provider, protect, retainOnDelete,
inputs, outputs`.

From a stack export (`pulumi stack export`, deployment JSON version 3) these fields
of each `deployment.resources[]` entry are read, and nothing else:
- `urn` (the stack and project come from it, the name is its last `::` part),
- `type`, `custom`, `parent`, `dependencies`, `protect`, `retainOnDelete`,
- `provider` (a `urn::id` reference; the `::id` is dropped so it names the provider's URN),
- `inputs` and `outputs` (secrets, `{SPECIAL_SIG_KEY: SECRET_SIG, "ciphertext"|"plaintext":
  ...}` with the engine's markers of `policies/rules/core/wire.py`, become the string
  `"[secret]"`, as in a plan document; their values are never read).
Resources with `delete: true` (pending deletion of a replaced resource) are skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policies.rules.core.wire import OFFLINE_SECRET, SECRET_SIG, SPECIAL_SIG_KEY
from scripts.errors import UserError
from scripts.files import read_json as read_input

SIG_KEY = SPECIAL_SIG_KEY
SECRET = OFFLINE_SECRET
STATE_VERSION = 3


def read_json(path: Path, what: str) -> Any:
    """The JSON in `path`, by the project's one input reader (scripts.files.read_json)."""
    return read_input(path, what)


def load_plan(path: Path) -> dict[str, Any]:
    """A plan document written by `dataplat plan --format json`."""
    data = read_json(path, "plan document")
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
        raise UserError(f"{path}: not a plan document (expected an object with `resources`)")
    for i, r in enumerate(data["resources"]):
        missing = [k for k in ("urn", "type", "inputs") if not isinstance(r, dict) or k not in r]
        if missing:
            raise UserError(f"{path}: resources[{i}] lacks {', '.join(missing)}")
    data.setdefault("stack", _stack_of(data["resources"]) or "unknown")
    data.setdefault("project", "unknown")
    for r in data["resources"]:
        _defaults(r)
    return data


def load_state(path: Path) -> dict[str, Any]:
    """A stack export as a plan document (resources only; policy results are added later)."""
    return state_document(read_json(path, "stack export"), str(path))


def state_document(data: Any, where: str) -> dict[str, Any]:
    """The plan-document view of a parsed stack export; `where` names it in errors."""
    if not isinstance(data, dict) or not isinstance(data.get("deployment"), dict):
        raise UserError(f"{where}: not a stack export (expected `version` and `deployment`)")
    if data.get("version") != STATE_VERSION:
        raise UserError(
            f"{where}: version is {data.get('version')!r}; only deployment version "
            f"{STATE_VERSION} (`pulumi stack export` of Pulumi 3) is read"
        )
    raw = data["deployment"].get("resources") or []
    if not isinstance(raw, list):
        raise UserError(f"{where}: deployment.resources is not a list")
    resources = []
    for i, r in enumerate(raw):
        if not isinstance(r, dict) or not isinstance(r.get("urn"), str) or "type" not in r:
            raise UserError(f"{where}: deployment.resources[{i}] lacks urn or type")
        if r.get("delete"):
            continue
        resources.append(_from_state(r))
    stack, project = _stack_of(resources), _project_of(resources)
    return {"project": project or "unknown", "stack": stack or "unknown", "resources": resources}


def _from_state(r: dict[str, Any]) -> dict[str, Any]:
    provider = r.get("provider") or None
    return {
        "urn": r["urn"],
        "type": r["type"],
        "name": r["urn"].rsplit("::", 1)[-1],
        "custom": bool(r.get("custom", False)),
        "parent": r.get("parent") or None,
        "dependencies": list(r.get("dependencies") or []),
        "provider": provider.rsplit("::", 1)[0] if provider else None,
        "protect": bool(r.get("protect", False)),
        "retainOnDelete": bool(r.get("retainOnDelete", False)),
        "inputs": unsecret(r.get("inputs") or {}),
        "outputs": unsecret(r.get("outputs") or {}),
        # The last replacement trigger the engine recorded (it diffs the next one against
        # it); field name assumed from the engine's camelCase state fields, not confirmed.
        **({"replacementTrigger": r["replacementTrigger"]} if "replacementTrigger" in r else {}),
    }


def unsecret(value: Any) -> Any:
    """`value` with every secret object replaced by "[secret]"."""
    if isinstance(value, dict):
        if value.get(SIG_KEY) == SECRET_SIG:
            return SECRET
        return {k: unsecret(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unsecret(v) for v in value]
    return value


def _defaults(r: dict[str, Any]) -> None:
    r.setdefault("name", r["urn"].rsplit("::", 1)[-1])
    r.setdefault("custom", not r["type"].startswith(("dataplatform:", "pulumi:pulumi:")))
    for key, default in (("parent", None), ("provider", None), ("outputs", {})):
        r.setdefault(key, default)
    r.setdefault("dependencies", [])
    r.setdefault("protect", False)
    r.setdefault("retainOnDelete", False)


def _stack_of(resources: list[dict[str, Any]]) -> str | None:
    """`urn:pulumi:<stack>::<project>::...` -> stack."""
    for r in resources:
        head = str(r.get("urn", "")).split("::", 1)[0].split(":")
        if len(head) > 2:
            return head[2]
    return None


def _project_of(resources: list[dict[str, Any]]) -> str | None:
    for r in resources:
        parts = str(r.get("urn", "")).split("::")
        if len(parts) > 1:
            return parts[1]
    return None
