"""Reading IAM policy documents (key policies, bucket policies, trust and identity policies).

Documents arrive as JSON strings (the usual `json.dumps` or `get_policy_document`
output) or as objects; an unknown document stops the rule as not evaluated.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.values import as_list, is_unknown
from ..core.view import NotEvaluated, ResourceView


def document(view: ResourceView, prop: str) -> dict[str, Any] | None:
    """The policy document in `prop` of `view`; None when absent."""
    raw = view.need(prop)
    return parse(raw, f"{view.type} [{view.name}] {prop}")


def parse(raw: Any, where: str) -> dict[str, Any] | None:
    """A document from a JSON string or an object; NotEvaluated if any of it is unknown."""
    if raw is None or raw == "":
        return None
    if is_unknown(raw):
        raise NotEvaluated(where)
    if isinstance(raw, str):
        try:
            loaded = json.loads(raw)
        except json.JSONDecodeError:
            raise ValueError(f"{where} is not valid JSON") from None
        return loaded if isinstance(loaded, dict) else None
    return raw if isinstance(raw, dict) else None


def statements(doc: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The statements of a document (a single statement object counts as one)."""
    if not doc:
        return []
    return [s for s in as_list(doc.get("Statement")) if isinstance(s, dict)]


def allows(statement: dict[str, Any]) -> bool:
    """True for an Allow statement."""
    return statement.get("Effect") == "Allow"


def principals(statement: dict[str, Any]) -> list[str]:
    """Every principal the statement names, `*` for the anonymous/any principal."""
    principal = statement.get("Principal")
    if principal == "*":
        return ["*"]
    if isinstance(principal, dict):
        return [str(p) for values in principal.values() for p in as_list(values)]
    return []


def actions(statement: dict[str, Any]) -> list[str]:
    """The statement's actions (NotAction counts as `*`: it allows all but a few)."""
    if "NotAction" in statement:
        return ["*"]
    return [str(a) for a in as_list(statement.get("Action"))]


def resources(statement: dict[str, Any]) -> list[str]:
    """The statement's resources (NotResource counts as `*`)."""
    if "NotResource" in statement:
        return ["*"]
    return [str(r) for r in as_list(statement.get("Resource"))]


def is_open_to_everyone(statement: dict[str, Any]) -> bool:
    """An Allow to the `*` principal with no condition narrowing it."""
    return allows(statement) and "*" in principals(statement) and not statement.get("Condition")


# Condition keys that narrow who may use an Allow to `*` (the caller, its account or
# organisation, the calling resource or network); compared case-insensitively, as IAM does.
NARROWING_KEYS = frozenset(
    k.lower()
    for k in (
        "aws:SourceArn",
        "aws:SourceAccount",
        "aws:SourceOwner",
        "aws:SourceOrgID",
        "aws:SourceOrgPaths",
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:PrincipalArn",
        "aws:PrincipalAccount",
        "aws:PrincipalOrgID",
        "aws:PrincipalOrgPaths",
        "aws:userid",
        "aws:username",
    )
)


def narrowing_keys(statement: dict[str, Any]) -> list[str]:
    """The condition keys of the statement that narrow its principals (`...IfExists` operators
    do not narrow: they pass when the key is absent)."""
    condition = statement.get("Condition")
    if not isinstance(condition, dict):
        return []
    return [
        str(key)
        for operator, block in condition.items()
        if isinstance(block, dict) and not str(operator).endswith("IfExists")
        for key in block
        if str(key).lower() in NARROWING_KEYS
    ]


def is_public(statement: dict[str, Any]) -> bool:
    """An Allow to `*` (or to everyone but a NotPrincipal) that no principal-narrowing condition
    key restricts; stricter than `is_open_to_everyone`, which accepts any condition."""
    everyone = "*" in principals(statement) or "NotPrincipal" in statement
    return allows(statement) and everyone and not narrowing_keys(statement)
