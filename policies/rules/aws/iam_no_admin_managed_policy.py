"""No role, user or group gets an administrator-equivalent AWS-managed policy."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding, ResourceView
from ..facts.tokens import (
    IAM_GROUP_POLICY_ATTACHMENT,
    IAM_POLICY_ATTACHMENT,
    IAM_ROLE,
    IAM_ROLE_POLICY_ATTACHMENT,
    IAM_USER_POLICY_ATTACHMENT,
)

ADMIN_EQUIVALENT = ("AdministratorAccess", "IAMFullAccess", "PowerUserAccess")
ATTACHMENTS = (
    IAM_ROLE_POLICY_ATTACHMENT,
    IAM_USER_POLICY_ATTACHMENT,
    IAM_GROUP_POLICY_ATTACHMENT,
    IAM_POLICY_ATTACHMENT,
)
ROLE = IAM_ROLE


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """policyArn (attachments) or managedPolicyArns (roles) naming an admin policy fails."""
    arns = (
        as_list(view.need("managedPolicyArns")) if view.type == ROLE else [view.need("policyArn")]
    )
    for arn in arns:
        if (
            isinstance(arn, str)
            and arn.startswith("arn:")
            and arn.rsplit("/", 1)[-1] in ADMIN_EQUIVALENT
        ):
            yield view.violation(f"{view.type} [{view.name}] attaches {arn}")


RULE = Rule(
    id="iam-no-admin-managed-policy",
    description=(
        "No IAM role, user or group has AdministratorAccess, IAMFullAccess or PowerUserAccess "
        "attached."
    ),
    severity="critical",
    remediation="Attach a customer-managed policy with the needed actions instead.",
    resource_types=(*ATTACHMENTS, ROLE),
    check=check,
    mapped=("CKV2_AWS_56", "CKV_AWS_274", "AwsSolutions-IAM4"),
)
