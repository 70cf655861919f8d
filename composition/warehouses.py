"""Warehouses: one rule for the platform's and every domain's."""

from __future__ import annotations

from components.snowflake.managed_warehouse import WarehouseArgs
from vocabulary.warehouse_settings import ResolvedWarehouse


def warehouse_args(warehouse: ResolvedWarehouse, identifier: str) -> WarehouseArgs:
    """A resolved warehouse as the component's arguments, under its Snowflake name (its
    settings are passed on as they are: a new warehouse key needs no line here)."""
    return WarehouseArgs(identifier=identifier, settings=warehouse)
