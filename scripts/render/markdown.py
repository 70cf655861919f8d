"""Markdown blocks every report is made of: headings, tables and folded sections.

Cells are used as given: make them safe first with `scripts.render.cells` (`cell` for
prose, `code` for names), which is where a report decides what is code and what is prose.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

SEPARATOR = "---"
RIGHT = "---:"


def heading(level: int, title: str) -> str:
    """An ATX heading of `level` (1 to 6): `## Title`."""
    if not 1 <= level <= 6:
        raise ValueError(f"a Markdown heading has level 1 to 6, not {level}")
    return f"{'#' * level} {title}"


def row(cells: Sequence[str]) -> str:
    """One table row: `| a | b |`."""
    return "| " + " | ".join(cells) + " |"


def table(
    header: Sequence[str], rows: Iterable[Sequence[str]], *, right: Collection[int] = ()
) -> list[str]:
    """A GitHub-flavoured Markdown table as lines: the header, the separator (columns whose
    index is in `right` aligned right, for numbers), then one line per row. A table without
    rows is its header and separator; a row must have as many cells as the header."""
    lines = [row(header), row([RIGHT if i in right else SEPARATOR for i in range(len(header))])]
    for cells in rows:
        if len(cells) != len(header):
            raise ValueError(f"a row of {len(cells)} cells under {len(header)} columns: {cells}")
        lines.append(row(cells))
    return lines


def details(summary: str, lines: Sequence[str]) -> list[str]:
    """`lines` folded under `summary` (GitHub's `<details>`): blank lines around the body so
    the Markdown inside (tables, lists, code) renders. `fold.fit` cuts such a block cleanly."""
    return [f"<details><summary>{summary}</summary>", "", *lines, "", "</details>"]


def table_block(
    header: Sequence[str], rows: Iterable[Sequence[str]], *, right: Collection[int] = ()
) -> str:
    """`table` as one text block ending in a newline, for pages assembled as strings."""
    return "\n".join(table(header, rows, right=right)) + "\n"
