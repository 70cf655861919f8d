"""snowflake-masking-policy-masks: bodies evaluated in DuckDB per category, type and sample."""

from __future__ import annotations

from typing import Any

import pytest

from components.snowflake.masking import MASKED_TYPES, UnmaskGrants, masking_body
from policies.rules.core.values import UNKNOWN
from tests.policies.helpers import run, view

RULE = "snowflake-masking-policy-masks"
MP = "snowflake:index/maskingPolicy:MaskingPolicy"
TAG = "snowflake:index/tag:Tag"
TAG_PATH = "GOV.POLICIES.PII"
CATEGORIES = ["email", "phone", "name", "national_id", "financial", "date_of_birth"]
GRANTS = UnmaskGrants(
    by_category={"email": ("SUPPORT",), "phone": ("SUPPORT",)}, all_categories=("OFFICER",)
)
PII = view(
    TAG,
    "pii",
    {"database": "GOV", "schema": "POLICIES", "name": "PII", "orderedAllowedValues": CATEGORIES},
)


def policy(name: str, body: Any, type_: str = "VARCHAR", *others: dict[str, str]) -> Any:
    return view(
        MP,
        name,
        {
            "database": "GOV",
            "schema": "POLICIES",
            "name": name.upper(),
            "body": body,
            "arguments": [{"name": "VAL", "type": type_}, *others],
            "returnDataType": type_,
        },
    )


def messages(*resources: Any) -> dict[str, str]:
    """The violation message of each failing policy, by name."""
    return {str(r.name): r.message for r in run(RULE, [PII, *resources]) if r.status == "violation"}


@pytest.mark.parametrize("masked", MASKED_TYPES, ids=lambda t: t.key)
def test_the_platforms_bodies_pass(masked):
    body = masking_body(masked, TAG_PATH, GRANTS)
    assert messages(policy(masked.key, body, masked.sql_type)) == {}, masked.key


def test_a_body_nobody_may_unmask_passes():
    body = masking_body(MASKED_TYPES[0], TAG_PATH, UnmaskGrants(by_category={}))
    assert messages(policy("m", body)) == {}


def test_a_condition_every_session_meets_fails():
    found = messages(policy("m", "CASE WHEN CURRENT_ROLE() IS NOT NULL THEN val ELSE '***' END"))
    assert "returns the clear value" in found["m"], found
    assert "'jane.doe@example.com'" in found["m"], found


def test_public_is_held_by_every_session():
    found = messages(policy("m", "CASE WHEN IS_ROLE_IN_SESSION('PUBLIC') THEN val ELSE '*' END"))
    assert set(found) == {"m"}


def test_a_body_cannot_dodge_the_probe_by_naming_its_role():
    body = "CASE WHEN CURRENT_ROLE() <> 'DATAPLAT_MASKING_PROBE' THEN val ELSE '*' END"
    assert set(messages(policy("m", body))) == {"m"}


def test_a_body_clear_for_one_category_fails_naming_that_category():
    body = (
        f"CASE WHEN SYSTEM$GET_TAG_ON_CURRENT_COLUMN('{TAG_PATH}') = 'phone' THEN val "
        "ELSE '*****' END"
    )
    message = messages(policy("m", body))["m"]
    assert f"{TAG_PATH} = 'phone'" in message, message
    assert not any(f"'{c}'" in message for c in CATEGORIES if c != "phone"), message


def test_a_body_clear_for_an_untagged_column_fails():
    body = (
        f"CASE WHEN SYSTEM$GET_TAG_ON_CURRENT_COLUMN('{TAG_PATH}') IS NULL THEN val "
        "ELSE '*****' END"
    )
    message = messages(policy("m", body))["m"]
    assert f"{TAG_PATH} not set" in message, message


def test_a_tag_named_relative_to_the_policy_schema_is_found():
    body = "CASE WHEN SYSTEM$GET_TAG_ON_CURRENT_COLUMN('PII') = 'name' THEN val ELSE '*' END"
    assert f"{TAG_PATH} = 'name'" in messages(policy("m", body))["m"]


def test_a_tag_outside_the_stack_is_tried_with_the_values_the_body_names_and_one_more():
    body = (
        "CASE WHEN SYSTEM$GET_TAG_ON_CURRENT_COLUMN('OTHER.TAGS.PII') = 'secret' THEN '*' "
        "ELSE val END"
    )
    message = messages(policy("m", body))["m"]
    assert "dataplat-unlisted-category" in message and "'secret'" not in message, message


def test_a_date_truncated_to_its_day_is_still_clear():
    body = "CASE WHEN IS_ROLE_IN_SESSION('OFFICER') THEN val ELSE DATE_TRUNC('DAY', val) END"
    found = messages(policy("d", body, "DATE"))
    assert "DATE '1984-07-14'" in found["d"], found


@pytest.mark.parametrize(
    ("body", "type_"),
    [
        ("'*****'", "VARCHAR"),
        ("NULL", "NUMBER(38,0)"),
        ("CASE WHEN val IS NULL THEN NULL ELSE '*****' END", "VARCHAR"),
        ("DATE_TRUNC('YEAR', val)", "TIMESTAMP_LTZ"),
    ],
    ids=["constant", "null number", "null stays null", "year of a timestamp"],
)
def test_a_body_that_masks_everything_passes(body, type_):
    assert messages(policy("m", body, type_)) == {}


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("CASE WHEN (", "does not parse"),
        ("CASE WHEN EXISTS (SELECT 1 FROM grants) THEN val ELSE '*' END", "reads tables"),
        ("MY_UDF(val)", "fails in DuckDB"),
        ("CASE WHEN IS_ROLE_IN_SESSION(CURRENT_USER()) THEN val END", "one string literal"),
    ],
    ids=["unparsable", "mapping table", "unknown function", "role not a literal"],
)
def test_a_body_that_cannot_be_evaluated_fails(body, why):
    message = messages(policy("m", body))["m"]
    assert "cannot be evaluated" in message and why in message, message


def test_an_argument_type_without_samples_cannot_be_evaluated():
    assert "no sample values" in messages(policy("m", "val", "VARIANT"))["m"]


def test_a_conditional_policy_is_tried_with_its_other_arguments_null_and_set():
    consent = {"name": "CONSENT", "type": "BOOLEAN"}
    leaky = policy("leaky", "CASE WHEN consent THEN val ELSE '*' END", "VARCHAR", consent)
    strict = policy(
        "strict",
        "CASE WHEN consent AND IS_ROLE_IN_SESSION('SUPPORT') THEN val ELSE '*' END",
        "VARCHAR",
        consent,
    )
    assert set(messages(leaky, strict)) == {"leaky"}


def test_an_unknown_body_is_not_evaluated_until_apply():
    results = run(RULE, [PII, policy("m", UNKNOWN)])
    assert [r.status for r in results] == ["not-evaluated"]


def test_no_policy_of_the_prod_plan_shows_clear_values(plans):
    found = [v for v in plans["prod"]["violations"] if v["policy"] == RULE]
    policies = [r for r in plans["prod"]["resources"] if r["type"] == MP]
    assert policies and found == [], found


def test_bodies_that_translate_alike_run_one_query(monkeypatch):
    from policies.rules.snowflake import masking_eval

    queries: list[str] = []
    real_run = masking_eval._run

    def counting(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        queries.append(sql)
        return real_run(sql, params)

    monkeypatch.setattr(masking_eval, "_run", counting)
    # Unheld roles of two environments: the probe session holds neither, so both read FALSE
    # (the mask text is this test's own, so no other test has run the query already).
    template = "CASE WHEN IS_ROLE_IN_SESSION('{role}') THEN val ELSE 'one-query-mask' END"
    bodies = [template.format(role=r) for r in ("ACME_STAGING_READER", "ACME_PROD_READER")]
    cases = [masking_eval.clear_cases(b, "val", "VARCHAR(64)", ()) for b in bodies]
    assert cases == [(), ()]  # both mask
    assert len([q for q in queries if "one-query-mask" in q]) == 1
