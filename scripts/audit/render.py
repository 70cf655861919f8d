"""The report's formats: JSON (the raw report), Markdown and self-contained HTML."""

from __future__ import annotations

import json
from typing import Any

from scripts.audit.layout import Chart, Figure, Section, Table, cells, layout
from scripts.audit.render_html import html
from scripts.render.cells import cell
from scripts.render.markdown import heading, table

FORMATS = ("json", "markdown", "html")


def render(report: dict[str, Any], fmt: str) -> str:
    """`report` in format `fmt` (one of FORMATS)."""
    if fmt == "json":
        return json.dumps(report, indent=2, sort_keys=False) + "\n"
    if fmt == "markdown":
        return markdown(report)
    return html(report["title"], layout(report))


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown: headings, explanations, tables."""
    lines = [heading(1, report["title"]), ""]
    for section in layout(report):
        lines += _section(section)
    return "\n".join(lines).rstrip() + "\n"


def _section(section: Section) -> list[str]:
    lines = [heading(2, section.title), ""]
    if section.intro:
        lines += [section.intro, ""]
    for block in section.blocks:
        if isinstance(block, Table):
            lines += table(_cells(block.headers), map(_cells, cells(block)))
        elif isinstance(block, Chart):
            kinds = list(next(iter(block.counts.values())))
            lines += table(
                _cells(["Severity", *kinds]),
                (_cells([sev, *map(str, c.values())]) for sev, c in block.counts.items()),
            )
        elif isinstance(block, Figure):
            lines += [block.caption, "", "```mermaid", block.mermaid.rstrip(), "```"]
        else:
            lines.append(block)
        lines.append("")
    return lines


def _cells(values: list[str]) -> list[str]:
    """Every cell of the report's tables keeps the code spans its text wrote on purpose."""
    return [cell(v, markup=True) for v in values]
