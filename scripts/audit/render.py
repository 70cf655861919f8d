"""The report's formats: JSON (the raw report), Markdown and self-contained HTML."""

from __future__ import annotations

import json
from typing import Any

from scripts.audit.layout import Chart, Figure, Section, Table, cells, layout
from scripts.audit.render_html import html
from scripts.markdown_text import cell

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
    lines = [f"# {report['title']}", ""]
    for section in layout(report):
        lines += _section(section)
    return "\n".join(lines).rstrip() + "\n"


def _section(section: Section) -> list[str]:
    lines = [f"## {section.title}", ""]
    if section.intro:
        lines += [section.intro, ""]
    for block in section.blocks:
        if isinstance(block, Table):
            lines += [_row(block.headers), _row(["---"] * len(block.headers))]
            lines += [_row(r) for r in cells(block)]
        elif isinstance(block, Chart):
            lines += [_row(["Severity", *next(iter(block.counts.values()))])]
            lines += [_row(["---"] * (1 + len(next(iter(block.counts.values())))))]
            lines += [_row([sev, *map(str, c.values())]) for sev, c in block.counts.items()]
        elif isinstance(block, Figure):
            lines += [block.caption, "", "```mermaid", block.mermaid.rstrip(), "```"]
        else:
            lines.append(block)
        lines.append("")
    return lines


def _row(values: list[str]) -> str:
    return "| " + " | ".join(cell(v, markup=True) for v in values) + " |"
