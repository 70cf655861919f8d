"""The one Markdown cell helper: names and messages cannot break a table or ping people."""

from __future__ import annotations

import re

from scripts.plan.markdown import _rows
from scripts.render.cells import cell, code

HOSTILE = "a|b `c` <img src=x> @platform-team\nsecond line"


def _cells(row: str) -> list[str]:
    """A GitHub table row's cells: split on pipes that are not escaped."""
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_a_cell_escapes_pipes_backticks_and_html_and_stays_on_one_line():
    assert cell(HOSTILE) == ("a\\|b \\`c\\` &lt;img src=x> @&#8203;platform-team second line")


def test_markup_keeps_code_spans_and_still_escapes_pipes_and_mentions():
    assert cell("set `a|b` for @ops <x>", markup=True) == ("set `a\\|b` for @&#8203;ops &lt;x>")


def test_an_email_address_is_no_mention_and_stays_as_written():
    assert cell("owner data@acme.example") == "owner data@acme.example"


def test_code_fences_around_backticks_inside():
    assert code("a`b|c") == "``a`b\\|c``"
    assert code("`x") == "`` `x ``"
    assert code("") == ""


def test_a_hostile_name_keeps_the_plans_violation_row_at_four_cells():
    violation = {"level": "mandatory", "policy": "p", "name": HOSTILE, "message": HOSTILE}
    (row,) = [line for line in _rows("Violations", [violation]) if line.startswith("| mandatory")]
    assert len(_cells(row)) == 4, row
    # The name is code (no mention there); the message's mention is split.
    assert "@&#8203;platform-team" in _cells(row)[3]
