"""TableDataQuality: which checks become DMFs and which run in the alert (by edition), the
exact SQL of each Execute, their order, the alerts' conditions run in DuckDB, the message."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import UTC, datetime, timedelta

import duckdb
import pulumi_snowflake as snowflake
import pytest
import sqlglot

from components.snowflake.data_metric_sql import (
    TableName,
    failing_checks_condition,
    violations_condition,
)
from components.snowflake.data_metrics import TableDataQuality, TableDataQualityArgs
from components.snowflake.providers import SnowflakeProviders
from composition.snowflake_check_compile import compile_table_checks, data_metric
from stacks.contracts.checks import Check, Freshness, Threshold
from tests.components.synthetic import Built, build_snowflake

TABLE = TableName("DOM_DB", "CONTACTS", "DOM_SRC_LANDING")
CHECKS = (
    Check("complete", "DOM_SRC_LANDING", ("RECORD",)),
    Check("row_count", "DOM_SRC_LANDING", threshold=Threshold(">=", (1,))),
    Check("freshness", "DOM_SRC_LANDING", ("LOADED_AT",), freshness=Freshness(24, "hours")),
    Check("column_exists", "DOM_SRC_LANDING", ("FILE_NAME",), threshold=Threshold("=", (1,))),
)
FQN = "DOM_DB.CONTACTS.DOM_SRC_LANDING"


def args(edition: str) -> TableDataQualityArgs:
    metrics, sql_checks = compile_table_checks(CHECKS, TABLE, edition)
    return TableDataQualityArgs(
        stack="prod",
        domain="dom",
        contract="urn:c",
        table=TABLE,
        metrics=metrics,
        sql_checks=sql_checks,
        edition=edition,
        dmf_schedule="USING CRON 0 * * * * UTC",
        alert_cron="30 * * * *",
        warehouse="DOM_WH",
        integration="ALERTS_INT",
    )


def built(edition: str) -> Built:
    return build_snowflake(
        lambda providers: {"q": TableDataQuality("dq", args(edition), providers)}
    )


@pytest.fixture(scope="module")
def enterprise() -> Built:
    return built("enterprise")


def test_each_system_dmf_check_is_one_association_with_its_expectation():
    assert [
        (a.function, a.columns, a.expectation, a.expression)
        for a in compile_table_checks(CHECKS, TABLE, "enterprise")[0]
    ] == [
        ("NULL_COUNT", ("RECORD",), "complete_record", "VALUE = 0"),
        ("ROW_COUNT", (), "row_count", "VALUE >= 1"),
        ("FRESHNESS", ("LOADED_AT",), "freshness_loaded_at", "VALUE <= 86400"),
    ]
    assert data_metric(CHECKS[3]) is None  # column existence: only the compiled SQL


def test_on_standard_every_check_is_left_for_the_alert():
    metrics, rest = compile_table_checks(CHECKS, TABLE, "standard")
    assert metrics == [] and [c.check for c in rest] == [c.name for c in CHECKS]


def test_on_enterprise_the_schedule_then_one_execute_per_dmf_then_the_alerts(enterprise):
    assert enterprise.resources() == [
        ("Alert", "dq-checks"),
        ("Alert", "dq-status"),
        ("Execute", "dq-complete-record"),
        ("Execute", "dq-freshness-loaded-at"),
        ("Execute", "dq-row-count"),
        ("Execute", "dq-schedule"),
    ]
    for metric in ("dq-complete-record", "dq-freshness-loaded-at", "dq-row-count"):
        assert enterprise.depends_on(metric) == {"dq-schedule"}, metric
        assert enterprise.provider_of(metric) == "sf-objects", metric
    assert enterprise.depends_on("dq-status") == {
        "dq-complete-record",
        "dq-freshness-loaded-at",
        "dq-row-count",
    }


def test_each_execute_attaches_with_its_expectation_and_reverts_by_dropping(enterprise):
    assert enterprise.named("dq-complete-record").inputs == {
        "execute": f"ALTER TABLE {FQN} ADD DATA METRIC FUNCTION SNOWFLAKE.CORE.NULL_COUNT "
        "ON (RECORD) EXPECTATION complete_record (VALUE = 0)",
        "revert": (
            f"ALTER TABLE {FQN} DROP DATA METRIC FUNCTION SNOWFLAKE.CORE.NULL_COUNT ON (RECORD)"
        ),
    }
    schedule = enterprise.named("dq-schedule").inputs
    assert schedule["execute"] == (
        f"ALTER TABLE {FQN} SET DATA_METRIC_SCHEDULE = 'USING CRON 0 * * * * UTC'"
    )
    assert schedule["revert"] == f"ALTER TABLE {FQN} UNSET DATA_METRIC_SCHEDULE"
    assert f"REF_ENTITY_NAME => '{FQN}'" in schedule["query"]


def test_the_component_declares_its_edition_in_the_plan(enterprise):
    assert enterprise.named("dq", "TableDataQuality").inputs == {
        "snowflakeEdition": "enterprise",
        "table": FQN,
    }


def test_both_alerts_send_json_naming_the_database_to_the_integration(enterprise):
    for name, checks in (
        (
            "dq-status",
            [
                "complete [DOM_SRC_LANDING.RECORD]",
                "row_count [DOM_SRC_LANDING]",
                "freshness [DOM_SRC_LANDING.LOADED_AT]",
            ],
        ),
        ("dq-checks", ["column_exists [DOM_SRC_LANDING.FILE_NAME]"]),
    ):
        alert = enterprise.named(name).inputs
        assert alert["alertSchedule"] == {"cron": {"expression": "30 * * * *", "timeZone": "UTC"}}
        assert (alert["database"], alert["schema"], alert["warehouse"]) == (
            "DOM_DB",
            "CONTACTS",
            "DOM_WH",
        )
        sent = re.fullmatch(
            r"CALL SYSTEM\$SEND_SNOWFLAKE_NOTIFICATION\(SNOWFLAKE\.NOTIFICATION\.APPLICATION_JSON"
            r"\('(.*)'\), SNOWFLAKE\.NOTIFICATION\.INTEGRATION\('ALERTS_INT'\)\)",
            alert["action"],
        )
        assert sent, name
        message = json.loads(sent[1].replace("''", "'"))
        assert (message["database"], message["schema"], message["table"]) == (
            "DOM_DB",
            "CONTACTS",
            "DOM_SRC_LANDING",
        ), name
        assert message["checks"] == checks, name


def test_on_standard_no_dmf_is_attached_and_one_alert_runs_every_check():
    standard = built("standard")
    assert standard.resources() == [("Alert", "dq-checks")]
    condition = standard.named("dq-checks").inputs["condition"]
    assert condition.count(" UNION ALL ") == len(CHECKS) - 1


def test_no_check_is_refused():
    with pytest.raises(ValueError, match=r"\[DOM_DB.CONTACTS.DOM_SRC_LANDING\]: no check"):
        TableDataQualityArgs(**{**args("enterprise").__dict__, "metrics": (), "sql_checks": ()})


def test_dmfs_on_standard_are_refused():
    with pytest.raises(
        ValueError, match="need enterprise or business_critical; the edition is standard"
    ):
        TableDataQualityArgs(**{**args("enterprise").__dict__, "edition": "standard"})


def duckdb_with(rows: list[tuple[object, str, datetime]]) -> duckdb.DuckDBPyConnection:
    db = duckdb.connect()
    db.execute("SET TimeZone = 'UTC'")
    db.execute("ATTACH ':memory:' AS DOM_DB")
    db.execute("CREATE SCHEMA DOM_DB.CONTACTS")
    db.execute(
        "CREATE TABLE DOM_DB.CONTACTS.DOM_SRC_LANDING "
        "(RECORD VARCHAR, FILE_NAME VARCHAR, LOADED_AT TIMESTAMPTZ)"
    )
    if rows:
        db.executemany("INSERT INTO DOM_DB.CONTACTS.DOM_SRC_LANDING VALUES (?, ?, ?)", rows)
    return db


def failing(rows: list[tuple[object, str, datetime]]) -> list[str]:
    """The alert's condition (table checks only) run in DuckDB: the failing checks."""
    sql = failing_checks_condition(compile_table_checks(CHECKS[:3], TABLE, "standard")[1])
    duck = sqlglot.transpile(sql, read="snowflake", write="duckdb")[0]
    return sorted(r[0] for r in duckdb_with(rows).execute(duck).fetchall())


def test_the_alert_condition_returns_exactly_the_failing_checks():
    now = datetime.now(UTC)
    assert failing([("{}", "a.json", now - timedelta(hours=1))]) == []
    assert failing([]) == ["freshness [DOM_SRC_LANDING.LOADED_AT]", "row_count [DOM_SRC_LANDING]"]
    # History older than a day does not fail freshness: the newest load decides.
    assert failing(
        [
            ("{}", "a.json", now - timedelta(days=30)),
            (None, "b.json", now - timedelta(hours=2)),
        ]
    ) == ["complete [DOM_SRC_LANDING.RECORD]"]
    assert failing([("{}", "a.json", now - timedelta(hours=25))]) == [
        "freshness [DOM_SRC_LANDING.LOADED_AT]"
    ]


def test_the_status_alert_reads_only_this_tables_violations_since_its_last_run():
    assert violations_condition(TABLE) == (
        "SELECT METRIC_NAME, EXPECTATION_NAME, MEASUREMENT_TIME FROM "
        "SNOWFLAKE.LOCAL.DATA_QUALITY_MONITORING_EXPECTATION_STATUS WHERE "
        "TABLE_DATABASE = 'DOM_DB' AND TABLE_SCHEMA = 'CONTACTS' AND "
        "TABLE_NAME = 'DOM_SRC_LANDING' AND COALESCE(EXPECTATION_VIOLATED, TRUE) AND "
        "MEASUREMENT_TIME > SNOWFLAKE.ALERT.LAST_SUCCESSFUL_SCHEDULED_TIME()"
    )


def test_the_schedule_and_every_association_are_replaced_with_the_table_handed_over():
    """A re-created table has no DMFs: each Execute names the table in `replace_with`,
    so Pulumi replaces it (runs its ALTER TABLE again) when the table is replaced."""

    def construct(providers: SnowflakeProviders) -> dict[str, TableDataQuality]:
        table = snowflake.Table(
            "landing",
            database="DOM_DB",
            schema="CONTACTS",
            name="DOM_SRC_LANDING",
            columns=[{"name": "RECORD", "type": "VARIANT"}],
        )
        handed = dataclasses.replace(args("enterprise"), table_resource=table)
        return {"q": TableDataQuality("dq", handed, providers)}

    with_table = build_snowflake(construct)
    table_urn = with_table.named("landing").urn
    executes = [r for r in with_table.run.registrations if r.type.endswith(":Execute")]
    assert len(executes) == 4
    for execute in executes:
        assert execute.replace_with == [table_urn], execute.name


def test_without_the_table_resource_nothing_is_replaced_with_it(enterprise):
    for name in ("dq-schedule", "dq-complete-record", "dq-row-count"):
        assert enterprise.named(name).replace_with == [], name
