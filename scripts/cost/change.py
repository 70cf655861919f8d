"""The change of a stack's monthly bound against the base branch: `compare(base, head)`.

Pure (two CostReports in, figures out), so the plan's Markdown (the PR comment) and
`dataplat cost` state the same change, as Infracost's diff does for Terraform. Line items
pair by (category, resource name): a resource keeps its logical name across commits, and
the name carries the part of a resource an item prices (`airflow (workers)`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from scripts.cost.report import CostReport

Key = tuple[str, str]


@dataclass(frozen=True)
class ItemChange:
    """One line item whose bound differs between base and head; None where it is absent."""

    category: str
    resource: str
    base_usd: float | None
    head_usd: float | None

    @property
    def delta_usd(self) -> float:
        """Head minus base, in USD a month (an absent side counts as zero)."""
        return round((self.head_usd or 0.0) - (self.base_usd or 0.0), 2)

    @property
    def status(self) -> str:
        """`added` (only in head), `removed` (only in base) or `changed`."""
        if self.base_usd is None:
            return "added"
        return "removed" if self.head_usd is None else "changed"


@dataclass(frozen=True)
class CostChange:
    """The bounds of base and head, and the items that changed, largest change first."""

    base_usd: float
    head_usd: float
    items: tuple[ItemChange, ...]

    @property
    def delta_usd(self) -> float:
        """Head minus base, in USD a month."""
        return round(self.head_usd - self.base_usd, 2)

    @property
    def percent(self) -> float | None:
        """The change as a percentage of the base bound; None when the base bound is zero."""
        return round(100 * self.delta_usd / self.base_usd, 1) if self.base_usd else None

    def as_dict(self) -> dict[str, object]:
        """The change as `dataplat cost --base --format json` writes it."""
        return {
            "monthlyBoundUsd": self.base_usd,
            "deltaUsd": self.delta_usd,
            "percent": self.percent,
            "changedItems": [
                {
                    "category": c.category,
                    "resource": c.resource,
                    "status": c.status,
                    "baseUsd": c.base_usd,
                    "headUsd": c.head_usd,
                    "deltaUsd": c.delta_usd,
                }
                for c in self.items
            ],
        }


def compare(base: CostReport, head: CostReport) -> CostChange:
    """The change from `base` to `head`: totals, and every item added, removed or changed.

    Items are sorted by the size of their change, largest first, then by category and
    name, so the same two reports always list in the same order.
    """
    before, after = _bounds(base), _bounds(head)
    changes = [
        ItemChange(category, resource, before.get(key), after.get(key))
        for key in sorted(before.keys() | after.keys())
        for category, resource in [key]
        if before.get(key) != after.get(key)
    ]
    changes.sort(key=lambda c: -abs(c.delta_usd))  # stable: ties keep the key order
    return CostChange(base.total_usd, head.total_usd, tuple(changes))


def signed_usd(value: float) -> str:
    """`+$1,234.50` or `-$12.00` (zero is `+$0.00`): a change reads with its sign."""
    return f"{'+' if value >= 0 else '-'}${abs(value):,.2f}"


def _bounds(report: CostReport) -> dict[Key, float]:
    # Two items under one key (two parts priced alike) are summed rather than one lost.
    totals: dict[Key, float] = defaultdict(float)
    for item in report.bound.items:
        totals[(item.category, item.resource)] += item.bound_usd
    return {key: round(value, 2) for key, value in totals.items()}
