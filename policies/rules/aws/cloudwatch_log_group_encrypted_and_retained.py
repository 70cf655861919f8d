"""CloudWatch log groups encrypt with a customer-managed KMS key and expire their events."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import CLOUDWATCH_LOG_GROUP

LOG_GROUP = CLOUDWATCH_LOG_GROUP


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """kmsKeyId must be set; retentionInDays must be set and positive (0 or absent: forever)."""
    if not view.need("kmsKeyId"):
        yield view.violation(f"log group [{view.name}] has no kmsKeyId (AWS-owned key)")
    days = view.need("retentionInDays")
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        shown = "unset" if days is None else repr(days)
        yield view.violation(
            f"log group [{view.name}] retentionInDays is {shown}: its events never expire"
        )


RULE = Rule(
    id="cloudwatch-log-group-encrypted-and-retained",
    description=(
        "CloudWatch log groups encrypt with a customer-managed KMS key (kmsKeyId) and set a "
        "positive retentionInDays."
    ),
    severity="medium",
    remediation=(
        "Set kmsKeyId to a customer-managed key whose policy lets logs.<region>.amazonaws.com "
        "use it, and retentionInDays to one of CloudWatch's allowed values (e.g. 365)."
    ),
    resource_types=(LOG_GROUP,),
    check=check,
    mapped=("CKV_AWS_158", "CKV_AWS_66"),
)
