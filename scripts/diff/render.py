"""The diff report as text (terminals), JSON (tools) and Markdown (PR comments, job summaries).

Every changed input is shown old -> new (`scripts.diff.values`: secrets as `[secret]`, long
values cut with an ellipsis, nested inputs by dotted path and `[i]` list index).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from scripts.diff.acknowledge import Acknowledgement
from scripts.diff.changes import OPS, Change, counts
from scripts.diff.values import ValueChange
from scripts.render.cells import cell, code
from scripts.render.fold import MARKDOWN_LIMIT, fit
from scripts.render.markdown import details, heading, table

FORMATS = ("text", "json", "markdown")


@dataclass
class Report:
    """What was compared and what came out of it; `moves` (environment diffs only): how
    many resources move from one `project/stack` to another (none of them is a change)."""

    source: str
    changes: list[Change]
    unused: list[Acknowledgement]
    moves: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def blocking(self) -> list[Change]:
        """Blocking changes nobody acknowledged, and those `pulumi up` would refuse anyway:
        these fail the command."""
        return [c for c in self.changes if c.blocking and (c.acknowledged is None or c.refused)]

    @property
    def acknowledged(self) -> list[Change]:
        """Blocking changes let through by an acknowledgement."""
        return [
            c for c in self.changes if c.blocking and c.acknowledged is not None and not c.refused
        ]


def render(report: Report, fmt: str) -> str:
    """The report in `fmt` (one of FORMATS)."""
    if fmt == "json":
        return json.dumps(_json(report), indent=2) + "\n"
    if fmt == "markdown":
        return _markdown(report)
    return _text(report)


def verdict(report: Report) -> str:
    """One line saying whether the change may merge."""
    n = len(report.blocking)
    if n:
        return (
            f"BLOCKED: {n} change{'s' if n != 1 else ''} would lose data (a stateful resource "
            "deleted or replaced, or data expiring sooner) without an acknowledgement, or "
            "fail at `pulumi up`"
        )
    return "OK: no unacknowledged loss of data and no change `pulumi up` would refuse"


# What to do about a protected resource the change deletes or replaces.
UNPROTECT_STEPS = (
    "protected: `pulumi up` refuses to delete or replace it (an acknowledgement cannot help); "
    "first set protect=False on it alone in its own change and deploy that, then delete or "
    "replace it in a later change"
)


def _describe(c: Change) -> str:
    parts = [f"{c.op} {c.name} ({c.type})"]
    if c.keys:
        parts.append(("forced by " if c.op == "replace" else "inputs: ") + ", ".join(c.keys))
    if c.stateful_label and c.op in ("delete", "replace"):
        parts.append(f"stateful: {c.stateful_label}")
    if c.retained:
        parts.append("retainOnDelete: the cloud resource is kept")
    if c.losses:
        parts.append("data loss: " + "; ".join(c.losses))
    if c.refused:
        parts.append(UNPROTECT_STEPS)
    elif c.protected:
        parts.append("protected")
    if c.acknowledged:
        parts.append(f"acknowledged: {c.acknowledged}")
    if c.note:
        parts.append(c.note)
    return "; ".join(parts)


def _value_text(v: ValueChange) -> str:
    old, new = v.shown()
    return f"{v.path}: {old} -> {new}"


def _value_markdown(v: ValueChange, *, table: bool = False) -> str:
    old, new = v.shown()
    spans = [code(text, table=table) for text in (v.path, old, new)]
    return f"{spans[0]}: {spans[1]} → {spans[2]}"


def _text(report: Report) -> str:
    total = counts(report.changes)
    lines = [
        f"Diff of {report.source}: " + ", ".join(f"{total[op]} {op}" for op in OPS),
        verdict(report),
    ]
    for title, items in (
        ("Blocking", report.blocking),
        ("Acknowledged", report.acknowledged),
        ("All changes", report.changes),
    ):
        if items:
            lines += ["", f"{title}:"]
            for c in items:
                lines += [f"  {_describe(c)}"] + [f"      {_value_text(v)}" for v in c.values]
    lines += _move_lines(report, "  ")
    lines += _unused_lines(report, "  ")
    return "\n".join(lines) + "\n"


def _move_lines(report: Report, indent: str) -> list[str]:
    if not report.moves:
        return []
    return ["", "Moved between stacks with their aliases (kept by `pulumi state move`):"] + [
        f"{indent}{n} from {a} to {b}" for (a, b), n in report.moves.items()
    ]


def _unused_lines(report: Report, indent: str) -> list[str]:
    if not report.unused:
        return []
    return ["", "Acknowledgements matching no blocking change (remove them):"] + [
        f"{indent}{a.resource} ({a.origin})" for a in report.unused
    ]


def _markdown(report: Report) -> str:
    total = counts(report.changes)
    head = [
        heading(3, f"Destroy guard: {report.source}"),
        "",
        f"**{verdict(report)}**",
        "",
        *table(OPS, [[str(total[op]) for op in OPS]]),
    ]
    for title, changes in (("Blocking", report.blocking), ("Acknowledged", report.acknowledged)):
        if changes:
            head += ["", heading(4, title), ""]
            head += table(("op", "resource", "type", "why"), [_row(c) for c in changes])
    head += _move_lines(report, "- ")
    head += _unused_lines(report, "- ")
    title = "All changes"
    budget = MARKDOWN_LIMIT - len("\n".join([*head, "", *details(title, []), ""])) - 200
    items = [
        "\n".join(
            [f"- {cell(_describe(c), markup=True)}"]
            + [f"  - {_value_markdown(v)}" for v in c.values]
        )
        for c in report.changes
    ]
    kept, dropped = fit(items, budget)
    if dropped:
        kept.append(f"- ... and {dropped} more (see the text output)")
    return "\n".join([*head, "", *details(title, kept), ""])


def _row(c: Change) -> list[str]:
    shown = {v.path for v in c.values} if c.op == "replace" else set()
    keys = [k for k in c.keys if k not in shown]
    why = {"replace": ", ".join(keys), "delete": "deleted"}.get(c.op, "; ".join(c.losses))
    why = cell(why, markup=True)
    if shown:  # a forcing input old -> new; the spans are table-safe already, not through cell()
        values = "; ".join(_value_markdown(v, table=True) for v in c.values)
        why = f"{why}; {values}" if why else values
    extra = [UNPROTECT_STEPS] if c.refused else []
    extra += [f"acknowledged: {c.acknowledged}"] if c.acknowledged else []
    extra += [c.note] if c.note else []
    why += "".join(f"; {cell(e, markup=True)}" for e in extra)
    return [c.op, code(c.name), code(c.type), why]


def _json(report: Report) -> dict[str, Any]:
    return {
        "source": report.source,
        "blocked": bool(report.blocking),
        "counts": counts(report.changes),
        "changes": [
            {
                "urn": c.urn,
                "type": c.type,
                "name": c.name,
                "op": c.op,
                "keys": c.keys,
                "stateful": c.stateful_label,
                "blocking": c.blocking,
                "acknowledged": c.acknowledged,
                "retainOnDelete": c.retained,
                "protect": c.protected,
                "refused": c.refused,
                "losses": c.losses,
                "values": [
                    dict(zip(("path", "old", "new"), (v.path, *v.shown()), strict=True))
                    for v in c.values
                ],
                "note": c.note or None,
            }
            for c in report.changes
        ],
        "moves": [{"from": a, "to": b, "count": n} for (a, b), n in report.moves.items()],
        "unusedAcknowledgements": [
            {"resource": a.resource, "reason": a.reason, "origin": a.origin} for a in report.unused
        ],
    }
