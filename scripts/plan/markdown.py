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

from scripts.plan.cost_markdown import cost_markdown
from scripts.plan.document import counts_by_type, warnings
from scripts.plan.plan_file import CostBase
from scripts.plan.preflight import allowed_step_groups, deciding_hop, summary_line
from scripts.plan.tables import component_tables, output_lines, short_name, tree_lines
from scripts.render.cells import cell, code
from scripts.render.fold import MARKDOWN_LIMIT, fit
from scripts.render.markdown import details, heading, table
from scripts.render.text import clip

_RESULT_HEADER = ("Level", "Policy", "Resource", "Message")


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
    head = [heading(2, f"Plan: `{document['project']}/{document['stack']}`"), "", summary, ""]
    head += _policy_counts(document)
    preflight = document.get("preflight")
    if preflight:
        head += ["", f"**{summary_line(preflight)}**"]
    cost = cost_markdown(document, cost_base)
    head += ["", cost.line]
    tail = [f"> **{d.severity}**: {d.message}" for d in warnings(document)]
    sections = [
        _rows("Policy violations", document["violations"]),
        details(cost.title, cost.table) if cost.table else [],
        _journeys(preflight),
        _preflight(preflight),
        _rows("Not evaluated until apply", document.get("notEvaluated", [])),
        _rows("Suppressed", document.get("suppressions", [])),
        # Outputs and counts are short: they go before the long component tables.
        _outputs(document.get("outputs") or {}),
        table(
            ("Type", "Count"), ((f"`{t}`", str(c)) for t, c in counts_by_type(document)), right={1}
        ),
        _components(document),
        details("Resource tree", ["```", *tree_lines(document), "```"]) if tree else [],
    ]
    out = list(head)
    # Room for each section's "left out" note and separators, whatever is cut.
    budget = limit - len("\n".join(head + tail)) - 200 - 130 * len(sections)
    for lines in sections:
        if not lines:
            continue
        kept, dropped = fit(lines, budget)
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
    return table(
        ("Policy", "Level", "Violations"),
        ((f"`{p}`", lvl, str(n)) for (p, lvl), n in sorted(counts.items())),
        right={2},
    )


def _rows(title: str, results: list[dict[str, Any]]) -> list[str]:
    if not results:
        return []
    return [
        heading(3, title),
        "",
        *table(
            _RESULT_HEADER,
            (
                (
                    v["level"],
                    f"`{v['policy']}`",
                    code(v.get("name") or v.get("urn") or "(stack)"),
                    _prose(v["message"]),
                )
                for v in results
            ),
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
    lines = [heading(3, "Journeys"), ""]
    if failing:
        hops = [deciding_hop(j) or {"name": "", "detail": ""} for j in failing]
        lines += table(
            ("Verdict", "Journey", "Hop", "Decided by"),
            (
                (j["verdict"], _prose(j["name"]), _prose(hop["name"]), _prose(hop["detail"]))
                for j, hop in zip(failing, hops, strict=True)
            ),
        )
        lines.append("")
    if working:
        lines += details(
            f"{len(working)} journeys work", [f"- {_prose(j['name'])}" for j in working]
        )
    return lines


def _preflight(section: dict[str, Any] | None) -> list[str]:
    """Every data path and Snowflake step, denied first (the section is sorted so)."""
    if not section or not (section["flows"] or section["snowflakeSteps"]):
        return []
    rows = [
        *(
            (f["status"], "data path", _prose(f["flow"]), "", _prose(f["decidedBy"]))
            for f in section["flows"]
            if f["status"] != "allowed"
        ),
        *(
            (
                s["status"],
                "Snowflake step",
                _prose(s["step"]),
                cell(s["role"] or ""),
                _prose(s["decidedBy"]),
            )
            for s in section["snowflakeSteps"]
            if s["status"] != "allowed"
        ),
        *(
            ("allowed", "data path", _prose(f["flow"]), "", "")
            for f in section["flows"]
            if f["status"] == "allowed"
        ),
        *(
            ("allowed", "Snowflake steps", f"{n} x {operation}", role, "")
            for role, operation, n in allowed_step_groups(section)
        ),
    ]
    return [
        heading(3, "Preflight"),
        "",
        *table(("Result", "Check", "What", "Role", "Decided by"), rows),
    ]


def _components(document: dict[str, Any]) -> list[str]:
    """Plain tables (not a `<details>` block), so a long plan is cut between rows."""
    lines: list[str] = []
    for component in component_tables(document):
        lines += [
            "",
            f"**{code(component.name)}** (`{component.type}`)",
            "",
            *table(
                ("Resource", "Type", "Physical name", "Key settings"),
                (
                    (
                        code(short_name(r.name, component.name)),
                        f"`{r.type}`",
                        code(r.physical),
                        cell(clip(r.settings, 100)),
                    )
                    for r in component.rows
                ),
            ),
        ]
    return [heading(3, "Resources by component"), *lines] if lines else []


def _outputs(outputs: dict[str, Any]) -> list[str]:
    pairs = output_lines(outputs)
    if not pairs:
        return []
    return [
        heading(3, "Stack outputs"),
        "",
        *table(("Output", "Value"), ((code(k), code(clip(v, 120))) for k, v in pairs)),
    ]


def _prose(text: str) -> str:
    """Messages and details: their own code spans kept (`cell` with markup)."""
    return cell(text, markup=True)
