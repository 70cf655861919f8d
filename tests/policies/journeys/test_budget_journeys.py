"""journey-budget-counts: a budget's tag filter must be an activated cost-allocation tag."""

from __future__ import annotations

from policies.rules.core.index import StackIndex
from policies.rules.core.rule import Context
from policies.rules.journeys.budget_journeys import budget_journeys
from tests.policies.helpers import run, view

RULE = "journey-budget-counts"
BUDGET = "aws:budgets/budget:Budget"
TAG = "aws:costexplorer/costAllocationTag:CostAllocationTag"
BUCKET = "aws:s3/bucket:Bucket"
FILTER = [{"name": "TagKeyValue", "values": ["user:environment$prod"]}]


def budget(**props: object) -> object:
    return view(BUDGET, "monthly", {"budgetType": "COST", **props})


def tagged() -> object:
    return view(BUCKET, "raw", {"tags": {"environment": "prod"}})


def messages(resources: list, **kwargs: object) -> list[str]:
    return [r.message for r in run(RULE, resources, **kwargs) if r.status == "violation"]


def test_a_budget_without_a_tag_filter_counts_the_whole_account() -> None:
    (journey,) = budget_journeys(StackIndex([budget()]), Context("prod"))
    assert journey.verdict == "works"
    assert journey.hops[0].detail == "no tag filter: the whole account"


def test_a_tag_filter_nothing_activates_is_broken_at_the_activation_hop() -> None:
    (message,) = messages([budget(costFilters=FILTER), tagged()])
    assert "hop [cost-allocation tag environment is active]" in message
    assert "counts $0 and never notifies" in message
    assert "change Budget [monthly]" in message


def test_a_tag_the_program_activates_works() -> None:
    active = view(TAG, "env", {"tagKey": "environment", "status": "Active"})
    assert messages([budget(costFilters=FILTER), tagged(), active]) == []


def test_an_inactive_cost_allocation_tag_does_not_count() -> None:
    inactive = view(TAG, "env", {"tagKey": "environment", "status": "Inactive"})
    assert len(messages([budget(costFilters=FILTER), tagged(), inactive])) == 1


def test_a_tag_attested_in_the_policy_config_is_not_evaluated() -> None:
    config = {RULE: {"activated_cost_tags": ["environment"]}}
    results = run(RULE, [budget(costFilters=FILTER), tagged()], config=config)
    assert [r.status for r in results if r.status != "pass"] == ["not-evaluated"]


def test_a_tag_value_no_resource_carries_is_broken() -> None:
    active = view(TAG, "env", {"tagKey": "environment", "status": "Active"})
    (message,) = messages([budget(costFilters=FILTER), active])
    assert "hop [resources carry environment=prod] no resource of the program does" in message
