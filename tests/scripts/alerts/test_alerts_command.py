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
        # Marketing's own job (hubspot_to_curated): its failures are marketing's.
        ("event rule", "data-platform-domain-marketing-jobs-failures", "marketing"),
        ("snowflake alert", "data-platform-credit-alert-alert", None),
        ("snowflake alert", "data-platform-credit-alert-alert", "marketing"),
        # The stack-wide quality rules: one row per domain, with that domain's event.
        ("event rule", "data-platform-quality-alerts-results", "marketing"),
        ("event rule", "data-platform-quality-alerts-crawler-failures", "marketing"),
    }
    results = routes[("data-platform-quality-alerts-results", "marketing")]
    assert results["message"]["detail"]["context"]["databaseName"] == (
        "acme_dp_dev_curated_marketing"
    )
    crawler = routes[("data-platform-quality-alerts-crawler-failures", "marketing")]
    assert crawler["message"]["detail"]["crawlerName"] == "acme-dp-dev-crawl-marketing-hubspot"
    for quality in (results, crawler):
        assert [(s["endpoint"], s["receives"]) for s in quality["subscriptions"]] == [
            ("data-platform-dev@acme.example", True),
            ("marketing-data@acme.example", True),
        ]
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
    own_jobs = routes[("data-platform-domain-marketing-jobs-failures", "marketing")]
    assert [(s["endpoint"], s["receives"]) for s in own_jobs["subscriptions"]] == [
        ("data-platform-dev@acme.example", True),
        ("marketing-data@acme.example", True),
    ]


def test_on_prod_the_snowflake_contract_checks_reach_marketing(plans):
    routes = _routes(plans["prod"])
    for name in (
        "data-platform-dq-marketing-hubspot-landing-checks",
        "data-platform-dq-marketing-hubspot-landing-status",
    ):
        (route,) = [r for (n, _), r in routes.items() if n == name]
        assert route["domain"] == "marketing"
        assert route["message"]["source"] == "snowflake-data-quality"
        assert route["message"]["domains"] == ["marketing"]
        assert [(s["endpoint"], s["receives"]) for s in route["subscriptions"]] == [
            ("data-platform@acme.example", True),
            ("https://events.pagerduty.com/integration/acme-data-platform/enqueue", True),
            ("marketing-data@acme.example", True),
        ]


def test_a_filter_without_the_database_branch_leaves_the_results_to_the_platform(plans):
    document = copy.deepcopy(plans["dev"])
    for r in document["resources"]:
        if r["name"] == "data-platform-domain-marketing-alerts-email-0":
            policy = json.loads(r["inputs"]["filterPolicy"])
            policy["$or"] = [b for b in policy["$or"] if "context" not in b.get("detail", {})]
            r["inputs"]["filterPolicy"] = json.dumps(policy)
    routes = _routes(document)
    assert routes[("data-platform-quality-alerts-results", "marketing")]["owner_told"] is False
    assert routes[("data-platform-quality-alerts-crawler-failures", "marketing")]["owner_told"]


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
    assert text.startswith("Alerts of stack dev: 12 sources, 5 of data domains; 5 of those")
    assert "pipe load errors [data-platform-domain-marketing-ingest-hubspot-pipe] (domain " in text
    assert "  told     email marketing-data@acme.example [domain marketing]" in text
    assert main(["alerts", "--plan", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == alert_routes(plans["dev"])


def test_bad_input_exits_2(tmp_path, capsys):
    assert main(["alerts"]) == 2
    assert "give --stack NAME or --plan FILE" in capsys.readouterr().err
    assert main(["alerts", "--plan", str(tmp_path / "missing.json")]) == 2
