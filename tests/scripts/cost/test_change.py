"""The cost change against the base branch: items paired by kind and name, exact figures."""

from __future__ import annotations

import pytest

from policies.rules.core.rule import Context
from policies.rules.cost.assumptions import Assumptions
from policies.rules.cost.items import Bound, LineItem
from scripts.cost.change import ItemChange, compare, signed_usd
from scripts.cost.render import change_table, summary_markdown
from scripts.cost.report import CostReport

WAREHOUSES = "snowflake warehouses"


def _item(resource: str, bound: float, category: str = WAREHOUSES) -> LineItem:
    return LineItem(category, resource, "snowflake.credit.enterprise", 1, bound, bound, "d")


def _report(*items: LineItem) -> CostReport:
    assumptions = Assumptions.from_context(Context("dev"))
    return CostReport("data-platform", "dev", Bound(items, "eu-west-1"), assumptions, "advisory")


BASE = _report(_item("wh-loading", 42.90), _item("wh-reporting", 2847.00), _item("kms", 1.0, "kms"))
# The head makes reporting SMALL (twice the credits), adds a warehouse, removes the key.
HEAD = _report(
    _item("wh-loading", 42.90), _item("wh-reporting", 5694.00), _item("wh-marketing", 42.90)
)


def test_totals_delta_and_percent_are_exact():
    change = compare(BASE, HEAD)
    assert (change.base_usd, change.head_usd) == (2890.90, 5779.80)
    assert change.delta_usd == 2888.90
    assert change.percent == 99.9


def test_only_items_added_removed_or_changed_are_listed_largest_change_first():
    assert compare(BASE, HEAD).items == (
        ItemChange(WAREHOUSES, "wh-reporting", 2847.00, 5694.00),
        ItemChange(WAREHOUSES, "wh-marketing", None, 42.90),
        ItemChange("kms", "kms", 1.0, None),
    )


def test_each_item_change_has_its_status_and_signed_delta():
    reporting, marketing, kms = compare(BASE, HEAD).items
    assert (reporting.status, reporting.delta_usd) == ("changed", 2847.00)
    assert (marketing.status, marketing.delta_usd) == ("added", 42.90)
    assert (kms.status, kms.delta_usd) == ("removed", -1.0)


def test_items_pair_by_kind_and_name_not_by_name_alone():
    base = _report(_item("shared", 5.0, "s3"))
    head = _report(_item("shared", 5.0, "kms"))
    assert [c.status for c in compare(base, head).items] == ["added", "removed"]


def test_identical_reports_change_nothing_and_a_zero_base_has_no_percent():
    assert compare(BASE, BASE).items == ()
    assert compare(BASE, BASE).delta_usd == 0.0
    assert compare(_report(), HEAD).percent is None


@pytest.mark.parametrize(
    ("value", "text"), [(2888.9, "+$2,888.90"), (-1.0, "-$1.00"), (0.0, "+$0.00")]
)
def test_signed_usd_reads_with_its_sign(value, text):
    assert signed_usd(value) == text


def test_the_summary_states_the_change_in_dollars_and_percent_of_the_base():
    line = summary_markdown(HEAD, BASE)
    assert "; +$2,888.90 against the base branch (+99.9% of $2,890.90)." in line
    assert "(+-" not in summary_markdown(BASE, HEAD)
    assert "-$2,888.90 against the base branch (-50.0% of $5,779.80)." in summary_markdown(
        BASE, HEAD
    )


def test_the_change_table_has_a_row_per_changed_item():
    assert change_table(compare(BASE, HEAD))[2:] == [
        "| `wh-reporting` | snowflake warehouses | 2,847.00 | 5,694.00 | +$2,847.00 |",
        "| `wh-marketing` | snowflake warehouses | - | 42.90 | +$42.90 (added) |",
        "| `kms` | kms | 1.00 | - | -$1.00 (removed) |",
    ]
