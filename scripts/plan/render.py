"""Renderings of a plan document: text for terminals, Markdown for PRs, JSON, SARIF.

The text view leads with what needs a decision (policy violations, then the preflight
results), then one compact table per component (logical name, type, physical name, key
settings), then the stack outputs; `tree=True` shows the resource tree instead of the tables.
"""

from __future__ import annotations

import json
from typing import Any

from scripts.plan.document import counts_by_type, warnings
from scripts.plan.locations import Locator
from scripts.plan.markdown import markdown
from scripts.plan.plan_file import CostBase
from scripts.plan.preflight import allowed_step_groups, deciding_hop, summary_line
from scripts.plan.sarif import sarif
from scripts.plan.tables import component_tables, output_lines, short_name, tree_lines
from scripts.render.fold import MARKDOWN_LIMIT
from scripts.render.text import columns

FORMATS = ("text", "json", "markdown", "sarif")
# The extension of each format's files (`--out` infers the format from it, `--out-dir` uses it).
EXTENSIONS = {"json": ".json", "markdown": ".md", "sarif": ".sarif", "text": ".txt"}
__all__ = ["EXTENSIONS", "FORMATS", "MARKDOWN_LIMIT", "render", "summary"]


def render(
    document: dict[str, Any],
    fmt: str,
    *,
    tree: bool = False,
    hops: bool = False,
    locator: Locator | None = None,
    cost_base: CostBase | None = None,
    markdown_limit: int = MARKDOWN_LIMIT,
) -> str:
    """The document in `fmt` (one of FORMATS); SARIF locations come from `locator`.

    Markdown states the cost change against `cost_base` when given, in at most
    `markdown_limit` characters. Text lists every journey's hops with `hops`.
    """
    if fmt == "json":
        return json.dumps(document, indent=2, sort_keys=False) + "\n"
    if fmt == "markdown":
        return markdown(
            document, summary(document), tree=tree, limit=markdown_limit, cost_base=cost_base
        )
    if fmt == "sarif":
        return json.dumps(sarif(document, locator), indent=2) + "\n"
    return _text(document, tree, hops)


def summary(document: dict[str, Any]) -> str:
    """One line: the stack, its resource counts and its violations."""
    resources = document["resources"]
    custom = sum(1 for r in resources if r["custom"])
    violations = len(document["violations"])
    mandatory = sum(1 for v in document["violations"] if v.get("level") == "mandatory")
    pending = len(document.get("notEvaluated", []))
    suppressed = len(document.get("suppressions", []))
    return (
        f"Plan of {document['project']}/{document['stack']}: {len(resources)} resources "
        f"({custom} cloud resources, {len(resources) - custom} components), "
        f"{violations} policy violation{'s' if violations != 1 else ''} ({mandatory} mandatory), "
        f"{pending} not evaluated until apply, {suppressed} suppressed"
    )


def _text(document: dict[str, Any], tree: bool, hops: bool = False) -> str:
    out = [summary(document)]
    out += [f"{d.severity}: {d.message}" for d in warnings(document)]
    out += _violation_lines(document)
    out += _preflight_lines(document.get("preflight"), hops)
    if tree:
        out += ["", "Resource tree:", *tree_lines(document)]
    else:
        out += _component_lines(document)
    outputs = output_lines(document.get("outputs") or {})
    if outputs:
        out += ["", "Outputs:", *columns(outputs, caps=(None, 100), indent="  ")]
    out += ["", "Resources by type:"]
    out += [f"  {count:5d}  {type_}" for type_, count in counts_by_type(document)]
    return "\n".join(out) + "\n"


def _violation_lines(document: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for title, key in (
        ("Policy violations", "violations"),
        ("Not evaluated until apply", "notEvaluated"),
        ("Suppressed", "suppressions"),
    ):
        results = document.get(key) or []
        if results:
            lines += ["", f"{title}:"]
            lines += [
                f"  [{v['level']}] {v['policy']}: {v.get('name') or v.get('urn') or '(stack)'}: "
                f"{v['message']}"
                for v in results
            ]
    return lines or ["", "Policy violations: none"]


def _preflight_lines(section: dict[str, Any] | None, hops: bool = False) -> list[str]:
    """Every journey first, one line each (a journey that does not work with the hop that
    decided it; every hop with `hops`); every data path one line each; Snowflake steps one
    line each unless allowed, the allowed ones counted per role and operation."""
    if not section:
        return []
    lines = ["", summary_line(section)]
    if section.get("journeys"):
        lines.append("  Journeys:")
        for journey in section["journeys"]:
            lines.append(f"    {journey['verdict']:<13} {journey['name']}")
            hop = deciding_hop(journey)
            shown = journey["hops"] if hops else [hop] if hop else []
            lines += [
                f"{'':18}{h['verdict']:<13} {h['name']}"
                + (f": {h['detail']}" if h["detail"] else "")
                for h in shown
            ]
    if section["flows"]:
        lines.append("  Data paths:")
        lines += [
            f"    {f['status']:<13} {f['flow']}"
            + (f"\n{'':18}{f['decidedBy']}" if f["decidedBy"] else "")
            for f in section["flows"]
        ]
    steps = section["snowflakeSteps"]
    if steps:
        lines.append("  Snowflake steps:")
        lines += [
            f"    {s['status']:<13} {s['step']} as {s['role'] or '(unknown role)'}"
            + (f"\n{'':18}{s['decidedBy']}" if s["decidedBy"] else "")
            for s in steps
            if s["status"] != "allowed"
        ]
        lines += [
            f"    {'allowed':<13} {n:>4} x {operation} as {role}"
            for role, operation, n in allowed_step_groups(section)
        ]
    return lines


def _component_lines(document: dict[str, Any]) -> list[str]:
    lines = ["", "Resources by component (logical name, type, physical name, key settings):"]
    for table in component_tables(document):
        lines += ["", f"{table.type}  {table.name}"]
        rows = [
            (short_name(r.name, table.name), r.type, r.physical, r.settings) for r in table.rows
        ]
        lines += columns(rows, caps=(60, 60, 60, 100), indent="  ")
    return [line.rstrip() for line in lines]
