"""SNS topics encrypt with a customer-managed KMS key."""

from __future__ import annotations

from ..core.checks import customer_key
from ..core.rule import Rule
from ..facts.tokens import SNS_TOPIC

TOPIC = SNS_TOPIC


RULE = Rule(
    id="sns-topic-encrypted",
    description="SNS topics encrypt with a customer-managed KMS key, not alias/aws/sns.",
    severity="medium",
    remediation=(
        "Set kmsMasterKeyId to a customer-managed key whose policy lets the publishing "
        "services (e.g. events.amazonaws.com) use it."
    ),
    resource_types=(TOPIC,),
    check=customer_key("kmsMasterKeyId", "topic", "alias/aws/sns"),
    mapped=("CKV_AWS_26", "FSBP SNS.1", "AwsSolutions-SNS2"),
)
