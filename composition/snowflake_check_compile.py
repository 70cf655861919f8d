"""A contract's checks on one Snowflake table, as what TableDataQuality runs.

A check a system data metric function measures (docs.snowflake.com
user-guide/data-quality-system-dmfs) becomes a `DataMetric` on Enterprise edition or higher;
every other check (column existence, count and type, invalid values, `sql`), and every check
on Standard, becomes a `SqlCheck`: the compiled query (`stacks.contracts.sql.check_sql`) and
its expectation, which the checks alert judges.

Freshness is "the newest value is at most the limit old", as FRESHNESS measures it (seconds
since the column's maximum, sql-reference/functions/dmf_freshness): a landing table keeps its
history, so the compiled "no row older than the limit" (Glue's DataFreshness) would fail a
day after the first load.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from components.snowflake.data_metric_sql import DataMetric, SqlCheck, TableName
from stacks.contracts.checks import Check
from stacks.contracts.sql import check_sql, expectation_sql, identifier, snowflake_target

DMF_EDITIONS = ("enterprise", "business_critical")
# The check kinds a system DMF measures as the compiled SQL does (freshness: as above).
DMF_OF_KIND = {
    "complete": "NULL_COUNT",
    "null_count": "NULL_COUNT",
    "unique": "DUPLICATE_COUNT",
    "duplicate_count": "DUPLICATE_COUNT",
    "row_count": "ROW_COUNT",
    "freshness": "FRESHNESS",
}
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]+")


def data_metric(check: Check) -> DataMetric | None:
    """The system DMF measuring `check`, or None when only the compiled SQL can."""
    function = DMF_OF_KIND.get(check.kind)
    if function is None:
        return None
    columns = () if check.kind == "row_count" else check.columns
    name = _NOT_NAME.sub("_", "_".join((check.kind, *columns))).strip("_").lower()
    return DataMetric(function, columns, name, _expectation(check), check.name)


def sql_check(check: Check, table: TableName) -> SqlCheck:
    """The query measuring `check` on the table, and its test on MEASURED."""
    target = snowflake_target(table.database, table.schema, table.table)
    if check.kind == "freshness":
        column = identifier(check.column, "snowflake")
        query = f"SELECT DATEDIFF(SECOND, MAX({column}), CURRENT_TIMESTAMP()) FROM {target.table}"
    else:
        query = check_sql(check, target)
    return SqlCheck(check.name, query, "MEASURED" + _expectation(check).removeprefix("VALUE"))


def compile_table_checks(
    checks: Sequence[Check], table: TableName, edition: str
) -> tuple[list[DataMetric], list[SqlCheck]]:
    """(the DMFs, the checks left for the alert); on Standard every check is left."""
    metrics: list[DataMetric] = []
    rest: list[SqlCheck] = []
    for check in checks:
        metric = data_metric(check) if edition in DMF_EDITIONS else None
        if metric is None:
            rest.append(sql_check(check, table))
        else:
            metrics.append(metric)
    return metrics, rest


def _expectation(check: Check) -> str:
    """The expectation on VALUE; freshness in seconds (`VALUE <= 86400`)."""
    if check.kind == "freshness":
        assert check.freshness is not None
        return f"VALUE <= {round(check.freshness.hours * 3600)}"
    return expectation_sql(check)
