"""Checks as Glue Data Quality rules (DQDL), one ruleset per dataset.

The mapping (issue 19): `required` -> IsComplete; `unique` -> IsUnique; a primary key ->
IsPrimaryKey; `rowCount` -> RowCount; freshness -> DataFreshness; the columns ->
ColumnExists and ColumnCount, plus ColumnDataType where DQDL can check the type (the
`logical_types` table) and CustomSql where a string type must be checked. SchemaMatch is
never used: it compares with a reference dataset, not a declared schema
(https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types-SchemaMatch.html).

ODCS's `mustBeBetween` is inclusive and DQDL's `between` is not (awslabs/dqdl
`NumberBasedCondition`: `metric > a && metric < b`), so it becomes two rules, `>= a` and
`<= b`. Null, duplicate and invalid counts with a zero threshold become IsComplete and
IsUnique; other thresholds, invalid values and `sql` checks become CustomSql over
`primary`. A column type no rule can check (the table's "not checkable" rows) yields no
rule: `unchecked` lists those.
"""

from __future__ import annotations

from collections.abc import Iterable

from stacks.contracts.checks import Check, Threshold
from stacks.contracts.logical_types import type_row
from stacks.contracts.sql import check_sql, spark_target, string_type_sql


def dqdl_rules(check: Check) -> list[str]:
    """The DQDL rules of one check (none for a type DQDL cannot check)."""
    column = _quoted(check.column) if check.columns else ""
    zero = check.threshold == Threshold("=", (0,))
    match check.kind:
        case "column_exists":
            return [f"ColumnExists {column}"]
        case "column_count" | "row_count":
            assert check.threshold is not None
            rule = "ColumnCount" if check.kind == "column_count" else "RowCount"
            return [f"{rule} {condition}" for condition in _conditions(check.threshold)]
        case "column_type":
            return _type_rules(check, column)
        case "complete":
            return [f"IsComplete {column}"]
        case "unique":
            return [f"IsUnique {column}"]
        case "primary_key":
            return ["IsPrimaryKey " + " ".join(_quoted(c) for c in check.columns)]
        case "freshness":
            assert check.freshness is not None
            limit = f"{check.freshness.value} {check.freshness.unit}"
            return [f"DataFreshness {column} <= {limit}"]
        case "null_count" if zero:
            return [f"IsComplete {column}"]
        case "duplicate_count" if zero:
            return [f"IsUnique {column}"]
    return _custom_sql(check_sql(check, spark_target()), check.threshold)


def ruleset(checks: Iterable[Check]) -> str:
    """A `Rules = [ ... ]` document, one rule per line, in the checks' order."""
    rules = [rule for check in checks for rule in dqdl_rules(check)]
    body = ",\n".join(f"    {rule}" for rule in rules)
    return f"Rules = [\n{body}\n]" if rules else "Rules = [\n]"


def unchecked(checks: Iterable[Check]) -> list[Check]:
    """The checks Glue cannot run (column types with no DQDL or CustomSql check)."""
    return [c for c in checks if not dqdl_rules(c)]


def _type_rules(check: Check, column: str) -> list[str]:
    assert check.logical_type is not None
    row = type_row(check.logical_type)
    if len(row.dqdl) == 1:
        return [f"ColumnDataType {column} = {_quoted(row.dqdl[0])}"]
    if row.dqdl:
        return [f"ColumnDataType {column} in [{', '.join(_quoted(t) for t in row.dqdl)}]"]
    if row.custom_sql is not None:
        return _custom_sql(string_type_sql(check), Threshold("=", (0,)))
    return []


def _custom_sql(statement: str, threshold: Threshold | None) -> list[str]:
    assert threshold is not None
    return [f"CustomSql {_quoted(statement)} {c}" for c in _conditions(threshold)]


def _conditions(threshold: Threshold) -> list[str]:
    if threshold.operator == "between":
        low, high = threshold.values
        return [Threshold(">=", (low,)).text(), Threshold("<=", (high,)).text()]
    return [threshold.text()]


def _quoted(text: str) -> str:
    """A DQDL quoted string (`\\"` and `\\\\` are its only escapes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
