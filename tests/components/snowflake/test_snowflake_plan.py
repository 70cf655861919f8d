"""The Snowflake side of each stack's plan: cost guardrails, providers, users, PII tag."""

from __future__ import annotations

import pytest

from components.snowflake.masking import MASKED_TYPES
from stacks.snowflake_config import (
    DEFAULT_PII_CATEGORIES,
    SNOWFLAKE_ENVIRONMENT_DEFAULTS,
    WAREHOUSE_SIZES,
)
from tests.plan_helpers import of_type
from tests.stack_data import declared_databases, declared_pii_schemas

SF = "snowflake:index/"
STACKS = ["dev", "staging", "prod"]


def by_urn(document):
    return {r["urn"]: r for r in document["resources"]}


def provider_role(document, resource):
    providers = {r["urn"]: r for r in of_type(document, "pulumi:providers:snowflake")}
    reference = resource["provider"]
    provider = providers.get(reference) or providers[reference.rsplit("::", 1)[0]]
    return provider["inputs"]["role"]


@pytest.mark.parametrize("stack", STACKS)
def test_every_warehouse_has_its_own_resource_monitor_that_suspends_it(plans, stack):
    document = plans[stack]
    monitors = {
        m["inputs"]["name"]: m["inputs"]
        for m in of_type(document, f"{SF}resourceMonitor:ResourceMonitor")
    }
    warehouses = of_type(document, f"{SF}warehouse:Warehouse")
    prefix = f"ACME_DP_{stack.upper()}_"
    names = {w["inputs"]["name"] for w in warehouses}
    # The stack's workloads (its `snowflake_warehouses` output) and each domain's.
    assert set(document["outputs"]["snowflake_warehouses"].values()) <= names
    for domain in document["outputs"]["domains"]:
        assert any(n.startswith(f"{prefix}{domain.upper()}_") for n in names), domain
    assigned = [w["inputs"].get("resourceMonitor") for w in warehouses]
    assert len(set(assigned)) == len(warehouses), "warehouses share a monitor"
    assert set(assigned) == set(monitors), "a monitor watches no warehouse"
    for warehouse in warehouses:
        name = warehouse["name"]
        monitor = monitors[warehouse["inputs"]["resourceMonitor"]]
        assert monitor["creditQuota"] > 0, name
        assert monitor["notifyTriggers"] == [75, 90], name
        assert (monitor["suspendTrigger"], monitor["suspendImmediateTrigger"]) == (100, 110), name
        assert monitor["frequency"] == "MONTHLY", name


@pytest.mark.parametrize("stack", STACKS)
def test_warehouses_start_suspended_within_the_environment_caps(plans, stack):
    caps = SNOWFLAKE_ENVIRONMENT_DEFAULTS[stack]
    for warehouse in of_type(plans[stack], f"{SF}warehouse:Warehouse"):
        inputs = warehouse["inputs"]
        assert inputs["name"].startswith(f"ACME_DP_{stack.upper()}_")
        assert inputs["initiallySuspended"] is True
        assert inputs["autoResume"] == "true"
        assert 60 <= inputs["autoSuspend"] <= caps.max_auto_suspend_seconds
        assert WAREHOUSE_SIZES.index(inputs["warehouseSize"]) <= WAREHOUSE_SIZES.index(
            caps.max_warehouse_size
        )
        assert 0 < inputs["statementTimeoutInSeconds"] <= caps.max_statement_timeout_seconds
        assert inputs["statementQueuedTimeoutInSeconds"] > 0


@pytest.mark.parametrize("stack", STACKS)
def test_accountadmin_does_only_what_only_it_may(plans, stack):
    """Monitors, the warehouses they are assigned to, and handing those to SYSADMIN."""
    billing_only = {
        f"{SF}resourceMonitor:ResourceMonitor",
        f"{SF}warehouse:Warehouse",
        f"{SF}grantOwnership:GrantOwnership",
    }
    document = plans[stack]
    for resource in document["resources"]:
        if resource["type"].startswith(SF) and resource["custom"]:
            role = provider_role(document, resource)
            expected = resource["type"] in billing_only
            assert (role == "ACCOUNTADMIN") == expected, f"{resource['name']} runs as {role}"


@pytest.mark.parametrize("stack", STACKS)
def test_every_warehouse_is_handed_to_sysadmin_keeping_its_grants(plans, stack):
    document = plans[stack]
    handed = {
        g["inputs"]["on"]["objectName"]: g["inputs"]
        for g in of_type(document, f"{SF}grantOwnership:GrantOwnership")
        if g["inputs"]["on"]["objectType"] == "WAREHOUSE"
    }
    for warehouse in of_type(document, f"{SF}warehouse:Warehouse"):
        grant = handed.get(warehouse["inputs"]["name"])
        assert grant, f"{warehouse['name']}: no ownership grant to SYSADMIN"
        assert (grant["accountRoleName"], grant["outboundPrivileges"]) == ("SYSADMIN", "COPY")


@pytest.mark.parametrize(
    ("short_type", "role"),
    [
        ("warehouse:Warehouse", "ACCOUNTADMIN"),
        ("database:Database", "SYSADMIN"),
        ("schema:Schema", "SYSADMIN"),
        ("databaseRole:DatabaseRole", "SYSADMIN"),
        ("accountRole:AccountRole", "SECURITYADMIN"),
        ("grantAccountRole:GrantAccountRole", "SECURITYADMIN"),
        ("grantPrivilegesToDatabaseRole:GrantPrivilegesToDatabaseRole", "SECURITYADMIN"),
        ("serviceUser:ServiceUser", "SECURITYADMIN"),
        ("networkPolicy:NetworkPolicy", "SECURITYADMIN"),
        ("tag:Tag", "GOVERNANCE_ADMIN"),
        ("maskingPolicy:MaskingPolicy", "GOVERNANCE_ADMIN"),
        ("tagAssociation:TagAssociation", "GOVERNANCE_ADMIN"),
        ("authenticationPolicy:AuthenticationPolicy", "GOVERNANCE_ADMIN"),
    ],
)
def test_each_kind_of_object_is_owned_by_its_administrative_role(plans, short_type, role):
    document = plans["prod"]
    resources = of_type(document, f"{SF}{short_type}")
    assert resources
    assert {provider_role(document, r) for r in resources} == {role}


def test_providers_authenticate_with_a_key_pair(plans):
    for provider in of_type(plans["prod"], "pulumi:providers:snowflake"):
        inputs = provider["inputs"]
        assert inputs["authenticator"] == "SNOWFLAKE_JWT"
        assert "password" not in inputs
        assert (inputs["organizationName"], inputs["accountName"]) == ("ACME", "DATA_PROD")


@pytest.mark.parametrize("stack", STACKS)
def test_service_users_log_in_with_a_key_pair_from_listed_networks_only(plans, stack):
    document = plans[stack]
    users = of_type(document, f"{SF}serviceUser:ServiceUser")
    assert users
    policies = {
        p["inputs"]["name"]: p["inputs"]
        for p in of_type(document, f"{SF}networkPolicy:NetworkPolicy")
    }
    auth = {
        a["inputs"]["userName"]: a["inputs"]
        for a in of_type(
            document, f"{SF}userAuthenticationPolicyAttachment:UserAuthenticationPolicyAttachment"
        )
    }
    (keypair_only,) = of_type(document, f"{SF}authenticationPolicy:AuthenticationPolicy")
    role_grants = {
        (g["inputs"].get("userName"), g["inputs"]["roleName"])
        for g in of_type(document, f"{SF}grantAccountRole:GrantAccountRole")
    }
    for user in users:
        inputs = user["inputs"]
        name = inputs["name"]
        assert "password" not in inputs, name
        assert inputs["rsaPublicKey"] and "-----" not in inputs["rsaPublicKey"], name
        assert policies[inputs["networkPolicy"]]["allowedIpLists"], name
        assert "0.0.0.0/0" not in policies[inputs["networkPolicy"]]["allowedIpLists"]
        assert auth[name]["authenticationPolicyName"].endswith(
            f'"{keypair_only["inputs"]["name"]}"'
        )
        assert (name, inputs["defaultRole"]) in role_grants, f"{name}: default role not granted"
        assert inputs["defaultWarehouse"].startswith(f"ACME_DP_{stack.upper()}_")
        assert inputs["defaultSecondaryRolesOption"] == "NONE"
    assert keypair_only["inputs"]["authenticationMethods"] == ["KEYPAIR"]


def test_generated_private_keys_are_rsa_and_stay_out_of_the_plan(plans):
    keys = of_type(plans["prod"], "tls:index/privateKey:PrivateKey")
    # No prod service user (platform or domain pipeline) brings its own public key:
    # each has two generated keys, one per key slot.
    assert len(keys) == 2 * len(of_type(plans["prod"], f"{SF}serviceUser:ServiceUser"))
    assert {(k["inputs"]["algorithm"], k["inputs"]["rsaBits"]) for k in keys} == {("RSA", 2048)}
    assert "PRIVATE KEY" not in str(plans["prod"]["resources"])


@pytest.mark.parametrize("stack", STACKS)
def test_the_pii_tag_allows_the_categories_and_masks_every_data_type(plans, stack):
    document = plans[stack]
    (tag,) = [t for t in of_type(document, f"{SF}tag:Tag") if t["inputs"]["name"] == "PII"]
    assert tag["inputs"]["orderedAllowedValues"] == list(DEFAULT_PII_CATEGORIES)
    policies = of_type(document, f"{SF}maskingPolicy:MaskingPolicy")
    assert {p["inputs"]["returnDataType"] for p in policies} == {t.sql_type for t in MASKED_TYPES}
    qualified = {'"{database}"."{schema}"."{name}"'.format(**p["inputs"]) for p in policies}
    assert set(tag["inputs"]["maskingPolicies"]) == qualified
    for policy in policies:
        inputs = policy["inputs"]
        assert inputs["arguments"][0]["type"] == inputs["returnDataType"]


def test_schemas_declared_pii_are_tagged_with_their_category(plans):
    associations = [
        a
        for a in of_type(plans["prod"], f"{SF}tagAssociation:TagAssociation")
        if a["inputs"]["tagId"].endswith('."PII"')
    ]
    tagged = {(a["inputs"]["objectIdentifiers"][0], a["inputs"]["tagValue"]) for a in associations}
    assert tagged == declared_pii_schemas("prod")
    assert ('"ACME_DP_PROD_DOMAIN_MARKETING"."CONTACTS"', "email") in tagged  # the domain's
    assert {a["inputs"]["objectType"] for a in associations} == {"SCHEMA"}


@pytest.mark.parametrize("stack", STACKS)
def test_schemas_have_managed_access_and_the_environments_time_travel(plans, stack):
    days = SNOWFLAKE_ENVIRONMENT_DEFAULTS[stack].data_retention_days
    for kind in ("database:Database", "schema:Schema"):
        for resource in of_type(plans[stack], f"{SF}{kind}"):
            assert resource["inputs"]["dataRetentionTimeInDays"] == days, resource["name"]
    for schema in of_type(plans[stack], f"{SF}schema:Schema"):
        assert schema["inputs"]["withManagedAccess"] == "true", schema["name"]


def test_each_lake_zone_and_each_domain_has_a_database(plans):
    document = plans["dev"]
    names = {d["inputs"]["name"] for d in of_type(document, f"{SF}database:Database")}
    expected = {f"ACME_DP_DEV_{z}" for z in ("RAW", "STAGED", "CURATED", "DOMAIN_MARKETING")}
    assert expected <= names
    domains = {f"ACME_DP_DEV_DOMAIN_{d.upper()}" for d in document["outputs"]["domains"]}
    assert domains <= names
    # Exactly what the files declare (zones, databases, domains), the governance one and
    # the ops one (the credit alert's).
    assert names == set(declared_databases("dev")) | {"ACME_DP_DEV_GOVERNANCE", "ACME_DP_DEV_OPS"}


@pytest.mark.parametrize(("stack", "protected"), [("dev", False), ("prod", True)])
def test_databases_schemas_and_the_pii_tag_are_protected_in_prod_only(plans, stack, protected):
    for kind in ("database:Database", "schema:Schema", "tag:Tag"):
        for resource in of_type(plans[stack], f"{SF}{kind}"):
            assert resource["protect"] is protected, resource["name"]
            assert resource["retainOnDelete"] is protected, resource["name"]


def test_future_grants_are_made_at_schema_level_only(plans):
    for grant in of_type(
        plans["prod"], f"{SF}grantPrivilegesToDatabaseRole:GrantPrivilegesToDatabaseRole"
    ):
        scope = grant["inputs"].get("onSchemaObject") or {}
        for when in scope.values():
            assert "inSchema" in when and "inDatabase" not in when, grant["name"]
