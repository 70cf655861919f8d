"""KMS keys wait long enough before deletion to notice a mistake."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import KMS_KEY

KEY = KMS_KEY
MIN_DAYS = {"dev": 7, "staging": 14, "prod": 30}
AWS_DEFAULT_DAYS = 30


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """deletionWindowInDays (AWS default 30) must reach the environment's minimum."""
    minimum = int(ctx.setting("minDeletionWindowDays", MIN_DAYS))
    days = view.need("deletionWindowInDays") or AWS_DEFAULT_DAYS
    if int(days) < minimum:
        yield view.violation(
            f"KMS key [{view.name}] deletion window is {int(days)} days; "
            f"{ctx.environment} requires at least {minimum}"
        )


RULE = Rule(
    id="kms-key-deletion-window",
    description=(
        "KMS keys have a deletion window of at least 7 days in dev, 14 in staging and 30 in prod."
    ),
    severity="medium",
    remediation="Raise deletionWindowInDays (7 to 30) to the environment's minimum.",
    resource_types=(KEY,),
    check=check,
    mapped=("FSBP KMS.3", "CKV_AWS_227"),
    config_schema={"minDeletionWindowDays": {"type": "integer", "minimum": 7, "maximum": 30}},
)
