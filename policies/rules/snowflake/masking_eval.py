"""Evaluating a Snowflake masking-policy body offline: sqlglot to DuckDB, on sample values.

A body is one SQL expression over its arguments and a few session context functions.
It is parsed with sqlglot's Snowflake dialect, the context functions are replaced by
literals for the session under test (IS_ROLE_IN_SESSION by whether the role is held;
PUBLIC is held by every session, as in Snowflake; CURRENT_ROLE / INVOKER_ROLE by the
session's role; database and application roles are never held), each
SYSTEM$GET_TAG_ON_CURRENT_COLUMN/TABLE call by a column carrying the tag's value, and
the result runs in DuckDB. This is the one evaluator of the project: the pack's rule,
the tests and the audit all call it.

A body reading tables (a mapping-table lookup) or a function DuckDB does not have
cannot be evaluated here, and says so with `Unevaluable`. sqlglot and DuckDB are
imported on first use: a stack without masking policies never loads them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb
    from sqlglot import exp

PUBLIC = "PUBLIC"
PROBE_ROLE = "DATAPLAT_MASKING_PROBE"
# The body that returns its argument unchanged: what "in clear" is compared with.
ARGUMENT_IDENTITY = "VAL"
_TAG_FUNCTIONS = ("SYSTEM$GET_TAG_ON_CURRENT_COLUMN", "SYSTEM$GET_TAG_ON_CURRENT_TABLE")
_ROLE_IN_SESSION = ("IS_ROLE_IN_SESSION", "IS_GRANTED_TO_INVOKER_ROLE")
_NEVER_HELD = ("IS_DATABASE_ROLE_IN_SESSION", "IS_APPLICATION_ROLE_IN_SESSION")
_SESSION_ROLE = ("CURRENT_ROLE", "INVOKER_ROLE")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Snowflake argument type (base name) -> DuckDB type. A bare NUMBER is NUMBER(38, 0) in
# Snowflake; it is evaluated with scale 2 so that fractional samples survive the cast
# (whether a value comes back unchanged does not depend on the scale).
_DUCKDB_TYPES = {
    **dict.fromkeys(("VARCHAR", "STRING", "TEXT", "CHAR", "CHARACTER"), "VARCHAR"),
    **dict.fromkeys(("NCHAR", "NVARCHAR", "NVARCHAR2", "CHAR_VARYING"), "VARCHAR"),
    **dict.fromkeys(("NUMBER", "NUMERIC", "DECIMAL"), "DECIMAL(38, 2)"),
    **dict.fromkeys(("INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT"), "HUGEINT"),
    **dict.fromkeys(("FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE_PRECISION"), "DOUBLE"),
    **dict.fromkeys(("REAL",), "DOUBLE"),
    "DATE": "DATE",
    "BOOLEAN": "BOOLEAN",
    **dict.fromkeys(("TIMESTAMP", "TIMESTAMP_NTZ", "DATETIME"), "TIMESTAMP"),
    **dict.fromkeys(("TIMESTAMP_LTZ", "TIMESTAMP_TZ"), "TIMESTAMPTZ"),
}
# Samples per DuckDB type, as text, chosen so that any masking shows: an email and a
# phone number long enough to keep four digits, dates that are not the first of a year.
SAMPLES: dict[str, tuple[str, ...]] = {
    "VARCHAR": ("jane.doe@example.com", "+44 20 7946 0958", "Jane Doe"),
    "DECIMAL": ("1234.56", "42"),
    "HUGEINT": ("123456789", "42"),
    "DOUBLE": ("98.6",),
    "DATE": ("1984-07-14",),
    "BOOLEAN": ("true",),
    "TIMESTAMP": ("2024-03-05 14:30:07",),
    "TIMESTAMPTZ": ("2024-03-05 14:30:07+00",),
}


class Unevaluable(Exception):
    """The body cannot be parsed or evaluated offline; the message says why."""


@dataclass(frozen=True)
class Session:
    """Who the body is evaluated for: the account roles held (PUBLIC always) and the role."""

    roles: frozenset[str]
    current_role: str
    user: str = "DATAPLAT_MASKING_PROBE_USER"


@dataclass(frozen=True)
class Translated:
    """A body as DuckDB SQL; tag calls read the columns `"__tag<i>"`, one per tag."""

    sql: str
    tags: tuple[str, ...]
    literals: tuple[str, ...]


@dataclass(frozen=True)
class ClearCase:
    """One case where the body returned its input unchanged."""

    categories: tuple[str | None, ...]
    data_type: str
    value: str
    returned: str


def session_of(roles: Collection[str]) -> Session:
    """A session holding `roles` (the first is the current role) and PUBLIC."""
    held = [r.upper() for r in roles]
    return Session(frozenset([*held, PUBLIC]), held[0] if held else PUBLIC)


def probe_session(body: str) -> Session:
    """A session holding only PUBLIC, as a role whose name the body never mentions."""
    role, text = PROBE_ROLE, body.upper()
    while role in text:
        role += "_X"
    return Session(frozenset([PUBLIC]), role)


def duckdb_type(sql_type: str) -> str:
    """The DuckDB type a Snowflake argument type is evaluated as; Unevaluable if none."""
    text = " ".join(str(sql_type).replace('"', "").upper().split())
    base, _, params = text.partition("(")
    base = base.strip().replace(" ", "_")
    if base == "TIMESTAMP_WITH_TIME_ZONE":
        base = "TIMESTAMP_TZ"
    duck = _DUCKDB_TYPES.get(base)
    if duck is None:
        raise Unevaluable(f"no sample values for argument type {sql_type!r}")
    if duck.startswith("DECIMAL") and params:
        digits = [p.strip() for p in params.rstrip(")").split(",")]
        if all(d.isdigit() for d in digits):
            precision, scale = int(digits[0]), int(digits[1]) if len(digits) > 1 else 0
            duck = f"DECIMAL({min(precision, 38)}, {scale})"
    return duck


@lru_cache(maxsize=1024)
def translate(body: str, session: Session) -> Translated:
    """The body as DuckDB SQL for `session`; Unevaluable if it cannot be parsed."""
    import sqlglot
    from sqlglot import exp

    reads_data = (exp.Query, exp.Table, exp.Subquery, exp.DDL, exp.DML, exp.Command)
    try:
        tree = sqlglot.parse_one(body, read="snowflake")
    except sqlglot.errors.SqlglotError as exc:
        raise Unevaluable(f"does not parse: {_message(exc)}") from exc
    if tree is None or isinstance(tree, reads_data) or tree.find(*reads_data):
        raise Unevaluable("is not a single expression over its arguments (it reads tables)")
    tags: list[str] = []
    literals = {n.name for n in tree.find_all(exp.Literal) if n.is_string}

    def substitute(node: exp.Expression) -> exp.Expression:
        name = _function_name(node)
        if name in _TAG_FUNCTIONS:
            tag = _literal_argument(node, name)
            if tag not in tags:
                tags.append(tag)
            return exp.column(exp.to_identifier(f"__tag{tags.index(tag)}", quoted=True))
        if name in _ROLE_IN_SESSION:
            return exp.Boolean(this=_literal_argument(node, name) in session.roles)
        if name in _NEVER_HELD:
            return exp.false()
        if name in _SESSION_ROLE:
            return exp.Literal.string(session.current_role)
        if name == "CURRENT_USER":
            return exp.Literal.string(session.user)
        return node

    translated = tree.transform(substitute)
    try:
        sql = translated.sql(dialect="duckdb", unsupported_level=sqlglot.ErrorLevel.RAISE)
    except sqlglot.errors.SqlglotError as exc:
        raise Unevaluable(f"has no DuckDB equivalent: {_message(exc)}") from exc
    return Translated(sql, tuple(tags), tuple(sorted(literals)))


def evaluate(
    body: str,
    sql_type: str,
    value: Any,
    *,
    category: str | None,
    session_roles: Collection[str],
) -> Any:
    """What the body returns for `value` in a column whose every tag reads `category`."""
    translated = translate(body, session_of(session_roles))
    duck = duckdb_type(sql_type)
    tags = ", ".join(f'CAST(? AS VARCHAR) AS "__tag{i}"' for i in range(len(translated.tags)))
    columns = f"CAST(? AS {duck}) AS VAL" + (f", {tags}" if tags else "")
    sql = f"SELECT CAST({translated.sql} AS {duck}) FROM (SELECT {columns})"
    rows = _run(sql, [value, *[category] * len(translated.tags)])
    return rows[0][0]


@lru_cache(maxsize=1024)
def clear_cases(
    body: str,
    argument: str,
    sql_type: str,
    categories: tuple[tuple[str | None, ...], ...],
    others: tuple[tuple[str, str], ...] = (),
) -> tuple[ClearCase, ...]:
    """Every case where the body returns its non-NULL input unchanged to the probe session.

    `categories` holds the values to try for each tag the body reads, in the order of
    `translate(...).tags`; `others` are a conditional policy's further arguments (name,
    type), each tried as NULL and as its type's first sample. One DuckDB query evaluates
    every combination; results are cached per (body, arguments, types, categories), and the
    query per translated body: bodies that differ only in the role names the probe session
    does not hold (staging's and prod's) translate alike and run once.
    """
    translated = translate(body, probe_session(body))
    if len(categories) != len(translated.tags):
        raise ValueError(f"{len(translated.tags)} tags read, {len(categories)} value lists given")
    return _clear_cases(translated.sql, argument, sql_type, categories, others)


@lru_cache(maxsize=1024)
def _clear_cases(
    translated_sql: str,
    argument: str,
    sql_type: str,
    categories: tuple[tuple[str | None, ...], ...],
    others: tuple[tuple[str, str], ...],
) -> tuple[ClearCase, ...]:
    """`clear_cases` of a translated body (its tag columns `"__tag<i>"`, one per category
    list)."""
    from sqlglot import exp

    duck = duckdb_type(sql_type)
    name = exp.to_identifier(argument or "VAL").sql(dialect="duckdb")
    tag_cols = [f'"__tag{i}"' for i in range(len(categories))]
    sources = [f"(SELECT UNNEST(CAST(? AS VARCHAR[])) AS {c})" for c in tag_cols]
    sources.append(f"(SELECT UNNEST(CAST(CAST(? AS VARCHAR[]) AS {duck}[])) AS {name})")
    other_values: list[list[str | None]] = []
    for other, other_type in others:
        other_duck = duckdb_type(other_type)
        column = exp.to_identifier(other).sql(dialect="duckdb")
        sources.append(f"(SELECT UNNEST(CAST(CAST(? AS VARCHAR[]) AS {other_duck}[])) AS {column})")
        other_values.append([None, SAMPLES[other_duck.split("(")[0]][0]])
    shown = ", ".join([*tag_cols, f"CAST({name} AS VARCHAR)", "CAST(__out AS VARCHAR)"])
    sql = (
        f"SELECT {shown} FROM (SELECT *, CAST({translated_sql} AS {duck}) AS __out "
        f"FROM {' CROSS JOIN '.join(sources)}) "
        f"WHERE {name} IS NOT NULL AND __out IS NOT DISTINCT FROM {name}"
    )
    samples = list(SAMPLES[duck.split("(")[0]])
    rows = _run(sql, [*[list(c) for c in categories], samples, *other_values])
    width = len(categories)
    return tuple(
        ClearCase(tuple(row[:width]), sql_type, str(row[width]), str(row[width + 1]))
        for row in rows
    )


@lru_cache(maxsize=4096)
def sees_clear(body: str, sql_type: str, roles: tuple[str, ...], category: str) -> bool | None:
    """Whether a session holding `roles` (sorted, upper case) reads a value of a column tagged
    `category` in clear through `body`; None when the body cannot be evaluated offline.

    The one answer to "who sees this category in clear": the audit's matrix and the pack's
    domain-boundary rule both ask it. The sample is compared with itself as DuckDB holds it in
    that type (the identity body), since dates, decimals and time zones print differently from
    their literals.
    """
    sample = SAMPLES[duckdb_type(sql_type).split("(")[0]][0]
    try:
        returned = evaluate(body, sql_type, sample, category=category, session_roles=roles)
        clear = evaluate(ARGUMENT_IDENTITY, sql_type, sample, category=None, session_roles=())
    except Unevaluable:
        return None
    return returned is not None and returned == clear


def _message(exc: Exception) -> str:
    """The first line of an error, without the terminal colours sqlglot adds."""
    lines = _ANSI.sub("", str(exc)).strip().splitlines() or [type(exc).__name__]
    return lines[0][:200]


def _function_name(node: exp.Expression) -> str:
    from sqlglot import exp

    if isinstance(node, exp.Anonymous):
        return str(node.name).upper()
    if isinstance(node, exp.Func):
        return node.sql_name().upper()
    return ""


def _literal_argument(node: exp.Expression, name: str) -> str:
    from sqlglot import exp

    args: Sequence[exp.Expression] = node.expressions or [a for a in node.args.values() if a]
    if len(args) != 1 or not isinstance(args[0], exp.Literal) or not args[0].is_string:
        raise Unevaluable(f"{name} takes one string literal here, got {node.sql('snowflake')}")
    return " ".join(str(args[0].name).replace('"', "").upper().split())


_lock = threading.Lock()
_connection: list[duckdb.DuckDBPyConnection] = []


def _run(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Run on the one shared in-memory connection, with no access outside it."""
    import duckdb

    with _lock:
        if not _connection:
            connection = duckdb.connect(":memory:", config={"threads": 1})
            connection.execute("SET TimeZone = 'UTC'")
            connection.execute("SET enable_external_access = false")
            connection.execute("SET lock_configuration = true")
            _connection.append(connection)
        try:
            return _connection[0].execute(sql, params).fetchall()
        except duckdb.Error as exc:
            raise Unevaluable(f"fails in DuckDB: {_message(exc)}") from exc
