"""Output hygiene of `dataplat plan`: formats, directories, modes, portable paths, SARIF."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from scripts.cli import main
from scripts.plan.locations import Locator
from scripts.plan.render import render

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("p.json", lambda t: json.loads(t)["stack"] == "dev"),
        ("p.md", lambda t: t.startswith("## Plan")),
        ("p.sarif", lambda t: json.loads(t)["version"] == "2.1.0"),
        ("p.txt", lambda t: t.startswith("Plan of data-platform/dev")),
    ],
)
def test_out_infers_the_format_from_the_extension(tmp_path, name, check):
    out = tmp_path / name
    assert main(["plan", "--stack", "dev", "--out", str(out), "--quiet"]) == 0
    assert check(out.read_text()), name


def test_a_format_that_contradicts_the_extension_is_bad_input(tmp_path, capsys):
    out = tmp_path / "p.json"
    assert main(["plan", "--stack", "dev", "--format", "markdown", "--out", str(out)]) == 2
    assert "--format markdown conflicts with --out" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("flag", ["--out", "--out-dir"])
def test_a_missing_output_directory_is_refused(tmp_path, capsys, flag):
    missing = tmp_path / "nope"
    target = missing / "p.json" if flag == "--out" else missing
    assert main(["plan", "--stack", "dev", "--format", "json", flag, str(target)]) == 2
    assert f"the directory {missing} does not exist" in capsys.readouterr().err
    assert not missing.exists()


def test_several_stacks_need_an_output_directory(capsys):
    assert main(["plan", "--stack", "dev", "--stack", "prod"]) == 2
    assert "several --stack need --out-dir" in capsys.readouterr().err


def test_files_follow_the_umask(tmp_path):
    previous = os.umask(0o027)
    try:
        assert main(["plan", "--stack", "dev", "--out", str(tmp_path / "p.json")]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "p.json").stat().st_mode) == 0o640


def test_multi_stack_plans_match_the_single_stack_plans(tmp_path, plans):
    stacks = ["--stack", "dev", "--stack", "staging"]
    formats = ["--format", "json", "--format", "markdown"]
    code = main(["plan", *stacks, *formats, "--out-dir", str(tmp_path)])
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "plan-dev.json",
        "plan-dev.md",
        "plan-staging.json",
        "plan-staging.md",
    ]
    for stack in ("dev", "staging"):
        document = json.loads((tmp_path / f"plan-{stack}.json").read_text())
        assert document["resources"] == plans[stack]["resources"], stack


def test_asset_paths_are_relative_to_the_project(plans):
    paths = [
        r["inputs"]["source"]["path"]
        for r in plans["prod"]["resources"]
        if isinstance(r["inputs"].get("source"), dict)
    ]
    assert "pipeline_code/glue/crm_to_staged.py" in paths
    assert all(not p.startswith("/") for p in paths), paths


def _locator(stack: str) -> Locator:
    return Locator.for_stack(
        ROOT, ROOT / "stacks" / f"Pulumi.{stack}.yaml", ROOT / "stacks" / "domains"
    )


def test_domain_resources_point_at_their_domain_file():
    where = _locator("prod").locate("data-platform-domain-marketing-wh-marketing-monitor")
    assert where.uri == "stacks/domains/marketing.yaml"
    lines = (ROOT / where.uri).read_text().splitlines()
    assert lines[where.line - 1].startswith("warehouses:")


def test_platform_resources_point_at_their_stack_file_section():
    where = _locator("prod").locate("data-platform-lake-raw")
    assert where.uri == "stacks/Pulumi.prod.yaml"
    lines = (ROOT / where.uri).read_text().splitlines()
    assert lines[where.line - 1].strip() == "lake:"
    assert _locator("prod").locate(None).line == 1


def test_sarif_results_carry_the_stack_file_and_a_line(plans):
    log = json.loads(render(plans["prod"], "sarif", locator=_locator("prod")))
    results = log["runs"][0]["results"]
    assert results, "prod has suppressed findings"
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        # A domain's resource points at its domain file, anything else at the stack file.
        assert uri == "stacks/Pulumi.prod.yaml" or (
            uri.startswith("stacks/domains/") and uri.endswith(".yaml")
        ), uri
        assert location["region"]["startLine"] >= 1


def test_a_stack_that_cannot_plan_fails_alone_and_writes_nothing(tmp_path, capsys):
    code = main(
        ["plan", "--stack", "dev", "--stack", "qa", "--format", "json", "--out-dir", str(tmp_path)]
    )
    assert code == 2
    assert "stacks with a config: dev, prod, staging" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["plan-dev.json"]
