"""KMS keys have an explicit key policy that opens nothing to everyone."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import KMS_KEY
from .iam_documents import document, is_open_to_everyone, statements

KEY = KMS_KEY


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """The policy must be present, keep the lockout check, and allow nothing to `*`."""
    doc = document(view, "policy")
    if doc is None:
        yield view.violation(f"KMS key [{view.name}] has no explicit key policy")
    if view.need("bypassPolicyLockoutSafetyCheck") is True:
        yield view.violation(f"KMS key [{view.name}] bypasses the policy lockout safety check")
    for statement in statements(doc):
        if is_open_to_everyone(statement):
            sid = statement.get("Sid", "(no Sid)")
            yield view.violation(f"KMS key [{view.name}] statement {sid} allows the `*` principal")


RULE = Rule(
    id="kms-key-policy-scoped",
    description=(
        "KMS keys have an explicit key policy with no unconditioned `*` principal and keep the "
        "lockout safety check."
    ),
    severity="critical",
    remediation=(
        "Write the key policy with named principals (the account root, named roles); never "
        "`*` without a condition; leave bypassPolicyLockoutSafetyCheck unset."
    ),
    resource_types=(KEY,),
    check=check,
    mapped=("CKV_AWS_33", "CKV2_AWS_64", "FSBP KMS.5"),
)
