"""The plan's preflight section: every journey, data path and Snowflake step checked.

The preflight and journey rules report only what fails; a reviewer also wants to see what
was checked. This section lists every journey first (one promise followed end to end, with
its verdict and hops: journeys/catalogue.py), then every AWS data path (`flow_results` of the
data-path rule) and every Snowflake step (`snowflake_steps`), each allowed, denied or not
evaluated, with what decided a denial: the statement that denies it or the missing
privilege. It re-runs the same pure functions the rules run, with the same settings, so it
can never disagree with them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from policies.rules.core.index import StackIndex
from policies.rules.core.rule import Context
from policies.rules.core.settings import PolicySettings, stack_environment
from policies.rules.journeys.catalogue import JOURNEYS
from policies.rules.journeys.journey import Journey, built_journeys
from policies.rules.preflight.aws_data_paths_allowed import RULE_ID as DATA_PATHS
from policies.rules.preflight.aws_data_paths_allowed import FlowResult, flow_results
from policies.rules.preflight.snowflake_steps import StepResult, snowflake_steps
from scripts.plan.policy import views

# Denied first: that is what a reviewer must act on.
_ORDER = {"denied": 0, "blocked": 1, "not-evaluated": 2, "allowed": 3}
_JOURNEY_ORDER = {"broken": 0, "not-evaluated": 1, "works": 2}


def preflight_section(
    document: dict[str, Any], settings: PolicySettings, index: StackIndex | None = None
) -> dict[str, Any]:
    """`{"counts": ..., "journeys": [...], "flows": [...], "snowflakeSteps": [...]}` of the
    document's stack. Given the index the policy evaluation used (`plan_target` passes it),
    the journeys, data paths and Snowflake steps are the ones the rules built, not built
    again (policies/rules/core/per_stack.py)."""
    index = index if index is not None else StackIndex(views(document))

    def context(rule_id: str) -> Context:
        rule_settings = settings.for_rule(rule_id)
        environment = stack_environment(rule_settings.environment, {}, document["stack"])
        return Context(environment, rule_settings.properties)

    journeys = [
        journey_entry(j)
        for rule_id, build in JOURNEYS
        for j in built_journeys(build, index, context(rule_id))
    ]
    flows = [_flow(r) for r in flow_results(index, context(DATA_PATHS))]
    steps = [_step(s) for s in snowflake_steps(index)]
    journeys.sort(key=lambda j: _JOURNEY_ORDER[j["verdict"]])
    flows.sort(key=lambda f: _ORDER[f["status"]])
    steps.sort(key=lambda s: _ORDER[s["status"]])
    return {
        "counts": {
            "journeys": dict(sorted(Counter(j["verdict"] for j in journeys).items())),
            "flows": dict(sorted(Counter(f["status"] for f in flows).items())),
            "snowflakeSteps": dict(sorted(Counter(s["status"] for s in steps).items())),
        },
        "journeys": journeys,
        "flows": flows,
        "snowflakeSteps": steps,
    }


def journey_entry(journey: Journey) -> dict[str, Any]:
    """A journey as the plan document carries it: name, verdict, hops (each with what
    decided it and the resource it names)."""
    return {
        "rule": journey.kind,
        "name": journey.name,
        "verdict": journey.verdict,
        "urn": journey.start.urn,
        "hops": [
            {
                "name": hop.name,
                "verdict": hop.verdict,
                "detail": hop.detail,
                "urn": hop.resource.urn if hop.resource is not None else None,
            }
            for hop in journey.hops
        ],
    }


def deciding_hop(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The hop that decided a journey entry: its first broken, else not-evaluated, hop."""
    for verdict in ("broken", "not-evaluated"):
        for hop in entry["hops"]:
            if hop["verdict"] == verdict:
                return dict(hop)
    return None


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
    """`Preflight: 9 journeys (9 works), 41 data paths (40 allowed, 1 denied), 120 Snowflake
    steps (120 allowed)`."""

    def part(counts: dict[str, int], noun: str) -> str:
        total = sum(counts.values())
        detail = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        return f"{total} {noun}" + (f" ({detail})" if detail else "")

    counts = section["counts"]
    return (
        f"Preflight: {part(counts.get('journeys', {}), 'journeys')}, "
        f"{part(counts['flows'], 'data paths')}, "
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
