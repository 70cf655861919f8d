"""The plan's preflight section: every data path and Snowflake step, as the rules judge them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from policies.rules.preflight.snowflake_steps import StepResult
from scripts.plan.command import plan
from scripts.plan.preflight import _step, summary_line
from scripts.plan.render import render

ROOT = Path(__file__).resolve().parents[3]
INSECURE = ROOT / "tests" / "fixtures" / "insecure_program"
DATA_PATHS = "preflight-aws-data-paths-allowed"


@pytest.fixture(scope="module")
def insecure() -> dict[str, Any]:
    return plan(INSECURE, None, INSECURE / "Pulumi.insecure-prod.yaml")


def test_every_stack_lists_its_flows_and_steps_all_allowed(stack_plan):
    section = stack_plan["preflight"]
    assert section["flows"] and section["snowflakeSteps"], stack_plan["stack"]
    assert set(section["counts"]["flows"]) == {"allowed"}, stack_plan["stack"]
    assert set(section["counts"]["snowflakeSteps"]) == {"allowed"}, stack_plan["stack"]


def test_the_deployers_of_the_stack_file_are_checked(plans):
    kinds = {f["kind"] for f in plans["prod"]["preflight"]["flows"]}
    assert "deployer" in kinds


def test_denied_flows_come_first_with_the_deciding_reason(insecure):
    first = insecure["preflight"]["flows"][0]
    assert first["status"] == "denied"
    assert "unreachable-topic" in first["flow"]
    assert "sns:Publish" in first["decidedBy"] and "no statement allows it" in first["decidedBy"]


def test_the_section_agrees_with_the_rule(insecure):
    denied = [f for f in insecure["preflight"]["flows"] if f["status"] in ("denied", "blocked")]
    violations = [v for v in insecure["violations"] if v["policy"] == DATA_PATHS]
    assert sorted(f["urn"] for f in denied) == sorted(v["urn"] for v in violations)


def test_a_denied_step_names_the_missing_privilege():
    step = StepResult(
        type="snowflake:index/warehouse:Warehouse",
        name="wh",
        urn="urn:x",
        operation="assign a resource monitor to a warehouse",
        object="WAREHOUSE WH",
        role="SYSADMIN",
        allowed=False,
        missing=("ACCOUNTADMIN",),
        source="docs",
    )
    row = _step(step)
    assert row["status"] == "denied" and row["role"] == "SYSADMIN"
    assert row["decidedBy"] == "lacks ACCOUNTADMIN (source: docs)"


def test_text_and_markdown_show_the_counts_and_the_denied_flow(insecure):
    line = summary_line(insecure["preflight"])
    assert line.startswith(
        # Broken besides the first six: nothing starts its Glue job (journey-every-job-runs),
        # and its PII crawler and its unscheduled data-quality ruleset (two more each).
        "Preflight: 10 journeys (9 broken, 1 not-evaluated), 2 data paths (1 allowed, 1 denied), "
        "17 Snowflake steps"
    )
    text = render(insecure, "text")
    assert line in text and "denied        EventBridge rule [failures]" in text
    markdown = render(insecure, "markdown")
    assert "| denied | data path | EventBridge rule [failures]" in markdown


def test_journeys_come_first_one_line_each_with_the_deciding_hop(insecure):
    text = render(insecure, "text")
    journeys = text.index("  Journeys:")
    assert journeys < text.index("  Data paths:")
    assert (
        "    broken        a load error of pipe [silent-pipe] reaches a person\n"
        "                  broken        an error integration: sets no errorIntegration"
    ) in text
    every_hop = render(insecure, "text", hops=True)
    assert every_hop.count("\n                  ") > text.count("\n                  ")


def test_markdown_lists_failing_journeys_and_folds_the_working_ones():
    document = {
        "project": "p",
        "stack": "dev",
        "resources": [],
        "violations": [],
        "diagnostics": [],
        "outputs": {},
        "preflight": {
            "counts": {"journeys": {"broken": 1, "works": 1}, "flows": {}, "snowflakeSteps": {}},
            "journeys": [
                {
                    "rule": "journey-x",
                    "name": "a | b breaks",
                    "verdict": "broken",
                    "urn": "u",
                    "hops": [{"name": "hop", "verdict": "broken", "detail": "why", "urn": None}],
                },
                {
                    "rule": "journey-x",
                    "name": "c works",
                    "verdict": "works",
                    "urn": "u",
                    "hops": [],
                },
            ],
            "flows": [],
            "snowflakeSteps": [],
        },
    }
    markdown = render(document, "markdown")
    assert "| broken | a \\| b breaks | hop | why |" in markdown
    assert "<details><summary>1 journeys work</summary>" in markdown
    assert "- c works" in markdown


def test_the_markdown_plan_shows_the_stacks_monthly_cost_bound(plans):
    from scripts.cost.report import monthly_bound

    for stack in ("dev", "prod"):
        markdown = render(plans[stack], "markdown")
        bound = monthly_bound(plans[stack]).total_usd
        assert f"**Monthly bound: ${bound:,.2f}**" in markdown, stack
    assert monthly_bound(plans["prod"]).total_usd > monthly_bound(plans["dev"]).total_usd
