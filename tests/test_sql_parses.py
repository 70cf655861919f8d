"""Every SQL statement the project documents or plans parses with sqlglot and with sqlfluff.

sqlglot alone let `GRANT ROLE SYSADMIN, SECURITYADMIN, ... TO USER PULUMI_DEPLOY` through
(Snowflake takes one role per GRANT ROLE), so the bootstrap failed at its last statement.
sqlfluff's Snowflake dialect is the strict reader here; where it lags Snowflake, the
statement is listed in `STRICT_PARSER_GAPS` with the page that shows Snowflake accepts it,
and a test fails once the gap is closed or the statement is gone.

The SQL comes from the docs' ```sql blocks and from the three stacks' plans (pipes' COPY
statements, masking bodies, the credit alert's condition and action, and any other input
`tests.sql_text.SQL_INPUTS` names), so new SQL is covered without editing this file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest

from tests.sql_text import (
    SQL_INPUTS,
    SqlText,
    documented_sql,
    parse_sqlglot,
    planned_sql,
    strict_parse_error,
)


@dataclass(frozen=True)
class StrictParserGap:
    """A statement Snowflake accepts and sqlfluff does not parse (yet)."""

    reason: str
    source: str


# Keyed by the statement, whitespace folded. sqlfluff 4.5.0 (dialect_snowflake.py) knows
# AUTHENTICATION only in ALTER USER/ACCOUNT ... SET AUTHENTICATION POLICY, not as a
# global privilege.
STRICT_PARSER_GAPS: dict[str, StrictParserGap] = {
    "GRANT APPLY AUTHENTICATION POLICY ON ACCOUNT TO ROLE GOVERNANCE_ADMIN": StrictParserGap(
        "APPLY AUTHENTICATION POLICY is a global privilege, missing from sqlfluff's "
        "Snowflake grammar of account privileges",
        "https://docs.snowflake.com/en/user-guide/security-access-control-privileges",
    ),
    # sqlfluff 4.5.0 lists EXECUTE ALERT and EXECUTE [MANAGED] TASK among the global
    # privileges, not EXECUTE DATA METRIC FUNCTION.
    "GRANT EXECUTE DATA METRIC FUNCTION ON ACCOUNT TO ROLE SYSADMIN": StrictParserGap(
        "EXECUTE DATA METRIC FUNCTION is a global privilege, missing from sqlfluff's "
        "Snowflake grammar of account privileges",
        "https://docs.snowflake.com/en/user-guide/data-quality-access-control",
    ),
    # sqlfluff 4.5.0 reads GRANT APPLICATION ROLE <role reference>, without the
    # application's name in front (`SNOWFLAKE.`).
    "GRANT APPLICATION ROLE SNOWFLAKE.DATA_QUALITY_MONITORING_VIEWER TO ROLE SYSADMIN": (
        StrictParserGap(
            "GRANT APPLICATION ROLE takes <app_name>.<app_role_name>; sqlfluff's grammar "
            "reads only a bare role name there",
            "https://docs.snowflake.com/en/sql-reference/sql/grant-application-role; "
            "https://docs.snowflake.com/en/user-guide/data-quality-results",
        )
    ),
}

# The start of an input that holds SQL: a statement keyword followed by more words.
LOOKS_LIKE_SQL = re.compile(
    r"^\s*(SELECT|WITH|COPY\s+INTO|CALL|CASE\s+WHEN|INSERT|MERGE|UPDATE|DELETE\s+FROM|"
    r"CREATE|ALTER|EXECUTE\s+IMMEDIATE|BEGIN)\s+\S+\s+\S+",
    re.IGNORECASE,
)


def folded(text: str) -> str:
    return " ".join(text.split())


def problems_of(texts: list[SqlText]) -> list[str]:
    """`where: parser: why` for each text one of the parsers refuses (gaps excepted)."""
    problems = []
    for sql in texts:
        try:
            parse_sqlglot(sql.statement)
        except Exception as exc:  # sqlglot raises ParseError and TokenError
            problems.append(f"{sql.where}: sqlglot: {str(exc).splitlines()[0]}")
        if folded(sql.statement) in STRICT_PARSER_GAPS:
            continue
        error = strict_parse_error(sql.statement)
        if error:
            problems.append(f"{sql.where}: sqlfluff: {error[:300]}")
    return problems


def test_every_documented_sql_statement_parses_strictly():
    documented = documented_sql()
    assert any(s.where.startswith("docs/design/bootstrap.md") for s in documented)
    assert problems_of(documented) == []


def test_every_planned_sql_input_parses_strictly(stack_plan):
    assert problems_of(planned_sql(stack_plan)) == []


def test_the_plans_sql_covers_pipes_masking_bodies_and_the_alert(plans):
    types = {s.where.split("(")[1].split(")")[0] for p in plans.values() for s in planned_sql(p)}
    assert {
        "snowflake:index/pipe:Pipe",
        "snowflake:index/maskingPolicy:MaskingPolicy",
        "snowflake:index/alert:Alert",
    } <= types


def _sql_looking_inputs(resource: dict[str, Any]) -> set[str]:
    """Top-level string inputs that start like SQL (list items such as privileges are not)."""
    return {
        key
        for key, value in resource["inputs"].items()
        if isinstance(value, str) and LOOKS_LIKE_SQL.match(value)
    }


def test_every_input_holding_sql_is_known_to_the_collector(stack_plan):
    unknown = sorted(
        f"{r['name']} ({r['type']}) {key}"
        for r in stack_plan["resources"]
        for key in _sql_looking_inputs(r)
        if key not in SQL_INPUTS.get(r["type"], {})
    )
    assert unknown == [], "add these inputs to tests.sql_text.SQL_INPUTS"


def test_each_strict_parser_gap_is_still_needed_and_still_used(plans):
    statements = {folded(s.statement) for s in documented_sql()} | {
        folded(s.statement) for p in plans.values() for s in planned_sql(p)
    }
    for statement, gap in STRICT_PARSER_GAPS.items():
        assert gap.source.startswith("https://docs.snowflake.com/"), statement
        assert statement in statements, f"no statement needs this gap any more: {statement}"
        assert strict_parse_error(statement), f"sqlfluff parses it now; drop the gap: {statement}"
        assert parse_sqlglot(statement), statement


def test_the_strict_parser_refuses_a_role_list_that_sqlglot_accepts():
    wrong = "GRANT ROLE SYSADMIN, SECURITYADMIN TO USER PULUMI_DEPLOY"
    assert parse_sqlglot(wrong)
    assert strict_parse_error(wrong)
    [problem] = problems_of([SqlText("bootstrap", wrong)])
    assert problem.startswith("bootstrap: sqlfluff: ")
    assert strict_parse_error("GRANT ROLE SYSADMIN TO USER PULUMI_DEPLOY") is None


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("statement", "COPY INTO T (A) FROM (SELECT $1 FROM @S) FILE_FORMAT = (TYPE = 'JSON')"),
        ("expression", "CASE WHEN VAL IS NULL THEN NULL ELSE '***' END"),
    ],
)
def test_statements_and_expressions_are_read_as_the_plan_holds_them(kind, text):
    assert problems_of([SqlText("x", text, kind)]) == []
