"""Markdown tables, headings and folds: what every report's tables are made of."""

from __future__ import annotations

import re

import pytest

from scripts.render.cells import cell, code
from scripts.render.markdown import details, heading, row, table, table_block


def _cells(line: str) -> list[str]:
    """A GitHub table row's cells: split on the pipes that are not escaped."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_a_table_is_header_separator_and_one_line_per_row() -> None:
    assert table(("Name", "Count"), [("a", "1"), ("b", "2")], right={1}) == [
        "| Name | Count |",
        "| --- | ---: |",
        "| a | 1 |",
        "| b | 2 |",
    ]


def test_an_empty_table_is_its_header_and_separator() -> None:
    assert table(("Name", "Count"), []) == ["| Name | Count |", "| --- | --- |"]


def test_an_empty_cell_is_two_spaces_between_pipes() -> None:
    assert row(["a", "", "c"]) == "| a |  | c |"


def test_a_row_with_the_wrong_number_of_cells_is_refused() -> None:
    with pytest.raises(ValueError, match="2 cells under 3 columns"):
        table(("a", "b", "c"), [("1", "2")])


def test_escaped_pipes_and_newlines_keep_a_row_one_row_of_its_columns() -> None:
    hostile = "x|y\nsecond `z|w` <b>"
    lines = table(("Prose", "Name"), [(cell(hostile), code(hostile))])
    assert len(lines) == 3
    assert _cells(lines[2]) == [r"x\|y second \`z\|w\` &lt;b>", r"``x\|y second `z\|w` <b>``"]
    assert len(_cells(lines[2])) == len(_cells(lines[0]))


def test_a_table_block_is_the_lines_ending_in_a_newline() -> None:
    assert table_block(["h"], [["v"]]) == "| h |\n| --- |\n| v |\n"


def test_headings_have_their_level_of_hashes() -> None:
    assert [heading(n, "T") for n in (1, 3, 6)] == ["# T", "### T", "###### T"]
    with pytest.raises(ValueError, match="level 1 to 6, not 7"):
        heading(7, "T")


def test_a_fold_has_blank_lines_around_its_body() -> None:
    assert details("More", ["| a |", "| --- |"]) == [
        "<details><summary>More</summary>",
        "",
        "| a |",
        "| --- |",
        "",
        "</details>",
    ]
    assert details("Empty", []) == ["<details><summary>Empty</summary>", "", "", "</details>"]
