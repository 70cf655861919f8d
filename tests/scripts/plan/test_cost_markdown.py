"""The plan's Markdown states the cost change against the base branch's plan of the stack.

The variants are the dev plan with its first two warehouses (by name) edited: detached from
their resource monitor, so a size change moves the bound by exactly its credits.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from policies.rules.cost.prices import HOURS_PER_MONTH, price
from scripts.plan.markdown import markdown
from scripts.plan.plan_file import CostBase
from scripts.plan.render import render, summary

WAREHOUSE = "snowflake:index/warehouse:Warehouse"
# One uncapped XSMALL cluster all month: 1 credit an hour (the report's default edition).
XSMALL_MONTH = HOURS_PER_MONTH * price("snowflake.credit.enterprise").usd


def _warehouses(document: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted((r for r in document["resources"] if r["type"] == WAREHOUSE), key=_name)


def _name(resource: dict[str, Any]) -> str:
    return str(resource["name"])


def _uncapped(resource: dict[str, Any], size: str) -> None:
    resource["inputs"].update(warehouseSize=size, maxClusterCount=1, resourceMonitor=None)


@pytest.fixture(scope="module")
def variants(plans: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(base, head): the head adds the first warehouse and makes the second SMALL."""
    base, head = copy.deepcopy(plans["dev"]), copy.deepcopy(plans["dev"])
    added, resized = _warehouses(head)[:2]
    _uncapped(added, "XSMALL")
    _uncapped(resized, "SMALL")
    base["resources"].remove(next(r for r in base["resources"] if r["urn"] == added["urn"]))
    _uncapped(next(r for r in _warehouses(base) if r["urn"] == resized["urn"]), "XSMALL")
    return base, head


def _comment(head: dict[str, Any], base: CostBase | None, limit: int = 60_000) -> str:
    return markdown(head, summary(head), limit=limit, cost_base=base)


def test_the_cost_line_shows_the_exact_change_against_the_base(variants):
    base, head = variants
    text = render(head, "markdown", cost_base=CostBase(Path("base/plan-dev.json"), base))
    # +1 XSMALL month (the added warehouse) and +1 (XSMALL to SMALL doubles the credits).
    assert f"+${2 * XSMALL_MONTH:,.2f} against the base branch (+" in text


def test_the_changed_items_are_listed_in_a_folded_table_largest_first(variants):
    base, head = variants
    text = _comment(head, CostBase(Path("base/plan-dev.json"), base))
    added, resized = (r["name"] for r in _warehouses(head)[:2])
    rows = [line for line in text.splitlines() if line.startswith("| `data-platform-")]
    month = f"{XSMALL_MONTH:,.2f}"
    assert (
        f"| `{resized}` | snowflake warehouses | {month} | {2 * XSMALL_MONTH:,.2f} | +${month} |"
        in rows
    )
    assert f"| `{added}` | snowflake warehouses | - | {month} | +${month} (added) |" in rows
    assert (
        "<summary>Cost by line item: 2 added, removed or changed, largest first</summary>" in text
    )


def test_a_stack_without_a_base_plan_says_so(plans):
    text = _comment(plans["dev"], CostBase(Path("base/plan-dev.json"), None))
    assert "no base plan for dev (base/plan-dev.json does not exist" in text
    assert "against the base branch (" not in text
    assert "Cost by line item" not in text


def test_without_a_cost_base_there_is_no_comparison(plans):
    text = _comment(plans["dev"], None)
    assert "base branch" not in text


def test_a_long_change_table_is_cut_between_rows_and_its_block_closed(plans):
    head = plans["dev"]
    base = copy.deepcopy(head)
    base["resources"] = [r for r in base["resources"] if r["type"] == WAREHOUSE]
    full = _comment(head, CostBase(Path("b.json"), base))
    cut = _comment(head, CostBase(Path("b.json"), base), limit=3_000)
    assert len(cut) <= 3_000
    assert 0 < len(_cost_rows(cut)) < len(_cost_rows(full))
    assert cut.count("<details>") == cut.count("</details>")
    assert "more lines left out to keep this comment under 3,000 characters" in cut


def _cost_rows(text: str) -> list[str]:
    """The rows of the folded cost table (the block from its summary to `</details>`)."""
    block = text.split("<summary>Cost by line item", 1)[1].split("</details>", 1)[0]
    return [line for line in block.splitlines() if line.startswith("| `")]
