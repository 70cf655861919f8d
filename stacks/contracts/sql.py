"""Checks as SQL: one query per check returning the measured value, for three engines.

- `snowflake`: the query a data metric function or a scheduled alert runs on the
  warehouse table (`check_sql`), with the expectation on its value
  (`expectation_sql`, `VALUE = 0`, the form of a DMF expectation);
- `duckdb`: the same query on a sample (`dataplat contract test`);
- `spark`: the statement inside a Glue `CustomSql` rule, where the table is `primary`.

Each query returns one value: a count that the check's threshold judges, or, for a
column type, the column's `data_type` that the logical type's row judges. Freshness
counts the rows older than the limit or null, as Glue's DataFreshness fails every such
row ("80.00 % of rows passed the threshold",
https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types-DataFreshness.html).
Columns and tables are written bare when they are plain identifiers (so Snowflake
resolves them case-insensitively, as the provider's uppercase names need) and quoted
otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from stacks.contracts.checks import Check, Freshness, number
from stacks.contracts.logical_types import type_row

Dialect = Literal["snowflake", "duckdb", "spark"]
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Target:
    """Where the checks run: the dialect, the table as SQL names it, and the columns
    catalogue (`information_schema.columns`, filtered to the table) of that engine.

    Attributes:
        dialect: The SQL dialect.
        table: The table's name as written in FROM (qualified where needed).
        table_name: The bare table name in the catalogue.
        schema_name: The schema in the catalogue, or None to match any.
        catalogue: The columns view (`MY_DB.INFORMATION_SCHEMA.COLUMNS`).
    """

    dialect: Dialect
    table: str
    table_name: str
    schema_name: str | None = None
    catalogue: str = "information_schema.columns"


def spark_target() -> Target:
    """Glue CustomSql: the evaluated table is always `primary`."""
    return Target("spark", "primary", "primary")


def snowflake_target(database: str, schema: str, table: str) -> Target:
    """A Snowflake table, and its database's columns catalogue."""
    return Target(
        "snowflake",
        ".".join(identifier(p, "snowflake") for p in (database, schema, table)),
        table,
        schema,
        f"{identifier(database, 'snowflake')}.INFORMATION_SCHEMA.COLUMNS",
    )


def identifier(name: str, dialect: Dialect) -> str:
    """`name` bare when plain, else quoted the dialect's way."""
    if _PLAIN.match(name):
        return name
    if dialect == "spark":
        return "`" + name.replace("`", "``") + "`"
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    """A single-quoted string literal."""
    return "'" + value.replace("'", "''") + "'"


def check_sql(check: Check, target: Target) -> str:
    """The query measuring `check` on `target` (one row, one column)."""
    table = target.table
    cols = [identifier(c, target.dialect) for c in check.columns]
    match check.kind:
        case "column_exists" | "column_count" | "column_type":
            return _catalogue(check, target)
        case "complete" | "null_count":
            return f"SELECT COUNT(*) FROM {table} WHERE {cols[0]} IS NULL"
        case "unique":
            return (
                f"SELECT COUNT(*) FROM (SELECT {cols[0]} FROM {table} WHERE {cols[0]} "
                f"IS NOT NULL GROUP BY {cols[0]} HAVING COUNT(*) > 1) AS duplicated"
            )
        case "primary_key":
            key = ", ".join(cols)
            nulls = " OR ".join(f"{c} IS NULL" for c in cols)
            return (
                f"SELECT (SELECT COUNT(*) FROM {table} WHERE {nulls}) + (SELECT COUNT(*) "
                f"FROM (SELECT {key} FROM {table} GROUP BY {key} HAVING COUNT(*) > 1) "
                "AS duplicated)"
            )
        case "row_count":
            return f"SELECT COUNT(*) FROM {table}"
        case "freshness":
            assert check.freshness is not None
            limit = _now_minus(check.freshness, target.dialect)
            return f"SELECT COUNT(*) FROM {table} WHERE {cols[0]} IS NULL OR {cols[0]} < {limit}"
        case "duplicate_count":
            return f"SELECT COUNT({cols[0]}) - COUNT(DISTINCT {cols[0]}) FROM {table}"
        case "invalid_count":
            return (
                f"SELECT COUNT(*) FROM {table} WHERE {cols[0]} IS NOT NULL "
                f"AND NOT ({_valid(check, cols[0], target.dialect)})"
            )
        case "sql":
            assert check.query is not None
            return check.query.replace("{object}", table).strip().rstrip(";")
    raise ValueError(f"no SQL for check kind {check.kind}")


def expectation_sql(check: Check, dialect: Dialect = "snowflake") -> str:
    """The check's expectation on the measured VALUE (a DMF expectation's form)."""
    if check.kind == "column_type":
        assert check.logical_type is not None
        row = type_row(check.logical_type)
        names = row.snowflake if dialect == "snowflake" else row.duckdb
        return f"VALUE IN ({', '.join(literal(n) for n in names)})"
    assert check.threshold is not None
    values = [number(v) for v in check.threshold.values]
    if check.threshold.operator == "between":
        return f"VALUE BETWEEN {values[0]} AND {values[1]}"
    operator = "<>" if check.threshold.operator == "!=" else check.threshold.operator
    return f"VALUE {operator} {values[0]}"


def string_type_sql(check: Check) -> str:
    """Glue's CustomSql check of a column's Spark type (ColumnDataType has no String):
    the rows whose value is not of that type, which must be none."""
    assert check.logical_type is not None
    spark_type = type_row(check.logical_type).custom_sql
    column = identifier(check.column, "spark")
    return f"SELECT COUNT(*) FROM primary WHERE typeof({column}) <> {literal(spark_type or '')}"


def _catalogue(check: Check, target: Target) -> str:
    where = [f"UPPER(table_name) = UPPER({literal(target.table_name)})"]
    if target.schema_name is not None:
        where.append(f"UPPER(table_schema) = UPPER({literal(target.schema_name)})")
    if check.columns:
        where.append(f"UPPER(column_name) = UPPER({literal(check.column)})")
    measured = "MIN(data_type)" if check.kind == "column_type" else "COUNT(*)"
    return f"SELECT {measured} FROM {target.catalogue} WHERE {' AND '.join(where)}"


def _now_minus(freshness: Freshness, dialect: Dialect) -> str:
    unit = freshness.unit.rstrip("s")
    if dialect == "snowflake":
        return f"DATEADD({unit}, -{freshness.value}, CURRENT_TIMESTAMP())"
    if dialect == "duckdb":
        return f"CURRENT_TIMESTAMP - INTERVAL {freshness.value} {unit.upper()}"
    return f"current_timestamp() - INTERVAL {freshness.value} {unit.upper()}S"


def _valid(check: Check, column: str, dialect: Dialect) -> str:
    tests = []
    if check.valid_values:
        tests.append(f"{column} IN ({', '.join(literal(v) for v in check.valid_values)})")
    if check.pattern is not None:
        pattern = literal(check.pattern)
        tests.append(
            {
                "snowflake": f"REGEXP_LIKE({column}, {pattern})",
                "duckdb": f"regexp_full_match({column}, {pattern})",
                "spark": f"{column} RLIKE {literal('^(?:' + check.pattern + ')$')}",
            }[dialect]
        )
    return " AND ".join(tests)
