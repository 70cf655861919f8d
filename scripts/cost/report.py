"""The cost report of a plan document: `monthly_bound(document) -> CostReport`.

Pure (no files, no planning): the plan's markdown can call it on the document it already
has. The line items, prices and assumptions are the pack's (`policies/rules/cost`), so
the figure here is the one the `cost-within-ceiling` rule judges.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from policies.rules.core.index import StackIndex
from policies.rules.core.rule import Context, Level
from policies.rules.core.settings import PolicySettings, stack_environment
from policies.rules.core.view import NotEvaluated
from policies.rules.cost.assumptions import Assumptions
from policies.rules.cost.bound import stack_bound
from policies.rules.cost.cost_within_ceiling import RULE
from policies.rules.cost.items import Bound
from scripts.errors import UserError
from scripts.plan.policy import views


@dataclass(frozen=True)
class CostReport:
    """A stack's monthly bound, what it assumes, and its ceiling and the rule's level."""

    project: str
    stack: str
    bound: Bound
    assumptions: Assumptions
    level: Level

    @property
    def total_usd(self) -> float:
        """The monthly bound in USD."""
        return self.bound.total_usd

    @property
    def expected_usd(self) -> float:
        """The expected monthly cost in USD under the assumptions."""
        return self.bound.expected_usd

    @property
    def ceiling_usd(self) -> float:
        """The environment's ceiling."""
        return self.assumptions.ceiling_usd

    @property
    def within_ceiling(self) -> bool:
        """True if the bound does not exceed the ceiling (the rule's verdict)."""
        return self.total_usd <= self.ceiling_usd

    def as_dict(self) -> dict[str, Any]:
        """The report as the JSON format writes it."""
        return {
            "project": self.project,
            "stack": self.stack,
            "environment": self.assumptions.environment,
            "region": self.bound.region,
            "currency": "USD",
            "monthlyBoundUsd": self.total_usd,
            "expectedUsd": self.expected_usd,
            "ceilingUsd": self.ceiling_usd,
            "withinCeiling": self.within_ceiling,
            "rule": {"id": RULE.id, "level": self.level},
            "byCategory": [
                {"category": c, "boundUsd": b, "expectedUsd": e}
                for c, b, e in self.bound.by_category()
            ],
            "items": [i.as_dict() for i in self.bound.items],
            "assumptions": self.assumptions.as_dict(),
            "prices": [p.as_dict() for p in self.bound.prices()],
            "unpriced": dict(self.bound.unpriced),
        }


def monthly_bound(
    document: Mapping[str, Any],
    settings: PolicySettings | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> CostReport:
    """The cost report of a plan document.

    `settings` is the stack's policy config (the rule's properties set the assumptions and
    ceiling; defaults by environment without one); `overrides` are rule properties that win
    over it (the command's flags). Raises UserError when a priced value is unknown until
    apply or has no price.
    """
    settings = settings or PolicySettings()
    own = settings.for_rule(RULE.id)
    stack = str(document.get("stack", ""))
    environment = stack_environment(own.environment, {}, stack)
    ctx = Context(environment, {**own.properties, **(overrides or {})})
    assumptions = Assumptions.from_context(ctx)
    try:
        bound = stack_bound(StackIndex(views(dict(document))), assumptions)
    except NotEvaluated as exc:
        raise UserError(f"cannot bound the cost: {exc.what} is unknown until apply") from None
    except (KeyError, ValueError) as exc:
        raise UserError(f"cannot bound the cost: {exc.args[0]}") from None
    return CostReport(
        project=str(document.get("project", "")),
        stack=stack,
        bound=bound,
        assumptions=assumptions,
        level=settings.level(RULE, environment),
    )
