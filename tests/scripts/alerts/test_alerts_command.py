"""`dataplat alerts`: every source of alerts, its topic and who receives its message."""

from __future__ import annotations

import copy
import json
from typing import Any

from scripts.alerts.report import alert_routes
from scripts.cli import main
from tests.stack_data import domains


def _routes(document: dict[str, Any]) -> dict[tuple[str, str | None], dict[str, Any]]:
    return {(r["name"], r["domain"]): r for r in alert_routes(document)}


def test_on_dev_each_source_reaches_the_platform_and_the_marketing_pipe_its_owner(plans):
    routes = _routes(plans["dev"])
    assert {(r["source"], name, domain) for (name, domain), r in routes.items()} == {
        ("cloudwatch alarm", "data-platform-alarms-queued-tasks", None),
        ("cloudwatch alarm", "data-platform-alarms-scheduler-heartbeat", None),
        ("cloudwatch alarm", "data-platform-alarms-task-failures", None),
        ("budget", "data-platform-budget", None),
        ("pipe load errors", "data-platform-domain-marketing-ingest-hubspot-pipe", "marketing"),
        ("event rule", "data-platform-orchestration-glue-crawler-failures", None),
        ("event rule", "data-platform-orchestration-glue-jobs-failures", None),
        ("snowflake alert", "data-platform-credit-alert-alert", None),
        ("snowflake alert", "data-platform-credit-alert-alert", "marketing"),
    }
    pipe = routes[("data-platform-domain-marketing-ingest-hubspot-pipe", "marketing")]
    assert pipe["topics"] == ["acme-dp-dev-alerts"]
    assert pipe["message"]["pipeName"] == (
        "ACME_DP_DEV_DOMAIN_MARKETING.CONTACTS.MARKETING_HUBSPOT_PIPE"
    )
    assert [(s["endpoint"], s["filtered"], s["receives"]) for s in pipe["subscriptions"]] == [
        ("data-platform-dev@acme.example", False, True),
        ("marketing-data@acme.example", True, True),
    ]
    jobs = routes[("data-platform-orchestration-glue-jobs-failures", None)]
    assert [(s["endpoint"], s["receives"]) for s in jobs["subscriptions"]] == [
        ("data-platform-dev@acme.example", True),
        ("marketing-data@acme.example", False),  # the platform's job is not marketing's
    ]


def test_in_every_stack_the_platform_hears_everything_and_each_domain_its_own(stack_plan):
    routes = alert_routes(stack_plan)
    assert routes, stack_plan["stack"]
    for r in routes:
        platform = [s for s in r["subscriptions"] if s["domain"] is None]
        assert platform and all(s["receives"] for s in platform), r["name"]
        assert r["owner_told"], f"{r['name']} of domain {r['domain']} reaches only the platform"
    told = {r["domain"] for r in routes if r["domain"]}
    assert told == {d["name"] for d in domains()}, "every domain has a source routed to it"


def test_a_domain_subscription_that_matches_nothing_is_reported(plans):
    document = copy.deepcopy(plans["dev"])
    for r in document["resources"]:
        if r["name"] == "data-platform-domain-marketing-alerts-email-0":
            r["inputs"]["filterPolicy"] = json.dumps({"pipeName": [{"prefix": "OTHER."}]})
    pipe = _routes(document)[("data-platform-domain-marketing-ingest-hubspot-pipe", "marketing")]
    assert pipe["owner_told"] is False


def test_the_command_writes_text_and_json(plans, tmp_path, capsys, monkeypatch):
    path = tmp_path / "plan-dev.json"
    path.write_text(json.dumps(plans["dev"]))
    assert main(["alerts", "--plan", str(path)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Alerts of stack dev: 9 sources, 2 of data domains; 2 of those")
    assert "pipe load errors [data-platform-domain-marketing-ingest-hubspot-pipe] (domain " in text
    assert "  told     email marketing-data@acme.example [domain marketing]" in text
    assert main(["alerts", "--plan", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == alert_routes(plans["dev"])


def test_bad_input_exits_2(tmp_path, capsys):
    assert main(["alerts"]) == 2
    assert "give --stack NAME or --plan FILE" in capsys.readouterr().err
    assert main(["alerts", "--plan", str(tmp_path / "missing.json")]) == 2
