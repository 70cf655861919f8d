"""The effective privileges of functional roles, computed from the plans' grants."""

from __future__ import annotations

import pytest

from policies.rules.facts.tokens import (
    PROVIDER_SNOWFLAKE,
    SNOWFLAKE_DATABASE,
    SNOWFLAKE_GRANT_OWNERSHIP,
)
from policies.rules.snowflake.masking_eval import evaluate
from scripts.role_graph import Privilege, can, held_roles, privileges, role_graph
from tests.plan_helpers import of_type
from tests.stack_data import declared_databases, platform

ADMIN_ROLES = {"ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN", "ORGADMIN", "SYSADMIN"}


@pytest.fixture(scope="module")
def prod(plans):
    return role_graph(plans["prod"]["resources"])


def sf(name: str) -> str:
    return f"ACME_DP_PROD_{name}"


def test_the_analyst_reads_curated_but_cannot_write_or_read_raw(prod):
    analyst = sf("ANALYST")
    assert can(prod, analyst, "SELECT", sf("CURATED.SALES"))
    assert can(prod, analyst, "USAGE", sf("REPORTING"))
    assert not can(prod, analyst, "INSERT", sf("CURATED.SALES"))
    for schema in ("RAW.CRM", "RAW.EVENTS"):
        assert not can(prod, analyst, "SELECT", sf(schema))
        assert not can(prod, analyst, "INSERT", sf(schema))


def test_the_loader_writes_raw_and_touches_nothing_else(prod):
    """Exactly what prod's `loader` entry grants: its databases, each of their declared
    schemas (written), its warehouses."""
    config = platform("prod")["snowflake"]
    (role,) = [r for r in config["functional_roles"] if r["name"] == "loader"]
    assert "raw" in role["own"]
    loader = sf("LOADER")
    schemas = declared_databases("prod")
    expected = {sf(w.upper()) for w in role["warehouses"]}
    for database in (sf(d.upper()) for d in role["own"]):
        assert schemas[database], f"{database}: no schema declared"
        expected.add(database)
        for schema in (f"{database}.{s['name'].upper()}" for s in schemas[database]):
            assert can(prod, loader, "INSERT", schema), schema
            assert can(prod, loader, "CREATE TABLE", schema), schema
            expected.add(schema)
    targets = {p.target for p in privileges(prod, loader)}
    assert targets == expected


def test_the_transformer_reads_raw_but_cannot_write_it(prod):
    transformer = sf("TRANSFORMER")
    assert can(prod, transformer, "SELECT", sf("RAW.CRM"))
    assert not can(prod, transformer, "INSERT", sf("RAW.CRM"))
    assert can(prod, transformer, "INSERT", sf("CURATED.SALES"))


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_no_functional_role_holds_an_administrative_role(plans, stack):
    graph = role_graph(plans[stack]["resources"])
    roles = of_type(plans[stack], "snowflake:index/accountRole:AccountRole")
    assert roles
    for role in roles:
        held = held_roles(graph, role["inputs"]["name"])
        assert not held & ADMIN_ROLES, f"{role['name']} holds {held & ADMIN_ROLES}"


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_every_created_role_rolls_up_to_sysadmin(plans, stack):
    graph = role_graph(plans[stack]["resources"])
    under_sysadmin = held_roles(graph, "SYSADMIN")
    for kind in ("accountRole:AccountRole", "databaseRole:DatabaseRole"):
        for role in of_type(plans[stack], f"snowflake:index/{kind}"):
            inputs = role["inputs"]
            name = ".".join(inputs[k] for k in ("database", "name") if k in inputs)
            assert name.upper() in under_sysadmin, f"{role['name']} is an orphan role"


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_no_grant_to_public_no_admin_role_granted_and_no_all_privileges(plans, stack):
    graph = role_graph(plans[stack]["resources"])
    assert "PUBLIC" not in graph.direct and "PUBLIC" not in graph.members
    granted = {role for members in graph.members.values() for role in members}
    assert not granted & ADMIN_ROLES
    assert not any(p.privilege == "ALL PRIVILEGES" for ps in graph.direct.values() for p in ps)


def test_only_the_governance_role_may_apply_tags_or_masking_policies(plans):
    graph = role_graph(plans["prod"]["resources"])
    for role, direct in graph.direct.items():
        applies = {p.privilege for p in direct if p.privilege.startswith("APPLY")}
        assert not applies or role == "GOVERNANCE_ADMIN", f"{role} may {applies}"


def test_the_loader_service_user_reads_no_pii_in_clear(plans):
    """Its session roles, from the role graph, get masked values from every policy."""
    graph = role_graph(plans["prod"]["resources"])
    session = held_roles(graph, sf("AIRFLOW_LOADER"))
    assert sf("LOADER") in session
    for policy in of_type(plans["prod"], "snowflake:index/maskingPolicy:MaskingPolicy"):
        inputs = policy["inputs"]
        if inputs["returnDataType"] != "VARCHAR":
            continue
        for category in ("email", "phone", "name", "national_id"):
            value = "jane.doe@example.com"
            got = evaluate(
                inputs["body"], "VARCHAR", value, category=category, session_roles=session
            )
            assert got != value, f"the loader sees clear {category}"


def test_ownership_follows_the_provider_role(plans):
    graph = role_graph(plans["prod"]["resources"])
    assert Privilege("OWNERSHIP", "DATABASE", sf("RAW")) in graph.direct["SYSADMIN"]
    assert (
        Privilege("OWNERSHIP", "TAG", sf("GOVERNANCE.POLICIES.PII"))
        in graph.direct["GOVERNANCE_ADMIN"]
    )
    # Warehouses are created by ACCOUNTADMIN (only it may assign a monitor) and handed
    # to SYSADMIN; ACCOUNTADMIN keeps the monitors, one per warehouse, and nothing else.
    warehouse_owners = {
        role
        for role, held in graph.direct.items()
        for p in held
        if p.on == "WAREHOUSE" and p.privilege == "OWNERSHIP"
    }
    assert warehouse_owners == {"SYSADMIN"}
    billing = graph.direct["ACCOUNTADMIN"]
    assert {p.on for p in billing} == {"RESOURCE MONITOR"}, billing
    warehouses = of_type(plans["prod"], "snowflake:index/warehouse:Warehouse")
    assigned = {w["inputs"]["resourceMonitor"] for w in warehouses}
    assert len(assigned) == len(warehouses), "warehouses share a monitor"
    assert {p.target for p in billing} == assigned
    platform = ("LOADING", "TRANSFORMING", "REPORTING", "MARKETING_MARKETING")
    assert {sf(f"{w}_MONITOR") for w in platform} <= assigned


def test_a_transferred_ownership_leaves_its_creator():
    resources = [
        {"urn": "p", "type": PROVIDER_SNOWFLAKE, "inputs": {"role": "SYSADMIN"}},
        {
            "urn": "db",
            "type": SNOWFLAKE_DATABASE,
            "provider": "p::id",
            "inputs": {"name": "RAW"},
        },
        {
            "urn": "own",
            "type": SNOWFLAKE_GRANT_OWNERSHIP,
            "inputs": {
                "accountRoleName": "LOADER",
                "on": {"objectType": "DATABASE", "objectName": "RAW"},
            },
        },
    ]
    graph = role_graph(resources)
    owned = Privilege("OWNERSHIP", "DATABASE", "RAW")
    assert owned not in privileges(graph, "SYSADMIN")
    assert privileges(graph, "LOADER") == {owned}
    assert set(graph.direct) == {"SYSADMIN", "LOADER"}
