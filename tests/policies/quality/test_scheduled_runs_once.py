"""The scheduled Data Quality runs are read once per stack index: every ruleset's journey
looks its runs up there (at 200 domains, reading them per ruleset was quadratic)."""

from __future__ import annotations

from policies.rules.core.index import StackIndex
from policies.rules.core.per_stack import computed_count
from policies.rules.core.rule import Context
from policies.rules.journeys.lake_quality_journeys import quality_journeys
from policies.rules.quality import quality_paths
from scripts.plan.policy import views


def test_every_rulesets_journey_shares_one_reading_of_the_schedules(plans):
    index = StackIndex(views(plans["dev"]))
    journeys = list(quality_journeys(index, Context("dev")))
    assert journeys  # marketing's contract: one ruleset at least
    assert computed_count(index, quality_paths._scheduled_runs) == 1
