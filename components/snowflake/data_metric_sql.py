"""The SQL of a table's contract checks in Snowflake: data metric functions, and alerts.

A contract compiles into `Check`s (stacks/contracts/checks.py). Snowflake measures some of
them with a system data metric function (DMF) attached to the table with an expectation,
evaluated by Snowflake on the table's DATA_METRIC_SCHEDULE (Enterprise edition); every
other check (column existence, count and type, invalid values, `sql`), and every check on
Standard edition, is measured by the compiled query (`stacks.contracts.sql.check_sql`) in
a scheduled Snowflake alert. This module only writes SQL; `data_metrics.py` creates it.

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
from stacks.contracts.checks import Check
from stacks.contracts.sql import check_sql, expectation_sql, identifier, snowflake_target

EXPECTATION_STATUS_VIEW = "SNOWFLAKE.LOCAL.DATA_QUALITY_MONITORING_EXPECTATION_STATUS"
SYSTEM_DMFS = "SNOWFLAKE.CORE"
# The check kinds a system DMF measures exactly as the compiled SQL does (or, freshness,
# as the contract means it: the newest row is at most the limit old).
DMF_OF_KIND = {
    "complete": "NULL_COUNT",
    "null_count": "NULL_COUNT",
    "unique": "DUPLICATE_COUNT",
    "duplicate_count": "DUPLICATE_COUNT",
    "row_count": "ROW_COUNT",
    "freshness": "FRESHNESS",
}
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]+")


@dataclass(frozen=True)
class TableName:
    """A table the checks run on, by its database, schema and name (as Snowflake stores them)."""

    database: str
    schema: str
    table: str

    @property
    def sql(self) -> str:
        """`DB.SCHEMA.TABLE`, each part bare when plain, else quoted."""
        return ".".join(
            identifier(p, "snowflake") for p in (self.database, self.schema, self.table)
        )


@dataclass(frozen=True)
class MetricAssociation:
    """One system DMF on the table, with the check's expectation.

    Attributes:
        function: The system DMF's name (`NULL_COUNT`).
        columns: The columns it is called on (none for ROW_COUNT).
        expectation: The expectation's name, unique on the table (`complete_record`).
        expression: The expectation's boolean expression on VALUE (`VALUE = 0`).
        check: The contract check it measures (its `name`).
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
        return "(" + ", ".join(identifier(c, "snowflake") for c in self.columns) + ")"


def association(check: Check) -> MetricAssociation | None:
    """The system DMF measuring `check`, or None when only the compiled SQL can."""
    function = DMF_OF_KIND.get(check.kind)
    if function is None:
        return None
    if check.kind == "freshness":
        assert check.freshness is not None
        seconds = round(check.freshness.hours * 3600)
        expression = f"VALUE <= {seconds}"
    else:
        expression = expectation_sql(check)
    columns = () if check.kind == "row_count" else check.columns
    name = _NOT_NAME.sub("_", "_".join((check.kind, *columns))).strip("_").lower()
    return MetricAssociation(function, columns, name, expression, check.name)


def split_checks(
    checks: Sequence[Check], dmfs: bool
) -> tuple[list[MetricAssociation], list[Check]]:
    """(the DMF associations, the checks left for the SQL alert); with `dmfs` False
    (Standard edition) every check is left for the alert."""
    associations: list[MetricAssociation] = []
    rest: list[Check] = []
    for check in checks:
        found = association(check) if dmfs else None
        if found is None:
            rest.append(check)
        else:
            associations.append(found)
    return associations, rest


def add_metric_sql(table: TableName, metric: MetricAssociation) -> str:
    """`ALTER TABLE t ADD DATA METRIC FUNCTION f ON (c) EXPECTATION e (VALUE = 0)`."""
    return (
        f"ALTER TABLE {table.sql} ADD DATA METRIC FUNCTION {metric.qualified_function} "
        f"ON {metric.on} EXPECTATION {metric.expectation} ({metric.expression})"
    )


def drop_metric_sql(table: TableName, metric: MetricAssociation) -> str:
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
        f"{identifier(table.database, 'snowflake')}.INFORMATION_SCHEMA."
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


def failing_checks_condition(table: TableName, checks: Sequence[Check]) -> str:
    """The SQL alert's condition: one row per check whose compiled query's value fails
    its expectation (a NULL value fails: a missing column has no type)."""
    target = snowflake_target(table.database, table.schema, table.table)
    branches = []
    for check in checks:
        measured, expected = _measure(check, target.table)
        test = "MEASURED" + expected.removeprefix("VALUE")
        if measured is None:
            measured = check_sql(check, target)
        branches.append(
            f"SELECT {sql_literal(check.name)} AS CHECK_NAME "
            f"FROM (SELECT ({measured}) AS MEASURED) AS m "
            f"WHERE NOT COALESCE({test}, FALSE)"
        )
    return " UNION ALL ".join(branches)


def _measure(check: Check, table: str) -> tuple[str | None, str]:
    """(the query, when not the compiled one; the expectation on its VALUE).

    Freshness is measured as FRESHNESS measures it, the age in seconds of the column's
    newest value: a landing table keeps its history, so "no row older than the limit"
    (the compiled query, Glue's DataFreshness) would fail a day after the first load.
    """
    association_ = association(check)
    if check.kind == "freshness" and association_ is not None:
        column = identifier(check.column, "snowflake")
        query = f"SELECT DATEDIFF(SECOND, MAX({column}), CURRENT_TIMESTAMP()) FROM {table}"
        return query, association_.expression
    return None, expectation_sql(check)
