"""snowflake-dmf-enterprise-only: DMF statements pass on enterprise and business_critical and
are refused on standard; the setting each real stack's policy config gives it is the stack
file's own `snowflake.edition`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policies.rules.snowflake.dmf_enterprise_only import DEFAULT_EDITION, RULE
from stacks.stack_file import load_stack_file
from tests.policies.helpers import failing, run
from tests.policies.preflight.test_snowflake_dmf_steps import program

ROOT = Path(__file__).resolve().parents[2]


def edition(value: str) -> dict[str, dict[str, str]]:
    return {RULE.id: {"snowflakeEdition": value}}


@pytest.mark.parametrize("value", ["enterprise", "business_critical"])
def test_dmfs_pass_on_enterprise_or_higher(value):
    assert run(RULE.id, program(), config=edition(value)) == []


def test_the_default_edition_is_enterprise_as_in_the_stack_files():
    assert DEFAULT_EDITION == "enterprise"
    assert run(RULE.id, program()) == []


def test_on_standard_every_dmf_statement_is_refused_naming_the_table():
    results = run(RULE.id, program(), config=edition("standard"))
    assert {r.name for r in results if r.status == "violation"} == {"null-count", "schedule"}
    [attach] = [r for r in results if r.name == "null-count"]
    assert attach.message == (
        "Execute [null-count] attaches a data metric function to table "
        "DOM.CONTACTS.DOM_SRC_LANDING, but the stack's Snowflake edition is standard: data "
        "metric functions need enterprise or business_critical"
    )


def test_an_execute_running_other_sql_is_not_judged():
    other = [v for v in program() if v.name not in ("null-count", "schedule")]
    assert failing(RULE.id, other, config=edition("standard")) == set()


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_each_stacks_policy_setting_is_its_stack_files_edition(stack):
    platform = load_stack_file(ROOT / "stacks" / f"Pulumi.{stack}.yaml").platform
    assert platform.snowflake is not None
    policy = ROOT / "stacks" / f"policy.{stack}.json"
    config = json.loads(policy.read_text()) if policy.is_file() else {}
    setting = config.get(RULE.id, {}).get("snowflakeEdition", DEFAULT_EDITION)
    assert setting == platform.snowflake.edition, f"stacks/policy.{stack}.json: {RULE.id}"
