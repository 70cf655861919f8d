"""The rules and the plan's preflight section share one build of each stack model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from policies.rules.core.index import StackIndex
from policies.rules.core.per_stack import computed_count, once
from policies.rules.core.settings import PolicySettings
from policies.rules.core.view import ResourceView
from policies.rules.facts.tokens import SNOWFLAKE_PIPE
from policies.rules.journeys import journey
from policies.rules.journeys.catalogue import JOURNEYS
from policies.rules.preflight import aws_data_paths_allowed, snowflake_steps
from scripts.plan.command import plan
from scripts.plan.policy import evaluate_document, views
from scripts.plan.preflight import preflight_section


def _index() -> StackIndex:
    return StackIndex([ResourceView(type="aws:s3/bucket:Bucket", name="b", urn="urn:b", props={})])


def test_once_computes_once_per_index_and_equal_arguments():
    calls: list[tuple[Any, ...]] = []

    def compute(index: StackIndex, key: dict[str, int]) -> tuple[int, ...]:
        calls.append((index, key))
        return (len(calls),)

    first, second = _index(), _index()
    assert once(first, compute, {"a": 1}) == (1,)
    assert once(first, compute, {"a": 1}) == (1,)  # equal (unhashable) arguments: kept
    assert once(first, compute, {"a": 2}) == (2,)
    assert once(second, compute, {"a": 1}) == (3,)  # another index: computed again
    assert len(calls) == 3
    assert computed_count(first, compute) == 2


def test_a_computation_that_raises_is_not_kept():
    attempts = []

    def compute(index: StackIndex) -> int:
        attempts.append(1)
        raise ValueError("boom")

    index = _index()
    for _ in range(2):
        with pytest.raises(ValueError, match="boom"):
            once(index, compute)
    assert len(attempts) == 2
    assert computed_count(index, compute) == 0


def test_a_plan_builds_the_snowflake_model_paths_and_each_journey_kind_once(monkeypatch):
    built: dict[str, int] = {}

    def counting(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            built[name] = built.get(name, 0) + 1
            return original(*args)

        return wrapper

    # Before the rules and the preflight section shared one index: 4 role models (the step
    # rule, the ingest journey rule, the section's steps and its ingest journeys), 2 runs
    # of the data paths, each journey kind twice.
    monkeypatch.setattr(
        snowflake_steps, "plan_model", counting("role model", snowflake_steps.plan_model)
    )
    monkeypatch.setattr(
        aws_data_paths_allowed,
        "_flow_results",
        counting("data paths", aws_data_paths_allowed._flow_results),
    )
    monkeypatch.setattr(journey, "_build", counting("journey kinds", journey._build))
    document = plan(None, "dev", None)
    assert built == {"role model": 1, "data paths": 1, "journey kinds": len(JOURNEYS)}
    assert document["preflight"]["journeys"], "the dev stack has journeys"


def test_the_shared_section_equals_one_built_on_its_own(plans):
    document = dict(plans["staging"])
    index = StackIndex(views(document))
    evaluate_document(document, PolicySettings(), index=index)
    assert preflight_section(document, PolicySettings(), index) == preflight_section(
        document, PolicySettings()
    )


def test_hashable_arguments_are_looked_up_not_compared_one_by_one():
    calls: list[str] = []

    def compute(index: StackIndex, urn: str) -> tuple[str, ...]:
        calls.append(urn)
        return (urn,)

    index = _index()
    first = once(index, compute, "urn:a")
    assert once(index, compute, "urn:a") is first  # the very object, computed once
    assert once(index, compute, "urn:b") == ("urn:b",)
    assert calls == ["urn:a", "urn:b"]
    assert computed_count(index, compute) == 2


def test_the_pipes_steps_are_the_stacks_steps_of_its_pipes(plans):
    pipe = SNOWFLAKE_PIPE
    index = StackIndex(views(plans["prod"]))
    pipes = snowflake_steps.plan_steps_of(index, pipe)
    assert pipes, "prod's domains load files through pipes"
    assert list(pipes) == [s for s in snowflake_steps.snowflake_steps(index) if s.type == pipe]


def test_the_steps_and_the_domain_boundary_share_one_role_model(plans):
    from policies.rules.access import snowflake_domain_boundary
    from policies.rules.core.engine import evaluate
    from policies.rules.registry import RULES

    index = StackIndex(views(plans["dev"]))
    snowflake_steps.snowflake_steps(index)
    evaluate(index.views, RULES, PolicySettings(), "dev", index=index)
    assert snowflake_domain_boundary.plan_model is snowflake_steps.plan_model
    assert computed_count(index, snowflake_steps.plan_model) == 1


def test_each_topics_subscribers_are_read_once_however_many_journeys_end_there(plans):
    from policies.rules.core.rule import Context
    from policies.rules.journeys import alert_journeys

    index = StackIndex(views(plans["prod"]))
    journeys = list(alert_journeys.failure_journeys(index, Context("prod")))
    ends = [
        h.resource.urn
        for j in journeys
        for h in j.hops
        if h.name == "a subscriber" and h.resource is not None
    ]
    assert len(ends) > len(set(ends)) > 0, "several failures reach each topic"
    assert computed_count(index, alert_journeys._subscribed) == len(set(ends))


def test_the_data_paths_quality_roles_and_journeys_share_one_aws_lookup(plans):
    from policies.rules.core.engine import evaluate
    from policies.rules.preflight.aws_resources import AwsResources
    from policies.rules.registry import RULES

    index = StackIndex(views(plans["prod"]))
    evaluate(index.views, RULES, PolicySettings(), "prod", index=index)
    assert computed_count(index, AwsResources) == 1
