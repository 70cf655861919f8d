"""A contract in a new domain's folder adds its checks to the plan with no code change."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_self_service_guard import copy_of_the_project, planned

RULESET = "aws:glue/dataQualityRuleset:DataQualityRuleset"
SCHEDULE = "aws:scheduler/schedule:Schedule"
CRAWLER = "aws:glue/crawler:Crawler"


def test_a_new_domains_contract_is_planned_as_a_ruleset_schedule_and_crawler(tmp_path: Path):
    project = copy_of_the_project(tmp_path)
    domains = project / "stacks" / "domains"
    text = (domains / "marketing.yaml").read_text().replace("\nname: marketing", "\nname: sales")
    (domains / "sales.yaml").write_text(text)
    contracts = domains / "sales" / "contracts"
    contracts.mkdir(parents=True)
    contract = (domains / "marketing" / "contracts" / "contacts.yaml").read_text()
    (contracts / "leads.yaml").write_text(
        contract.replace(
            "id: urn:dataplatform:marketing:contacts", "id: urn:acme:sales:leads"
        ).replace("domain: marketing", "domain: sales")
    )
    code, document = planned(project, "dev", tmp_path / "dev.json")
    assert document is not None, f"no plan (exit code {code})"
    assert [v["policy"] for v in document["violations"] if v["level"] == "mandatory"] == []
    by_type: dict[str, dict[str, dict]] = {}
    for r in document["resources"]:
        by_type.setdefault(r["type"], {})[r["inputs"].get("name")] = r["inputs"]
    ruleset = by_type[RULESET]["acme-dp-dev-dq-sales-raw-hubspot-leads"]
    assert ruleset["targetTable"] == {
        "databaseName": "acme_dp_dev_raw_sales",
        "tableName": "hubspot",
    }
    assert 'IsPrimaryKey "id"' in ruleset["ruleset"]
    schedule = by_type[SCHEDULE]["acme-dp-dev-dq-sales-raw-hubspot-leads"]
    assert json.loads(schedule["target"]["input"])["RulesetNames"] == [
        "acme-dp-dev-dq-sales-raw-hubspot-leads"
    ]
    crawler = by_type[CRAWLER]["acme-dp-dev-crawl-sales-hubspot"]
    assert crawler["tags"]["data-contract"] == "urn:acme:sales:leads"
