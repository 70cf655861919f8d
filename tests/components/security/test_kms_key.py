"""Keys rotate, name their principals, and get an alias and an environment's deletion window."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from components.protection import Protection
from components.security.kms_key import (
    ADMIN_ACTIONS,
    KmsKey,
    KmsKeyArgs,
    events_to_sns_statement,
    key_policy,
)
from tests.components.synthetic import Built, build
from tests.plan_helpers import lake_keys, of_type
from tests.stack_data import replicated_zones


def test_key_policy_names_only_the_root_and_configured_roles():
    admin = "arn:aws:iam::111122223333:role/admin"
    user = "arn:aws:iam::111122223333:role/etl"
    policy = key_policy("111122223333", [admin], [user])
    principals = [s["Principal"] for s in policy["Statement"]]
    assert principals == [
        {"AWS": "arn:aws:iam::111122223333:root"},
        {"AWS": [admin]},
        {"AWS": [user]},
    ]
    assert policy["Statement"][1]["Action"] == list(ADMIN_ACTIONS)
    assert "kms:Decrypt" not in policy["Statement"][1]["Action"]


def test_key_policy_without_named_roles_has_only_the_root_statement():
    policy = key_policy("111122223333")
    assert [s["Sid"] for s in policy["Statement"]] == ["AccountRootAdministersKey"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"deletion_window_days": 3}, "deletion_window_days"), ({"alias_name": "lake"}, "alias_name")],
)
def test_bad_key_arguments_fail_naming_the_field(changes, field):
    base = {"alias_name": "alias/x", "description": "x", "account_id": "111122223333", "tags": {}}
    with pytest.raises(ValueError, match=field):
        KmsKeyArgs(**{**base, **changes})


def test_every_planned_key_rotates_and_has_no_wildcard_principal(stack_plan):
    keys = of_type(stack_plan, "aws:kms/key:Key")
    assert len(lake_keys(stack_plan)) == 3
    for key in keys:
        inputs = key["inputs"]
        assert inputs["enableKeyRotation"] is True, key["name"]
        for statement in json.loads(inputs["policy"])["Statement"]:
            principal = statement["Principal"]
            assert principal != "*" and principal.get("AWS") != "*", key["name"]


def test_deletion_window_follows_the_environment(plans):
    expected = {"dev": 7, "staging": 14, "prod": 30}
    for stack, days in expected.items():
        for key in of_type(plans[stack], "aws:kms/key:Key"):
            assert key["inputs"]["deletionWindowInDays"] == days, key["name"]


def test_every_key_has_an_environment_prefixed_alias(plans):
    for stack, document in plans.items():
        aliases = sorted(a["inputs"]["name"] for a in of_type(document, "aws:kms/alias:Alias"))
        expected = [f"alias/acme-dp-{stack}-lake-{z}" for z in ("curated", "raw", "staged")]
        expected += [f"alias/acme-dp-{stack}-{k}" for k in ("alerts", "orchestration", "secrets")]
        expected += [f"alias/acme-dp-{stack}-lake-{z}-replica" for z in replicated_zones(stack)]
        assert aliases == sorted(expected)


def test_deployers_manage_and_use_the_key_by_pattern():
    sso = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*"
    policy = key_policy("111122223333", deployer_arn_patterns=[sso])
    (deployers,) = [s for s in policy["Statement"] if s["Sid"] == "DeployersManageAndUse"]
    # A key policy's Principal takes no wildcard: the account, narrowed by condition.
    assert deployers["Principal"] == {"AWS": "arn:aws:iam::111122223333:root"}
    assert deployers["Condition"] == {"ArnLike": {"aws:PrincipalArn": [sso]}}
    assert {"kms:Decrypt", "kms:GenerateDataKey", "kms:PutKeyPolicy"} <= set(deployers["Action"])


# Built alone: one key and its alias, with exact inputs, protection and outputs.

ACCOUNT = "410987654321"
ETL = f"arn:aws:iam::{ACCOUNT}:role/etl"
ARGS = KmsKeyArgs(
    alias_name="alias/acme-dp-prod-raw",
    description="Raw zone data",
    account_id=ACCOUNT,
    tags={"environment": "prod"},
    protection=Protection(protect=True, retain_on_delete=True),
    deletion_window_days=14,
    user_arns=(ETL,),
    service_statements=(events_to_sns_statement(),),
    region="eu-central-1",
)


def _build(args: KmsKeyArgs = ARGS) -> Built:
    def construct():
        key = KmsKey("raw-key", args)
        return {"arn": key.arn, "key_id": key.key_id, "alias": key.alias.name}

    return build(construct)


@pytest.fixture(scope="module")
def built() -> Built:
    return _build()


def test_built_alone_it_holds_one_key_and_its_alias(built):
    assert built.resources() == [("Alias", "raw-key-alias"), ("Key", "raw-key")]
    assert built.children("raw-key", "KmsKey") == {"raw-key", "raw-key-alias"}


def test_the_key_rotates_with_the_window_tags_and_region_asked(built):
    inputs = dict(built.named("raw-key", "Key").inputs)
    inputs.pop("policy")
    assert inputs == {
        "description": "Raw zone data",
        "enableKeyRotation": True,
        "deletionWindowInDays": 14,
        "tags": {"environment": "prod"},
        "region": "eu-central-1",
    }, "raw-key"


def test_the_key_policy_is_the_built_policy_followed_by_the_service_statements(built):
    policy = json.loads(built.named("raw-key", "Key").inputs["policy"])
    expected = key_policy(ACCOUNT, (), (ETL,))
    expected["Statement"].append(events_to_sns_statement())
    assert policy == expected, "raw-key"


def test_the_alias_points_at_the_key_in_the_same_region(built):
    assert built.named("raw-key-alias").inputs == {
        "name": "alias/acme-dp-prod-raw",
        "targetKeyId": built.outputs["key_id"],
        "region": "eu-central-1",
    }, "raw-key-alias"
    assert built.depends_on("raw-key-alias") == {"raw-key"}


def test_protection_asked_for_holds_the_key_but_not_the_alias(built):
    options = {r.name: (r.protect, r.retain_on_delete) for r in built.run.registrations if r.custom}
    assert options == {"raw-key": (True, True), "raw-key-alias": (False, False)}


def test_without_protection_the_key_can_be_deleted():
    built = _build(replace(ARGS, protection=Protection()))
    key = built.named("raw-key", "Key")
    assert (key.protect, key.retain_on_delete) == (False, False), "raw-key"


def test_the_outputs_are_the_keys_arn_and_id_and_the_alias(built):
    key_id = built.outputs["key_id"]
    assert built.outputs == {
        "arn": f"arn:aws:kms:eu-central-1:{ACCOUNT}:key/{key_id}",
        "key_id": key_id,
        "alias": "alias/acme-dp-prod-raw",
    }
