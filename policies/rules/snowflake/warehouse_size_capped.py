"""Warehouses stay within the size the environment allows."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from .identifiers import WAREHOUSE

ORDER = (
    "XSMALL",
    "SMALL",
    "MEDIUM",
    "LARGE",
    "XLARGE",
    "XXLARGE",
    "XXXLARGE",
    "X4LARGE",
    "X5LARGE",
    "X6LARGE",
)
ALIASES = {
    "2XLARGE": "XXLARGE",
    "3XLARGE": "XXXLARGE",
    "4XLARGE": "X4LARGE",
    "5XLARGE": "X5LARGE",
    "6XLARGE": "X6LARGE",
}
MAX_SIZE = {"dev": "SMALL", "staging": "MEDIUM", "prod": "XLARGE"}


def normalize_size(size: str) -> str:
    """`X-Small`, `XSMALL` and `x_small` are one size; `2X-LARGE` is XXLARGE."""
    flat = size.upper().replace("-", "").replace("_", "").replace(" ", "")
    return ALIASES.get(flat, flat)


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """warehouseSize (Snowflake's default XSMALL) must not exceed the cap."""
    cap = normalize_size(str(ctx.setting("maxWarehouseSize", MAX_SIZE)))
    size = normalize_size(str(view.need("warehouseSize") or "XSMALL"))
    if size not in ORDER:
        yield view.violation(f"warehouse [{view.name}] has unknown size {size!r}")
    elif ORDER.index(size) > ORDER.index(cap):
        yield view.violation(
            f"warehouse [{view.name}] is {size}; {ctx.environment} allows at most {cap}"
        )


RULE = Rule(
    id="snowflake-warehouse-size-capped",
    description=(
        "Snowflake warehouses are at most SMALL in dev, MEDIUM in staging and XLARGE in prod."
    ),
    severity="medium",
    remediation="Lower warehouseSize, or raise maxWarehouseSize in the stack's policy config.",
    resource_types=(WAREHOUSE,),
    check=check,
    config_schema={"maxWarehouseSize": {"type": "string"}},
)
