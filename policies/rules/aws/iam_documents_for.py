"""Where identity policies live: policy resources, inline policies, role inline policies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.values import as_list
from ..core.view import ResourceView
from ..facts.tokens import IAM_GROUP_POLICY, IAM_POLICY, IAM_ROLE, IAM_ROLE_POLICY, IAM_USER_POLICY
from .iam_documents import document, parse, statements

POLICY_TYPES = (
    IAM_POLICY,
    IAM_ROLE_POLICY,
    IAM_USER_POLICY,
    IAM_GROUP_POLICY,
)
ROLE = IAM_ROLE


def identity_statements(view: ResourceView) -> Iterator[dict[str, Any]]:
    """Every statement of the identity policies a resource defines."""
    if view.type == ROLE:
        for i, inline in enumerate(as_list(view.need("inlinePolicies"))):
            if isinstance(inline, dict):
                where = f"{view.type} [{view.name}] inlinePolicies[{i}].policy"
                yield from statements(parse(inline.get("policy"), where))
        return
    yield from statements(document(view, "policy"))
