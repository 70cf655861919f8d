"""access-snowflake-domain-boundary on a small synthetic stack: the marketing domain (database
MKT, its engineer and analyst), a platform analyst that consumes CAMPAIGNS, and a sales domain
whose roles reach into marketing in each way the rule forbids."""

from __future__ import annotations

from typing import Any

from policies.rules.facts.tokens import (
    SNOWFLAKE_GRANT_ACCOUNT_ROLE,
    SNOWFLAKE_GRANT_DATABASE_ROLE,
    SNOWFLAKE_GRANT_OWNERSHIP,
    SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE,
    SNOWFLAKE_GRANT_PRIVILEGES_TO_DATABASE_ROLE,
    SNOWFLAKE_MASKING_POLICY,
    SNOWFLAKE_TAG,
    SNOWFLAKE_TAG_ASSOCIATION,
)
from tests.policies.helpers import failing, run, view

RULE = "access-snowflake-domain-boundary"


def declared(consumers: dict[str, list[str]] | None = None) -> dict[str, Any]:
    domain = {
        "name": "marketing",
        "database": "MKT",
        "roles": ["MKT_ENGINEER", "MKT_ANALYST"],
        "consumers": consumers if consumers is not None else {"CAMPAIGNS": ["PLATFORM_ANALYST"]},
    }
    return {RULE: {"domains": [domain]}}


def select_future(name: str, grantee: str, schema: str, database_role: bool = True) -> Any:
    kind = SNOWFLAKE_GRANT_PRIVILEGES_TO_DATABASE_ROLE
    props: dict[str, Any] = {
        "privileges": ["SELECT"],
        "onSchemaObject": {
            "future": {"inSchema": f'"MKT"."{schema}"', "objectTypePlural": "TABLES"}
        },
    }
    if database_role:
        props["databaseRoleName"] = grantee
    else:
        kind = SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE
        props["accountRoleName"] = grantee
    return view(kind, name, props)


def role_grant(name: str, database_role: str, parent: str) -> Any:
    props = {"databaseRoleName": database_role, "parentRoleName": parent}
    return view(SNOWFLAKE_GRANT_DATABASE_ROLE, name, props)


def unmasking(*roles: str) -> list[Any]:
    """The PII tag on CONTACTS (email) and its string masking policy, unmasking `roles`."""
    held = " OR ".join(f"IS_ROLE_IN_SESSION('{r}')" for r in roles)
    body = (
        "CASE WHEN VAL IS NULL THEN NULL WHEN SYSTEM$GET_TAG_ON_CURRENT_COLUMN("
        f"'GOV.POLICIES.PII') = 'email' AND ({held}) THEN VAL ELSE '*****' END"
    )
    return [
        view(
            SNOWFLAKE_MASKING_POLICY,
            "mask-string",
            {
                "database": "GOV",
                "schema": "POLICIES",
                "name": "PII_MASK_STRING",
                "arguments": [{"name": "VAL", "type": "VARCHAR"}],
                "body": body,
            },
        ),
        view(
            SNOWFLAKE_TAG,
            "pii",
            {
                "database": "GOV",
                "schema": "POLICIES",
                "name": "PII",
                "orderedAllowedValues": ["email", "phone"],
                "maskingPolicies": ['"GOV"."POLICIES"."PII_MASK_STRING"'],
            },
        ),
        view(
            SNOWFLAKE_TAG_ASSOCIATION,
            "pii-contacts",
            {
                "objectType": "SCHEMA",
                "tagValue": "email",
                "tagId": '"GOV"."POLICIES"."PII"',
                "objectIdentifiers": ['"MKT"."CONTACTS"'],
            },
        ),
    ]


def marketing() -> list[Any]:
    """The domain as the platform builds it: access roles, its own roles, one consumer."""
    return [
        select_future("campaigns-read", '"MKT"."CAMPAIGNS_READ"', "CAMPAIGNS"),
        select_future("contacts-read", '"MKT"."CONTACTS_READ"', "CONTACTS"),
        view(
            SNOWFLAKE_GRANT_PRIVILEGES_TO_DATABASE_ROLE,
            "campaigns-owner",
            {
                "privileges": ["CREATE TABLE"],
                "databaseRoleName": '"MKT"."CAMPAIGNS_OWNER"',
                "onSchema": {"schemaName": '"MKT"."CAMPAIGNS"'},
            },
        ),
        role_grant("engineer-owner", '"MKT"."CAMPAIGNS_OWNER"', "MKT_ENGINEER"),
        role_grant("engineer-contacts", '"MKT"."CONTACTS_READ"', "MKT_ENGINEER"),
        role_grant("analyst-campaigns", '"MKT"."CAMPAIGNS_READ"', "MKT_ANALYST"),
        role_grant("analyst-contacts", '"MKT"."CONTACTS_READ"', "MKT_ANALYST"),
        role_grant("owner-to-sysadmin", '"MKT"."CAMPAIGNS_OWNER"', "SYSADMIN"),
        role_grant("consumer-campaigns", '"MKT"."CAMPAIGNS_READ"', "PLATFORM_ANALYST"),
        *unmasking("MKT_ENGINEER"),
    ]


def sales_owns_campaigns() -> Any:
    """Another domain's engineer made the owner of marketing's CAMPAIGNS schema."""
    on = {"objectType": "SCHEMA", "objectName": "MKT.CAMPAIGNS"}
    props = {"accountRoleName": "SALES_ENGINEER", "on": on}
    return view(SNOWFLAKE_GRANT_OWNERSHIP, "sales-owns-campaigns", props)


def test_the_domain_as_built_passes():
    assert failing(RULE, marketing(), config=declared()) == set()


def test_a_role_holding_a_declared_consumer_reads_through_it():
    inherits = view(
        SNOWFLAKE_GRANT_ACCOUNT_ROLE,
        "bi-holds-analyst",
        {"roleName": "PLATFORM_ANALYST", "parentRoleName": "BI_TEAM"},
    )
    assert failing(RULE, [*marketing(), inherits], config=declared()) == set()


def test_without_a_declaration_nothing_is_judged():
    stolen = sales_owns_campaigns()
    assert run(RULE, [*marketing(), stolen]) == []


def test_another_domains_engineer_owning_a_schema_fails_on_the_grant():
    stolen = sales_owns_campaigns()
    results = run(RULE, [*marketing(), stolen], config=declared())
    messages = [r.message for r in results if r.name == "sales-owns-campaigns"]
    assert any("[SALES_ENGINEER]" in m and "own or change" in m for m in messages), messages
    assert {r.name for r in results if r.status == "violation"} == {"sales-owns-campaigns"}


def test_a_write_privilege_to_an_outside_role_fails():
    writes = view(
        SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE,
        "sales-inserts",
        {
            "privileges": ["INSERT"],
            "accountRoleName": "SALES_ENGINEER",
            "onSchemaObject": {"all": {"inSchema": "MKT.CAMPAIGNS", "objectTypePlural": "TABLES"}},
        },
    )
    assert failing(RULE, [*marketing(), writes], config=declared()) == {"sales-inserts"}


def test_a_future_grant_to_an_undeclared_role_fails_on_the_grant():
    future = select_future("sales-reads-contacts", "SALES_ANALYST", "CONTACTS", database_role=False)
    results = run(RULE, [*marketing(), future], config=declared())
    assert {r.name for r in results if r.status == "violation"} == {"sales-reads-contacts"}
    assert "MKT.CONTACTS" in results[0].message and "[SALES_ANALYST]" in results[0].message


def test_an_access_role_granted_to_an_undeclared_role_fails_on_the_role_grant():
    crossing = role_grant("sales-holds-campaigns-read", '"MKT"."CAMPAIGNS_READ"', "SALES_ANALYST")
    assert failing(RULE, [*marketing(), crossing], config=declared()) == {
        "sales-holds-campaigns-read"
    }


def test_a_consumer_of_a_schema_it_may_read_passes_while_masked():
    reads_contacts = role_grant("consumer-contacts", '"MKT"."CONTACTS_READ"', "PLATFORM_ANALYST")
    consumers = {"CAMPAIGNS": ["PLATFORM_ANALYST"], "CONTACTS": ["PLATFORM_ANALYST"]}
    assert failing(RULE, [*marketing(), reads_contacts], config=declared(consumers)) == set()


def test_a_consumer_granted_the_domains_pii_category_fails_on_the_masking_policy():
    reads_contacts = role_grant("consumer-contacts", '"MKT"."CONTACTS_READ"', "PLATFORM_ANALYST")
    consumers = {"CAMPAIGNS": ["PLATFORM_ANALYST"], "CONTACTS": ["PLATFORM_ANALYST"]}
    stack = [
        *[v for v in marketing() if v.type != SNOWFLAKE_MASKING_POLICY],
        unmasking("MKT_ENGINEER", "PLATFORM_ANALYST")[0],
        reads_contacts,
    ]
    results = run(RULE, stack, config=declared(consumers))
    assert {r.name for r in results if r.status == "violation"} == {"mask-string"}
    assert "email values of MKT.CONTACTS" in results[0].message
    assert "[PLATFORM_ANALYST]" in results[0].message


def test_unmasking_a_category_of_a_schema_the_role_cannot_read_passes():
    stack = [
        *[v for v in marketing() if v.type != SNOWFLAKE_MASKING_POLICY],
        unmasking("MKT_ENGINEER", "PLATFORM_ANALYST")[0],
    ]
    assert failing(RULE, stack, config=declared()) == set()


def test_a_grant_unknown_until_apply_is_not_evaluated():
    unknown = role_grant("later", '"MKT"."CONTACTS_READ"', "04da6b54-80e4-46f7-96ec-b56ff0331ba9")
    results = run(RULE, [*marketing(), unknown], config=declared())
    assert [(r.name, r.status) for r in results] == [("later", "not-evaluated")]
