"""Fitting a section into what is left of GitHub's comment limit."""

from __future__ import annotations

from scripts.render.fold import GITHUB_COMMENT_LIMIT, MARKDOWN_LIMIT, fit
from scripts.render.markdown import details, table


def _size(lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def test_the_limits_are_githubs_with_a_margin() -> None:
    assert GITHUB_COMMENT_LIMIT == 65_536
    assert MARKDOWN_LIMIT == 60_000


def test_lines_that_fit_are_all_kept() -> None:
    lines = ["aaaa", "bbbb"]
    assert fit(lines, 10) == (lines, 0)


def test_the_budget_counts_each_line_with_its_newline() -> None:
    assert fit(["aaaa", "bbbb"], 9) == (["aaaa"], 1)
    assert fit(["aaaa", "bbbb"], 4) == ([], 2)


def test_nothing_to_fit_is_nothing_kept_nothing_dropped() -> None:
    assert fit([], 0) == ([], 0)


def test_a_folded_table_is_cut_between_rows_and_closed() -> None:
    rows = [(f"row{i}",) for i in range(10)]
    block = details("Rows", table(("Name",), rows))
    whole = _size(block)
    kept, dropped = fit(block, whole - 30)
    assert kept[:4] == ["<details><summary>Rows</summary>", "", "| Name |", "| --- |"]
    assert kept[-2:] == ["", "</details>"]
    # Each row takes 9 characters with its newline: 30 fewer is 4 rows fewer.
    assert dropped == 4
    assert kept[4:-2] == [f"| row{i} |" for i in range(6)]
    assert _size(kept) <= whole - 30


def test_a_folded_table_without_room_for_one_row_is_dropped_whole() -> None:
    block = details("Rows", table(("Name",), [("row0",), ("row1",)]))
    assert fit(block, len(block[0]) + 20) == ([], len(block))


def test_a_folded_code_block_is_kept_whole_or_dropped_whole() -> None:
    block = details("Tree", ["```", "a", "b", "c", "```"])
    assert fit(block, _size(block)) == (block, 0)
    assert fit(block, _size(block) - 1) == ([], len(block))
