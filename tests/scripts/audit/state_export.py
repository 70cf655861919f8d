"""A `pulumi stack export` (deployment version 3) built from a plan document.

The fixture the stack-export tests read: every resource as the engine stores it
(provider references as `urn::id`, custom flags, outputs), with the service users'
login names stored as the engine stores secrets (ciphertext objects).
"""

from __future__ import annotations

import copy
from typing import Any

from scripts.audit.inputs import SECRET_SIG, SIG_KEY

SECRET_PROPS = ("loginName",)


def secret(ciphertext: str) -> dict[str, str]:
    """A secret value as a stack export holds it."""
    return {SIG_KEY: SECRET_SIG, "ciphertext": ciphertext}


def to_state_export(plan: dict[str, Any]) -> dict[str, Any]:
    """The stack export a `pulumi up` of `plan` would leave (as far as the audit reads)."""
    ids = {
        r["urn"]: (r.get("outputs") or {}).get("id", "id-" + r["name"]) for r in plan["resources"]
    }
    resources = []
    for r in plan["resources"]:
        inputs = copy.deepcopy(r["inputs"])
        outputs = copy.deepcopy(r.get("outputs") or {})
        for key in SECRET_PROPS:
            for props in (inputs, outputs):
                if key in props:
                    props[key] = secret("AAABAKx0c2VjcmV0")
        entry: dict[str, Any] = {
            "urn": r["urn"],
            "custom": r["custom"],
            "type": r["type"],
            "inputs": inputs,
            "outputs": outputs,
            "parent": r["parent"] or "",
            "dependencies": r["dependencies"],
            "protect": r["protect"],
            "retainOnDelete": r["retainOnDelete"],
            "created": "2026-01-01T00:00:00.000Z",
        }
        if "replacementTrigger" in r:
            entry["replacementTrigger"] = r["replacementTrigger"]
        if r["custom"]:
            entry["id"] = ids[r["urn"]]
        if r.get("provider"):
            entry["provider"] = f"{r['provider']}::{ids.get(r['provider'], 'x')}"
        resources.append(entry)
    return {
        "version": 3,
        "deployment": {
            "manifest": {"time": "2026-01-01T00:00:00Z", "magic": "x", "version": "v3.200.0"},
            "secrets_providers": {"type": "passphrase", "state": {"salt": "v1:x"}},
            "resources": resources,
        },
    }
