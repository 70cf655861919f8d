"""The cost report as text (a table), JSON, or Markdown (the PR comment).

`summary_markdown(report, base)` is the short block the plan's Markdown can embed: the
bound, the expected figure, the ceiling, and the change against the base branch's report;
`change_table(change)` lists the line items that changed (scripts/cost/change.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from scripts.cost.change import CostChange, compare, signed_usd
from scripts.cost.report import CostReport
from scripts.render.cells import cell, code
from scripts.render.markdown import details, heading, table
from scripts.render.text import columns

FORMATS = ("text", "json", "markdown")
EXTENSIONS = {".json": "json", ".md": "markdown", ".markdown": "markdown"}


def format_for(path: Path) -> str:
    """The format an output file's extension implies: .json, .md/.markdown, else text."""
    return EXTENSIONS.get(path.suffix.lower(), "text")


def render(report: CostReport, fmt: str, base: CostReport | None = None) -> str:
    """The report in `fmt` (one of FORMATS); with `base`, its change against that report."""
    if fmt == "json":
        data = report.as_dict()
        if base is not None:
            data["base"] = compare(base, report).as_dict()
        return json.dumps(data, indent=2) + "\n"
    if fmt == "markdown":
        return markdown(report, base)
    return text(report, base)


def headline(report: CostReport) -> str:
    """One line: the stack, its bound, expected figure and ceiling."""
    verdict = "within" if report.within_ceiling else "ABOVE"
    return (
        f"Monthly cost bound of {report.project}/{report.stack} "
        f"({report.assumptions.environment}, {report.bound.region}): "
        f"${report.total_usd:,.2f} (expected ${report.expected_usd:,.2f}); {verdict} the "
        f"ceiling of ${report.ceiling_usd:,.2f} ({report.level} in this environment)"
    )


def text(report: CostReport, base: CostReport | None = None) -> str:
    """A terminal table of the line items, then assumptions, prices and what is not priced;
    with `base`, the change against it and the items that moved it first."""
    rows = [
        (i.category, i.resource, f"{i.bound_usd:,.2f}", f"{i.expected_usd:,.2f}")
        for i in report.bound.items
    ]
    rows.append(("TOTAL", "", f"{report.total_usd:,.2f}", f"{report.expected_usd:,.2f}"))
    header = ("CATEGORY", "RESOURCE", "BOUND USD", "EXPECTED USD")
    lines = [headline(report), ""]
    if base is not None:
        change = compare(base, report)
        lines += [f"Change: {against(change)}; {len(change.items)} line item(s) changed"]
        lines += [
            f"  {signed_usd(c.delta_usd):>12}  {c.resource} ({c.category}, {c.status})"
            for c in change.items
        ]
        lines.append("")
    lines += columns([header, *rows], right={2, 3})
    lines += ["", "How each item is reached:"]
    lines += [f"  {i.resource} ({i.category}): {i.detail}" for i in report.bound.items]
    lines += ["", _assumptions(report), "", "Prices (USD; * = estimate, see note):"]
    for p in report.bound.prices():
        star = "*" if p.estimate else " "
        lines.append(f" {star}{p.key}: ${p.usd:g}/{p.unit}, {p.region}, {p.date}, {p.source}")
    lines.append(_unpriced(report))
    return "\n".join(lines) + "\n"


def markdown(report: CostReport, base: CostReport | None = None) -> str:
    """The PR comment: summary by category with the total, then the details folded; with
    `base`, the change against it and the items that changed, after the summary."""
    lines = [heading(3, f"Monthly cost bound: {report.project}/{report.stack}"), ""]
    lines += [summary_markdown(report, base), ""]
    change = compare(base, report) if base is not None else None
    if change is not None and change.items:
        lines += ["Line items changed against the base branch, largest first:", ""]
        lines += [*change_table(change), ""]
    categories = [(c, f"{b:,.2f}", f"{e:,.2f}") for c, b, e in report.bound.by_category()]
    total = ("**Total**", f"**{report.total_usd:,.2f}**", f"**{report.expected_usd:,.2f}**")
    lines += table(
        ("Category", "Bound (USD/month)", "Expected (USD/month)"),
        [*categories, total],
        right={1, 2},
    )
    items = table(
        ("Category", "Resource", "Bound", "Expected", "How"),
        (
            (
                i.category,
                code(i.resource),
                f"{i.bound_usd:,.2f}",
                f"{i.expected_usd:,.2f}",
                cell(i.detail, markup=True),
            )
            for i in report.bound.items
        ),
        right={2, 3},
    )
    prices = table(
        ("Price", "USD", "Unit", "Region", "Date", "Source"),
        (
            (
                f"`{p.key}`{' (estimate)' if p.estimate else ''}",
                f"{p.usd:g}",
                p.unit,
                p.region,
                p.date,
                f"[source]({p.source})",
            )
            for p in report.bound.prices()
        ),
        right={1},
    )
    lines += ["", *details("Line items", items), ""]
    lines += details(
        "Prices and assumptions", [*prices, "", _assumptions(report), "", _unpriced(report)]
    )
    return "\n".join(lines) + "\n"


def summary_markdown(report: CostReport, base: CostReport | None = None) -> str:
    """The bound, expected figure and ceiling in one line; with `base`, the change too."""
    verdict = "within" if report.within_ceiling else "**above**"
    line = (
        f"**Monthly bound: ${report.total_usd:,.2f}** (expected ${report.expected_usd:,.2f}), "
        f"{verdict} the {report.assumptions.environment} ceiling of "
        f"${report.ceiling_usd:,.2f}"
    )
    if base is not None:
        line += f"; {against(compare(base, report))}"
    return line + "."


def against(change: CostChange) -> str:
    """`+$42.90 against the base branch (+6.7% of $638.94)`: the change, signed."""
    share = "" if change.percent is None else f"{change.percent:+.1f}% of "
    return (
        f"{signed_usd(change.delta_usd)} against the base branch ({share}${change.base_usd:,.2f})"
    )


def change_table(change: CostChange) -> list[str]:
    """The items added, removed or changed, largest change first: what moved the total."""
    return table(
        ("Line item", "Kind", "Base (USD/month)", "Head (USD/month)", "Change"),
        (
            (
                code(c.resource),
                c.category,
                _usd_or_dash(c.base_usd),
                _usd_or_dash(c.head_usd),
                signed_usd(c.delta_usd) + ("" if c.status == "changed" else f" ({c.status})"),
            )
            for c in change.items
        ),
        right={2, 3, 4},
    )


def _usd_or_dash(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def _assumptions(report: CostReport) -> str:
    a = report.assumptions
    return (
        f"Assumptions ({a.environment}; rule `cost-within-ceiling` properties): 730 h/month; "
        f"warehouses active {a.active_hours_per_day:g} h/day with {a.resumes_per_day:g} "
        f"resumes/day (each bills its auto-suspend tail); Snowflake {a.snowflake_edition} "
        f"edition; Glue {a.glue_runs_per_month:g} runs/month, expected "
        f"{a.glue_expected_minutes:g} min/run; S3 {a.s3_gb_per_bucket:g} GB per bucket; data "
        "processed, requests and transfer are not bounded."
    )


def _unpriced(report: CostReport) -> str:
    if not report.bound.unpriced:
        return "Not priced: nothing billable left out."
    listed = ", ".join(f"{t} x{n}" for t, n in report.bound.unpriced.items())
    return f"Not priced (usage-driven or small): {listed}."
