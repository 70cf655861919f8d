"""Warehouses: one rule for the platform's and every domain's."""

from __future__ import annotations

from collections.abc import Sequence

from components.snowflake.managed_warehouse import WarehouseArgs
from composition.context import StackContext
from stacks.domain_spec import ResolvedDomain
from vocabulary.warehouse_settings import ResolvedWarehouse


def warehouse_args(warehouse: ResolvedWarehouse, identifier: str) -> WarehouseArgs:
    """A resolved warehouse as the component's arguments, under its Snowflake name (its
    settings are passed on as they are: a new warehouse key needs no line here)."""
    return WarehouseArgs(identifier=identifier, settings=warehouse)


def domain_warehouse_args(
    ctx: StackContext, domains: Sequence[ResolvedDomain]
) -> list[tuple[str, WarehouseArgs]]:
    """(domain, warehouse args) of every domain warehouse, as `DataDomain` builds them: known
    from the files alone, so the platform watches their credits wherever the domains live."""
    return [
        (d.name, warehouse_args(w, ctx.naming.snowflake(d.spec.name, w.name)))
        for d in domains
        for w in d.warehouses
    ]
