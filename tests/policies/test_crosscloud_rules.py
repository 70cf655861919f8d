"""AWS <-> Snowflake rules: integration role trust and stage locations."""

from __future__ import annotations

import json

import pytest

from tests.policies.helpers import failing, run, view

SI = "snowflake:index/storageIntegration:StorageIntegration"
ROLE = "aws:iam/role:Role"
ROLE_ARN = "arn:aws:iam::111122223333:role/snowflake-lake"
SF_USER = "arn:aws:iam::999988887777:user/abc-s-snow"
EXT = "ACME_SFCRole=1_abc="
STAGE = "snowflake:index/stageExternalS3:StageExternalS3"


def integration(**outputs: object) -> object:
    return view(
        SI,
        "si",
        {
            "name": "LAKE",
            "storageAwsRoleArn": ROLE_ARN,
            "storageAllowedLocations": ["s3://lake/raw/"],
            "storageBlockedLocations": ["s3://lake/raw/secret/"],
        },
        outputs=outputs,
    )


def role(principal: object = SF_USER, external: object = EXT) -> object:
    statement: dict = {
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Principal": {"AWS": principal},
    }
    if external is not None:
        statement["Condition"] = {"StringEquals": {"sts:ExternalId": external}}
    return view(
        ROLE,
        "lake-role",
        {"name": "snowflake-lake", "assumeRolePolicy": json.dumps({"Statement": [statement]})},
        outputs={"arn": ROLE_ARN},
    )


KNOWN = {"storageAwsIamUserArn": SF_USER, "storageAwsExternalId": EXT}
CASES = [
    (
        "snowflake-integration-role-trusted-exactly",
        "compliant",
        [integration(**KNOWN), role()],
        set(),
    ),
    (
        "snowflake-integration-role-trusted-exactly",
        "another principal too",
        [integration(**KNOWN), role(principal=[SF_USER, "arn:aws:iam::123456789012:root"])],
        {"lake-role"},
    ),
    (
        "snowflake-integration-role-trusted-exactly",
        "no external id",
        [integration(**KNOWN), role(external=None)],
        {"lake-role"},
    ),
    (
        "snowflake-integration-role-trusted-exactly",
        "wrong external id",
        [integration(**KNOWN), role(external="other")],
        {"lake-role"},
    ),
    (
        "snowflake-stage-within-allowed-locations",
        "compliant",
        [
            integration(),
            view(STAGE, "st", {"url": "s3://lake/raw/orders/", "storageIntegration": "LAKE"}),
        ],
        set(),
    ),
    (
        "snowflake-stage-within-allowed-locations",
        "outside",
        [
            integration(),
            view(STAGE, "st", {"url": "s3://lake/curated/", "storageIntegration": "LAKE"}),
        ],
        {"st"},
    ),
    (
        "snowflake-stage-within-allowed-locations",
        "blocked",
        [
            integration(),
            view(STAGE, "st", {"url": "s3://lake/raw/secret/x/", "storageIntegration": "lake"}),
        ],
        {"st"},
    ),
]


@pytest.mark.parametrize(
    ("rule", "case", "resources", "expected"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES]
)
def test_crosscloud_rule(rule, case, resources, expected):
    assert failing(rule, resources) == expected, case


def test_integration_outputs_unknown_at_preview_are_not_evaluated():
    results = run("snowflake-integration-role-trusted-exactly", [integration(), role()])
    assert [r.status for r in results] == ["not-evaluated"]
    assert "storageAwsIamUserArn" in results[0].message


def test_storage_integration_aws_reports_its_trust_in_describe_outputs():
    si = view(
        "snowflake:index/storageIntegrationAws:StorageIntegrationAws",
        "si",
        {"name": "LAKE", "storageAwsRoleArn": ROLE_ARN, "storageAllowedLocations": ["s3://lake/"]},
        outputs={"describeOutputs": [{"iamUserArn": SF_USER, "externalId": EXT}]},
    )
    assert failing("snowflake-integration-role-trusted-exactly", [si, role(external="x")]) == {
        "lake-role"
    }
