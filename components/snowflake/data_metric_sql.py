"""The SQL of a table's contract checks in Snowflake: data metric functions, and alerts.

A contract's checks reach the component as plain data (composition/snowflake_check_compile.py
compiles them): each `DataMetric` is a system data metric function (DMF) attached to the
table with an expectation, evaluated by Snowflake on the table's DATA_METRIC_SCHEDULE
(Enterprise edition); each `SqlCheck` is a query whose value a scheduled Snowflake alert
judges. This module only writes SQL; `data_metrics.py` creates it.

Sources (docs.snowflake.com):
- ALTER TABLE ... ADD | DROP DATA METRIC FUNCTION <f> ON (<cols>) [EXPECTATION <name>
  (<expr>)], SET DATA_METRIC_SCHEDULE = '<n> MINUTE' | 'USING CRON <expr> <tz>' |
  'TRIGGER_ON_CHANGES': sql-reference/sql/alter-table, sql-reference/sql/alter-view
  ("dataMetricFunctionAction"), user-guide/data-quality-expectations.
- The system DMFs: user-guide/data-quality-system-dmfs; NULL_COUNT, DUPLICATE_COUNT,
  ROW_COUNT (ON ()), FRESHNESS (seconds since the column's maximum, at the scheduled
  time; the column must be DATE, TIMESTAMP_LTZ or TIMESTAMP_TZ:
  sql-reference/functions/dmf_freshness).
- Results: SNOWFLAKE.LOCAL.DATA_QUALITY_MONITORING_EXPECTATION_STATUS, one row per
  evaluation of a DMF with an expectation (table_database, table_schema, table_name,
  metric_name, expectation_name, value, expectation_violated; NULL when the evaluation
  failed): sql-reference/local/data_quality_monitoring_expectation_status.
- Associations: INFORMATION_SCHEMA.DATA_METRIC_FUNCTION_REFERENCES(REF_ENTITY_NAME =>,
  REF_ENTITY_DOMAIN => 'TABLE'): sql-reference/functions/data_metric_function_references.
- SNOWFLAKE.ALERT.LAST_SUCCESSFUL_SCHEDULED_TIME(): user-guide/alerts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from components.snowflake.sql_literal import sql_literal

EXPECTATION_STATUS_VIEW = "SNOWFLAKE.LOCAL.DATA_QUALITY_MONITORING_EXPECTATION_STATUS"
SYSTEM_DMFS = "SNOWFLAKE.CORE"
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def sql_name(name: str) -> str:
    """`name` bare when a plain identifier (Snowflake resolves it case-insensitively, as
    the provider's uppercase names need), else double-quoted."""
    return name if _PLAIN.match(name) else '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class TableName:
    """A table the checks run on, by its database, schema and name (as Snowflake stores them)."""

    database: str
    schema: str
    table: str

    @property
    def sql(self) -> str:
        """`DB.SCHEMA.TABLE`, each part bare when plain, else quoted."""
        return ".".join(sql_name(p) for p in (self.database, self.schema, self.table))


@dataclass(frozen=True)
class DataMetric:
    """One system DMF on the table, with the check's expectation.

    Attributes:
        function: The system DMF's name (`NULL_COUNT`).
        columns: The columns it is called on (none for ROW_COUNT).
        expectation: The expectation's name, unique on the table (`complete_record`).
        expression: The expectation's boolean expression on VALUE (`VALUE = 0`).
        check: The contract check it measures (its name).
    """

    function: str
    columns: tuple[str, ...]
    expectation: str
    expression: str
    check: str

    @property
    def qualified_function(self) -> str:
        """`SNOWFLAKE.CORE.NULL_COUNT`."""
        return f"{SYSTEM_DMFS}.{self.function}"

    @property
    def on(self) -> str:
        """`(RECORD)`, or `()` for a table-level DMF."""
        return "(" + ", ".join(sql_name(c) for c in self.columns) + ")"


@dataclass(frozen=True)
class SqlCheck:
    """One check the alert measures: its name, the query returning one value, and the
    boolean test of that value, written on `MEASURED` (`MEASURED = 0`)."""

    check: str
    query: str
    test: str


def add_metric_sql(table: TableName, metric: DataMetric) -> str:
    """`ALTER TABLE t ADD DATA METRIC FUNCTION f ON (c) EXPECTATION e (VALUE = 0)`."""
    return (
        f"ALTER TABLE {table.sql} ADD DATA METRIC FUNCTION {metric.qualified_function} "
        f"ON {metric.on} EXPECTATION {metric.expectation} ({metric.expression})"
    )


def drop_metric_sql(table: TableName, metric: DataMetric) -> str:
    """The revert of `add_metric_sql`: the association goes, with its expectation."""
    return (
        f"ALTER TABLE {table.sql} DROP DATA METRIC FUNCTION {metric.qualified_function} "
        f"ON {metric.on}"
    )


def set_schedule_sql(table: TableName, schedule: str) -> str:
    """`ALTER TABLE t SET DATA_METRIC_SCHEDULE = 'USING CRON 0 * * * * UTC'`."""
    return f"ALTER TABLE {table.sql} SET DATA_METRIC_SCHEDULE = {sql_literal(schedule)}"


def unset_schedule_sql(table: TableName) -> str:
    """The revert of `set_schedule_sql` (the table falls back to Snowflake's default)."""
    return f"ALTER TABLE {table.sql} UNSET DATA_METRIC_SCHEDULE"


def references_sql(table: TableName) -> str:
    """What Snowflake has attached to the table (the Execute's `query`, read on refresh)."""
    return (
        "SELECT METRIC_NAME, REF_ARGUMENTS, SCHEDULE, SCHEDULE_STATUS FROM TABLE("
        f"{sql_name(table.database)}.INFORMATION_SCHEMA."
        "DATA_METRIC_FUNCTION_REFERENCES("
        f"REF_ENTITY_NAME => {sql_literal(table.sql)}, REF_ENTITY_DOMAIN => 'TABLE'))"
    )


def violations_condition(table: TableName) -> str:
    """The status alert's condition: the table's expectations violated (or not evaluated)
    since the alert's last successful run."""
    where = " AND ".join(
        (
            f"TABLE_DATABASE = {sql_literal(table.database)}",
            f"TABLE_SCHEMA = {sql_literal(table.schema)}",
            f"TABLE_NAME = {sql_literal(table.table)}",
            "COALESCE(EXPECTATION_VIOLATED, TRUE)",
            "MEASUREMENT_TIME > SNOWFLAKE.ALERT.LAST_SUCCESSFUL_SCHEDULED_TIME()",
        )
    )
    return (
        f"SELECT METRIC_NAME, EXPECTATION_NAME, MEASUREMENT_TIME FROM {EXPECTATION_STATUS_VIEW} "
        f"WHERE {where}"
    )


def failing_checks_condition(checks: Sequence[SqlCheck]) -> str:
    """The checks alert's condition: one row per check whose measured value fails its
    test (a NULL value fails: a missing column has no type)."""
    return " UNION ALL ".join(
        f"SELECT {sql_literal(c.check)} AS CHECK_NAME "
        f"FROM (SELECT ({c.query}) AS MEASURED) AS m "
        f"WHERE NOT COALESCE({c.test}, FALSE)"
        for c in checks
    )
