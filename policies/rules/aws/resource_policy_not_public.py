"""Resource policies of secrets and SNS topics grant nothing to everyone."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import SECRETSMANAGER_SECRET_POLICY, SNS_TOPIC_POLICY
from .iam_documents import document, is_public, statements

SECRET_POLICY = SECRETSMANAGER_SECRET_POLICY
TOPIC_POLICY = SNS_TOPIC_POLICY


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """An Allow to `*` (Principal "*", AWS "*" or NotPrincipal) fails unless a condition on
    the caller, its account or organisation, or the source resource narrows it."""
    for statement in statements(document(view, "policy")):
        if is_public(statement):
            sid = statement.get("Sid", "(no Sid)")
            yield view.violation(
                f"{view.type} [{view.name}] statement {sid} allows everyone without a "
                "condition on aws:SourceArn, aws:SourceAccount, aws:PrincipalArn or similar"
            )


RULE = Rule(
    id="resource-policy-not-public",
    description=(
        "Secrets Manager secret policies and SNS topic policies allow nothing to the `*` "
        "principal unless a condition narrows the caller or the source."
    ),
    severity="critical",
    remediation=(
        "Name the principals (roles, accounts, services), or narrow the statement with a "
        "condition on aws:SourceArn, aws:SourceAccount, aws:PrincipalArn, aws:PrincipalOrgID "
        "or another caller/source key (not ...IfExists); Deny statements to `*` are fine."
    ),
    resource_types=(SECRET_POLICY, TOPIC_POLICY),
    check=check,
)
