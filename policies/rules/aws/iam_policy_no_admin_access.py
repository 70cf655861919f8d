"""No identity policy allows every action on every resource."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from .iam_documents import actions, allows, resources
from .iam_documents_for import POLICY_TYPES, ROLE, identity_statements


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """An Allow of `*` (or `*:*`) on Resource `*` is administrator access."""
    for statement in identity_statements(view):
        if (
            allows(statement)
            and any(a in ("*", "*:*") for a in actions(statement))
            and "*" in resources(statement)
        ):
            yield view.violation(f"{view.type} [{view.name}] allows `*` on `*` (full admin)")


RULE = Rule(
    id="iam-policy-no-admin-access",
    description="No IAM identity policy allows Action `*` on Resource `*`.",
    severity="critical",
    remediation="List the actions and resources the principal needs.",
    resource_types=(*POLICY_TYPES, ROLE),
    check=check,
    mapped=(
        "CKV_AWS_62",
        "CKV_AWS_1",
        "CKV2_AWS_40",
        "FSBP IAM.1",
        "cdk-nag IAMPolicyNoStatementsWithAdminAccess",
    ),
)
