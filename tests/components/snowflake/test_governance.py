"""Governance built alone: its database and schema, the governance role's grants, one masking
policy per type bound to the PII tag, the key-pair-only policy and a tagged PII schema."""

from __future__ import annotations

import pytest

from components.protection import Protection
from components.snowflake.governance import Governance, GovernanceArgs
from components.snowflake.masking import UnmaskGrants
from components.snowflake.schema_pii_tags import PiiSchema
from tests.components.synthetic import Built, build_snowflake

ROLE = "ACME_DP_PROD_GOVERNANCE"
DB = "ACME_DP_PROD_GOV"
POLICIES = f'"{DB}"."POLICIES"'
TAG = f'"{DB}"."POLICIES"."PII"'
ARGS = GovernanceArgs(
    database=DB,
    governance_role=ROLE,
    categories=("email", "phone"),
    unmask=UnmaskGrants({"email": ["ACME_DP_PROD_SUPPORT"]}, ["ACME_DP_PROD_DPO"]),
    pii_schemas=[
        PiiSchema("crm", "curated", "ACME_DP_PROD_CURATED", '"ACME_DP_PROD_CURATED"."CRM"', "email")
    ],
    data_retention_days=7,
    protection=Protection(protect=True),
)
MASKED = {
    "string": "VARCHAR",
    "number": "NUMBER",
    "float": "FLOAT",
    "date": "DATE",
    "timestamp_ntz": "TIMESTAMP_NTZ",
    "timestamp_ltz": "TIMESTAMP_LTZ",
    "timestamp_tz": "TIMESTAMP_TZ",
}
GRANTS = {"gov", "gov-policies", "gov-database-usage", "gov-schema-privileges"}


@pytest.fixture(scope="module")
def built() -> Built:
    def construct(providers):
        governance = Governance("gov", ARGS, providers)
        return {
            "tag": governance.tag.fully_qualified_name,
            "keypair_only": governance.keypair_only_policy.fully_qualified_name,
            "masking": {k: p.name for k, p in governance.masking_policies.items()},
        }

    return build_snowflake(construct)


def test_it_registers_its_database_grants_policies_tag_and_tagged_schema(built):
    assert built.resources() == sorted(
        [
            ("Database", "gov"),
            ("Schema", "gov-policies"),
            ("GrantPrivilegesToAccountRole", "gov-database-usage"),
            ("GrantPrivilegesToAccountRole", "gov-schema-privileges"),
            ("GrantPrivilegesToAccountRole", "gov-governance-usage-curated"),
            ("Tag", "gov-pii"),
            ("Tag", "gov-data-contract"),
            ("TagAssociation", "gov-pii-crm"),
            ("AuthenticationPolicy", "gov-keypair-only"),
            *(("MaskingPolicy", f"gov-mask-{key}") for key in MASKED),
        ]
    )
    assert built.children("gov", "Governance") == {n for _, n in built.resources()}


def test_the_database_and_policies_schema_go_through_the_objects_provider(built):
    assert built.named("gov", "Database").inputs == {
        "name": DB,
        "comment": "Tags and policies, owned by the governance role",
        "dataRetentionTimeInDays": 7,
        "dropPublicSchemaOnCreation": True,
    }, "gov"
    assert built.named("gov-policies", "Schema").inputs == {
        "database": DB,
        "name": "POLICIES",
        "withManagedAccess": "true",
        "dataRetentionTimeInDays": 7,
    }, "gov-policies"
    assert built.provider_of("gov", "Database") == "sf-objects"
    assert built.provider_of("gov-policies", "Schema") == "sf-objects"


def test_the_governance_role_gets_usage_and_the_create_privileges_in_its_schema(built):
    assert built.named("gov-database-usage").inputs == {
        "accountRoleName": ROLE,
        "privileges": ["USAGE"],
        "onAccountObject": {"objectType": "DATABASE", "objectName": DB},
    }, "gov-database-usage"
    assert built.named("gov-schema-privileges").inputs == {
        "accountRoleName": ROLE,
        "privileges": [
            "USAGE",
            "CREATE TAG",
            "CREATE MASKING POLICY",
            "CREATE AUTHENTICATION POLICY",
        ],
        "onSchema": {"schemaName": POLICIES},
    }, "gov-schema-privileges"
    for name in ("gov-database-usage", "gov-schema-privileges"):
        assert built.provider_of(name) == "sf-security", name


@pytest.mark.parametrize(("key", "sql_type"), MASKED.items())
def test_each_type_has_a_masking_policy_made_by_the_governance_role_after_its_grants(
    built, key, sql_type
):
    name = f"gov-mask-{key}"
    inputs = dict(built.named(name).inputs)
    assert inputs.pop("body").startswith("CASE WHEN VAL IS NULL THEN NULL WHEN "), name
    assert inputs == {
        "database": DB,
        "schema": "POLICIES",
        "name": f"PII_MASK_{key.upper()}",
        "arguments": [{"name": "VAL", "type": sql_type}],
        "returnDataType": sql_type,
        "comment": f"Masks {sql_type} columns tagged PII, by category",
    }, name
    assert built.provider_of(name) == "sf-governance", name
    assert built.depends_on(name) == GRANTS, name


def test_a_number_is_shown_to_the_roles_allowed_its_category_and_null_to_others(built):
    tag = f"SYSTEM$GET_TAG_ON_CURRENT_COLUMN('{DB}.POLICIES.PII')"
    assert built.named("gov-mask-number").inputs["body"] == (
        "CASE WHEN VAL IS NULL THEN NULL "
        "WHEN IS_ROLE_IN_SESSION('ACME_DP_PROD_DPO') "
        f"OR ({tag} = 'email' AND IS_ROLE_IN_SESSION('ACME_DP_PROD_SUPPORT')) THEN VAL "
        "ELSE NULL END"
    ), "gov-mask-number"


def test_the_tag_allows_the_categories_and_carries_every_masking_policy(built):
    assert built.named("gov-pii", "Tag").inputs == {
        "database": DB,
        "schema": "POLICIES",
        "name": "PII",
        "orderedAllowedValues": ["email", "phone"],
        "maskingPolicies": [f'{POLICIES}."PII_MASK_{key.upper()}"' for key in MASKED],
        "comment": "PII category of a column or of every column of a schema",
    }, "gov-pii"
    assert built.provider_of("gov-pii", "Tag") == "sf-governance"
    assert built.depends_on("gov-pii", "Tag") == GRANTS | {f"gov-mask-{k}" for k in MASKED}


def test_the_contract_tag_is_free_text_beside_the_pii_tag_and_masks_nothing(built):
    assert built.named("gov-data-contract", "Tag").inputs == {
        "database": DB,
        "schema": "POLICIES",
        "name": "DATA_CONTRACT",
        "comment": "The data contracts (ODCS ids, space-separated) covering a pipe's data",
    }
    assert built.provider_of("gov-data-contract", "Tag") == "sf-governance"
    assert built.depends_on("gov-data-contract", "Tag") == GRANTS


def test_protection_holds_the_database_schema_and_tags_only(built):
    assert sorted(r.name for r in built.run.registrations if r.protect) == [
        "gov",
        "gov-data-contract",
        "gov-pii",
        "gov-policies",
    ]


def test_a_pii_schema_is_tagged_after_the_governance_role_may_use_its_database(built):
    assert built.named("gov-governance-usage-curated").inputs == {
        "accountRoleName": ROLE,
        "privileges": ["USAGE"],
        "onAccountObject": {"objectType": "DATABASE", "objectName": "ACME_DP_PROD_CURATED"},
    }, "gov-governance-usage-curated"
    assert built.named("gov-pii-crm").inputs == {
        "objectIdentifiers": ['"ACME_DP_PROD_CURATED"."CRM"'],
        "objectType": "SCHEMA",
        "tagId": TAG,
        "tagValue": "email",
    }, "gov-pii-crm"
    assert built.provider_of("gov-pii-crm") == "sf-governance"
    assert built.depends_on("gov-pii-crm") == {"gov-governance-usage-curated", "gov-pii"}


def test_service_users_may_log_in_only_with_a_key_pair_from_drivers_and_the_cli(built):
    assert built.named("gov-keypair-only").inputs == {
        "database": DB,
        "schema": "POLICIES",
        "name": "SERVICE_KEYPAIR_ONLY",
        "authenticationMethods": ["KEYPAIR"],
        "clientTypes": ["DRIVERS", "SNOWFLAKE_CLI"],
        "comment": "Service users log in with a key pair, from drivers and the CLI only",
    }, "gov-keypair-only"
    assert built.provider_of("gov-keypair-only") == "sf-governance"
    assert built.depends_on("gov-keypair-only") == GRANTS


def test_the_outputs_name_the_tag_the_policies_and_the_login_policy(built):
    assert built.outputs == {
        "tag": TAG,
        "keypair_only": f'{POLICIES}."SERVICE_KEYPAIR_ONLY"',
        "masking": {key: f"PII_MASK_{key.upper()}" for key in MASKED},
    }
