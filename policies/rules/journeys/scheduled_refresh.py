"""The hop of a rotation outside the program: a scheduled `pulumi up --refresh`.

A `time.Rotating` notices that its rotation time has passed only when it is read, on a
refresh (the Terraform time provider checks it in ReadResource and drops the resource from
state, so the next update recreates it). Nothing in the program can make that happen: some
scheduler must run `pulumi up --refresh` for the stack, more often than half the shortest
slot period, or a due slot waits (and two slots half a period apart can turn due together).

A policy pack cannot read the repository's workflows: there this hop is "not evaluated".
`dataplat plan` reads them (scripts/workflows.py) and passes what it found as the rule's
config property `scheduled_refresh`:

    {"workflows": ".github/workflows",            # null: no such directory
     "runs": [{"workflow": "rotate.yml", "job": "due -> rotate -> up",
               "cron": ["41 4 * * *"], "interval_hours": 24.0,
               "targeted": true}]}                # the runs that reach this stack

A team may set the same property in its policy config when its scheduler is elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .journey import Hop, broken, ok, unknown

HOP = "scheduled up with refresh"
PROPERTY = "scheduled_refresh"
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "workflows": {"type": ["string", "null"]},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "workflow": {"type": "string"},
                    "job": {"type": "string"},
                    "cron": {"type": "array", "items": {"type": "string"}},
                    "interval_hours": {"type": ["number", "null"]},
                    "targeted": {"type": "boolean"},
                },
                "required": ["workflow", "interval_hours"],
            },
        },
    },
    "required": ["runs"],
}
REMEDY = (
    "add a scheduled workflow that runs `pulumi up --refresh --target <the Rotating and "
    "key URNs> --target-dependents` for this stack (`dataplat rotation-targets` lists them)"
)


def scheduled_refresh_hop(found: Any, shortest_period_hours: float | None) -> Hop:
    """The hop's verdict from what `dataplat plan` found (None: not read, as in the pack)."""
    if not isinstance(found, Mapping):
        return unknown(
            HOP,
            "is outside the program (the repository's workflows); `dataplat plan` reads them",
        )
    if "workflows" in found and found["workflows"] is None:
        return unknown(HOP, "no workflows directory beside the program to read")
    where = found.get("workflows") or "the workflows"
    runs = [r for r in found.get("runs") or [] if isinstance(r, Mapping)]
    if not runs:
        return broken(
            HOP,
            f"no scheduled workflow in {where} runs `pulumi up` with refresh for this stack, so "
            f"a due slot is never noticed and its key never rotates; {REMEDY}",
            None,
        )
    best = min(runs, key=_interval)
    interval = _interval(best)
    what = f"{best.get('workflow')} ({best.get('job', '')}) every {_hours(interval)}"
    if shortest_period_hours is not None and interval >= shortest_period_hours / 2:
        return broken(
            HOP,
            f"{what}, not more often than half the shortest slot period "
            f"({_hours(shortest_period_hours / 2)}): both slots can turn due between two runs "
            f"and rotate together; schedule {best.get('workflow')} more often",
            None,
        )
    half = "" if shortest_period_hours is None else f" (< {_hours(shortest_period_hours / 2)})"
    return ok(HOP, f"{what}{half}")


def _interval(run: Mapping[str, Any]) -> float:
    value = run.get("interval_hours")
    return float(value) if isinstance(value, int | float) else float("inf")


def _hours(hours: float) -> str:
    if hours == float("inf"):
        return "(never: no cron time matches)"
    return f"{hours / 24:g} days" if hours >= 48 else f"{hours:g} h"
