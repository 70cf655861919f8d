"""Key age in the audit: from each slot's schedule in a plan, from Secrets Manager live."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import boto3
import pytest

from scripts.audit.keys import ROTATING, key_ages
from scripts.audit.live.key_ages import connection_key_ages
from scripts.audit.render import render
from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS

from .conftest import audit_plan
from .moto_account import PREFIX, REGION, TAGS

PROD = SNOWFLAKE_ENVIRONMENT_DEFAULTS["prod"]


def _bases(plan: dict[str, Any]) -> dict[str, dt.date]:
    return {
        r["name"]: dt.date.fromisoformat(r["outputs"]["rfc3339"][:10])
        for r in plan["resources"]
        if r["type"] == ROTATING
    }


def test_every_generated_slot_of_prod_is_listed_with_the_environment_maximum(plans):
    plan = plans["prod"]
    users = [r for r in plan["resources"] if r["type"].endswith("serviceUser:ServiceUser")]
    ages = key_ages(plan["resources"], "prod", min(_bases(plan).values()))
    assert len(ages["keys"]) == 2 * len(users)
    assert {k["slot"] for k in ages["keys"]} == {"A", "B"}
    assert {k["maximumDays"] for k in ages["keys"]} == {PROD.key_rotation_days * 3 // 2}
    assert {k["periodDays"] for k in ages["keys"]} == {PROD.key_rotation_days}
    assert ages["flags"] == []
    assert all(k["ageDays"] == 0 for k in ages["keys"]), "fresh keys are 0 days old"


def test_a_slot_whose_rotation_is_due_is_flagged(plans):
    plan = plans["prod"]
    start = min(_bases(plan).values())
    ages = key_ages(plan["resources"], "prod", start + dt.timedelta(days=PROD.key_rotation_days))
    due = {(f["key"], f["problem"]) for f in ages["flags"]}
    assert due and all(key.endswith("slot A") for key, _ in due), due
    assert all(problem.startswith("rotation due since") for _, problem in due)


def test_a_key_older_than_the_environment_maximum_is_flagged(plans):
    plan = copy.deepcopy(plans["prod"])
    start = min(_bases(plan).values())
    today = start + dt.timedelta(days=PROD.max_key_age_days + 1)
    ages = key_ages(plan["resources"], "prod", today)
    old = [k for k in ages["keys"] if k["tooOld"]]
    assert old and {k["slot"] for k in old} == {"A"}, "slot A is 1 day past the maximum"
    assert all(k["ageDays"] == PROD.max_key_age_days + 1 for k in old)
    assert any("over the maximum of 135" in f["problem"] for f in ages["flags"])


def test_a_recorded_base_outranks_the_input_ignored_since(plans):
    plan = copy.deepcopy(plans["prod"])
    (slot_b, *_) = [r for r in plan["resources"] if r["name"].endswith("-key-b-rotation")]
    slot_b["outputs"]["rfc3339"] = "2026-01-01T00:00:00Z"
    rows = key_ages(plan["resources"], "prod", dt.date(2026, 1, 11))["keys"]
    assert any(k["since"] == "2026-01-01" and k["ageDays"] == 10 for k in rows)


def test_the_report_shows_key_ages_in_markdown_and_html(plans):
    report = audit_plan(plans["prod"], "prod")
    assert report["summary"]["keyAgeFlags"] == 0
    markdown = render(report, "markdown")
    assert "## Age of the service users' keys" in markdown
    assert "| Key age flags | 0 |" in markdown
    assert "Age of the service users&#x27; keys" in render(report, "html") or (
        "Age of the service users' keys" in render(report, "html")
    )


@pytest.fixture
def secrets(moto_env: None) -> Any:
    sm = boto3.client("secretsmanager", region_name=REGION)
    for name in ("snowflake_loader", "other"):
        sm.create_secret(
            Name=f"{PREFIX}/airflow/connections/{name}",
            SecretString="{}",
            Tags=[{"Key": k, "Value": v} for k, v in TAGS.items()],
        )
    return sm


def _in_scope(name: str, tags: dict[str, str]) -> bool:
    return name.startswith(PREFIX)


def test_live_key_age_is_the_connection_secrets_last_change(secrets):
    changed = secrets.describe_secret(SecretId=f"{PREFIX}/airflow/connections/snowflake_loader")[
        "LastChangedDate"
    ].date()
    ages = connection_key_ages(secrets, _in_scope, "prod", changed + dt.timedelta(days=10))
    assert [(k["user"], k["ageDays"]) for k in ages["keys"]] == [
        (f"{PREFIX}/airflow/connections/snowflake_loader", 10)
    ]
    assert ages["keys"][0]["maximumDays"] == PROD.max_key_age_days
    assert ages["flags"] == []


def test_a_live_connection_key_older_than_the_maximum_is_flagged(secrets):
    changed = secrets.describe_secret(SecretId=f"{PREFIX}/airflow/connections/snowflake_loader")[
        "LastChangedDate"
    ].date()
    today = changed + dt.timedelta(days=PROD.max_key_age_days + 1)
    (flag,) = connection_key_ages(secrets, _in_scope, "prod", today)["flags"]
    assert flag["key"] == f"{PREFIX}/airflow/connections/snowflake_loader"
    assert "136 days old, over the maximum of 135" in flag["detail"]


def test_the_live_section_carries_the_key_ages_and_the_report_counts_their_flags(secrets):
    from policies.rules.core.settings import PolicySettings
    from scripts.audit.layout import layout
    from scripts.audit.live.scan import live_section
    from scripts.audit.report import summary

    late = dt.date.today() + dt.timedelta(days=PROD.max_key_age_days + 30)
    live = live_section(REGION, [PREFIX], PolicySettings(), "prod", late)
    assert [k["user"] for k in live["keyAges"]["keys"]] == [
        f"{PREFIX}/airflow/connections/snowflake_loader"
    ]
    report = {"title": "t", "generatedOn": "x", "source": {"kind": "live account"}, "live": live}
    report["summary"] = summary(report)
    assert report["summary"]["keyAgeFlags"] == 1
    titles = [s.title for s in layout(report)]
    assert "Age of the service users' keys" in titles
