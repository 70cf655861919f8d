"""Defects 1 and 5 of issue 18, re-introduced into the real program, are caught by their
journey rules (as for the earlier sixteen: tests/policies/preflight/test_defects_reintroduced.py).

Each test patches one component back to its defective form through `monkeypatch`, plans
the real prod stack in-process under the mock runtime, and asserts that the journey rule
names every journey the defect breaks, the hop, and the resource to change. Unpatched,
every journey of every stack works (the last test).
"""

from __future__ import annotations

from typing import Any

from components.alerts import alerts_topic, stack_budget
from components.security import kms_key
from scripts.plan.command import plan

FAILURES = "journey-failure-alerted"
BUDGETS = "journey-budget-counts"


def prod() -> dict[str, Any]:
    return plan(None, "prod", None)


def journey_violations(document: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [v for v in document["violations"] if v["policy"] == rule]


def test_1_eventbridge_key_statement_on_source_account_is_caught(monkeypatch):
    """Defect 1: the alerts key lets events.amazonaws.com use it only with
    aws:SourceAccount, which KMS never receives for EventBridge."""

    def conditioned() -> dict[str, Any]:
        statement = kms_key.events_to_sns_statement()
        return {**statement, "Condition": {"StringEquals": {"aws:SourceAccount": "410987654321"}}}

    monkeypatch.setattr(alerts_topic, "events_to_sns_statement", conditioned)
    document = prod()
    found = journey_violations(document, FAILURES)
    glue = {
        f"a failure of Glue {what} [{r['name']}] reaches a person"
        for r in document["resources"]
        for what, suffix in (("job", ":Job"), ("crawler", ":Crawler"))
        if r["type"].startswith("aws:glue/") and r["type"].endswith(suffix)
    }
    assert glue, "prod has Glue jobs and crawlers"
    # The data-quality journeys cross the same topic key: the defect breaks them too.
    quality = {
        f"a failed check of ruleset [{r['name']}] reaches its owner"
        for r in document["resources"]
        if r["type"] == "aws:glue/dataQualityRuleset:DataQualityRuleset"
    }
    assert quality, "prod has data-quality rulesets"
    broken = {j["name"] for j in document["preflight"]["journeys"] if j["verdict"] == "broken"}
    assert broken == glue | quality
    assert len(found) == len(glue)
    for violation in found:
        assert "hop [kms:GenerateDataKey by events.amazonaws.com]" in violation["message"]
        assert "change Key [data-platform-alerts-key]" in violation["message"]


def test_5_budget_filtering_on_an_unactivated_tag_is_caught(monkeypatch):
    """Defect 5: the budget filters on `user:environment`, which nothing activates."""
    budgets = stack_budget.aws.budgets

    class Filtered:
        def __getattr__(self, name: str) -> Any:
            return getattr(budgets, name)

        @staticmethod
        def Budget(resource_name: str, **kwargs: Any) -> Any:
            filters = [{"name": "TagKeyValue", "values": ["user:environment$prod"]}]
            return budgets.Budget(resource_name, cost_filters=filters, **kwargs)

    class Aws:
        def __getattr__(self, name: str) -> Any:
            return Filtered() if name == "budgets" else getattr(stack_budget.aws, name)

    monkeypatch.setattr(stack_budget, "aws", Aws())
    (violation,) = journey_violations(prod(), BUDGETS)
    assert violation["name"] == "data-platform-budget"
    assert "hop [cost-allocation tag environment is active]" in violation["message"]
    assert "change Budget [data-platform-budget]" in violation["message"]


def test_every_journey_of_every_stack_works(stack_plan):
    journeys = stack_plan["preflight"]["journeys"]
    assert journeys, stack_plan["stack"]
    assert [j["name"] for j in journeys if j["verdict"] != "works"] == []
