"""IAM role trust policies name who may assume the role."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import IAM_ROLE
from .iam_documents import document, is_open_to_everyone, statements

ROLE = IAM_ROLE


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """An unconditioned Allow to `*` in assumeRolePolicy lets anyone assume the role."""
    for statement in statements(document(view, "assumeRolePolicy")):
        if is_open_to_everyone(statement):
            yield view.violation(f"role [{view.name}] may be assumed by any principal (`*`)")


RULE = Rule(
    id="iam-role-trust-scoped",
    description="IAM role trust policies allow no `*` principal without a condition.",
    severity="critical",
    remediation="Name the trusted account, role or service; add sts:ExternalId for third parties.",
    resource_types=(ROLE,),
    check=check,
    mapped=("CKV_AWS_60", "CKV_AWS_61"),
)
