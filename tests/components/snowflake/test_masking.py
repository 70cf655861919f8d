"""Masking semantics: each policy body, parsed and run in DuckDB, per role and category."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from components.snowflake.masking import MASKED_TYPES, MaskedType, UnmaskGrants, masking_body
from policies.rules.snowflake.masking_eval import evaluate
from tests.plan_helpers import of_type

TAG = "ACME_DP_PROD_GOVERNANCE.POLICIES.PII"
SUPPORT, OFFICER, ANALYST = "ACME_DP_PROD_CUSTOMER_SUPPORT", "ACME_DP_PROD_PRIVACY_OFFICER", "X"
GRANTS = UnmaskGrants(
    by_category={"email": (SUPPORT,), "phone": (SUPPORT,)}, all_categories=(OFFICER,)
)
SAMPLES: dict[str, Any] = {
    "VARCHAR": "jane.doe@example.com",
    "NUMBER": Decimal("1234.50"),
    "FLOAT": 98.6,
    "DATE": dt.date(1984, 7, 14),
    "TIMESTAMP_NTZ": dt.datetime(2024, 3, 5, 14, 30, 7),
    "TIMESTAMP_LTZ": dt.datetime(2024, 3, 5, 14, 30, 7, tzinfo=dt.UTC),
    "TIMESTAMP_TZ": dt.datetime(2024, 3, 5, 14, 30, 7, tzinfo=dt.UTC),
}
BY_KEY = {t.key: t for t in MASKED_TYPES}


def run(masked: MaskedType, value: Any, category: str | None, *roles: str) -> Any:
    body = masking_body(masked, TAG, GRANTS)
    return evaluate(body, masked.sql_type, value, category=category, session_roles=roles)


@pytest.mark.parametrize("masked", MASKED_TYPES, ids=lambda t: t.key)
def test_a_role_allowed_the_category_sees_the_clear_value(masked):
    value = SAMPLES[masked.sql_type]
    assert run(masked, value, "email", SUPPORT, "PUBLIC") == value


@pytest.mark.parametrize("masked", MASKED_TYPES, ids=lambda t: t.key)
def test_a_role_allowed_every_category_sees_the_clear_value_of_any_category(masked):
    value = SAMPLES[masked.sql_type]
    assert run(masked, value, "national_id", OFFICER) == value
    assert run(masked, value, None, OFFICER) == value


@pytest.mark.parametrize("masked", MASKED_TYPES, ids=lambda t: t.key)
@pytest.mark.parametrize("category", ["email", "name", None])
def test_a_role_without_unmask_never_sees_the_clear_value(masked, category):
    value = SAMPLES[masked.sql_type]
    assert run(masked, value, category, ANALYST, "PUBLIC") != value


@pytest.mark.parametrize("masked", MASKED_TYPES, ids=lambda t: t.key)
def test_a_role_allowed_one_category_is_refused_the_others(masked):
    value = SAMPLES[masked.sql_type]
    assert run(masked, value, "financial", SUPPORT) != value


@pytest.mark.parametrize("masked", MASKED_TYPES, ids=lambda t: t.key)
@pytest.mark.parametrize("roles", [(ANALYST,), (SUPPORT,), (OFFICER,)])
def test_null_stays_null(masked, roles):
    assert run(masked, None, "email", *roles) is None


def test_a_masked_email_keeps_only_its_domain():
    assert run(BY_KEY["string"], "jane.doe@example.com", "email", ANALYST) == "*****@example.com"
    assert run(BY_KEY["string"], "not-an-email", "email", ANALYST) == "*****"


def test_a_masked_phone_keeps_its_last_four_digits_only_when_long_enough():
    assert run(BY_KEY["string"], "+44 20 7946 0958", "phone", ANALYST) == "*****0958"
    assert run(BY_KEY["string"], "0958", "phone", ANALYST) == "*****"


def test_other_strings_are_fully_masked():
    assert run(BY_KEY["string"], "Jane Doe", "name", ANALYST) == "*****"


def test_dates_and_timestamps_keep_only_their_year():
    assert run(BY_KEY["date"], dt.date(1984, 7, 14), "date_of_birth", ANALYST) == dt.date(
        1984, 1, 1
    )
    masked = run(BY_KEY["timestamp_ntz"], dt.datetime(2024, 3, 5, 14, 30), "email", ANALYST)
    assert masked == dt.datetime(2024, 1, 1)


def test_numbers_are_masked_to_null_so_they_leave_aggregates():
    assert run(BY_KEY["number"], Decimal("1234.50"), "financial", ANALYST) is None


def test_a_policy_nobody_may_unmask_masks_for_everyone():
    body = masking_body(BY_KEY["string"], TAG, UnmaskGrants(by_category={}))
    assert "IS_ROLE_IN_SESSION" not in body
    assert evaluate(body, "VARCHAR", "Jane", category="name", session_roles=[OFFICER]) == "*****"


def test_every_masking_policy_in_the_prod_plan_refuses_clear_values_to_the_analyst(plans):
    """The bodies as registered (not as generated here) keep the promise too."""
    policies = of_type(plans["prod"], "snowflake:index/maskingPolicy:MaskingPolicy")
    assert len(policies) == len(MASKED_TYPES)
    for policy in policies:
        inputs = policy["inputs"]
        sql_type = inputs["returnDataType"]
        value = SAMPLES[sql_type]
        for category in ("email", "phone", "name"):
            masked = evaluate(
                inputs["body"],
                sql_type,
                value,
                category=category,
                session_roles=["ACME_DP_PROD_ANALYST"],
            )
            assert masked != value, f"{policy['name']}: clear {category} for the analyst"
        clear = evaluate(inputs["body"], sql_type, value, category="email", session_roles=[SUPPORT])
        assert clear == value, f"{policy['name']}: customer support cannot unmask email"


# A domain's roles join the grants by their Snowflake names (composition/roles.py).
ENGINEER, DOMAIN_ANALYST = "ACME_DP_PROD_MARKETING_ENGINEER", "ACME_DP_PROD_MARKETING_ANALYST"


def _domain_grants() -> UnmaskGrants:
    from components.snowflake.role_model import FunctionalRoleSpec, UnmaskRole, unmask_grants

    support = FunctionalRoleSpec(key="customer_support", identifier=SUPPORT, unmask=("phone",))
    return unmask_grants([support, UnmaskRole(ENGINEER, ("email",))])


@pytest.mark.parametrize("masked", MASKED_TYPES, ids=lambda t: t.key)
def test_a_domain_role_that_unmasks_a_category_sees_it_and_only_it(masked):
    body = masking_body(masked, TAG, _domain_grants())
    value = SAMPLES[masked.sql_type]

    def seen(category: str, *roles: str) -> Any:
        return evaluate(body, masked.sql_type, value, category=category, session_roles=roles)

    assert seen("email", ENGINEER, "PUBLIC") == value
    assert seen("phone", ENGINEER) != value
    assert seen("email", DOMAIN_ANALYST, "PUBLIC") != value
    assert seen("email", SUPPORT) != value and seen("phone", SUPPORT) == value
