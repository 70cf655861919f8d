"""A domain's failure reaches its owner's subscription, not only the platform team: the
failure journey's last hop, on the real dev stack with the routing broken two ways."""

from __future__ import annotations

from typing import Any

from components.alerts import domain_alerts
from composition import domain_owned
from scripts.plan.command import plan

FAILURES = "journey-failure-alerted"
PIPE = "data-platform-domain-marketing-ingest-hubspot-pipe"


def _pipe_journey(document: dict[str, Any]) -> dict[str, Any]:
    (journey,) = [
        j
        for j in document["preflight"]["journeys"]
        if j["name"] == f"a load error of pipe [{PIPE}] reaches a person"
    ]
    return journey


def test_on_dev_the_marketing_pipe_reaches_the_marketing_owner(plans):
    last = _pipe_journey(plans["dev"])["hops"][-1]
    assert (last["name"], last["verdict"]) == ("the domain's owner is told", "ok")
    assert last["detail"] == "domain marketing: email marketing-data@acme.example"


def _of_the_pipe(document: dict[str, Any]) -> dict[str, Any]:
    """The violation on marketing's pipe; the other is on its Glue job, whose failures
    reach only the platform team the same way."""
    violations = [v for v in document["violations"] if v["policy"] == FAILURES]
    assert len(violations) == 2, violations
    (pipe,) = [v for v in violations if f"[{PIPE}]" in v["message"]]
    (jobs,) = [v for v in violations if v is not pipe]
    assert (
        "Glue job [data-platform-domain-marketing-jobs-marketing-hubspot_to_curated]"
        in (jobs["message"])
    )
    return pipe


def test_a_domain_without_subscriptions_is_a_violation_naming_the_source(monkeypatch):
    monkeypatch.setattr(domain_owned, "DomainAlerts", lambda *args, **kwargs: None)
    document = plan(None, "dev", None)
    violation = _of_the_pipe(document)
    assert f"[{PIPE}] of domain marketing reaches only the platform team" in violation["message"]
    assert "no subscription of the topic" in violation["message"]


def test_a_filter_that_misses_the_pipes_message_is_a_violation(monkeypatch):
    def elsewhere(routes: domain_alerts.DomainRoutes) -> dict[str, Any]:
        return {"pipeName": [{"prefix": "SOMEWHERE_ELSE."}]}

    monkeypatch.setattr(domain_alerts, "domain_filter_policy", elsewhere)
    document = plan(None, "dev", None)
    violation = _of_the_pipe(document)
    assert f"[{PIPE}] of domain marketing reaches only the platform team" in violation["message"]
    assert "data-platform-domain-marketing-alerts-email-0" in violation["message"]
    assert (
        '"pipeName": "ACME_DP_DEV_DOMAIN_MARKETING.CONTACTS.MARKETING_HUBSPOT_PIPE"'
        in (violation["message"])
    )
