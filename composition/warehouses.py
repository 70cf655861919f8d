"""Warehouses: one rule for the platform's and every domain's."""

from __future__ import annotations

from components.snowflake.managed_warehouse import WarehouseArgs
from stacks.warehouse_config import ResolvedWarehouse


def warehouse_args(warehouse: ResolvedWarehouse, identifier: str) -> WarehouseArgs:
    """A resolved warehouse as the component's arguments, under its Snowflake name."""
    return WarehouseArgs(
        identifier=identifier,
        size=warehouse.size,
        auto_suspend_seconds=warehouse.auto_suspend_seconds,
        credit_quota=warehouse.credit_quota,
        statement_timeout_seconds=warehouse.statement_timeout_seconds,
        statement_queued_timeout_seconds=warehouse.statement_queued_timeout_seconds,
        max_cluster_count=warehouse.max_cluster_count,
    )
