"""Snowflake warehouse sizes: their order, their spellings, and their credits per hour.

Source: Snowflake "Overview of warehouses" (Gen1 standard warehouses, credits per hour per
cluster), https://docs.snowflake.com/en/user-guide/warehouses-overview (read 2026-12-01).
"""

from __future__ import annotations

from typing import Literal, get_args

# Sizes a stack or domain file may ask for (the platform's caps stop at XXLARGE).
WarehouseSize = Literal["XSMALL", "SMALL", "MEDIUM", "LARGE", "XLARGE", "XXLARGE"]
WAREHOUSE_SIZES: tuple[str, ...] = get_args(WarehouseSize)
CREDITS_PER_HOUR: dict[str, float] = {
    "XSMALL": 1,
    "SMALL": 2,
    "MEDIUM": 4,
    "LARGE": 8,
    "XLARGE": 16,
    "XXLARGE": 32,
    "XXXLARGE": 64,
    "X4LARGE": 128,
    "X5LARGE": 256,
    "X6LARGE": 512,
}
# Every size Snowflake knows, smallest first (the keys above, in order).
ALL_SIZES: tuple[str, ...] = tuple(CREDITS_PER_HOUR)
WAREHOUSE_CREDITS_SOURCE = "https://docs.snowflake.com/en/user-guide/warehouses-overview"
# Other spellings Snowflake accepts for the same sizes.
SIZE_ALIASES = {
    "2XLARGE": "XXLARGE",
    "3XLARGE": "XXXLARGE",
    "4XLARGE": "X4LARGE",
    "5XLARGE": "X5LARGE",
    "6XLARGE": "X6LARGE",
}


def normalize_size(size: str) -> str:
    """`X-Small`, `XSMALL` and `x_small` are one size; `2X-LARGE` is XXLARGE."""
    flat = size.upper().replace("-", "").replace("_", "").replace(" ", "")
    return SIZE_ALIASES.get(flat, flat)
