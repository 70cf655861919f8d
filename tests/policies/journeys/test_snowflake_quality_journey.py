"""journey-quality-alerted on the prod plan: every DMF the marketing landing table gets
reaches the alerts topic's subscribers and the marketing owner, and each hop, broken, is
the one reported."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from policies.rules.core.index import StackIndex
from policies.rules.core.rule import Context
from policies.rules.core.view import ResourceView
from policies.rules.journeys.snowflake_quality_journeys import quality_journeys
from scripts.plan.policy import views

EXECUTE = "snowflake:index/execute:Execute"
ALERT = "snowflake:index/alert:Alert"


@pytest.fixture(scope="module")
def prod(plans: dict[str, dict[str, Any]]) -> list[ResourceView]:
    return views(plans["prod"])


def journeys(resources: list[ResourceView]):
    return list(quality_journeys(StackIndex(resources), Context("prod")))


def deciding(resources: list[ResourceView]) -> set[tuple[str, str]]:
    """(verdict, deciding hop) of every journey."""
    found = set()
    for journey in journeys(resources):
        hop = journey.deciding_hop
        found.add((journey.verdict, hop.name if hop else ""))
    return found


def test_every_dmf_of_the_prod_plan_reaches_a_subscriber(prod):
    found = journeys(prod)
    attached = [
        v for v in prod if v.type == EXECUTE and "ADD DATA METRIC FUNCTION" in str(v.get("execute"))
    ]
    assert len(found) == len(attached) == 5
    assert {j.verdict for j in found} == {"works"}
    hops = [h.name for h in found[0].hops]
    assert hops[2:5] == [
        "an alert reads the results",
        "the alert runs",
        "a notification integration",
    ]
    assert hops[-2:] == ["a subscriber", "the domain's owner is told"]
    assert found[0].hops[-1].detail == "domain marketing: email marketing-data@acme.example"


MARKETING_SUBSCRIPTION = "data-platform-domain-marketing-alerts-email-0"


def test_a_filter_without_the_domains_branch_breaks_them_naming_the_alert(prod):
    def without_domains(v: ResourceView) -> ResourceView:
        policy = json.loads(str(v.get("filterPolicy")))
        policy["$or"] = [b for b in policy["$or"] if "domains" not in b]
        return dataclasses.replace(v, props={**v.props, "filterPolicy": json.dumps(policy)})

    changed = [without_domains(v) if v.name == MARKETING_SUBSCRIPTION else v for v in prod]
    assert deciding(changed) == {("broken", "the domain's owner is told")}
    for journey in journeys(changed):
        detail = journey.hops[-1].detail
        assert (
            "[data-platform-dq-marketing-hubspot-landing-status] of domain marketing reaches "
            "only the platform team: no filter policy of its subscriptions "
            f"({MARKETING_SUBSCRIPTION})"
        ) in detail


def test_without_the_domain_subscription_they_reach_only_the_platform(prod):
    kept = [v for v in prod if v.name != MARKETING_SUBSCRIPTION]
    assert deciding(kept) == {("broken", "the domain's owner is told")}
    assert "the domain has no subscription of the topic" in journeys(kept)[0].hops[-1].detail


def test_without_the_status_alert_no_journey_works(prod):
    kept = [v for v in prod if not (v.type == ALERT and v.name.endswith("-status"))]
    assert deciding(kept) == {("broken", "an alert reads the results")}


def test_without_the_schedule_no_journey_works(prod):
    kept = [v for v in prod if not (v.type == EXECUTE and v.name.endswith("-schedule"))]
    assert deciding(kept) == {("broken", "the table's DMF schedule")}


def test_a_disabled_status_alert_breaks_the_journeys(prod):
    changed = [
        dataclasses.replace(v, props={**v.props, "enabled": False})
        if v.type == ALERT and v.name.endswith("-status")
        else v
        for v in prod
    ]
    assert deciding(changed) == {("broken", "the alert runs")}


def test_an_alert_sending_through_an_unknown_integration_breaks_the_journeys(prod):
    changed = [
        dataclasses.replace(
            v, props={**v.props, "action": str(v.get("action")).replace("_ALERTS_", "_OTHER_")}
        )
        if v.type == ALERT and v.name.endswith("-status")
        else v
        for v in prod
    ]
    assert deciding(changed) == {("broken", "a notification integration")}
