"""Address ranges an allow-list must not hold: re-exported from their one home,
policies/rules/facts/address_ranges.py, which the pack (importing nothing of the project)
needs as well."""

from __future__ import annotations

from policies.rules.facts.address_ranges import (
    DOCUMENTATION_RANGES,
    documentation_range,
    world_open,
)

__all__ = ["DOCUMENTATION_RANGES", "documentation_range", "world_open"]
