"""A warehouse's settings with every environment default applied: one type for the resolver
and the component.

`stacks.warehouse_config.resolve_warehouse` makes it from a stack or domain file (the file's
values where set, else the environment's); `components.snowflake.managed_warehouse.WarehouseArgs`
holds it as it is, beside the Snowflake name and the monitor's thresholds. A new warehouse key
is then a field of the config model, a field here with its line in the resolver, and the line
of the component that uses it (docs/design/configuration.md, "Add a domain key"). It lives in
vocabulary/ because config and components may not import each other (tests/test_layers.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResolvedWarehouse:
    """A warehouse with every environment default applied: what the stack creates.

    Attributes:
        name: The warehouse's key in its file (`loading`); its Snowflake name is built
            from it by the naming helper.
        size: `XSMALL` ... `XXLARGE`.
        auto_suspend_seconds: Idle seconds before the warehouse suspends.
        credit_quota: Credits per month before the monitor suspends the warehouse.
        max_cluster_count: Above 1, a multi-cluster warehouse scaling economically.
        statement_timeout_seconds: A running statement is cancelled after this.
        statement_queued_timeout_seconds: A queued statement is cancelled after this.
    """

    name: str
    size: str
    auto_suspend_seconds: int
    credit_quota: int
    max_cluster_count: int
    statement_timeout_seconds: int
    statement_queued_timeout_seconds: int
