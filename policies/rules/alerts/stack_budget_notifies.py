"""A stack that runs pipelines has an AWS budget notifying an SNS topic."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import PROD_MANDATORY, Context, Rule
from ..core.values import as_list, is_unknown
from ..core.view import Finding
from .alert_paths import BUDGET, PIPELINE_TYPES, is_pipeline_stack


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Some budget of the stack has a notification with an SNS subscriber."""
    if not is_pipeline_stack(index):
        return
    notifying = [
        budget
        for budget in index.of_type(BUDGET)
        for n in as_list(budget.get("notifications"))
        if isinstance(n, dict) and as_list(n.get("subscriberSnsTopicArns"))
    ]
    if notifying:
        return
    pending = [b for b in index.of_type(BUDGET) if is_unknown(b.get("notifications"))]
    if pending:
        yield pending[0].not_evaluated("the budget's notifications")
    else:
        anchor = (index.of_type(BUDGET) or index.views)[0]
        yield anchor.violation(
            "the stack runs pipelines but no AWS budget notifies an SNS topic: "
            "cost overruns reach nobody"
        )


RULE = Rule(
    id="stack-budget-notifies",
    description=(
        "A stack that runs pipelines has an AWS budget with a notification to an SNS topic."
    ),
    severity="low",
    remediation="Keep the stack's `alerts.budget` (a StackBudget notifying the alerts topic).",
    resource_types=(BUDGET, *PIPELINE_TYPES),
    check_stack=check,
    levels=PROD_MANDATORY,
)
