"""The access listing as text or Markdown (JSON is the listing itself)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scripts.render.cells import cell
from scripts.render.markdown import table_block

AWS_COLUMNS = ("resource", "type", "principal", "actions", "resources", "statement", "expected")
SNOWFLAKE_COLUMNS = ("role", "privilege", "on", "expected")


def render(listing: dict[str, Any], fmt: str, stack: str) -> str:
    """`listing` as `text` or `markdown`; unexpected rows say `NOT DECLARED`."""
    head = _headline(listing, stack)
    if fmt == "markdown":
        return "\n".join(
            [
                f"# Access of stack {stack}",
                "",
                head,
                "",
                "## Outside the AWS account",
                "",
                _markdown(AWS_COLUMNS, listing["aws"]),
                "## Snowflake roles",
                "",
                _markdown(SNOWFLAKE_COLUMNS, listing["snowflake"]),
            ]
        )
    return "\n".join(
        [
            head,
            "",
            "Outside the AWS account:",
            _text(AWS_COLUMNS, listing["aws"]),
            "Snowflake roles:",
            _text(SNOWFLAKE_COLUMNS, listing["snowflake"]),
        ]
    )


def _headline(listing: dict[str, Any], stack: str) -> str:
    rows = len(listing["aws"]) + len(listing["snowflake"])
    if not listing["declared"]:
        return f"{stack}: {rows} rows; no expected access declared (stacks/policy.{stack}.json)"
    return f"{stack}: {rows} rows, {listing['unexpected']} not declared expected"


def _value(row: dict[str, Any], column: str) -> str:
    value = row[column]
    if column == "expected":
        return "NOT DECLARED" if value is None else str(value)
    return str(value)


def _markdown(columns: Sequence[str], rows: list[dict[str, Any]]) -> str:
    return table_block(columns, ([cell(_value(r, c)) for c in columns] for r in rows))


def _text(columns: Sequence[str], rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "  (none)\n"
    return "".join(
        "  " + "  |  ".join(f"{c}: {_value(r, c)}" for c in columns) + "\n" for r in rows
    )
