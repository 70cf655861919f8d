"""The parts of one stack's PR comment, each with how important it is.

A reviewer first needs what the change does: per stack, what blocks, then the creates
(grouped by component, with counts and names), updates (each changed input, old -> new),
replacements (the inputs forcing them) and deletes, in that order; then the policy
violations, the journeys and preflight steps that fail, and the cost change; passing checks
fold away. Each part has
a rank (lower: more important) and, where it can shrink, a short form, so the composer can
fit all stacks into GitHub's comment limit by shortening, then dropping, the least important
parts first.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from scripts.diff.changes import Change, compare_plans
from scripts.plan.engine_checks import engine_urns
from scripts.plan.tables import short_name
from scripts.render.cells import cell, code
from scripts.render.markdown import details, heading
from scripts.render.text import clip

# Ranks, most important first.
HEADER, BLOCKING, CREATES, REPLACES, DELETES, UPDATES, VIOLATIONS, FAILING, COST, FOLDED = range(10)
VALUE_WIDTH = 60


@dataclass
class Part:
    """Lines of the comment with their rank, a shorter form (None: none) and a label for
    the note of what was cut."""

    rank: int
    lines: list[str]
    short: list[str] | None = None
    label: str = ""
    shortened: bool = field(default=False)


def stack_parts(
    stack: str, head: dict[str, Any], base: dict[str, Any] | None, cost_line: str
) -> list[Part]:
    """Every part of one stack's comment, in reading order."""
    changes = compare_plans(base or {"resources": []}, head)
    # Changes are keyed by the engine's URNs (what the destroy guard compares).
    by_urn = _by_engine_urn(head["resources"])
    old = _by_engine_urn((base or {"resources": []})["resources"])
    ops: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        ops[change.op].append(change)
    blocking = [c for c in changes if c.blocking and not c.acknowledged]
    parts = [Part(HEADER, _header(stack, ops, blocking, base is None))]
    if blocking:
        parts.append(
            Part(
                BLOCKING,
                ["**Blocks (would lose data):**"]
                + [f"- ⛔ {_what(c)}: {c.op} ({_why(c)})" for c in blocking],
            )
        )
    if ops["create"]:
        parts.append(_creates(ops["create"], by_urn))
    if ops["update"]:
        parts.append(_updates(ops["update"], old, by_urn))
    if ops["replace"]:
        parts.append(
            Part(
                REPLACES,
                ["**Replaces:**"]
                + [
                    f"- {_what(c)}, forced by {', '.join(map(code, c.keys))}"
                    for c in ops["replace"]
                ],
                [f"**Replaces:** {len(ops['replace'])} (list cut)"],
                "replacement list",
            )
        )
    if ops["delete"]:
        parts.append(
            Part(
                DELETES,
                ["**Deletes:**"] + [f"- {_what(c)}" for c in ops["delete"]],
                [f"**Deletes:** {len(ops['delete'])} (list cut)"],
                "delete list",
            )
        )
    parts += _checks(head)
    parts.append(Part(COST, [cost_line]))
    return parts


def _by_engine_urn(resources: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each resource by its engine URN, with its parent's engine URN as `engineParent`."""
    engine = engine_urns(resources)
    return {
        engine[r["urn"]]: {**r, "engineParent": engine.get(str(r.get("parent") or ""), "")}
        for r in resources
    }


def _header(
    stack: str, ops: dict[str, list[Change]], blocking: list[Change], new: bool
) -> list[str]:
    counts = ", ".join(
        f"{len(ops[op])} to {op}" for op in ("create", "update", "replace", "delete")
    )
    verdict = f"⛔ {len(blocking)} blocking" if blocking else "nothing blocks"
    base = " (no base plan: everything is new)" if new else ""
    return [heading(3, f"`{stack}`: {counts}; {verdict}{base}"), ""]


def _what(change: Change) -> str:
    return f"{code(change.name)} ({code(change.type.rsplit(':', 1)[-1])})"


def _why(change: Change) -> str:
    label = change.stateful_label or "data"
    if change.op == "replace":
        return f"{label}; forced by {', '.join(change.keys) or 'the provider'}"
    return label + (
        "; protected: `pulumi up` refuses until unprotected" if change.protected else ""
    )


def _creates(changes: list[Change], by_urn: dict[str, dict[str, Any]]) -> Part:
    """Creates grouped by the component that makes them: count and names."""
    groups: dict[str, list[str]] = defaultdict(list)
    for change in changes:
        parent = by_urn.get(str(by_urn.get(change.urn, {}).get("engineParent") or ""))
        owner = f"{parent['type'].rsplit(':', 1)[-1]} {parent['name']}" if parent else "(stack)"
        groups[owner].append(short_name(change.name, parent["name"]) if parent else change.name)
    lines = [f"**Creates {len(changes)}:**"] + [
        f"- {cell(owner)}: {len(names)} ({', '.join(map(code, sorted(names)))})"
        for owner, names in sorted(groups.items())
    ]
    counts = [f"**Creates {len(changes)}:**"] + [
        f"- {cell(owner)}: {len(names)}" for owner, names in sorted(groups.items())
    ]
    return Part(CREATES, lines, counts, "names of created resources")


def _updates(
    changes: list[Change], old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> Part:
    """Each update with its changed inputs, old -> new (secrets stay `[secret]`)."""
    lines = [f"**Updates {len(changes)}:**"]
    for change in changes:
        before = (old.get(change.urn) or {}).get("inputs") or {}
        after = (new.get(change.urn) or {}).get("inputs") or {}
        values = "; ".join(
            f"{code(key)}: " + " → ".join(map(code, _values(before.get(key), after.get(key))))
            for key in change.keys
        )
        lines.append(f"- {_what(change)}: {values}")
    short = [f"**Updates {len(changes)}:**"] + [
        f"- {_what(c)}: {', '.join(map(code, c.keys))}" for c in changes
    ]
    return Part(UPDATES, lines, short, "old -> new values")


def _values(old: Any, new: Any) -> tuple[str, str]:
    """Old and new as short texts; for long texts, from a little before they first differ."""
    texts = [_text(old), _text(new)]
    common = 0
    while common < min(map(len, texts)) and texts[0][common] == texts[1][common]:
        common += 1
    start = max(0, common - 10)
    return (_clip(texts[0], start), _clip(texts[1], start))


def _text(value: Any) -> str:
    if value is None:
        return "(none)"
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _clip(text: str, start: int) -> str:
    return clip(("…" if start else "") + text[start:], VALUE_WIDTH)


def _checks(head: dict[str, Any]) -> list[Part]:
    """Violations, failing journeys and denied preflight steps; the passing ones folded."""
    parts = []
    violations = head.get("violations") or []
    if violations:
        rows = [
            f"- **{v.get('level')}** {code(v.get('policy'))} {cell(v.get('name') or '')}: "
            f"{cell(v.get('message'), markup=True)}"
            for v in sorted(violations, key=lambda v: v.get("level") != "mandatory")
        ]
        parts.append(Part(VIOLATIONS, [f"**Policy violations {len(violations)}:**", *rows]))
    preflight = head.get("preflight") or {}
    journeys = preflight.get("journeys") or []
    failing = [j for j in journeys if j.get("verdict") != "works"]
    denied = [f for f in preflight.get("flows") or [] if f.get("status") == "denied"]
    denied += [s for s in preflight.get("snowflakeSteps") or [] if s.get("status") == "denied"]
    if failing or denied:
        rows = [f"- journey {j['verdict']}: {cell(j['name'])}" for j in failing]
        rows += [f"- denied: {cell(d.get('flow') or d.get('step') or '')}" for d in denied]
        parts.append(Part(FAILING, ["**Journeys and preflight that fail:**", *rows]))
    working = len(journeys) - len(failing)
    passed = [
        f"- {working} journeys work",
        f"- {sum(1 for f in preflight.get('flows') or [] if f.get('status') == 'allowed')} data "
        "paths allowed",
        f"- {sum(1 for s in preflight.get('snowflakeSteps') or [] if s.get('status') == 'allowed')}"
        " Snowflake steps allowed",
        *(f"- output {code(k)}" for k in sorted(head.get("outputs") or {})),
    ]
    parts.append(
        Part(
            FOLDED,
            details("Passing checks and outputs", passed),
            label="passing checks and outputs",
        )
    )
    return parts
