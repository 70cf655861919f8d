"""Evaluate a Snowflake masking-policy body in DuckDB, for one session and one column.

The body is parsed with sqlglot's Snowflake dialect; the two Snowflake-only context
functions are replaced by literals for the case under test (IS_ROLE_IN_SESSION by
whether the role is among the session's roles, SYSTEM$GET_TAG_ON_CURRENT_COLUMN by
the column's PII category), and the result runs in DuckDB on one sample value.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

# Snowflake argument type -> DuckDB type of the sample value.
DUCKDB_TYPES = {
    "VARCHAR": "VARCHAR",
    "NUMBER": "DECIMAL(38, 2)",
    "FLOAT": "DOUBLE",
    "DATE": "DATE",
    "TIMESTAMP_NTZ": "TIMESTAMP",
    "TIMESTAMP_LTZ": "TIMESTAMPTZ",
    "TIMESTAMP_TZ": "TIMESTAMPTZ",
}


def evaluate(
    body: str,
    sql_type: str,
    value: Any,
    *,
    category: str | None,
    session_roles: Collection[str],
) -> Any:
    """What the policy returns for `value` in a column tagged `category`."""
    roles = {r.upper() for r in session_roles}

    def substitute(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Anonymous):
            name = node.name.upper()
            if name == "IS_ROLE_IN_SESSION":
                return exp.Boolean(this=node.expressions[0].name.upper() in roles)
            if name == "SYSTEM$GET_TAG_ON_CURRENT_COLUMN":
                return exp.Literal.string(category) if category is not None else exp.Null()
        return node

    tree = sqlglot.parse_one(body, read="snowflake").transform(substitute)
    leftovers = [f.name for f in tree.find_all(exp.Anonymous)]
    assert not leftovers, f"functions DuckDB cannot evaluate: {leftovers}"
    duck_type = DUCKDB_TYPES[sql_type]
    # A policy returns its declared type (Snowflake's DATE_TRUNC keeps a DATE a DATE;
    # DuckDB's widens it), so the result is cast back to the argument's type.
    sql = (
        f"SELECT CAST({tree.sql(dialect='duckdb')} AS {duck_type}) "
        f"FROM (SELECT CAST(? AS {duck_type}) AS VAL)"
    )
    with duckdb.connect() as connection:
        connection.execute("SET TimeZone = 'UTC'")
        row = connection.execute(sql, [value]).fetchone()
    assert row is not None
    return row[0]
