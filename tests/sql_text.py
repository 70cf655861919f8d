"""The SQL this project writes or documents, and the two parsers each statement must pass.

sqlglot (`read="snowflake"`) is what the tests already use to read and evaluate SQL, but
it is lenient: it accepted `GRANT ROLE A, B TO USER U`, which Snowflake refuses (GRANT
ROLE takes one role). sqlfluff's Snowflake dialect follows Snowflake's grammar closely
and refuses such a statement, so every statement goes through both
(tests/test_sql_parses.py); the runbook tests read their SQL with the same `parse_sqlglot`.

Where the SQL comes from:
- `documented_sql`: every ```sql block of docs/ (and the README), split into statements
  with their file and line;
- `planned_sql`: every input of a planned resource that holds SQL, found through
  `SQL_INPUTS` (resource type -> input -> statement or expression), so a new pipe,
  masking policy or alert in any stack or domain is covered without a test change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import sqlglot
from sqlglot import exp
from sqlglot.dialects.snowflake import Snowflake
from sqlglot.tokens import Token, TokenType

from scripts.runbook_commands import blocks

ROOT = Path(__file__).resolve().parents[1]

Kind = Literal["statement", "expression"]

# Inputs of Snowflake resources that hold SQL: a whole statement, or an expression (a
# policy body) that is parsed as `SELECT <expression>`. A plan input that looks like SQL
# but is missing here fails tests/test_sql_parses.py, so this table keeps up.
SQL_INPUTS: dict[str, dict[str, Kind]] = {
    "snowflake:index/pipe:Pipe": {"copyStatement": "statement"},
    "snowflake:index/alert:Alert": {"condition": "statement", "action": "statement"},
    "snowflake:index/maskingPolicy:MaskingPolicy": {"body": "expression"},
    "snowflake:index/rowAccessPolicy:RowAccessPolicy": {"body": "expression"},
    "snowflake:index/view:View": {"statement": "statement"},
    "snowflake:index/materializedView:MaterializedView": {"statement": "statement"},
    "snowflake:index/task:Task": {"sqlStatement": "statement"},
    "snowflake:index/dynamicTable:DynamicTable": {"query": "statement"},
    "snowflake:index/execute:Execute": {
        "execute": "statement",
        "revert": "statement",
        "query": "statement",
    },
}


@dataclass(frozen=True)
class SqlText:
    """One SQL statement (or expression) and where it comes from (`file:line`, `urn input`)."""

    where: str
    text: str
    kind: Kind = "statement"

    @property
    def statement(self) -> str:
        """The text as a whole statement (an expression is selected)."""
        return f"SELECT {self.text}" if self.kind == "expression" else self.text


def split_statements(sql: str) -> Iterator[tuple[int, str]]:
    """(line offset, text) of each statement of `sql`, split at its semicolons.

    Split with sqlglot's Snowflake tokenizer, so a `;` inside a string or a comment does
    not end a statement; the text is the source's, from first to last token.
    """
    statement: list[Token] = []
    for token in [*Snowflake().tokenize(sql), None]:
        if token is not None and token.token_type != TokenType.SEMICOLON:
            statement.append(token)
        elif statement:
            first, last = statement[0], statement[-1]
            yield first.line - 1, sql[first.start : last.end + 1]
            statement = []


def documented_sql(root: Path = ROOT) -> list[SqlText]:
    """Every statement of every ```sql block of the docs and the README."""
    found = []
    for path in sorted([root / "README.md", *(root / "docs").rglob("*.md")]):
        for block in blocks(path.read_text(encoding="utf-8")):
            if block.lang != "sql":
                continue
            for offset, text in split_statements(block.text):
                line = block.line + 1 + offset
                found.append(SqlText(f"{path.relative_to(root)}:{line}", text))
    return found


def planned_sql(document: dict[str, Any]) -> list[SqlText]:
    """Every SQL input of the plan's resources, named by resource and input; a Snowflake
    Scripting block (an alert's action) as each of its statements."""
    found = []
    for r in document["resources"]:
        for key, kind in SQL_INPUTS.get(r["type"], {}).items():
            text = r["inputs"].get(key)
            if not isinstance(text, str):
                continue
            where = f"{r['name']} ({r['type']}) {key}"
            block = scripting_statements(text) if kind == "statement" else None
            if block is None:
                found.append(SqlText(where, text, kind))
                continue
            found += [SqlText(f"{where} [{i}]", s) for i, s in enumerate(block)]
    return found


# A Snowflake Scripting block, `BEGIN <statements> END;`, and a `LET <var> <type> := (<query>)`
# inside it. Neither parser reads Scripting (sqlglot takes BEGIN for a transaction): the
# statements inside it are parsed instead, a LET as its query.
_BLOCK = re.compile(r"\s*BEGIN\s+(.*?);?\s*END;?\s*", re.DOTALL | re.IGNORECASE)
_LET = re.compile(r"LET\s+\w+\s+\w+\s*:=\s*\((.*)\)", re.DOTALL | re.IGNORECASE)


def scripting_statements(text: str) -> list[str] | None:
    """The statements of a Scripting block (a LET as its query), or None if `text` is none."""
    block = _BLOCK.fullmatch(text)
    if block is None:
        return None
    statements = []
    for _, statement in split_statements(block[1]):
        let = _LET.fullmatch(statement)
        statements.append(let[1] if let else statement)
    return statements


def parse_sqlglot(sql: str) -> list[exp.Expression]:
    """The statements of `sql` as sqlglot reads them (Snowflake dialect); raises on errors.

    A statement sqlglot does not model comes back as `exp.Command` (its fallback), which
    callers may refuse.
    """
    parsed = sqlglot.parse(sql, read="snowflake", error_level=sqlglot.ErrorLevel.RAISE)
    return [e for e in parsed if e is not None]


def strict_parse_error(sql: str) -> str | None:
    """Why sqlfluff's Snowflake dialect cannot parse `sql` completely, or None."""
    import sqlfluff
    from sqlfluff.api.simple import APIParsingError

    try:
        sqlfluff.parse(sql, dialect="snowflake")
    except APIParsingError as exc:
        return "; ".join(v.desc() for v in exc.violations)
    return None
