"""The alerts section: subscriptions validated, budget defaults per environment, explicit wins."""

from __future__ import annotations

import pytest

from stacks.stack_file import ConfigError, parse_platform
from tests.stacks.platform_base import PLATFORM_BASE

FILE = "stacks/Pulumi.test.yaml"
BASE = {
    "environment": "prod",
    **PLATFORM_BASE,
}


def _problems(environment: str = "prod", **alerts) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_platform({**BASE, "environment": environment, "alerts": alerts}, FILE)
    return str(caught.value)


@pytest.mark.parametrize(
    ("environment", "limit", "queued"),
    [("dev", 500.0, 20), ("staging", 1500.0, 50), ("prod", 6000.0, 100)],
)
def test_the_environment_decides_the_budget_and_the_queued_tasks_threshold(
    environment, limit, queued
):
    alerts = parse_platform({**BASE, "environment": environment}, FILE).alerts
    assert alerts.budget.monthly_limit_usd == limit
    assert alerts.budget.forecasted_threshold_percents == (100.0,)
    assert alerts.budget.actual_threshold_percents == (80.0, 100.0)
    assert alerts.queued_tasks_threshold == queued
    assert (alerts.emails, alerts.https_endpoints) == ((), ())


def test_explicit_values_win_over_the_environment():
    alerts = parse_platform(
        {
            **BASE,
            "alerts": {
                "emails": ["oncall@acme.example"],
                "https_endpoints": ["https://hooks.acme.example/x"],
                "budget": {"monthly_limit_usd": 42, "actual_threshold_percents": [50]},
                "queued_tasks_threshold": 7,
            },
        },
        FILE,
    ).alerts
    assert alerts.emails == ("oncall@acme.example",)
    assert alerts.https_endpoints == ("https://hooks.acme.example/x",)
    assert alerts.budget.monthly_limit_usd == 42.0
    assert alerts.budget.actual_threshold_percents == (50.0,)
    assert alerts.budget.forecasted_threshold_percents == (100.0,)
    assert alerts.queued_tasks_threshold == 7


def test_a_malformed_email_is_refused_with_its_path():
    assert "platform.alerts.emails[0]" in _problems(emails=["not-an-address"])


def test_a_plain_http_endpoint_is_refused_with_its_path():
    assert "platform.alerts.https_endpoints[0]" in _problems(
        https_endpoints=["http://hooks.acme.example/x"]
    )


def test_a_repeated_subscription_is_refused():
    assert "repeated: a@acme.example" in _problems(emails=["a@acme.example", "a@acme.example"])


def test_a_budget_without_any_threshold_is_refused():
    message = _problems(
        budget={"forecasted_threshold_percents": [], "actual_threshold_percents": []}
    )
    assert "platform.alerts.budget: the budget needs at least one" in message


def test_repeated_thresholds_are_refused():
    message = _problems(budget={"actual_threshold_percents": [80, 80]})
    assert "platform.alerts.budget.actual_threshold_percents: thresholds must be unique" in message


def test_the_real_stacks_subscribe_somebody_in_prod():
    from pathlib import Path

    from stacks.stack_file import load_stack_file

    stack = load_stack_file(Path("stacks/Pulumi.prod.yaml"))
    alerts = stack.platform.alerts  # type: ignore[attr-defined]
    assert alerts.emails or alerts.https_endpoints


SNOWFLAKE = {
    "connection": {"organization_name": "ACME", "account_name": "A", "user": "PULUMI"},
    "account_cloud": "aws",
    "account_region": "eu-west-1",
}


def test_the_credit_check_runs_on_reporting_by_default_and_on_the_named_warehouse():
    with_snowflake = {**BASE, "snowflake": SNOWFLAKE}
    assert parse_platform(with_snowflake, FILE).alerts.credit_check_warehouse == "reporting"
    named = {**with_snowflake, "alerts": {"credit_check_warehouse": "loading"}}
    assert parse_platform(named, FILE).alerts.credit_check_warehouse == "loading"
    only = {
        **with_snowflake,
        "snowflake": {
            **SNOWFLAKE,
            "warehouses": [{"name": "etl"}],
            "functional_roles": [{"name": "loader", "warehouses": ["etl"]}],
        },
    }
    assert parse_platform(only, FILE).alerts.credit_check_warehouse == "etl"
    assert parse_platform(BASE, FILE).alerts.credit_check_warehouse is None


def test_an_unknown_credit_check_warehouse_is_refused_with_the_allowed_ones():
    with pytest.raises(ConfigError) as caught:
        parse_platform(
            {**BASE, "snowflake": SNOWFLAKE, "alerts": {"credit_check_warehouse": "nightly"}}, FILE
        )
    assert (
        "platform.alerts.credit_check_warehouse: nightly is not a warehouse of "
        "snowflake.warehouses; allowed: loading, transforming, reporting"
    ) in str(caught.value)
    message = _problems(credit_check_warehouse="reporting")
    assert "allowed: none: the stack has no snowflake section" in message
