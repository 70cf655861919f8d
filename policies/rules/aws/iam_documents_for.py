"""Where identity policies live: policy resources, inline policies, role inline policies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.values import as_list
from ..core.view import ResourceView
from .iam_documents import document, parse, statements

POLICY_TYPES = (
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
)
ROLE = "aws:iam/role:Role"


def identity_statements(view: ResourceView) -> Iterator[dict[str, Any]]:
    """Every statement of the identity policies a resource defines."""
    if view.type == ROLE:
        for i, inline in enumerate(as_list(view.need("inlinePolicies"))):
            if isinstance(inline, dict):
                where = f"{view.type} [{view.name}] inlinePolicies[{i}].policy"
                yield from statements(parse(inline.get("policy"), where))
        return
    yield from statements(document(view, "policy"))
