"""A sample file (CSV or Parquet) as a DuckDB view, and its columns.

The view takes the dataset's table name, so the compiled SQL runs on the sample exactly
as it names the table. The session's time zone is UTC, the one Glue's Spark sessions use
by default, so a timestamp without a zone means the same instant here and there.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from scripts.errors import UserError
from stacks.contracts.sql import identifier, literal

READERS = {".csv": "read_csv_auto", ".parquet": "read_parquet", ".pq": "read_parquet"}


def open_sample(path: Path, table: str) -> duckdb.DuckDBPyConnection:
    """A connection where `table` is a view of the sample; UserError on a bad file."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UserError(f"{path}: a sample is a .csv or .parquet file")
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    try:
        connection.execute(
            f"CREATE VIEW {identifier(table, 'duckdb')} AS "
            f"SELECT * FROM {reader}({literal(str(path))})"
        )
        connection.execute(f"SELECT * FROM {identifier(table, 'duckdb')} LIMIT 0")
    except duckdb.Error as exc:
        connection.close()
        raise UserError(f"{path}: cannot be read as {reader[5:]}: {_first_line(exc)}") from None
    return connection


def columns(connection: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column of the view, in order."""
    rows = connection.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        f"WHERE table_name = {literal(table)} ORDER BY ordinal_position"
    ).fetchall()
    return [(str(name), str(kind)) for name, kind in rows]


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
