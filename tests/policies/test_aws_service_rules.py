"""CloudWatch log groups, SNS topics, secret and topic policies, and the Glue Data Catalog:
compliant and each failure."""

from __future__ import annotations

import json

import pytest

from tests.policies.helpers import KEY_ARN, failing, run, view

LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
TOPIC = "aws:sns/topic:Topic"
SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy"
TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy"
CATALOG = "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings"
ROLE = "arn:aws:iam::111122223333:role/reader"
RULE_ARN = "arn:aws:events:eu-west-1:111122223333:rule/failures"


def log_group(**props: object) -> object:
    return view(LOG_GROUP, "lg", {"kmsKeyId": KEY_ARN, "retentionInDays": 365, **props})


def policy(type_: str, *statements: dict) -> object:
    return view(type_, "p", {"policy": json.dumps({"Statement": list(statements)})})


def allow(principal: object, condition: dict | None = None) -> dict:
    statement = {"Effect": "Allow", "Principal": principal, "Action": "*", "Resource": "*"}
    return {**statement, "Condition": condition} if condition else statement


def catalog(at_rest: dict | None = None, passwords: dict | None = None) -> object:
    settings = {
        "encryptionAtRest": {"catalogEncryptionMode": "SSE-KMS", "sseAwsKmsKeyId": KEY_ARN},
        "connectionPasswordEncryption": {
            "returnConnectionPasswordEncrypted": True,
            "awsKmsKeyId": KEY_ARN,
        },
    }
    settings["encryptionAtRest"].update(at_rest or {})
    settings["connectionPasswordEncryption"].update(passwords or {})
    return view(CATALOG, "cat", {"dataCatalogEncryptionSettings": settings})


DENY_OTHERS = {
    "Effect": "Deny",
    "Principal": "*",
    "Action": "secretsmanager:GetSecretValue",
    "Resource": "*",
    "Condition": {"StringNotEquals": {"aws:PrincipalArn": [ROLE]}},
}
FROM_RULE = {"ArnEquals": {"aws:SourceArn": RULE_ARN}}
LG = "cloudwatch-log-group-encrypted-and-retained"
POLICY = "resource-policy-not-public"

CASES = [
    (LG, "compliant", [log_group()], set()),
    (LG, "no kmsKeyId", [log_group(kmsKeyId=None)], {"lg"}),
    (LG, "no retention (never expires)", [log_group(retentionInDays=None)], {"lg"}),
    (LG, "retention 0 (never expires)", [log_group(retentionInDays=0)], {"lg"}),
    ("sns-topic-encrypted", "compliant", [view(TOPIC, "t", {"kmsMasterKeyId": KEY_ARN})], set()),
    ("sns-topic-encrypted", "unencrypted", [view(TOPIC, "t", {})], {"t"}),
    (
        "sns-topic-encrypted",
        "AWS-managed key",
        [view(TOPIC, "t", {"kmsMasterKeyId": "alias/aws/sns"})],
        {"t"},
    ),
    (POLICY, "named principal", [policy(SECRET_POLICY, allow({"AWS": [ROLE]}))], set()),
    (POLICY, "deny to everyone", [policy(SECRET_POLICY, DENY_OTHERS)], set()),
    (POLICY, "service narrowed by SourceArn", [policy(TOPIC_POLICY, allow("*", FROM_RULE))], set()),
    (POLICY, "secret open to *", [policy(SECRET_POLICY, allow("*"))], {"p"}),
    (POLICY, "topic open to AWS *", [policy(TOPIC_POLICY, allow({"AWS": "*"}))], {"p"}),
    (
        POLICY,
        "condition that narrows nobody",
        [policy(TOPIC_POLICY, allow("*", {"Bool": {"aws:SecureTransport": "true"}}))],
        {"p"},
    ),
    (
        POLICY,
        "IfExists condition passes when the key is absent",
        [policy(TOPIC_POLICY, allow("*", {"ArnEqualsIfExists": {"aws:SourceArn": RULE_ARN}}))],
        {"p"},
    ),
    (
        POLICY,
        "NotPrincipal allows everyone else",
        [
            policy(
                SECRET_POLICY,
                {"Effect": "Allow", "NotPrincipal": {"AWS": ROLE}, "Action": "*", "Resource": "*"},
            )
        ],
        {"p"},
    ),
    ("glue-data-catalog-encrypted", "compliant", [catalog()], set()),
    (
        "glue-data-catalog-encrypted",
        "with a service role",
        [catalog({"catalogEncryptionMode": "SSE-KMS-WITH-SERVICE-ROLE"})],
        set(),
    ),
    (
        "glue-data-catalog-encrypted",
        "catalog not encrypted",
        [catalog({"catalogEncryptionMode": "DISABLED"})],
        {"cat"},
    ),
    (
        "glue-data-catalog-encrypted",
        "SSE-KMS without a key",
        [catalog({"sseAwsKmsKeyId": None})],
        {"cat"},
    ),
    (
        "glue-data-catalog-encrypted",
        "passwords returned in clear",
        [catalog(passwords={"returnConnectionPasswordEncrypted": False})],
        {"cat"},
    ),
    (
        "glue-data-catalog-encrypted",
        "passwords encrypted without a key",
        [catalog(passwords={"awsKmsKeyId": None})],
        {"cat"},
    ),
]


@pytest.mark.parametrize(
    ("rule", "case", "resources", "expected"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES]
)
def test_aws_service_rule(rule, case, resources, expected):
    assert failing(rule, resources) == expected, case


def test_an_unknown_topic_policy_is_not_evaluated():
    results = run(POLICY, [view(TOPIC_POLICY, "p", {"policy": "[unknown]"})])
    assert [r.status for r in results] == ["not-evaluated"]
