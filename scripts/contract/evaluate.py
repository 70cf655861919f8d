"""Measuring a contract's checks on a sample: the compiled DuckDB SQL, judged in Python.

Each check's query (`stacks.contracts.sql.check_sql`, dialect duckdb) returns its
measured value; the check's threshold (or, for a column type, the logical type's row)
judges it. A query that cannot run on the sample (a column it names is missing) fails
its check with DuckDB's reason, as the same rule would fail in Glue.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from stacks.contracts.checks import Check
from stacks.contracts.logical_types import type_row
from stacks.contracts.sql import Target, check_sql, identifier

# What each kind's measured value counts, for messages.
MEASURES = {
    "column_exists": "columns named so",
    "column_count": "columns",
    "complete": "null values",
    "null_count": "null values",
    "unique": "duplicated values",
    "duplicate_count": "duplicate values",
    "primary_key": "null or duplicated keys",
    "row_count": "rows",
    "invalid_count": "invalid values",
    "sql": "(the query's value)",
}


@dataclass(frozen=True)
class Outcome:
    """One check's result on the sample."""

    check: Check
    passed: bool
    measured: str
    expected: str

    def line(self) -> str:
        """`FAIL complete [hubspot.email]: 2 null values (must be = 0)`."""
        status = "PASS" if self.passed else "FAIL"
        return f"{status} {self.check.name}: {self.measured} (must be {self.expected})"


def duckdb_target(table: str) -> Target:
    """The sample's view, as the compiled SQL names it."""
    return Target("duckdb", identifier(table, "duckdb"), table)


def evaluate(connection: duckdb.DuckDBPyConnection, checks: list[Check]) -> list[Outcome]:
    """Every check measured on the sample, in order."""
    return [_evaluate(connection, check) for check in checks]


def _evaluate(connection: duckdb.DuckDBPyConnection, check: Check) -> Outcome:
    expected = _expected(check)
    try:
        row = connection.execute(check_sql(check, duckdb_target(check.dataset))).fetchone()
    except duckdb.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Outcome(check, False, f"cannot be measured: {reason}", expected)
    value = row[0] if row else None
    if check.kind == "column_type":
        assert check.logical_type is not None
        passed = value is not None and type_row(check.logical_type).duckdb_matches(str(value))
        return Outcome(check, passed, f"type {value or 'none (no such column)'}", expected)
    assert check.threshold is not None
    if value is None:
        return Outcome(check, False, "no value", expected)
    measured = float(value)
    passed = check.threshold.holds(measured)
    return Outcome(check, passed, _measured(check, measured), expected)


def _expected(check: Check) -> str:
    if check.kind == "column_type":
        assert check.logical_type is not None
        return f"{check.logical_type}: {', '.join(type_row(check.logical_type).duckdb)}"
    assert check.threshold is not None
    return check.threshold.text()


def _measured(check: Check, value: float) -> str:
    shown = str(int(value)) if value.is_integer() else str(value)
    if check.kind == "freshness":
        assert check.freshness is not None
        limit = f"{check.freshness.value} {check.freshness.unit}"
        return f"{shown} rows older than {limit} or null"
    return f"{shown} {MEASURES[check.kind]}"
