"""Checks as SQL: every query and expectation parses in its dialect; DuckDB runs them."""

from __future__ import annotations

from typing import get_args

import duckdb
import sqlglot

from stacks.contracts.checks import Check, CheckKind, Freshness, Threshold
from stacks.contracts.compile import compile_contract
from stacks.contracts.dqdl import dqdl_rules
from stacks.contracts.sql import (
    Target,
    check_sql,
    expectation_sql,
    identifier,
    snowflake_target,
    spark_target,
)
from tests.stacks.contracts.contract_texts import BASE, model, with_properties

QUALITY = [
    {"metric": "invalidValues", "arguments": {"validValues": ["a", "b"]}, "mustBe": 0},
    {"metric": "invalidValues", "arguments": {"pattern": "[a-z]+"}, "mustBeLessThan": 2},
    {"metric": "duplicateValues", "mustBeLessOrEqualTo": 1},
    {"metric": "nullValues", "mustBeBetween": [0, 3]},
    {"type": "sql", "query": "SELECT COUNT(*) FROM {object} WHERE c = 'z'", "mustBe": 0},
]
EVERY_KIND = model(
    with_properties(
        {
            "name": "c",
            "logicalType": "string",
            "required": True,
            "unique": True,
            "primaryKey": True,
            "quality": QUALITY,
        },
        {"name": "Mixed Case", "logicalType": "number"},
    )
)


def _checks() -> list[Check]:
    found = list(compile_contract(EVERY_KIND).checks) + list(compile_contract(model(BASE)).checks)
    assert {c.kind for c in found} == set(get_args(CheckKind)), "every kind is exercised"
    return found


def test_every_snowflake_query_and_expectation_parses() -> None:
    target = snowflake_target("MARKETING_DB", "CONTACTS", "hubspot")
    for check in _checks():
        query = check_sql(check, target)
        sqlglot.parse_one(query, read="snowflake")
        sqlglot.parse_one(
            f"SELECT 1 WHERE {expectation_sql(check)}".replace("VALUE", "1"), read="snowflake"
        )


def test_every_custom_sql_statement_parses_as_spark() -> None:
    for check in _checks():
        for rule in dqdl_rules(check):
            if rule.startswith("CustomSql"):
                statement = rule.split('"')[1]
                sqlglot.parse_one(statement, read="spark")


def test_every_duckdb_query_runs_on_a_matching_table() -> None:
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE hubspot AS SELECT 1 AS id, 'a' AS email, now()::TIMESTAMP AS updated_at, "
        "'a' AS c, 1.5 AS \"Mixed Case\""
    )
    target = Target("duckdb", "hubspot", "hubspot")
    for check in _checks():
        assert connection.execute(check_sql(check, target)).fetchone() is not None, check.name


def test_freshness_counts_rows_older_than_the_limit_or_null() -> None:
    check = Check("freshness", "t", ("u",), Threshold("=", (0,)), freshness=Freshness(2, "days"))
    assert check_sql(check, snowflake_target("D", "S", "t")) == (
        "SELECT COUNT(*) FROM D.S.t WHERE u IS NULL OR u < DATEADD(day, -2, CURRENT_TIMESTAMP())"
    )
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES (now() - INTERVAL 1 DAY), "
        "(now() - INTERVAL 3 DAY), (NULL)) AS v(u)"
    )
    assert connection.execute(check_sql(check, Target("duckdb", "t", "t"))).fetchone() == (2,)


def test_names_that_are_not_plain_are_quoted_per_dialect() -> None:
    assert identifier("email", "snowflake") == "email"
    assert identifier("Mixed Case", "snowflake") == '"Mixed Case"'
    assert identifier("Mixed Case", "spark") == "`Mixed Case`"


def test_glue_custom_sql_reads_the_primary_dataset() -> None:
    check = Check("null_count", "hubspot", ("c",), Threshold("<", (3,)))
    assert check_sql(check, spark_target()) == "SELECT COUNT(*) FROM primary WHERE c IS NULL"
