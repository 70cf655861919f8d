"""Mocked outputs look like AWS's: real ARN formats, the configured account, stable ids."""

from __future__ import annotations

import re

import pulumi

from scripts.plan.mocks import PlausibleMocks

MOCKS = PlausibleMocks("410987654321", "eu-west-1")


def _new(type_: str, logical_name: str, **inputs):
    args = pulumi.runtime.MockResourceArgs(
        typ=type_, name=logical_name, inputs=inputs, provider=None, resource_id=None
    )
    return MOCKS.new_resource(args)


def test_kms_key_gets_a_uuid_key_id_in_its_arn():
    resource_id, outputs = _new("aws:kms/key:Key", "lake-raw-key")
    assert re.fullmatch(r"[0-9a-f-]{36}", resource_id)
    assert outputs["keyId"] == resource_id
    assert outputs["arn"] == f"arn:aws:kms:eu-west-1:410987654321:key/{resource_id}"


def test_named_resources_use_their_name_and_unnamed_ones_a_stable_autoname():
    _, role = _new("aws:iam/role:Role", "etl", name="acme-dp-prod-etl")
    assert role["arn"] == "arn:aws:iam::410987654321:role/acme-dp-prod-etl"
    first, bucket = _new("aws:s3/bucket:Bucket", "team-data")
    again, _ = _new("aws:s3/bucket:Bucket", "team-data")
    assert first == again and re.fullmatch(r"team-data-[0-9a-f]{7}", first)
    assert bucket["arn"] == f"arn:aws:s3:::{first}"


def test_ec2_resources_get_prefixed_ids():
    resource_id, outputs = _new("aws:ec2/vpc:Vpc", "network")
    assert re.fullmatch(r"vpc-[0-9a-f]{17}", resource_id)
    assert outputs["arn"] == f"arn:aws:ec2:eu-west-1:410987654321:vpc/{resource_id}"


def test_caller_identity_answers_with_the_configured_account():
    result, _ = MOCKS.call(
        pulumi.runtime.MockCallArgs(
            token="aws:index/getCallerIdentity:getCallerIdentity", args={}, provider=""
        )
    )
    assert result["accountId"] == "410987654321"


def test_every_custom_type_of_the_stacks_has_a_typed_sdk_class(plans):
    """The benchmark replays plans through the typed SDK classes: none may be missing."""
    from scripts.plan.sdk import sdk_class_for

    types = {r["type"] for p in plans.values() for r in p["resources"] if r["custom"]}
    for type_token in sorted(types):
        assert sdk_class_for(type_token) is not None, type_token
