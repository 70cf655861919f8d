"""Policy evaluation of a plan document: the pack's very rules, config and suppressions.

The plan's resources become the same views the pack builds from pulumi_policy's
arguments (inputs as props, the mocks' answers as outputs, the provider's inputs
for default tags), and `policies.rules.core.engine.evaluate` runs every registered
rule over them. The document gets `violations` (ARCHITECTURE.md's shape: policy,
level, urn, message; plus severity, name, status), `notEvaluated` and `suppressions`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from policies.rules.core.engine import Result, evaluate
from policies.rules.core.index import StackIndex
from policies.rules.core.settings import (
    ConfigError,
    PolicySettings,
    parse_settings,
    stack_environment,
)
from policies.rules.core.values import normalize
from policies.rules.core.view import ResourceView
from policies.rules.facts.tokens import PULUMI_STACK
from policies.rules.registry import RULES, rule_ids
from scripts.errors import UserError
from scripts.files import read_json
from stacks.input_files import CONFIG


def load_policy_config(path: Path | None) -> PolicySettings:
    """The policy config file (the JSON `--policy-pack-config` takes); empty without one."""
    if path is None:
        return PolicySettings()
    data = read_json(path, "policy config", CONFIG)
    if not isinstance(data, dict):
        raise UserError(f"{path}: expected an object keyed by rule id")
    try:
        return parse_settings(data, set(rule_ids()))
    except ConfigError as exc:
        raise UserError(f"{path}: {exc}") from None


def views(document: dict[str, Any]) -> list[ResourceView]:
    """The plan's cloud resources as rule views."""
    by_urn = {r["urn"]: r for r in document["resources"]}
    out = []
    for r in document["resources"]:
        if r["type"] == PULUMI_STACK and r.get("parent") is None:
            # The stack's outputs, a secret as `[secret]`: access-no-secret-in-plain-output.
            out.append(_stack_view(r, document.get("outputs") or {}))
            continue
        if not r["custom"] or r["type"].startswith("pulumi:providers:"):
            continue
        provider = by_urn.get(r.get("provider") or "")
        out.append(
            ResourceView(
                type=r["type"],
                name=r["name"],
                urn=r["urn"],
                props=normalize(r["inputs"]),
                outputs=normalize(r.get("outputs") or {}),
                protect=bool(r["protect"]),
                retain_on_delete=bool(r["retainOnDelete"]),
                provider=r.get("provider"),
                provider_props=normalize(provider["inputs"]) if provider else {},
                parent=r.get("parent"),
                dependencies=tuple(r.get("dependencies") or ()),
                replacement_trigger=normalize(r.get("replacementTrigger")),
            )
        )
    return out


def _stack_view(resource: dict[str, Any], outputs: dict[str, Any]) -> ResourceView:
    return ResourceView(
        type=resource["type"],
        name=resource["name"],
        urn=resource["urn"],
        props={},
        outputs=normalize(outputs),
    )


def evaluate_document(
    document: dict[str, Any],
    settings: PolicySettings,
    today: dt.date | None = None,
    index: StackIndex | None = None,
) -> dict[str, Any]:
    """The document with the policy results filled in. `index` (built over `views(document)`)
    is shared with the preflight section by `plan_target`, so the models both need are
    built once (policies/rules/core/per_stack.py)."""
    index = index if index is not None else StackIndex(views(document))
    results = evaluate(index.views, RULES, settings, document["stack"], today=today, index=index)
    document["policyEnvironment"] = stack_environment(None, {}, document["stack"])
    document["violations"] = _of(results, "violation")
    document["notEvaluated"] = _of(results, "not-evaluated")
    document["suppressions"] = _of(results, "suppressed")
    return document


def _of(results: list[Result], status: str) -> list[dict[str, Any]]:
    return [r.as_dict() for r in results if r.status == status]
