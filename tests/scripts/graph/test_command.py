"""`dataplat graph`: inputs, formats, exit codes; the prod SVG as headless Chromium draws it.

The Chromium test needs Debian's `chromium` and `graphviz` and is skipped, saying so,
where either is missing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from scripts import cli
from scripts.graph import dot as dot_module
from tests.chromium import CHROMIUM, dump_dom, screenshot
from tests.scripts.graph.plan_fixture import document

DOT = shutil.which("dot")


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    return path


def test_the_format_follows_the_out_extension(plan_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.mmd"
    assert cli.main(["graph", "--plan", str(plan_file), "--out", str(out)]) == 0
    assert out.read_text().splitlines()[1] == "flowchart LR"


def test_without_format_or_out_it_prints_dot(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["graph", "--plan", str(plan_file), "--graph", "roles"]) == 0
    assert capsys.readouterr().out.startswith("digraph plan {")


def test_svg_without_graphviz_is_exit_2_saying_what_to_do(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(dot_module.shutil, "which", lambda _name: None)
    assert cli.main(["graph", "--plan", str(plan_file), "--format", "svg"]) == 2
    err = capsys.readouterr().err
    assert "install Graphviz (Debian: apt-get install -y graphviz)" in err
    assert "--format dot or --format mermaid" in err


def test_a_missing_out_directory_is_exit_2_and_writes_nothing(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "g.dot"
    assert cli.main(["graph", "--plan", str(plan_file), "--out", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not out.parent.exists()


def test_no_input_and_a_bad_plan_are_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["graph"]) == 2
    bad = tmp_path / "plan.json"
    bad.write_text("{", encoding="utf-8")
    assert cli.main(["graph", "--plan", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad} (line 1): not valid JSON" in err and "(reading the plan document)" in err


def test_stack_plans_the_stack_read_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = []

    def fake_plan(*args: Any) -> dict[str, Any]:
        calls.append(args)
        return document()

    monkeypatch.setattr("scripts.plan.command.plan", fake_plan)
    assert cli.main(["graph", "--stack", "dev", "--format", "mermaid"]) == 0
    assert calls == [(None, "dev", None)]
    assert "BOB" in capsys.readouterr().out


@pytest.mark.skipif(
    CHROMIUM is None or DOT is None,
    reason="Chromium or Graphviz is not installed (Debian: apt-get install -y chromium "
    "graphviz); the drawn graph cannot be checked here",
)
def test_chromium_renders_the_prod_svg(plans: dict[str, Any], tmp_path: Path) -> None:
    assert CHROMIUM is not None
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plans["prod"]), encoding="utf-8")
    out = tmp_path / "graph.svg"
    assert cli.main(["graph", "--plan", str(plan), "--out", str(out)]) == 0
    dom = dump_dom(out, tmp_path / "profile")
    assert "<svg" in dom and "Resources and Snowflake roles of data-platform/prod" in dom
    for label in ("data-platform-lake", "dataplatform SecureBucket", "ACME_DP_PROD_ANALYST"):
        assert label in dom, label
    data = screenshot(out, tmp_path / "profile", tmp_path / "graph.png", "1280,1600")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
