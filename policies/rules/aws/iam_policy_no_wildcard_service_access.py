"""No identity policy allows a whole service (`svc:*`) on every resource."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from .iam_documents import actions, allows, resources
from .iam_documents_for import POLICY_TYPES, ROLE, identity_statements


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """An Allow of an action ending in `*` (`s3:*`, `s3:Get*`) on Resource `*` fails."""
    for statement in identity_statements(view):
        if not allows(statement) or "*" not in resources(statement):
            continue
        wild = [a for a in actions(statement) if a.endswith("*") and a not in ("*", "*:*")]
        if wild:
            yield view.violation(f"{view.type} [{view.name}] allows {wild} on Resource `*`")


RULE = Rule(
    id="iam-policy-no-wildcard-service-access",
    description=(
        "No IAM identity policy allows a wildcard action (`svc:*`, `svc:Get*`) on Resource `*`."
    ),
    severity="high",
    remediation="Name the actions, or scope Resource to the ARNs the principal needs.",
    resource_types=(*POLICY_TYPES, ROLE),
    check=check,
    mapped=("CKV_AWS_63", "CKV_AWS_355", "AwsSolutions-IAM5", "FSBP IAM.21"),
)
