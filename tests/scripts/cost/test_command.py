"""`dataplat cost`: the bound of the real stacks, its formats, and the exit-code contract."""

from __future__ import annotations

import json

import pytest

from scripts.cli import main
from scripts.cost.render import render, summary_markdown
from scripts.cost.report import monthly_bound


@pytest.fixture(scope="module")
def reports(plans):
    return {stack: monthly_bound(document) for stack, document in plans.items()}


def test_prod_is_bounded_above_dev(reports):
    assert reports["prod"].total_usd > reports["staging"].total_usd > reports["dev"].total_usd


def test_every_stack_has_warehouse_and_mwaa_items(reports):
    for stack, report in reports.items():
        categories = {c for c, _, _ in report.bound.by_category()}
        assert {"snowflake warehouses", "mwaa"} <= categories, stack


def test_the_expected_figure_never_exceeds_the_bound(reports):
    for stack, report in reports.items():
        assert all(i.expected_usd <= i.bound_usd for i in report.bound.items), stack


def test_markdown_shows_the_total_and_every_category(reports):
    report = reports["prod"]
    text = render(report, "markdown")
    assert f"| **Total** | **{report.total_usd:,.2f}** |" in text
    assert f"**Monthly bound: ${report.total_usd:,.2f}**" in text
    for category, _, _ in report.bound.by_category():
        assert f"| {category} |" in text


def test_the_summary_states_the_change_against_the_base(reports):
    line = summary_markdown(reports["prod"], base=reports["dev"])
    delta = reports["prod"].total_usd - reports["dev"].total_usd
    assert f"+${delta:,.2f} against the base branch" in line


def test_out_infers_the_format_from_the_extension(plans, tmp_path, capsys):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plans["dev"]))
    assert main(["cost", "--plan", str(plan_file), "--out", str(tmp_path / "cost.json")]) == 0
    data = json.loads((tmp_path / "cost.json").read_text())
    assert data["stack"] == "dev"
    assert data["monthlyBoundUsd"] == pytest.approx(sum(i["boundUsd"] for i in data["items"]))
    assert all({"region", "date", "source"} <= set(p) for p in data["prices"])
    assert main(["cost", "--plan", str(plan_file), "--out", str(tmp_path / "cost.md")]) == 0
    assert (tmp_path / "cost.md").read_text().startswith("### Monthly cost bound: ")
    assert "Monthly cost bound of data-platform/dev" in capsys.readouterr().out


def test_flags_override_the_assumptions(plans, tmp_path):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plans["dev"]))
    out = tmp_path / "cost.json"
    assert (
        main(["cost", "--plan", str(plan_file), "--s3-gb-per-bucket", "0", "--out", str(out)]) == 0
    )
    items = json.loads(out.read_text())["items"]
    assert {i["boundUsd"] for i in items if i["category"] == "s3"} == {0.0}


@pytest.mark.parametrize(
    "argv, message",
    [
        (["cost"], "give --stack NAME or --plan FILE"),
        (["cost", "--plan", "missing.json"], "cannot read: no such file (reading the plan)"),
        (["cost", "--stack", "nope"], "no such stack config"),
    ],
)
def test_bad_input_exits_2_with_a_message(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_a_file_that_is_not_a_plan_exits_2(tmp_path, capsys):
    bad = tmp_path / "plan.json"
    bad.write_text('{"stack": "dev"}')
    assert main(["cost", "--plan", str(bad)]) == 2
    assert "not a plan document" in capsys.readouterr().err


def test_base_states_the_change_and_the_items_that_changed(plans, reports, tmp_path):
    head, base = tmp_path / "plan.json", tmp_path / "base.json"
    head.write_text(json.dumps(plans["dev"]))
    warehouse = next(i for i in reports["dev"].bound.items if i.category == "snowflake warehouses")
    resources = [r for r in plans["dev"]["resources"] if r["urn"] != warehouse.urn]
    base.write_text(json.dumps({**plans["dev"], "resources": resources}))
    out = tmp_path / "cost.json"
    assert main(["cost", "--plan", str(head), "--base", str(base), "--out", str(out)]) == 0
    change = json.loads(out.read_text())["base"]
    assert change["deltaUsd"] == warehouse.bound_usd
    assert change["monthlyBoundUsd"] == round(reports["dev"].total_usd - warehouse.bound_usd, 2)
    assert change["changedItems"] == [
        {
            "category": "snowflake warehouses",
            "resource": warehouse.resource,
            "status": "added",
            "baseUsd": None,
            "headUsd": warehouse.bound_usd,
            "deltaUsd": warehouse.bound_usd,
        }
    ]
    md = tmp_path / "cost.md"
    assert main(["cost", "--plan", str(head), "--base", str(base), "--out", str(md)]) == 0
    assert f"+${warehouse.bound_usd:,.2f} against the base branch" in md.read_text()


def test_an_invalid_base_exits_2_naming_the_file(plans, tmp_path, capsys):
    head, base = tmp_path / "plan.json", tmp_path / "base.json"
    head.write_text(json.dumps(plans["dev"]))
    base.write_text("[]")
    assert main(["cost", "--plan", str(head), "--base", str(base)]) == 2
    assert f"{base}: not a plan document" in capsys.readouterr().err
