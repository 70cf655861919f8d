"""The HTML report: self-contained, and readable as rendered by headless Chromium.

The Chromium tests run where Debian's `chromium` is installed (`apt-get install -y
chromium`) and are skipped, saying so, where it is not (CI installs Python only). With
Debian's `graphviz` also installed the role graph is inline SVG, else Mermaid text.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from scripts import cli
from scripts.audit import render_html
from scripts.audit.render import render
from scripts.audit.report import summary
from tests.chromium import CHROMIUM, NEEDS_CHROMIUM, chromium, dump_dom, screenshot

# Appended to a copy of the report (the report itself runs no script): measures, at the
# window's width, every element outside a scroll box, and each scroll box's hidden width.
PROBE = """<script>
const width = document.documentElement.clientWidth;
const wide = [];
for (const el of document.body.querySelectorAll("*")) {
  if (el.closest("div.scroll, figure") && !el.matches("div.scroll, figure")) continue;
  const right = el.getBoundingClientRect().right;
  if (right > width + 0.5) wide.push(`${el.tagName}.${el.className}: ${Math.round(right)}`);
}
const hidden = [...document.querySelectorAll("div.wide")].map(
  (box) => box.scrollWidth - box.clientWidth);
const out = document.createElement("pre");
out.id = "probe";
out.textContent = JSON.stringify({width, wide, hidden});
document.body.appendChild(out);
</script>"""


def test_the_html_fetches_nothing_and_runs_no_script(prod_report: dict[str, Any]) -> None:
    page = render(prod_report, "html")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert set(re.findall(r"https?://[^\s\"'<]+", page)) == {"http://www.w3.org/2000/svg"}
    assert "<svg" in page and "Policy results by rule severity" in page
    assert "<!DOCTYPE svg" not in page and "<?xml" not in page


def test_the_role_graph_is_embedded_as_svg_or_as_mermaid_text(
    prod_report: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("dot"):
        page = render(prod_report, "html")
        assert '<figure><svg width="' in page and "ACME_DP_PROD_ANALYST" in page
    monkeypatch.setattr(render_html, "have_dot", lambda: False)
    page = render(prod_report, "html")
    assert "<figure><pre>%% Snowflake roles of data-platform/prod\nflowchart LR" in page
    assert "install Graphviz where the report is made" in page


def test_the_access_matrix_scrolls_in_a_wide_box_with_sticky_headers_and_prints_landscape(
    prod_report: dict[str, Any],
) -> None:
    page = render(prod_report, "html")
    assert '<div class="scroll wide"><table><thead><tr><th>Principal</th>' in page
    assert "th{background:#eef2f6;position:sticky;top:0" in page
    assert "@page wide{size:landscape}" in page and "div.wide{page:wide}" in page
    assert "thead{display:table-header-group}" in page


def test_backticks_render_as_code_and_identifiers_get_break_opportunities() -> None:
    assert render_html.text("run `aws sso login` <now>") == (
        "run <code>aws sso login</code> &lt;now&gt;"
    )
    assert render_html.breakable("ACME_DP.RAW") == "ACME_<wbr>DP.<wbr>RAW"


def _failed(report: dict[str, Any]) -> dict[str, Any]:
    """A copy of `report` with one mandatory violation added."""
    failed = copy.deepcopy(report)
    failed["policy"]["results"].append(
        {
            "policy": "s3-bucket-encrypted-with-kms",
            "level": "mandatory",
            "severity": "high",
            "urn": "urn:pulumi:prod::data-platform::aws:s3/bucket:Bucket::acme-raw",
            "name": "acme-raw",
            "message": "bucket acme-raw is not encrypted with a customer-managed key",
            "status": "violation",
        }
    )
    failed["policy"]["mandatoryViolations"] += 1
    failed["summary"] = summary(failed)
    return failed


def test_the_html_opens_with_its_verdict_before_the_navigation_and_the_tables(
    prod_report: dict[str, Any],
) -> None:
    page = render(prod_report, "html")
    verdict = page.index('<section id="s0" class="verdict passed"><h2>Verdict: PASSED</h2>')
    assert page.index("<h1>") < verdict < page.index("<nav>") < page.index("<table>")
    assert "Overall result: PASSED. 0 mandatory violation(s)" in page
    assert "No mandatory violation and no live drift." in page


def test_a_failed_audit_opens_with_failed_and_its_violations_before_any_table(
    prod_report: dict[str, Any],
) -> None:
    page = render(_failed(prod_report), "html")
    verdict = page.index('class="verdict failed"><h2>Verdict: FAILED</h2>')
    violation = page.index("bucket acme-raw is not encrypted with a customer-managed key")
    assert verdict < violation < page.index("<nav>") < page.index("<th>Item</th>")
    assert "Overall result: FAILED. 1 mandatory violation(s)" in page
    text = render(_failed(prod_report), "markdown")
    assert text.index("## Verdict: FAILED") < text.index("acme-raw") < text.index("## Summary")


def test_markdown_has_every_section_and_the_date(prod_report: dict[str, Any]) -> None:
    text = render(prod_report, "markdown")
    assert text.startswith("# Compliance audit of data-platform/prod\n\n## Verdict: PASSED\n")
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
    out.parent.mkdir()
    # the format follows the extension
    assert cli.main(["audit", "--plan", str(plan_file), "--out", str(out)]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["dev.html"]
    assert "written to" in capsys.readouterr().out
    as_json = tmp_path / "reports" / "dev.json"
    assert cli.main(["audit", "--plan", str(plan_file), "--out", str(as_json)]) == 0
    assert json.loads(as_json.read_text())["stack"] == "dev"
    explicit = tmp_path / "reports" / "dev.txt"
    assert cli.main(["audit", "--plan", str(plan_file), "--out", str(explicit)]) == 0
    assert explicit.read_text().startswith("# Compliance audit")  # unknown: Markdown


def test_a_missing_out_directory_is_exit_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "dev.html"
    assert cli.main(["audit", "--stack", "dev", "--out", str(out)]) == 2
    assert f"dataplat audit: {out}: the directory {out.parent} does not exist" in (
        capsys.readouterr().err
    )
    assert not out.parent.exists()


def test_bad_input_is_exit_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text("{not json", encoding="utf-8")
    assert cli.main(["audit", "--plan", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"dataplat audit: {bad} (line 1): not valid JSON" in err
    assert "(reading the plan document)" in err
    assert cli.main(["audit"]) == 2


@NEEDS_CHROMIUM
def test_chromium_renders_the_prod_report(prod_report: dict[str, Any], tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "report.html"
    page.write_text(render(prod_report, "html"), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    # The verdict comes first: before the navigation and every table.
    assert dom.index("Verdict: PASSED") < dom.index("<nav>") < dom.index("<table>")
    for text in (
        "Compliance audit of data-platform/prod",
        "Overall result: PASSED",
        "ACME_DP_PROD_CUSTOMER_SUPPORT",
        "Encryption keys and who can decrypt",
        "2027-06-30",
        "Policy results by rule severity",
    ):
        assert text in dom, text
    data = screenshot(page, tmp_path / "profile", tmp_path / "report.png", "1280,2400")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


@NEEDS_CHROMIUM
def test_at_1280_px_no_element_is_wider_than_the_page_and_the_matrix_loses_no_column(
    prod_report: dict[str, Any], tmp_path: Path
) -> None:
    import json

    assert CHROMIUM is not None
    page = tmp_path / "probe.html"
    page.write_text(render(prod_report, "html").replace("</body>", PROBE + "</body>"))
    dom = dump_dom(page, tmp_path / "profile", "--window-size=1280,2400")
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom)
    assert found, "the probe did not run"
    probe = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert 1200 < probe["width"] <= 1280
    assert probe["wide"] == [], "wider than the page: " + ", ".join(probe["wide"])
    assert probe["hidden"] and all(h <= 0 for h in probe["hidden"]), probe["hidden"]


@NEEDS_CHROMIUM
def test_printed_the_access_matrix_is_on_a_landscape_page(
    prod_report: dict[str, Any], tmp_path: Path
) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "report.html"
    page.write_text(render(prod_report, "html"), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    chromium(page, tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    boxes = set(re.findall(rb"/MediaBox\s*\[0 0 (\d+) (\d+)\]", pdf.read_bytes()))
    assert any(int(w) > int(h) for w, h in boxes), boxes  # landscape: the access matrix
    assert any(int(w) < int(h) for w, h in boxes), boxes  # portrait: the rest
