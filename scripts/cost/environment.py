"""The cost of an environment split into stacks: one line per stack, and the total.

Each stack's line is its own bound (`monthly_bound` of its plan: what `dataplat cost --plan
plan-E.<x>.json` says, and what the pack judges per stack); the environment's total is the
bound of the union of its stacks' resources, so it equals the single-stack bound of the
same resources. A priced item whose inputs span two stacks (none today) would make the
stacks' sum differ from the total; the report then says by how much instead of hiding it.

Every stack is priced under the environment's policy config (`policy.E.json`); a domain
stack's environment is the part of its name before the period (`dev.marketing` is dev).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from policies.rules.core.settings import PolicySettings
from scripts.cost.report import CostReport, monthly_bound
from scripts.env_plans import StackPlan, union
from scripts.errors import UserError
from scripts.render.markdown import heading, table
from scripts.render.text import columns


@dataclass(frozen=True)
class EnvironmentCost:
    """An environment's per-stack reports and the report of their union."""

    env: str
    stacks: tuple[CostReport, ...]
    total: CostReport

    @property
    def stacks_sum_usd(self) -> float:
        """The sum of the stacks' own bounds (equal to the total unless an item spans stacks)."""
        return round(sum(s.total_usd for s in self.stacks), 2)

    def as_dict(self) -> dict[str, Any]:
        """The environment's report as the JSON format writes it."""
        return {
            "environment": self.env,
            "currency": "USD",
            "monthlyBoundUsd": self.total.total_usd,
            "expectedUsd": self.total.expected_usd,
            "ceilingUsd": self.total.ceiling_usd,
            "withinCeiling": self.total.within_ceiling,
            "stacksSumUsd": self.stacks_sum_usd,
            "stacks": [
                {
                    "project": s.project,
                    "stack": s.stack,
                    "monthlyBoundUsd": s.total_usd,
                    "expectedUsd": s.expected_usd,
                    "items": [i.as_dict() for i in s.bound.items],
                    "unpriced": dict(s.bound.unpriced),
                }
                for s in self.stacks
            ],
            "assumptions": self.total.assumptions.as_dict(),
            "prices": [p.as_dict() for p in self.total.bound.prices()],
        }


def environment_cost(
    plans: Sequence[StackPlan],
    env: str,
    settings: PolicySettings | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> EnvironmentCost:
    """Price every stack of `env` and their union. Raises UserError naming the plan file
    whose stack cannot be bounded."""
    stacks = []
    for plan in plans:
        try:
            stacks.append(monthly_bound(plan.document, settings, overrides))
        except UserError as exc:
            raise UserError(f"{plan.path}: {exc}") from None
    total = monthly_bound(union(plans, env), settings, overrides)
    return EnvironmentCost(env, tuple(stacks), dataclasses.replace(total, project="(all)"))


def render_environment(cost: EnvironmentCost, fmt: str) -> str:
    """The environment's report in `fmt` (text, json or markdown)."""
    if fmt == "json":
        return json.dumps(cost.as_dict(), indent=2) + "\n"
    rows = [
        (f"{s.project}/{s.stack}", f"{s.total_usd:,.2f}", f"{s.expected_usd:,.2f}")
        for s in cost.stacks
    ]
    rows.append(
        (f"TOTAL ({cost.env})", f"{cost.total.total_usd:,.2f}", f"{cost.total.expected_usd:,.2f}")
    )
    verdict = "within" if cost.total.within_ceiling else "ABOVE"
    summary = (
        f"Monthly cost bound of environment {cost.env} ({len(cost.stacks)} stacks): "
        f"${cost.total.total_usd:,.2f} (expected ${cost.total.expected_usd:,.2f}); {verdict} "
        f"the ceiling of ${cost.total.ceiling_usd:,.2f}"
    )
    notes = []
    if cost.stacks_sum_usd != cost.total.total_usd:
        notes.append(
            f"The stacks' own bounds sum to ${cost.stacks_sum_usd:,.2f}: an item's inputs span "
            "stacks, so a stack alone prices it differently; the total prices the union."
        )
    header = ("STACK", "BOUND USD", "EXPECTED USD")
    if fmt == "markdown":
        return (
            "\n".join(
                [
                    heading(2, f"Cost of {cost.env}"),
                    "",
                    summary,
                    "",
                    *table(header, rows, right=(1, 2)),
                    "",
                    *notes,
                ]
            ).rstrip()
            + "\n"
        )
    return "\n".join([summary, "", *columns([header, *rows], right=(1, 2)), *notes]) + "\n"
