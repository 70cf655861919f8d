"""StackBudget: a monthly COST budget of the stack, notifying the topic at each threshold."""

from __future__ import annotations

import pytest

from components.alerts.stack_budget import StackBudget, StackBudgetArgs
from tests.components.orchestration.conftest import ACCOUNT, NAMING, REGION, TAGS, plan

TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:acme-dp-prod-alerts"


def test_the_budget_is_the_monthly_cost_of_the_whole_account_with_each_threshold():
    """No tag filter: an unactivated cost-allocation tag would make it count $0."""
    args = StackBudgetArgs(naming=NAMING, tags=TAGS, monthly_limit_usd=6000, topic_arn=TOPIC)
    budget = plan(lambda: StackBudget("budget", args)).one("Budget").inputs
    assert (budget["name"], budget["budgetType"], budget["timeUnit"]) == (
        "acme-dp-prod-monthly-cost",
        "COST",
        "MONTHLY",
    )
    assert (budget["limitAmount"], budget["limitUnit"]) == ("6000.00", "USD")
    assert "costFilters" not in budget and "filterExpression" not in budget
    notifications = sorted(
        (n["notificationType"], n["threshold"], n["thresholdType"], n["comparisonOperator"])
        for n in budget["notifications"]
    )
    assert notifications == [
        ("ACTUAL", 80.0, "PERCENTAGE", "GREATER_THAN"),
        ("ACTUAL", 100.0, "PERCENTAGE", "GREATER_THAN"),
        ("FORECASTED", 100.0, "PERCENTAGE", "GREATER_THAN"),
    ]
    assert all(n["subscriberSnsTopicArns"] == [TOPIC] for n in budget["notifications"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"monthly_limit_usd": 0}, "monthly_limit_usd"),
        ({"forecasted_threshold_percents": (), "actual_threshold_percents": ()}, "threshold"),
    ],
)
def test_a_budget_without_a_limit_or_thresholds_is_refused(change, message):
    base = {"naming": NAMING, "tags": TAGS, "monthly_limit_usd": 10.0, "topic_arn": TOPIC}
    with pytest.raises(ValueError, match=message):
        StackBudgetArgs(**{**base, **change})
