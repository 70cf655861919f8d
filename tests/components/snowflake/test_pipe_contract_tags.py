"""The DATA_CONTRACT tag on contracted pipes: one association per pipe, as the governance
role, after USAGE on the pipe's schema (and database, unless already granted), replaced
with its pipe; its value is the crawler's `data-contract` value."""

from __future__ import annotations

import json

import pulumi_snowflake as snowflake
import pytest

from components.quality.tagging import contract_tags
from components.snowflake.pipe_contract_tags import (
    TAG_VALUE_MAX,
    ContractedPipe,
    PipeContractTags,
    PipeContractTagsArgs,
    contract_tag_value,
)
from components.snowflake.providers import SnowflakeProviders
from policies.rules.facts.names import DATA_CONTRACT_TAG
from tests.components.synthetic import GOVERNANCE_ROLE, Built, build_snowflake
from tests.plan_helpers import of_type

TAG = '"GOV"."POLICIES"."DATA_CONTRACT"'
GRANT_NAMES = {"t-usage-db-dom", "t-usage-schema-dom-contacts"}
GRANT = "snowflake:index/grantPrivilegesToAccountRole:GrantPrivilegesToAccountRole"


def built(granted: frozenset[str] = frozenset()) -> Built:
    def construct(providers: SnowflakeProviders) -> dict[str, object]:
        pipe = snowflake.Pipe(
            "pipe",
            database="DOM_DB",
            schema="CONTACTS",
            name="DOM_SRC_PIPE",
            copy_statement="COPY INTO DOM_DB.CONTACTS.T FROM @DOM_DB.CONTACTS.S",
        )
        contracted = ContractedPipe(
            key="dom-src",
            database_key="dom",
            database="DOM_DB",
            schema_key="dom-contacts",
            schema='"DOM_DB"."CONTACTS"',
            pipe=pipe,
            contracts=("urn:b", "urn:a", "urn:b"),
        )
        tags = PipeContractTags(
            "t",
            PipeContractTagsArgs([contracted], TAG, GOVERNANCE_ROLE, granted_databases=granted),
            providers,
        )
        return {"n": len(tags.associations)}

    return build_snowflake(construct)


def test_one_association_on_the_pipe_as_the_governance_role_after_both_usage_grants():
    b = built()
    assert b.children("t", "PipeContractTags") == {"t-dom-src", *GRANT_NAMES}
    association = b.named("t-dom-src")
    assert association.inputs == {
        "objectIdentifiers": ['"DOM_DB"."CONTACTS"."DOM_SRC_PIPE"'],
        "objectType": "PIPE",
        "tagId": TAG,
        "tagValue": "urn:a urn:b",
    }
    assert b.provider_of("t-dom-src") == "sf-governance"
    grants = GRANT_NAMES
    assert b.depends_on("t-dom-src") >= grants
    assert b.named("t-usage-db-dom").inputs == {
        "accountRoleName": GOVERNANCE_ROLE,
        "privileges": ["USAGE"],
        "onAccountObject": {"objectType": "DATABASE", "objectName": "DOM_DB"},
    }
    assert b.named("t-usage-schema-dom-contacts").inputs == {
        "accountRoleName": GOVERNANCE_ROLE,
        "privileges": ["USAGE"],
        "onSchema": {"schemaName": '"DOM_DB"."CONTACTS"'},
    }
    for grant in grants:
        assert b.provider_of(grant) == "sf-security", grant


def test_the_association_is_replaced_with_its_pipe():
    b = built()
    assert b.named("t-dom-src").replace_with == [b.named("pipe").urn]


def test_a_database_the_domain_already_granted_gets_no_second_grant():
    names = {name for _, name in built(frozenset({"dom"})).resources()}
    assert "t-usage-db-dom" not in names
    assert "t-usage-schema-dom-contacts" in names


def test_the_value_is_the_crawlers_data_contract_tag():
    ids = ("urn:x", "urn:a")
    assert contract_tag_value(ids) == contract_tags({}, ids)[DATA_CONTRACT_TAG] == "urn:a urn:x"


def test_no_contract_or_a_value_over_256_characters_is_refused():
    with pytest.raises(ValueError, match="no contract id"):
        contract_tag_value(())
    with pytest.raises(ValueError, match="256"):
        contract_tag_value(["u" * (TAG_VALUE_MAX + 1)])


def test_no_privilege_grant_is_made_twice_in_the_real_plans(plans):
    """The pipe tags grant the domain's database USAGE only where its PII schema tags did
    not: two resources holding one grant would revoke it for both when either goes."""
    for stack, document in plans.items():
        seen: dict[str, str] = {}
        for grant in of_type(document, GRANT):
            key = json.dumps(grant["inputs"], sort_keys=True)
            assert key not in seen, (stack, grant["name"], seen.get(key))
            seen[key] = grant["name"]
