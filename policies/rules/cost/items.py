"""A line item of the monthly bound, and the bound of a whole stack."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .prices import PRICES, Price


@dataclass(frozen=True)
class LineItem:
    """One priced resource (or part of one): its bound and expected USD a month.

    `quantity` is in the price's unit (credits, hours, DPU-hours, GB-months, ...) for the
    bound; `detail` says how it was reached, so a reviewer can redo the sum.
    """

    category: str
    resource: str
    price_key: str
    quantity: float
    bound_usd: float
    expected_usd: float
    detail: str
    urn: str = ""

    @property
    def price(self) -> Price:
        """The table's price of this item."""
        return PRICES[self.price_key]

    def as_dict(self) -> dict[str, object]:
        """The item as plain data."""
        return {
            "category": self.category,
            "resource": self.resource,
            "price": self.price_key,
            "quantity": self.quantity,
            "unit": self.price.unit,
            "boundUsd": self.bound_usd,
            "expectedUsd": self.expected_usd,
            "detail": self.detail,
            "urn": self.urn,
        }


@dataclass(frozen=True)
class Bound:
    """The stack's monthly bound: its items and the billable types it does not price."""

    items: tuple[LineItem, ...]
    region: str
    unpriced: dict[str, int] = field(default_factory=dict)

    @property
    def total_usd(self) -> float:
        """The monthly bound: the sum of the items' bounds."""
        return round(sum(i.bound_usd for i in self.items), 2)

    @property
    def expected_usd(self) -> float:
        """The expected monthly cost under the stated assumptions."""
        return round(sum(i.expected_usd for i in self.items), 2)

    def by_category(self) -> list[tuple[str, float, float]]:
        """(category, bound, expected) per category, largest bound first."""
        bound: dict[str, float] = defaultdict(float)
        expected: dict[str, float] = defaultdict(float)
        for item in self.items:
            bound[item.category] += item.bound_usd
            expected[item.category] += item.expected_usd
        rows = [(c, round(bound[c], 2), round(expected[c], 2)) for c in bound]
        return sorted(rows, key=lambda row: (-row[1], row[0]))

    def largest(self) -> LineItem | None:
        """The item with the largest bound (the first one on a tie), if any."""
        return max(self.items, key=lambda i: i.bound_usd, default=None)

    def prices(self) -> list[Price]:
        """Every price an item used, by key."""
        return [PRICES[k] for k in sorted({i.price_key for i in self.items})]


def usd(value: float) -> float:
    """Round to cents (each item is rounded once, so the total is the sum of the shown items)."""
    return round(value + 0.0, 2)
