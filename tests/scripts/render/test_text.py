"""Terminal text: clipping and aligned columns."""

from __future__ import annotations

import pytest

from scripts.render.text import clip, columns


def test_clip_keeps_short_text_and_ends_cut_text_with_an_ellipsis() -> None:
    assert clip("abcdef", 6) == "abcdef"
    assert clip("abcdefg", 6) == "abcde…"
    assert clip("", 0) == ""
    with pytest.raises(ValueError, match="no room"):
        clip("a", 0)


def test_columns_pad_to_the_widest_cell_and_align_numbers_right() -> None:
    rows = [("NAME", "USD"), ("lake", "1.50"), ("warehouse", "120.00")]
    assert columns(rows, right={1}) == [
        "NAME          USD",
        "lake         1.50",
        "warehouse  120.00",
    ]


def test_a_cap_clips_cells_and_limits_the_width() -> None:
    assert columns([("abcdefgh", "x"), ("ab", "y")], caps=(5,), indent="  ") == [
        "  abcd…  x",
        "  ab     y",
    ]


def test_no_trailing_spaces_when_the_last_cells_are_empty() -> None:
    assert columns([("a", "long", ""), ("bb", "", "")]) == ["a   long", "bb"]


def test_no_rows_is_no_lines() -> None:
    assert columns([]) == []
