"""The HTML report: self-contained, and readable as rendered by headless Chromium.

The Chromium test runs where Debian's `chromium` is installed (`apt-get install -y
chromium`) and is skipped, saying so, where it is not (CI installs Python only).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from scripts import cli
from scripts.audit.render import render

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_the_html_fetches_nothing_and_runs_no_script(prod_report: dict[str, Any]) -> None:
    page = render(prod_report, "html")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert re.findall(r"https?://[^\s\"'<]+", page) == ["http://www.w3.org/2000/svg"]
    assert "<svg" in page and "Policy results by rule severity" in page


def test_markdown_has_every_section_and_the_date(prod_report: dict[str, Any]) -> None:
    text = render(prod_report, "markdown")
    for heading in (
        "## Summary",
        "## Policy results",
        "## Accepted exceptions",
        "## Where personal data (PII) is stored",
        "## Who can access what",
        "## Encryption keys and who can decrypt",
    ):
        assert heading in text
    assert "| Date of this audit | 2026-06-01 |" in text


def test_the_command_writes_the_report_atomically_and_exits_0(
    tmp_path: Path, plans: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plans["dev"]), encoding="utf-8")
    out = tmp_path / "reports" / "dev.html"
    assert cli.main(["audit", "--plan", str(plan_file), "--format", "html", "--out", str(out)]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["dev.html"]
    assert "written to" in capsys.readouterr().out


def test_bad_input_is_exit_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text("{not json", encoding="utf-8")
    assert cli.main(["audit", "--plan", str(bad)]) == 2
    assert f"dataplat audit: {bad}: the plan document is not valid JSON" in capsys.readouterr().err
    assert cli.main(["audit"]) == 2


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (Debian: apt-get install -y chromium); the rendered "
    "report cannot be checked here",
)
def test_chromium_renders_the_prod_report(prod_report: dict[str, Any], tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "report.html"
    page.write_text(render(prod_report, "html"), encoding="utf-8")
    flags = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [*flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    for text in (
        "Compliance audit of data-platform/prod",
        "Overall result: PASSED",
        "ACME_DP_PROD_CUSTOMER_SUPPORT",
        "Encryption keys and who can decrypt",
        "2027-06-30",
        "Policy results by rule severity",
    ):
        assert text in dom, text
    shot = tmp_path / "report.png"
    subprocess.run(
        [*flags, f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
