"""SNS topics encrypt with a customer-managed KMS key."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView

TOPIC = "aws:sns/topic:Topic"


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """kmsMasterKeyId must be set and not the AWS-managed alias/aws/sns key."""
    key = view.need("kmsMasterKeyId")
    if not key:
        yield view.violation(f"topic [{view.name}] is not encrypted (no kmsMasterKeyId)")
    elif str(key).endswith("alias/aws/sns"):
        yield view.violation(f"topic [{view.name}] names the AWS-managed key {key}")


RULE = Rule(
    id="sns-topic-encrypted",
    description="SNS topics encrypt with a customer-managed KMS key, not alias/aws/sns.",
    severity="medium",
    remediation=(
        "Set kmsMasterKeyId to a customer-managed key whose policy lets the publishing "
        "services (e.g. events.amazonaws.com) use it."
    ),
    resource_types=(TOPIC,),
    check=check,
    mapped=("CKV_AWS_26", "FSBP SNS.1", "AwsSolutions-SNS2"),
)
