"""StackBudget: the stack's monthly AWS cost budget, notifying the alerts topic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from components.naming import Naming
from components.tags import MandatoryTags


@dataclass(frozen=True)
class StackBudgetArgs:
    """Inputs of StackBudget.

    Attributes:
        naming: The stack's naming scheme.
        tags: The mandatory tags.
        monthly_limit_usd: The monthly cost budget in USD. Required.
        topic_arn: The alerts topic every notification goes to. Required.
        forecasted_threshold_percents: Percentages of the limit that notify when the
            month's forecast crosses them. Defaults to (100,).
        actual_threshold_percents: Percentages of the limit that notify when actual
            spend crosses them. Defaults to (80, 100).
    """

    naming: Naming
    tags: MandatoryTags
    monthly_limit_usd: float
    topic_arn: pulumi.Input[str]
    forecasted_threshold_percents: Sequence[float] = field(default_factory=lambda: (100.0,))
    actual_threshold_percents: Sequence[float] = field(default_factory=lambda: (80.0, 100.0))

    def __post_init__(self) -> None:
        if self.monthly_limit_usd <= 0:
            raise ValueError(
                f"StackBudgetArgs.monthly_limit_usd must be positive; got {self.monthly_limit_usd}"
            )
        if not (self.forecasted_threshold_percents or self.actual_threshold_percents):
            raise ValueError("StackBudgetArgs: give at least one forecasted or actual threshold")


class StackBudget(pulumi.ComponentResource):
    """A monthly COST budget over the whole account the stack deploys to.

    No cost filter: each environment has an account of its own, so the account's cost is the
    stack's. A filter on the `environment` tag would count $0 until `user:environment` is
    activated as a cost-allocation tag, which only the organization's management account
    can do (docs/design/bootstrap.md has the step for stacks that share an account; the
    rule journey-budget-counts reports a tag filter nobody activated).

    Attributes:
        budget_name: The budget's name.
    """

    budget_name: pulumi.Output[str]

    def __init__(
        self, name: str, args: StackBudgetArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:alerts:StackBudget", name, None, opts)
        naming = args.naming
        budget = aws.budgets.Budget(
            name,
            name=naming.resource("monthly-cost", max_length=100),
            budget_type="COST",
            limit_amount=f"{args.monthly_limit_usd:.2f}",
            limit_unit="USD",
            time_unit="MONTHLY",
            notifications=budget_notifications(
                args.topic_arn, args.forecasted_threshold_percents, args.actual_threshold_percents
            ),
            tags=args.tags.for_data("internal"),
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.budget_name = budget.name
        self.register_outputs({"budget_name": self.budget_name})


def budget_notifications(
    topic_arn: pulumi.Input[str], forecasted: Sequence[float], actual: Sequence[float]
) -> list[aws.budgets.BudgetNotificationArgs]:
    """One notification per threshold, each to the topic only."""
    return [
        aws.budgets.BudgetNotificationArgs(
            comparison_operator="GREATER_THAN",
            notification_type=kind,
            threshold=percent,
            threshold_type="PERCENTAGE",
            subscriber_sns_topic_arns=[topic_arn],
        )
        for kind, percents in (("FORECASTED", forecasted), ("ACTUAL", actual))
        for percent in percents
    ]
