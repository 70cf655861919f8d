"""Human-readable renderings of a plan document: text for terminals, Markdown for PRs."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from scripts.plan.document import counts_by_type, warnings

FORMATS = ("text", "json", "markdown")


def render(document: dict[str, Any], fmt: str) -> str:
    """The document in `fmt` (one of FORMATS)."""
    if fmt == "json":
        return json.dumps(document, indent=2, sort_keys=False) + "\n"
    if fmt == "markdown":
        return _markdown(document)
    return _text(document)


def summary(document: dict[str, Any]) -> str:
    """One line: the stack, its resource counts and its violations."""
    resources = document["resources"]
    custom = sum(1 for r in resources if r["custom"])
    violations = len(document["violations"])
    return (
        f"Plan of {document['project']}/{document['stack']}: {len(resources)} resources "
        f"({custom} cloud resources, {len(resources) - custom} components), "
        f"{violations} policy violation{'s' if violations != 1 else ''}"
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


def _markdown(document: dict[str, Any]) -> str:
    out = [
        f"## Plan: `{document['project']}/{document['stack']}`",
        "",
        summary(document),
        "",
        "| Type | Count |",
        "| --- | ---: |",
        *(f"| `{t}` | {c} |" for t, c in counts_by_type(document)),
        "",
        "<details><summary>Resource tree</summary>",
        "",
        "```",
        *tree_lines(document),
        "```",
        "",
        "</details>",
    ]
    if document["violations"]:
        out += ["", "| Level | Policy | Resource | Message |", "| --- | --- | --- | --- |"]
        out += [
            f"| {v['level']} | `{v['policy']}` | `{v.get('urn', '')}` | {v['message']} |"
            for v in document["violations"]
        ]
    for d in warnings(document):
        out += ["", f"> **{d.severity}**: {d.message}"]
    return "\n".join(out) + "\n"


def _violation_lines(document: dict[str, Any], indent: str) -> list[str]:
    if not document["violations"]:
        return []
    lines = ["", "Policy violations:"]
    lines += [
        f"{indent}[{v['level']}] {v['policy']}: {v.get('urn', '(stack)')}: {v['message']}"
        for v in document["violations"]
    ]
    return lines
