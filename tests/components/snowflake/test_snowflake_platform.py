"""SnowflakePlatform built alone from one warehouse, one database, one functional role and two
service users: what it composes, and how it wires each building block to the others."""

from __future__ import annotations

import pytest

from components.protection import Protection
from components.snowflake.managed_database import DatabaseArgs, SchemaArgs
from components.snowflake.managed_warehouse import WarehouseArgs
from components.snowflake.providers import SnowflakeConnection
from components.snowflake.role_model import FunctionalRoleSpec, UnmaskRole
from components.snowflake.snowflake_platform import (
    DatabaseSpec,
    ServiceUserSpec,
    SnowflakePlatform,
    SnowflakePlatformArgs,
)
from tests.components.orchestration.conftest import NAMING
from tests.components.synthetic import Built, Probe, build
from vocabulary.warehouse_settings import ResolvedWarehouse

PLATFORM = "dataplatform:snowflake:SnowflakePlatform"


def _args(egress) -> SnowflakePlatformArgs:
    return SnowflakePlatformArgs(
        naming=NAMING,
        connection=SnowflakeConnection("ACME", "DATA_PROD", "DEPLOY"),
        governance_role="GOV_ADMIN",
        warehouses={
            "loading": WarehouseArgs(
                "ACME_DP_PROD_LOADING", ResolvedWarehouse("loading", "XSMALL", 60, 10, 1, 600, 300)
            )
        },
        databases=(
            DatabaseSpec(
                "raw",
                DatabaseArgs("ACME_DP_PROD_RAW", (SchemaArgs("main", "MAIN"),), 1),
                {"main": "email"},
            ),
        ),
        functional_roles=(
            FunctionalRoleSpec(
                "loader",
                "ACME_DP_PROD_LOADER",
                write=("raw",),
                warehouses=("loading",),
                unmask=("email",),
            ),
        ),
        service_users=(
            ServiceUserSpec("bot", "loader", "loading", ("203.0.113.10/32",)),
            ServiceUserSpec("ext", "loader", "loading", ("198.51.100.7/32",), "MIIBext"),
        ),
        pii_categories=("email",),
        data_retention_days=1,
        protection=Protection(),
        unmask_roles=(UnmaskRole("ACME_DP_PROD_SALES_ANALYST", ("*",)),),
        airflow_egress_ips=(egress,),
    )


@pytest.fixture(scope="module")
def built() -> Built:
    def construct():
        platform = SnowflakePlatform("sf", _args(Probe("nat-eip", "192.0.2.1").value))
        return {
            "warehouses": sorted(platform.warehouses),
            "databases": sorted(platform.databases),
            "functional_roles": sorted(platform.functional_roles),
            "service_users": sorted(platform.service_users),
            "tag": platform.governance.tag.fully_qualified_name,
        }

    return build(construct)


def _components(built: Built, parent: str) -> set[tuple[str, str]]:
    urn = built.named(parent, "SnowflakePlatform").urn
    return {
        (r.type.rsplit(":", 1)[1], r.name)
        for r in built.run.registrations
        if r.parent == urn and not r.custom
    }


def test_it_composes_one_building_block_per_configured_entry(built):
    assert _components(built, "sf") == {
        ("ManagedWarehouse", "sf-wh-loading"),
        ("ManagedDatabase", "sf-db-raw"),
        ("FunctionalRole", "sf-role-loader"),
        ("Governance", "sf-governance"),
        ("PipelineServiceUser", "sf-user-bot"),
        ("PipelineServiceUser", "sf-user-ext"),
    }


def test_it_owns_the_four_role_scoped_providers(built):
    providers = {
        r.name: r.inputs["role"] for r in built.of("snowflake") if r.type.startswith("pulumi:")
    }
    assert providers == {
        "sf-objects": "SYSADMIN",
        "sf-security": "SECURITYADMIN",
        "sf-governance": "GOV_ADMIN",
        "sf-billing": "ACCOUNTADMIN",
    }
    assert built.children("sf", "SnowflakePlatform") >= set(providers)


def test_the_functional_role_gets_the_access_level_the_role_model_asks_and_warehouse_usage(
    built,
):
    grants = {
        r.name: r.inputs
        for r in built.of("GrantDatabaseRole") + built.of("GrantAccountRole")
        if r.parent and r.parent.endswith("::sf-role-loader")
    }
    assert grants == {
        "sf-role-loader-raw-main-write": {
            "databaseRoleName": '"ACME_DP_PROD_RAW"."MAIN_WRITE"',
            "parentRoleName": "ACME_DP_PROD_LOADER",
        },
        "sf-role-loader-wh-loading-usage": {
            "roleName": "ACME_DP_PROD_LOADING_USAGE",
            "parentRoleName": "ACME_DP_PROD_LOADER",
        },
        "sf-role-loader-to-sysadmin": {
            "roleName": "ACME_DP_PROD_LOADER",
            "parentRoleName": "SYSADMIN",
        },
    }
    assert built.named("sf-role-loader", "AccountRole").inputs["comment"] == (
        "Functional role loader"
    )


def test_governance_lives_in_the_stacks_governance_database_and_tags_the_pii_schema(built):
    assert built.named("sf-governance", "Database").inputs["name"] == "ACME_DP_PROD_GOVERNANCE"
    assert built.named("sf-governance-pii-raw-main").inputs == {
        "objectIdentifiers": ['"ACME_DP_PROD_RAW"."MAIN"'],
        "objectType": "SCHEMA",
        "tagId": '"ACME_DP_PROD_GOVERNANCE"."POLICIES"."PII"',
        "tagValue": "email",
    }, "sf-governance-pii-raw-main"
    assert built.named("sf-governance-governance-usage-raw").inputs["onAccountObject"] == {
        "objectType": "DATABASE",
        "objectName": "ACME_DP_PROD_RAW",
    }, "sf-governance-governance-usage-raw"


def test_functional_and_outside_roles_both_unmask_what_they_are_allowed(built):
    body = built.named("sf-governance-mask-number").inputs["body"]
    tag = "SYSTEM$GET_TAG_ON_CURRENT_COLUMN('ACME_DP_PROD_GOVERNANCE.POLICIES.PII')"
    assert body == (
        "CASE WHEN VAL IS NULL THEN NULL "
        "WHEN IS_ROLE_IN_SESSION('ACME_DP_PROD_SALES_ANALYST') "
        f"OR ({tag} = 'email' AND IS_ROLE_IN_SESSION('ACME_DP_PROD_LOADER')) THEN VAL "
        "ELSE NULL END"
    ), "sf-governance-mask-number"


@pytest.mark.parametrize("user", ["bot", "ext"])
def test_each_service_user_defaults_to_its_role_and_warehouse_after_both_exist(built, user):
    inputs = built.named(f"sf-user-{user}", "ServiceUser").inputs
    assert (inputs["name"], inputs["defaultRole"], inputs["defaultWarehouse"]) == (
        f"ACME_DP_PROD_{user.upper()}",
        "ACME_DP_PROD_LOADER",
        "ACME_DP_PROD_LOADING",
    ), f"sf-user-{user}"
    assert {"sf-role-loader", "sf-wh-loading"} <= built.depends_on(
        f"sf-user-{user}", "ServiceUser"
    ), f"sf-user-{user}"


@pytest.mark.parametrize("user", ["bot", "ext"])
def test_each_service_user_is_held_to_the_governance_key_pair_policy(built, user):
    attachment = built.named(f"sf-user-{user}-keypair-only")
    assert attachment.inputs == {
        "authenticationPolicyName": '"ACME_DP_PROD_GOVERNANCE"."POLICIES"."SERVICE_KEYPAIR_ONLY"',
        "userName": f"ACME_DP_PROD_{user.upper()}",
    }, f"sf-user-{user}-keypair-only"
    assert built.depends_on(f"sf-user-{user}-keypair-only") == {
        "sf-governance-keypair-only",
        f"sf-user-{user}",
    }, f"sf-user-{user}-keypair-only"


def test_airflow_egress_is_allowed_only_for_the_user_whose_key_the_program_generates(built):
    networks = {r.name: r.inputs["allowedIpLists"] for r in built.of("NetworkPolicy")}
    assert networks == {
        "sf-user-bot-network": ["203.0.113.10/32", "192.0.2.1"],
        "sf-user-ext-network": ["198.51.100.7/32"],
    }
    assert "nat-eip" in built.depends_on("sf-user-bot-network")


def test_its_outputs_hold_each_building_block_by_key(built):
    assert built.outputs == {
        "warehouses": ["loading"],
        "databases": ["raw"],
        "functional_roles": ["loader"],
        "service_users": ["bot", "ext"],
        "tag": '"ACME_DP_PROD_GOVERNANCE"."POLICIES"."PII"',
    }
