"""Human-readable renderings of a plan document: text for terminals, Markdown for PRs."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from scripts.plan.document import counts_by_type, warnings
from scripts.plan.sarif import sarif

FORMATS = ("text", "json", "markdown", "sarif")
# GitHub rejects comments above 65,536 characters; keep a margin.
MARKDOWN_LIMIT = 60_000


def render(document: dict[str, Any], fmt: str) -> str:
    """The document in `fmt` (one of FORMATS)."""
    if fmt == "json":
        return json.dumps(document, indent=2, sort_keys=False) + "\n"
    if fmt == "markdown":
        return _markdown(document)
    if fmt == "sarif":
        return json.dumps(sarif(document), indent=2) + "\n"
    return _text(document)


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


def tree_lines(document: dict[str, Any]) -> list[str]:
    """The resource tree, children under their parents, with protection flags."""
    children: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    urns = {r["urn"] for r in document["resources"]}
    for r in document["resources"]:
        children[r["parent"] if r["parent"] in urns else None].append(r)
    lines: list[str] = []

    def walk(parent: str | None, indent: str) -> None:
        kids = children.get(parent, [])
        for i, r in enumerate(kids):
            last = i == len(kids) - 1
            flags = "".join(
                f" [{flag}]"
                for flag, on in (("protect", r["protect"]), ("retain", r["retainOnDelete"]))
                if on
            )
            branch = "" if parent is None else ("└─ " if last else "├─ ")
            lines.append(f"{indent}{branch}{r['type']}  {r['name']}{flags}")
            walk(r["urn"], indent + ("" if parent is None else ("   " if last else "│  ")))

    walk(None, "")
    return lines


def _text(document: dict[str, Any]) -> str:
    out = [summary(document), "", *tree_lines(document), "", "Resources by type:"]
    out += [f"  {count:5d}  {type_}" for type_, count in counts_by_type(document)]
    out += _violation_lines(document, "  ")
    out += [f"{d.severity}: {d.message}" for d in warnings(document)]
    return "\n".join(out) + "\n"


def _markdown(document: dict[str, Any], limit: int = MARKDOWN_LIMIT) -> str:
    """A PR comment: summary, policy results, then as much detail as fits in `limit`."""
    head = [
        f"## Plan: `{document['project']}/{document['stack']}`",
        "",
        summary(document),
        "",
    ]
    head += _policy_counts(document)
    tail = [f"> **{d.severity}**: {d.message}" for d in warnings(document)]
    sections = [
        _rows(
            "Policy violations",
            document["violations"],
            ["| Level | Policy | Resource | Message |", "| --- | --- | --- | --- |"],
        ),
        _rows(
            "Not evaluated until apply",
            document.get("notEvaluated", []),
            ["| Level | Policy | Resource | Message |", "| --- | --- | --- | --- |"],
        ),
        _rows(
            "Suppressed",
            document.get("suppressions", []),
            ["| Level | Policy | Resource | Message |", "| --- | --- | --- | --- |"],
        ),
        [
            "| Type | Count |",
            "| --- | ---: |",
            *(f"| `{t}` | {c} |" for t, c in counts_by_type(document)),
        ],
        [
            "<details><summary>Resource tree</summary>",
            "",
            "```",
            *tree_lines(document),
            "```",
            "",
            "</details>",
        ],
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


def _rows(title: str, results: list[dict[str, Any]], header: list[str]) -> list[str]:
    if not results:
        return []
    return [
        f"### {title}",
        "",
        *header,
        *(
            f"| {v['level']} | `{v['policy']}` | `{v.get('name') or v.get('urn') or '(stack)'}` "
            f"| {_cell(v['message'])} |"
            for v in results
        ),
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _fit(lines: list[str], budget: int) -> tuple[list[str], int]:
    """The leading lines that fit in `budget` characters, and how many were left out."""
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


def _violation_lines(document: dict[str, Any], indent: str) -> list[str]:
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
                f"{indent}[{v['level']}] {v['policy']}: {v.get('urn') or '(stack)'}: {v['message']}"
                for v in results
            ]
    return lines
