"""The plan's preflight section: every data path and Snowflake step checked, and how it went.

The preflight rules report only what fails; a reviewer also wants to see what was checked.
This section lists every AWS data path (`flow_results` of the data-path rule) and every
Snowflake step (`snowflake_steps`), each allowed, denied or not evaluated, with what decided
a denial: the statement that denies it or the missing privilege. It re-runs the same pure
functions the rules run, with the same settings, so it can never disagree with them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from policies.rules.core.index import StackIndex
from policies.rules.core.rule import Context
from policies.rules.core.settings import PolicySettings, resolve_environment
from policies.rules.preflight.aws_data_paths_allowed import RULE_ID as DATA_PATHS
from policies.rules.preflight.aws_data_paths_allowed import FlowResult, flow_results
from policies.rules.preflight.snowflake_steps import StepResult, snowflake_steps
from scripts.plan.policy import views

# Denied first: that is what a reviewer must act on.
_ORDER = {"denied": 0, "blocked": 1, "not-evaluated": 2, "allowed": 3}


def preflight_section(document: dict[str, Any], settings: PolicySettings) -> dict[str, Any]:
    """`{"counts": ..., "flows": [...], "snowflakeSteps": [...]}` of the document's stack."""
    index = StackIndex(views(document))
    rule_settings = settings.for_rule(DATA_PATHS)
    environment = resolve_environment(rule_settings.environment, {}, document["stack"])
    flows = [_flow(r) for r in flow_results(index, Context(environment, rule_settings.properties))]
    steps = [_step(s) for s in snowflake_steps(index)]
    flows.sort(key=lambda f: _ORDER[f["status"]])
    steps.sort(key=lambda s: _ORDER[s["status"]])
    return {
        "counts": {
            "flows": dict(sorted(Counter(f["status"] for f in flows).items())),
            "snowflakeSteps": dict(sorted(Counter(s["status"] for s in steps).items())),
        },
        "flows": flows,
        "snowflakeSteps": steps,
    }


def _flow(result: FlowResult) -> dict[str, Any]:
    flow = result.flow
    if result.status == "denied":
        decided = "; ".join(
            f"{step.request.action} on {step.request.resource} {decision.explain()}"
            for step, decision in result.denied
        )
    elif result.status == "blocked" and flow is not None:
        decided = str(flow.blocked)
    elif result.status == "not-evaluated" and result.finding is not None:
        decided = result.finding.message
    else:
        decided = ""
    return {
        "status": result.status,
        "kind": flow.kind if flow else "",
        "flow": result.label,
        "urn": flow.owner.urn if flow else (result.finding.urn if result.finding else None),
        "requests": len(flow.steps) if flow else 0,
        "decidedBy": decided,
    }


def _step(step: StepResult) -> dict[str, Any]:
    status = "not-evaluated" if step.allowed is None else "allowed" if step.allowed else "denied"
    if status == "denied":
        decided = f"lacks {' and '.join(step.missing)} (source: {step.source})"
    elif status == "not-evaluated":
        decided = f"{step.reason} is unknown until apply"
    else:
        decided = ""
    return {
        "status": status,
        "step": step.step,
        "role": step.role,
        "urn": step.urn,
        "decidedBy": decided,
    }


def summary_line(section: dict[str, Any]) -> str:
    """`Preflight: 41 data paths (40 allowed, 1 denied), 120 Snowflake steps (120 allowed)`."""

    def part(counts: dict[str, int], noun: str) -> str:
        total = sum(counts.values())
        detail = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        return f"{total} {noun}" + (f" ({detail})" if detail else "")

    counts = section["counts"]
    return (
        f"Preflight: {part(counts['flows'], 'data paths')}, "
        f"{part(counts['snowflakeSteps'], 'Snowflake steps')}"
    )


def allowed_step_groups(section: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(role, operation, count) of the allowed Snowflake steps: hundreds of grants read as a
    few lines."""
    counts = Counter(
        (s["role"] or "(unknown role)", _operation(s["step"]))
        for s in section["snowflakeSteps"]
        if s["status"] == "allowed"
    )
    return [(role, operation, n) for (role, operation), n in sorted(counts.items())]


def _operation(step: str) -> str:
    """`grant privileges on an object` of `Type [name]: grant privileges on an object (OBJ)`."""
    return step.split("]: ", 1)[-1].rsplit(" (", 1)[0]
