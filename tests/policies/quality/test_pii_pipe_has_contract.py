"""pii-pipe-has-contract on small synthetic stacks: a pipe whose source role is tagged
`domain` and `data-classification: pii` must carry the DATA_CONTRACT tag (one compliant
case, one per way to fail, the cases it leaves alone), and the real plans comply."""

from __future__ import annotations

from typing import Any

from policies.rules.core.view import ResourceView
from policies.rules.facts import arns
from scripts.plan.policy import views
from tests.policies.helpers import failing, run, view

RULE = "pii-pipe-has-contract"
SF = "snowflake:index/{0}:{1}"
COPY = (
    'COPY INTO "DOM"."CONTACTS"."DOM_SRC_LANDING" (RECORD) FROM (SELECT $1 FROM '
    '@"DOM"."CONTACTS"."DOM_SRC_STAGE") FILE_FORMAT = (TYPE = \'JSON\')'
)
PIPE_ID = '"DOM"."CONTACTS"."DOM_SRC_PIPE"'
ROLE = "acme-dp-prod-snowflake-dom-src"
DOMAIN_PII = {"data-classification": "pii", "domain": "dom", "owner": "a@b.c"}


def source(tags: Any = DOMAIN_PII, copy: Any = COPY) -> list[ResourceView]:
    """The handshake: role (tagged `tags`), integration, stage, and the pipe."""
    where = {"database": "DOM", "schema": "CONTACTS"}
    return [
        view("aws:iam/role:Role", "role", {"name": ROLE, "tags": tags}),
        view(
            SF.format("storageIntegrationAws", "StorageIntegrationAws"),
            "int",
            {
                "name": "DOM_SRC_INTEGRATION",
                "storageAwsRoleArn": arns.iam_role("111122223333", ROLE),
            },
        ),
        view(
            SF.format("stageExternalS3", "StageExternalS3"),
            "stage",
            {**where, "name": "DOM_SRC_STAGE", "storageIntegration": "DOM_SRC_INTEGRATION"},
        ),
        view(
            SF.format("pipe", "Pipe"),
            "pipe",
            {**where, "name": "DOM_SRC_PIPE", "copyStatement": copy},
        ),
    ]


def contract(target: Any = PIPE_ID, value: Any = "urn:c", tag: str = "DATA_CONTRACT"):
    return view(
        SF.format("tagAssociation", "TagAssociation"),
        "contract",
        {
            "tagId": f'"GOV"."POLICIES"."{tag}"',
            "objectType": "PIPE",
            "objectIdentifiers": [target],
            "tagValue": value,
        },
    )


def test_a_pii_domain_pipe_tagged_with_its_contract_complies():
    assert failing(RULE, [*source(), contract()]) == set()


def test_a_pii_domain_pipe_without_the_contract_tag_is_a_violation_naming_it():
    [result] = [r for r in run(RULE, source()) if r.status == "violation"]
    assert result.name == "pipe"
    assert "domain dom" in result.message, result.message
    assert "DATA_CONTRACT tag on DOM.CONTACTS.DOM_SRC_PIPE" in result.message, result.message


def test_an_empty_contract_value_is_a_violation():
    assert failing(RULE, [*source(), contract(value=" ")]) == {"pipe"}


def test_the_contract_tag_on_another_pipe_does_not_count():
    other = contract(target='"DOM"."CONTACTS"."OTHER_PIPE"')
    assert failing(RULE, [*source(), other]) == {"pipe"}


def test_another_tag_on_the_pipe_does_not_count():
    assert failing(RULE, [*source(), contract(tag="COST_CENTER")]) == {"pipe"}


def test_pipes_of_other_classifications_or_of_the_platform_are_not_checked():
    internal = {**DOMAIN_PII, "data-classification": "internal"}
    assert failing(RULE, source(tags=internal)) == set()
    platform = {k: v for k, v in DOMAIN_PII.items() if k != "domain"}
    assert failing(RULE, source(tags=platform)) == set()


def test_an_unknown_association_leaves_the_pipe_not_evaluated():
    unknown = contract(target="04da6b54-80e4-46f7-96ec-b56ff0331ba9")
    results = run(RULE, [*source(), unknown])
    assert [r.status for r in results] == ["not-evaluated"], results


def test_every_pipe_of_the_real_plans_complies_and_prods_domain_pipe_is_checked(plans):
    for stack_name, document in plans.items():
        assert not [v for v in document["violations"] if v["policy"] == RULE], stack_name
    # the rule sees the marketing pipe: removing its association makes prod fail
    bare = [
        v
        for v in views(plans["prod"])
        if not (v.type.endswith("TagAssociation") and v.get("objectType") == "PIPE")
    ]
    assert failing(RULE, bare) == {"data-platform-domain-marketing-ingest-hubspot-pipe"}
