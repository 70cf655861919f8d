"""The text and Markdown views: what needs a decision first, then tables, then outputs."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from scripts.plan.render import render
from scripts.plan.tables import component_tables, key_settings, physical_name
from scripts.render.fold import MARKDOWN_LIMIT


@pytest.fixture(scope="module")
def prod(plans: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return plans["prod"]


def _index(text: str, needle: str) -> int:
    assert needle in text, f"{needle!r} is not in the view"
    return text.index(needle)


def test_text_leads_with_policy_results_then_preflight_components_and_outputs(prod):
    text = render(prod, "text")
    order = [
        _index(text, "Suppressed:"),
        _index(text, "Preflight: "),
        _index(text, "Resources by component"),
        _index(text, "Outputs:"),
    ]
    assert order == sorted(order)
    assert "└─ " not in text  # the tree is behind --tree


def test_text_shows_each_bucket_with_its_physical_name_and_protection(prod):
    lines = render(prod, "text").splitlines()
    line = next(x for x in lines if "aws:s3/bucket:Bucket " in x and "acme-dp-prod-raw-" in x)
    assert line.rstrip().endswith("protect retain"), line


def test_text_lists_the_stack_outputs_flattened(prod):
    text = render(prod, "text")
    assert "lake_buckets.raw" in text
    assert prod["outputs"]["lake_buckets"]["raw"] in text


def test_tree_flag_shows_the_tree_instead_of_the_tables(prod):
    text = render(prod, "text", tree=True)
    assert "└─ dataplatform:index:DataPlatform  data-platform" in text
    assert "aws:s3/bucket:Bucket  data-platform-lake-raw [protect] [retain]" in text
    assert "Resources by component" not in text


def test_every_cloud_resource_is_in_exactly_one_component_table(prod):
    rows = [row.name for table in component_tables(prod) for row in table.rows]
    custom = [r["name"] for r in prod["resources"] if r["custom"]]
    assert sorted(rows) == sorted(custom)


def test_physical_names_come_from_the_naming_inputs():
    assert physical_name({"inputs": {"bucket": "b", "key": "k.zip"}}) == "b/k.zip"
    assert physical_name({"inputs": {"database": "DB", "schema": "S", "name": "T"}}) == "DB.S.T"
    assert physical_name({"inputs": {"bucket": "logs"}}) == "logs"
    assert physical_name({"inputs": {"policy": "{}"}}) == ""


def test_key_settings_name_the_values_and_flags():
    resource = {
        "type": "snowflake:index/warehouse:Warehouse",
        "inputs": {"warehouseSize": "SMALL", "autoSuspend": 60, "comment": "x"},
        "protect": True,
        "retainOnDelete": False,
    }
    assert key_settings(resource) == "warehouseSize=SMALL autoSuspend=60 protect"


def test_markdown_has_the_preflight_table_and_component_details(prod):
    text = render(prod, "markdown")
    assert "### Preflight" in text and "| Result | Check | What | Role | Decided by |" in text
    assert "### Resources by component" in text
    assert "### Stack outputs" in text
    assert len(text) < MARKDOWN_LIMIT


def test_markdown_cuts_a_huge_preflight_section_within_the_limit(prod):
    big = copy.deepcopy(prod)
    big["preflight"]["snowflakeSteps"] *= 60
    text = render(big, "markdown")
    assert len(text) < MARKDOWN_LIMIT
    assert "more lines left out" in text
    assert "**Preflight: " in text  # the counts always stay
