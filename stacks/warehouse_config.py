"""One warehouse rule for the platform and every domain: the file model, its resolution
with the environment's defaults, and the environment's caps checked on resolved values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from policies.rules.facts.warehouses import WAREHOUSE_SIZES, WarehouseSize
from stacks.model import Problem, StrictModel, either
from vocabulary.config_base import Slug
from vocabulary.warehouse_settings import ResolvedWarehouse

if TYPE_CHECKING:
    from stacks.snowflake_config import SnowflakeEnvironmentDefaults


# Smallest first: the index is what the environment caps compare.


class WarehouseConfig(StrictModel):
    """One workload's warehouse; unset values come from the environment's defaults."""

    name: Slug
    """The warehouse's name (lowercase letters, digits, _)."""
    size: WarehouseSize = "XSMALL"
    """The warehouse size, capped per environment."""
    auto_suspend_seconds: Annotated[int, Field(ge=60, le=3600)] | None = None
    """Idle seconds before the warehouse suspends; unset, the environment's."""
    credit_quota: Annotated[int, Field(ge=1, le=100000)] | None = None
    """Monthly credits its resource monitor allows before suspending it; unset, the
    environment's."""
    max_cluster_count: Annotated[int, Field(ge=1, le=10)] = 1
    """Clusters it may scale out to (more than 1 needs enterprise edition)."""
    statement_timeout_seconds: Annotated[int, Field(ge=60, le=172800)] | None = None
    """Longest a statement may run; unset, the environment's."""


def resolve_warehouse(
    warehouse: WarehouseConfig, defaults: SnowflakeEnvironmentDefaults
) -> ResolvedWarehouse:
    """The file's values where set, else the environment's (explicit > environment)."""
    return ResolvedWarehouse(
        name=warehouse.name,
        size=warehouse.size,
        auto_suspend_seconds=either(warehouse.auto_suspend_seconds, defaults.auto_suspend_seconds),
        credit_quota=either(warehouse.credit_quota, defaults.credit_quota),
        max_cluster_count=warehouse.max_cluster_count,
        statement_timeout_seconds=either(
            warehouse.statement_timeout_seconds, defaults.statement_timeout_seconds
        ),
        statement_queued_timeout_seconds=defaults.statement_queued_timeout_seconds,
    )


def warehouse_problems(
    warehouse: ResolvedWarehouse, caps: SnowflakeEnvironmentDefaults, environment: str
) -> list[Problem]:
    """The environment's cost caps, checked on the resolved warehouse (loc from the item)."""
    problems = []
    allowed = WAREHOUSE_SIZES[: WAREHOUSE_SIZES.index(caps.max_warehouse_size) + 1]
    if warehouse.size not in allowed:
        problems.append(
            Problem(
                ("size",),
                f"{warehouse.size} is above the {environment} cap {caps.max_warehouse_size}; "
                f"allowed: {', '.join(allowed)}",
            )
        )
    for field, cap in (
        ("auto_suspend_seconds", caps.max_auto_suspend_seconds),
        ("statement_timeout_seconds", caps.max_statement_timeout_seconds),
    ):
        value = getattr(warehouse, field)
        if value > cap:
            problems.append(Problem((field,), f"{value} is above the {environment} cap of {cap}"))
    return problems
