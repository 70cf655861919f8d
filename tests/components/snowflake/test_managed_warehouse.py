"""ManagedWarehouse built alone: the monitor, the suspended warehouse, its ownership and
its two access roles, with exact inputs, providers and ordering."""

from __future__ import annotations

from dataclasses import replace

import pulumi
import pytest

from components.snowflake.managed_warehouse import ManagedWarehouse, WarehouseArgs
from tests.components.synthetic import Built, build_snowflake
from vocabulary.warehouse_settings import ResolvedWarehouse

ARGS = WarehouseArgs(
    identifier="ACME_DP_PROD_LOADING",
    settings=ResolvedWarehouse(
        name="loading",
        size="XSMALL",
        auto_suspend_seconds=60,
        credit_quota=10,
        max_cluster_count=1,
        statement_timeout_seconds=600,
        statement_queued_timeout_seconds=300,
    ),
)


def _build(args: WarehouseArgs = ARGS) -> Built:
    def construct(providers):
        warehouse = ManagedWarehouse("wh", args, providers)
        # A resource naming `owned_name`, as the credit alert does.
        pulumi.CustomResource("test:index:Probe", "probe", {"warehouse": warehouse.owned_name})
        return {
            "owned_name": warehouse.owned_name,
            "roles": {suffix: role.name for suffix, role in warehouse.roles.items()},
        }

    return build_snowflake(construct)


@pytest.fixture(scope="module")
def built() -> Built:
    return _build()


def test_it_registers_the_monitor_warehouse_ownership_and_two_access_roles(built):
    assert built.resources() == [
        ("AccountRole", "wh-monitor"),
        ("AccountRole", "wh-usage"),
        ("GrantAccountRole", "wh-monitor-to-sysadmin"),
        ("GrantAccountRole", "wh-usage-to-sysadmin"),
        ("GrantOwnership", "wh-ownership"),
        ("GrantPrivilegesToAccountRole", "wh-monitor-privilege"),
        ("GrantPrivilegesToAccountRole", "wh-usage-privilege"),
        ("ResourceMonitor", "wh-monitor"),
        ("Warehouse", "wh"),
    ]
    assert built.children("wh", "ManagedWarehouse") == {name for _, name in built.resources()}


def test_the_monitor_suspends_at_the_quota_through_the_billing_provider(built):
    assert built.named("wh-monitor", "ResourceMonitor").inputs == {
        "name": "ACME_DP_PROD_LOADING_MONITOR",
        "creditQuota": 10,
        "frequency": "MONTHLY",
        "startTimestamp": "IMMEDIATELY",
        "notifyTriggers": [75, 90],
        "suspendTrigger": 100,
        "suspendImmediateTrigger": 110,
    }, "wh-monitor"
    assert built.provider_of("wh-monitor", "ResourceMonitor") == "sf-billing"


def test_the_warehouse_is_created_suspended_and_assigned_its_monitor(built):
    assert built.named("wh", "Warehouse").inputs == {
        "name": "ACME_DP_PROD_LOADING",
        "warehouseType": "STANDARD",
        "warehouseSize": "XSMALL",
        "autoSuspend": 60,
        "autoResume": "true",
        "initiallySuspended": True,
        "minClusterCount": 1,
        "maxClusterCount": 1,
        "enableQueryAcceleration": "false",
        "statementTimeoutInSeconds": 600,
        "statementQueuedTimeoutInSeconds": 300,
        "resourceMonitor": "ACME_DP_PROD_LOADING_MONITOR",
    }, "wh"
    assert built.provider_of("wh", "Warehouse") == "sf-billing"
    assert built.depends_on("wh", "Warehouse") == {"wh-monitor"}


def test_a_multi_cluster_warehouse_scales_economically():
    inputs = (
        _build(replace(ARGS, settings=replace(ARGS.settings, max_cluster_count=3)))
        .named("wh", "Warehouse")
        .inputs
    )
    assert (inputs["maxClusterCount"], inputs["scalingPolicy"]) == (3, "ECONOMY"), "wh"


def test_ownership_passes_to_sysadmin_after_the_warehouse_keeping_its_grants(built):
    ownership = built.named("wh-ownership")
    assert ownership.inputs == {
        "accountRoleName": "SYSADMIN",
        "on": {"objectType": "WAREHOUSE", "objectName": "ACME_DP_PROD_LOADING"},
        "outboundPrivileges": "COPY",
    }, "wh-ownership"
    assert built.provider_of("wh-ownership") == "sf-billing"
    assert built.depends_on("wh-ownership") == {"wh"}


@pytest.mark.parametrize(("suffix", "privilege"), [("usage", "USAGE"), ("monitor", "MONITOR")])
def test_each_access_role_holds_its_one_privilege_and_rolls_up_to_sysadmin(
    built, suffix, privilege
):
    role = f"ACME_DP_PROD_LOADING_{privilege}"
    assert built.named(f"wh-{suffix}", "AccountRole").inputs == {
        "name": role,
        "comment": f"{privilege} on warehouse ACME_DP_PROD_LOADING",
    }, f"wh-{suffix}"
    assert built.named(f"wh-{suffix}-privilege").inputs == {
        "accountRoleName": role,
        "privileges": [privilege],
        "onAccountObject": {"objectType": "WAREHOUSE", "objectName": "ACME_DP_PROD_LOADING"},
    }, f"wh-{suffix}-privilege"
    assert built.named(f"wh-{suffix}-to-sysadmin").inputs == {
        "roleName": role,
        "parentRoleName": "SYSADMIN",
    }, f"wh-{suffix}-to-sysadmin"
    providers = {
        built.provider_of(f"wh-{suffix}", "AccountRole"),
        built.provider_of(f"wh-{suffix}-privilege"),
        built.provider_of(f"wh-{suffix}-to-sysadmin"),
    }
    assert providers == {"sf-security"}, f"wh-{suffix}"


def test_the_outputs_name_the_warehouse_and_its_access_roles(built):
    assert built.outputs == {
        "owned_name": "ACME_DP_PROD_LOADING",
        "roles": {"usage": "ACME_DP_PROD_LOADING_USAGE", "monitor": "ACME_DP_PROD_LOADING_MONITOR"},
    }


def test_what_names_the_owned_warehouse_waits_for_the_ownership_grant(built):
    assert built.depends_on("probe") == {"wh", "wh-ownership"}
