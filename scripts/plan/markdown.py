"""The Markdown view of a plan: a PR comment under GitHub's size limit.

The summary, the per-rule counts, the preflight counts and the cost line (the monthly bound
and, given the base branch's plan, its change) always stay; then each section (violations,
the cost line items that changed against the base, the preflight table with denied rows
first and the allowed Snowflake steps counted per role and operation, component tables,
outputs, counts by type, the tree with `tree=True`) keeps as many lines as fit, and says
how many it left out.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from scripts.markdown_text import cell, code
from scripts.plan.cost_markdown import cost_markdown
from scripts.plan.document import counts_by_type, warnings
from scripts.plan.plan_file import CostBase
from scripts.plan.preflight import allowed_step_groups, deciding_hop, summary_line
from scripts.plan.tables import clip, component_tables, output_lines, tree_lines

# GitHub rejects comments above 65,536 characters; keep a margin.
MARKDOWN_LIMIT = 60_000
_RESULT_HEADER = ["| Level | Policy | Resource | Message |", "| --- | --- | --- | --- |"]


def markdown(
    document: dict[str, Any],
    summary: str,
    *,
    tree: bool = False,
    limit: int = MARKDOWN_LIMIT,
    cost_base: CostBase | None = None,
) -> str:
    """A PR comment: summary, policy results, then as much detail as fits in `limit`.

    With `cost_base` (the base branch's plan of the stack), the cost line states the change
    against it and a folded table lists the line items that changed.
    """
    head = [f"## Plan: `{document['project']}/{document['stack']}`", "", summary, ""]
    head += _policy_counts(document)
    preflight = document.get("preflight")
    if preflight:
        head += ["", f"**{summary_line(preflight)}**"]
    cost = cost_markdown(document, cost_base)
    head += ["", cost.line]
    tail = [f"> **{d.severity}**: {d.message}" for d in warnings(document)]
    sections = [
        _rows("Policy violations", document["violations"]),
        _details(cost.title, list(cost.table)) if cost.table else [],
        _journeys(preflight),
        _preflight(preflight),
        _rows("Not evaluated until apply", document.get("notEvaluated", [])),
        _rows("Suppressed", document.get("suppressions", [])),
        # Outputs and counts are short: they go before the long component tables.
        _outputs(document.get("outputs") or {}),
        [
            "| Type | Count |",
            "| --- | ---: |",
            *(f"| `{t}` | {c} |" for t, c in counts_by_type(document)),
        ],
        _components(document),
        _details("Resource tree", ["```", *tree_lines(document), "```"]) if tree else [],
    ]
    out = list(head)
    # Room for each section's "left out" note and separators, whatever is cut.
    budget = limit - len("\n".join(head + tail)) - 200 - 130 * len(sections)
    for lines in sections:
        if not lines:
            continue
        kept, dropped = _fit(lines, budget)
        out += ["", *kept]
        budget -= len("\n".join(kept)) + 2
        if dropped:
            note = (
                f"_{dropped} more lines left out to keep this comment under {limit:,} "
                "characters; the JSON or SARIF output has everything._"
            )
            out += ["", note]
            budget -= len(note) + 2
    out += ["", *tail] if tail else []
    return "\n".join(out) + "\n"


def _policy_counts(document: dict[str, Any]) -> list[str]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for v in document["violations"]:
        counts[(v["policy"], v["level"])] += 1
    if not counts:
        return []
    return [
        "| Policy | Level | Violations |",
        "| --- | --- | ---: |",
        *(f"| `{p}` | {lvl} | {n} |" for (p, lvl), n in sorted(counts.items())),
    ]


def _rows(title: str, results: list[dict[str, Any]]) -> list[str]:
    if not results:
        return []
    return [
        f"### {title}",
        "",
        *_RESULT_HEADER,
        *(
            f"| {v['level']} | `{v['policy']}` "
            f"| {code(v.get('name') or v.get('urn') or '(stack)')} "
            f"| {_prose(v['message'])} |"
            for v in results
        ),
    ]


def _journeys(section: dict[str, Any] | None) -> list[str]:
    """The journeys that do not work, with the hop that decided each; the ones that work
    folded."""
    journeys = (section or {}).get("journeys") or []
    if not journeys:
        return []
    failing = [j for j in journeys if j["verdict"] != "works"]
    working = [j for j in journeys if j["verdict"] == "works"]
    lines = ["### Journeys", ""]
    if failing:
        lines += ["| Verdict | Journey | Hop | Decided by |", "| --- | --- | --- | --- |"]
        for journey in failing:
            hop = deciding_hop(journey) or {"name": "", "detail": ""}
            lines.append(
                f"| {journey['verdict']} | {_prose(journey['name'])} | {_prose(hop['name'])} "
                f"| {_prose(hop['detail'])} |"
            )
        lines.append("")
    if working:
        lines += _details(
            f"{len(working)} journeys work", [f"- {_prose(j['name'])}" for j in working]
        )
    return lines


def _preflight(section: dict[str, Any] | None) -> list[str]:
    """Every data path and Snowflake step, denied first (the section is sorted so)."""
    if not section or not (section["flows"] or section["snowflakeSteps"]):
        return []
    rows = [
        *(
            f"| {f['status']} | data path | {_prose(f['flow'])} | | {_prose(f['decidedBy'])} |"
            for f in section["flows"]
            if f["status"] != "allowed"
        ),
        *(
            f"| {s['status']} | Snowflake step | {_prose(s['step'])} | {cell(s['role'] or '')} "
            f"| {_prose(s['decidedBy'])} |"
            for s in section["snowflakeSteps"]
            if s["status"] != "allowed"
        ),
        *(
            f"| allowed | data path | {_prose(f['flow'])} | | |"
            for f in section["flows"]
            if f["status"] == "allowed"
        ),
        *(
            f"| allowed | Snowflake steps | {n} x {operation} | {role} | |"
            for role, operation, n in allowed_step_groups(section)
        ),
    ]
    return [
        "### Preflight",
        "",
        "| Result | Check | What | Role | Decided by |",
        "| --- | --- | --- | --- | --- |",
        *rows,
    ]


def _components(document: dict[str, Any]) -> list[str]:
    """Plain tables (not a `<details>` block), so a long plan is cut between rows."""
    lines: list[str] = []
    for table in component_tables(document):
        prefix = table.name + "-"
        lines += [
            "",
            f"**{code(table.name)}** (`{table.type}`)",
            "",
            "| Resource | Type | Physical name | Key settings |",
            "| --- | --- | --- | --- |",
            *(
                f"| {code(_shortened(r.name, prefix))} "
                f"| `{r.type}` | {code(r.physical)} | {cell(clip(r.settings, 100))} |"
                for r in table.rows
            ),
        ]
    return ["### Resources by component", *lines] if lines else []


def _outputs(outputs: dict[str, Any]) -> list[str]:
    pairs = output_lines(outputs)
    if not pairs:
        return []
    return [
        "### Stack outputs",
        "",
        "| Output | Value |",
        "| --- | --- |",
        *(f"| {code(k)} | {code(clip(v, 120))} |" for k, v in pairs),
    ]


def _prose(text: str) -> str:
    """Messages and details: their own code spans kept (`cell` with markup)."""
    return cell(text, markup=True)


def _shortened(name: str, prefix: str) -> str:
    return "…" + name[len(prefix) - 1 :] if name.startswith(prefix) else name


def _details(title: str, lines: list[str]) -> list[str]:
    return [f"<details><summary>{title}</summary>", "", *lines, "", "</details>"]


def _fit(lines: list[str], budget: int) -> tuple[list[str], int]:
    """The leading lines that fit in `budget` characters, and how many were left out.

    A `<details>` block (as `_details` makes it) stays balanced: a table in one is cut
    between rows and the block closed after the last row kept; a code block in one (the
    tree) is kept whole or dropped whole, so its fence stays closed too.
    """
    if len(lines) > 4 and lines[0].startswith("<details>") and lines[2].startswith("|"):
        opening, inner, closing = lines[:2], lines[2:-2], lines[-2:]
        room = budget - len("\n".join(opening + closing)) - 1
        rows, dropped = _fit(inner, room)
        # A table needs its header and separator and at least one row.
        return ([*opening, *rows, *closing], dropped) if len(rows) > 2 else ([], len(lines))
    kept: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        if used + len(line) + 1 > budget:
            if lines[0].startswith("<details>"):
                return [], len(lines)
            return kept, len(lines) - i
        kept.append(line)
        used += len(line) + 1
    return kept, 0
