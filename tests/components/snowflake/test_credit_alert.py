"""The credit alert: its condition run in DuckDB on a synthetic metering view, its action
parsed, and what every real stack plans (every monitored warehouse watched, the message
through the stack's notification integration, on a warehouse SYSADMIN owns)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb
import pytest
import sqlglot
from sqlglot import exp

from components.snowflake.credit_alert import (
    METERING_VIEW,
    CreditAlert,
    CreditAlertArgs,
    WatchedWarehouse,
    credit_condition,
    notify_action,
)
from components.snowflake.managed_database import DatabaseArgs, SchemaArgs
from tests.components.synthetic import Built, Probe, build_snowflake

WATCHED = (WatchedWarehouse("A_WH", 100, 75), WatchedWarehouse("B_WH", 40, 90))
ALERT = "snowflake:index/alert:Alert"


def run_condition(sql: str, rows: list[tuple[str, datetime, float]]) -> list[tuple[Any, ...]]:
    """The Snowflake condition, transpiled to DuckDB over a local metering table."""
    tree = sqlglot.parse_one(sql, read="snowflake")
    for table in tree.find_all(exp.Table):
        if table.name.upper() == METERING_VIEW.rsplit(".", 1)[1]:
            table.set("db", None)
            table.set("catalog", None)
    db = duckdb.connect()
    db.execute(
        "CREATE TABLE WAREHOUSE_METERING_HISTORY "
        "(WAREHOUSE_NAME VARCHAR, START_TIME TIMESTAMPTZ, CREDITS_USED DOUBLE)"
    )
    db.execute("SET TimeZone = 'UTC'")  # the rows are UTC; so is the month's start
    if rows:
        db.executemany("INSERT INTO WAREHOUSE_METERING_HISTORY VALUES (?, ?, ?)", rows)
    return sorted(db.execute(tree.sql(dialect="duckdb")).fetchall())


def test_the_condition_returns_exactly_the_warehouses_past_their_notify_threshold():
    now = datetime.now(UTC)
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    last_month = month_start - timedelta(days=3)
    rows = [
        ("A_WH", month_start + timedelta(minutes=1), 50.0),
        ("A_WH", month_start + timedelta(minutes=2), 25.0),  # 75 of 100: at 75 %
        ("B_WH", month_start + timedelta(minutes=1), 35.0),  # 35 of 40: under 90 %
        ("B_WH", last_month, 400.0),  # last month does not count
        ("OTHER_WH", month_start + timedelta(minutes=1), 1000.0),  # not watched
    ]
    assert run_condition(credit_condition(WATCHED), rows) == [("A_WH", 75.0, 100)]
    rows.append(("B_WH", month_start + timedelta(minutes=2), 1.0))  # 36 of 40: 90 %
    assert [r[0] for r in run_condition(credit_condition(WATCHED), rows)] == ["A_WH", "B_WH"]


def test_the_condition_has_no_row_when_nothing_ran():
    assert run_condition(credit_condition(WATCHED), []) == []


def test_the_action_sends_one_json_message_through_the_integration():
    action = notify_action("ACME_DP_PROD_ALERTS_NOTIFICATION", "prod", WATCHED)
    call = re.fullmatch(r"CALL (SYSTEM\$SEND_SNOWFLAKE_NOTIFICATION\(.*\))", action, re.DOTALL)
    assert call, action
    tree = sqlglot.parse_one(f"SELECT {call[1]}", read="snowflake")
    literals = [lit.this for lit in tree.find_all(exp.Literal) if lit.is_string]
    message, integration = literals
    assert integration == "ACME_DP_PROD_ALERTS_NOTIFICATION"
    body = json.loads(message)
    assert body["stack"] == "prod" and body["watched"] == {"A_WH": 100, "B_WH": 40}
    assert "APPLICATION_JSON" in action and "NOTIFICATION.INTEGRATION" in action


def test_args_refuse_an_empty_watch_list_and_a_database_of_several_schemas():
    database = DatabaseArgs("OPS", (SchemaArgs("alerts", "ALERTS"),), 1)
    with pytest.raises(ValueError, match="no warehouse to watch"):
        CreditAlertArgs("prod", database, "ALERT", "WH", (), "INT")
    two = DatabaseArgs("OPS", (SchemaArgs("a", "A"), SchemaArgs("b", "B")), 1)
    with pytest.raises(ValueError, match="exactly one schema"):
        CreditAlertArgs("prod", two, "ALERT", "WH", WATCHED, "INT")


def _of_type(document: dict[str, Any], token: str) -> list[dict[str, Any]]:
    return [r for r in document["resources"] if r["type"] == token]


def _credit_alerts(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The stack's credit alerts (other alerts, such as data-quality ones, may exist)."""
    return [r for r in _of_type(document, ALERT) if ":CreditAlert$" in r["urn"]]


def test_every_stack_watches_every_monitored_warehouse_daily(stack_plan):
    (alert,) = _credit_alerts(stack_plan)
    inputs = alert["inputs"]
    monitors = {
        m["inputs"]["name"]: m["inputs"]["creditQuota"]
        for m in _of_type(stack_plan, "snowflake:index/resourceMonitor:ResourceMonitor")
    }
    warehouses = {
        w["inputs"]["name"]: monitors[w["inputs"]["resourceMonitor"]]
        for w in _of_type(stack_plan, "snowflake:index/warehouse:Warehouse")
    }
    watched = dict(re.findall(r"\('([A-Z0-9_]+)', (\d+), \d+\)", inputs["condition"]))
    assert {k: int(v) for k, v in watched.items()} == warehouses
    assert inputs["enabled"] is True
    assert inputs["alertSchedule"]["cron"] == {"expression": "0 7 * * *", "timeZone": "UTC"}
    (integration,) = _of_type(
        stack_plan, "snowflake:index/notificationIntegration:NotificationIntegration"
    )
    assert f"INTEGRATION('{integration['inputs']['name']}')" in inputs["action"]


def test_the_alert_runs_on_the_reporting_warehouse_once_sysadmin_owns_it(stack_plan):
    (alert,) = _credit_alerts(stack_plan)
    assert alert["inputs"]["warehouse"].endswith("_REPORTING")
    ownership = [
        r["urn"]
        for r in _of_type(stack_plan, "snowflake:index/grantOwnership:GrantOwnership")
        if r["inputs"]["on"]["objectName"] == alert["inputs"]["warehouse"]
    ]
    assert ownership and ownership[0] in alert["dependencies"]


# Built alone: the ops database and the alert, with exact inputs and ordering.

OPS = DatabaseArgs("ACME_DP_PROD_OPS", (SchemaArgs("alerts", "ALERTS"),), 1, access_roles=False)


@pytest.fixture(scope="module")
def built() -> Built:
    def construct(providers):
        alert = CreditAlert(
            "credits",
            CreditAlertArgs(
                stack="prod",
                database=OPS,
                alert="ACME_DP_PROD_CREDITS",
                warehouse=Probe("owned-warehouse", "ACME_DP_PROD_OPS_WH").value,
                watched=WATCHED,
                integration=Probe("integration", "ACME_DP_PROD_ALERTS").value,
            ),
            providers,
        )
        return {
            "alert": alert.alert.fully_qualified_name,
            "database": alert.database.database.name,
        }

    return build_snowflake(construct)


def test_built_alone_it_holds_the_ops_database_and_one_alert(built):
    assert built.resources() == [
        ("Alert", "credits-alert"),
        ("Database", "credits-database"),
        ("Schema", "credits-database-alerts"),
    ]
    assert built.children("credits", "CreditAlert") == {"credits-database", "credits-alert"}
    assert built.children("credits-database", "ManagedDatabase") == {
        "credits-database",
        "credits-database-alerts",
    }


def test_the_alert_runs_the_condition_every_morning_and_sends_the_action(built):
    alert = built.named("credits-alert")
    assert alert.inputs == {
        "name": "ACME_DP_PROD_CREDITS",
        "database": "ACME_DP_PROD_OPS",
        "schema": "ALERTS",
        "warehouse": "ACME_DP_PROD_OPS_WH",
        "condition": credit_condition(WATCHED),
        "action": notify_action("ACME_DP_PROD_ALERTS", "prod", WATCHED),
        "alertSchedule": {"cron": {"expression": "0 7 * * *", "timeZone": "UTC"}},
        "enabled": True,
        "comment": "Warehouses past a resource monitor's notify threshold, to the alerts topic",
    }, "credits-alert"
    assert built.provider_of("credits-alert") == "sf-objects"


def test_the_alert_waits_for_its_schema_the_owned_warehouse_and_the_integration(built):
    assert built.depends_on("credits-alert") == {
        "credits-database",
        "credits-database-alerts",
        "owned-warehouse",
        "integration",
    }


def test_the_output_is_the_alerts_qualified_name(built):
    assert built.outputs == {
        "alert": '"ACME_DP_PROD_OPS"."ALERTS"."ACME_DP_PROD_CREDITS"',
        "database": "ACME_DP_PROD_OPS",
    }
