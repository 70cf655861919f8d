"""Warehouses stay within the size the environment allows."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.warehouses import ALL_SIZES, normalize_size
from .identifiers import WAREHOUSE

ORDER = ALL_SIZES
MAX_SIZE = {"dev": "SMALL", "staging": "MEDIUM", "prod": "XLARGE"}


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
