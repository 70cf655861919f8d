"""Snowflake SQL string literals, written one way for every statement the program builds."""

from __future__ import annotations


def sql_literal(text: str) -> str:
    """`text` as a single-quoted Snowflake string literal.

    Inside single quotes Snowflake reads a backslash as an escape and `''` as a quote
    (docs.snowflake.com, "String & binary data types", escape sequences), so both are
    doubled: the literal always means exactly `text`.
    """
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
