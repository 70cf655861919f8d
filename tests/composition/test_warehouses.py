"""One warehouse rule: a platform warehouse and a domain warehouse resolve the same way."""

from __future__ import annotations

from components.snowflake.managed_warehouse import WarehouseArgs
from composition.warehouses import warehouse_args
from stacks.domain_spec import DomainWarehouse
from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS
from stacks.warehouse_config import WarehouseConfig, resolve_warehouse, warehouse_problems
from vocabulary.warehouse_settings import ResolvedWarehouse

STAGING = SNOWFLAKE_ENVIRONMENT_DEFAULTS["staging"]


def test_unset_values_come_from_the_environment_explicit_ones_win():
    resolved = resolve_warehouse(WarehouseConfig(name="bi", auto_suspend_seconds=90), STAGING)
    assert warehouse_args(resolved, "ACME_DP_STAGING_BI") == WarehouseArgs(
        identifier="ACME_DP_STAGING_BI",
        settings=ResolvedWarehouse(
            name="bi",
            size="XSMALL",
            auto_suspend_seconds=90,
            credit_quota=50,
            max_cluster_count=1,
            statement_timeout_seconds=3600,
            statement_queued_timeout_seconds=900,
        ),
    )


def test_the_component_takes_the_resolved_settings_as_they_are():
    """One definition: the resolver's type is the component's (no field-by-field copy)."""
    resolved = resolve_warehouse(WarehouseConfig(name="bi"), STAGING)
    assert warehouse_args(resolved, "X").settings is resolved


def test_a_domain_warehouse_gets_the_same_defaults_but_its_own_quota():
    platform = resolve_warehouse(WarehouseConfig(name="bi", credit_quota=7), STAGING)
    domain = resolve_warehouse(DomainWarehouse(name="bi", credit_quota=7), STAGING)
    assert domain == platform


def test_a_domain_warehouse_is_held_to_every_cap_not_only_size():
    domain = resolve_warehouse(
        DomainWarehouse(
            name="bi", credit_quota=7, auto_suspend_seconds=600, statement_timeout_seconds=9000
        ),
        STAGING,
    )
    problems = {p.path: p.message for p in warehouse_problems(domain, STAGING, "staging")}
    assert problems == {
        "auto_suspend_seconds": "600 is above the staging cap of 120",
        "statement_timeout_seconds": "9000 is above the staging cap of 7200",
    }
