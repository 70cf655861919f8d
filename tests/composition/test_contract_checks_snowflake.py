"""The Snowflake side of the domains' contracts in the real stacks: every check the marketing
landing-table contract declares is in the prod plan (as a DMF or in the checks alert), and
nothing in dev or staging, where the contract has no server."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from composition.contract_checks_snowflake import (
    ALERT_CRONS,
    DMF_SCHEDULES,
    contracted_tables,
)
from stacks.contracts.loader import read_contract

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "stacks/domains/marketing/contracts/hubspot_landing.yaml"
ALERT = "snowflake:index/alert:Alert"
EXECUTE = "snowflake:index/execute:Execute"
COMPONENT = "dataplatform:snowflake:TableDataQuality"


def messages(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The JSON message of every data-quality alert of the plan."""
    found = []
    for r in plan["resources"]:
        if r["type"] != ALERT or "snowflake-data-quality" not in str(r["inputs"].get("action")):
            continue
        body = re.search(r"APPLICATION_JSON\('(.*)'\), SNOWFLAKE", r["inputs"]["action"])
        assert body, r["name"]
        found.append(json.loads(body[1].replace("''", "'")))
    return found


def test_every_check_of_the_landing_contract_is_in_the_prod_plan(plans):
    contract = read_contract(CONTRACT)
    declared = {c.name for c in contract.checks}
    sent = messages(plans["prod"])
    planned = {name for m in sent for name in m["checks"]}
    assert planned == declared
    assert {m["database"] for m in sent} == {"ACME_DP_PROD_DOMAIN_MARKETING"}
    attached = [
        r["inputs"]["execute"]
        for r in plans["prod"]["resources"]
        if r["type"] == EXECUTE and "ADD DATA METRIC FUNCTION" in r["inputs"]["execute"]
    ]
    assert len(attached) == 5  # 3 required columns, the row count, the freshness


def test_prod_checks_hourly_and_dev_and_staging_have_no_contract_server(plans):
    assert (
        DMF_SCHEDULES["prod"] == "USING CRON 0 * * * * UTC" and ALERT_CRONS["prod"] == "30 * * * *"
    )
    for stack in ("dev", "staging"):
        assert [r for r in plans[stack]["resources"] if r["type"] == COMPONENT] == [], stack


def test_a_server_of_another_environment_covers_nothing():
    contract = read_contract(CONTRACT)
    assert contracted_tables(contract, "prod") == [("contacts", "MARKETING_HUBSPOT_LANDING")]
    assert contracted_tables(contract, "dev") == []


def test_each_prod_dmf_execute_is_replaced_with_the_landing_table_it_alters(plans):
    """The landing table reaches the contract checks from SnowflakeIngest (DataDomain's
    `ingests`): every Execute on it carries the table's URN in `replaceWith`."""
    resources = plans["prod"]["resources"]
    tables = {
        r["inputs"]["name"]: r["urn"]
        for r in resources
        if r["type"] == "snowflake:index/table:Table"
    }
    executes = [r for r in resources if r["type"] == EXECUTE]
    assert len(executes) == 6  # the schedule and the 5 associations
    for r in executes:
        assert r.get("replaceWith") == [tables["MARKETING_HUBSPOT_LANDING"]], r["name"]
