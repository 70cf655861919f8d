"""KMS, IAM, Secrets Manager, Glue, MWAA and security group rules: compliant and each failure."""

from __future__ import annotations

import json

import pytest

from tests.policies.helpers import KEY_ARN, failing, view

KEY = "aws:kms/key:Key"
ROOT_POLICY = json.dumps(
    {
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                "Action": "kms:*",
                "Resource": "*",
            }
        ]
    }
)
OPEN = {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action: object, resource: object = "*") -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource}


LOGS = {
    k: {"enabled": True, "logLevel": "INFO"}
    for k in ("dagProcessingLogs", "schedulerLogs", "taskLogs", "webserverLogs", "workerLogs")
}
MWAA = "aws:mwaa/environment:Environment"
MWAA_OK = {"webserverAccessMode": "PRIVATE_ONLY", "kmsKey": KEY_ARN, "loggingConfiguration": LOGS}
GLUE_OK = {
    "encryptionConfiguration": {
        "s3Encryption": {"s3EncryptionMode": "SSE-KMS", "kmsKeyArn": KEY_ARN},
        "cloudwatchEncryption": {"cloudwatchEncryptionMode": "SSE-KMS", "kmsKeyArn": KEY_ARN},
        "jobBookmarksEncryption": {"jobBookmarksEncryptionMode": "CSE-KMS", "kmsKeyArn": KEY_ARN},
    }
}
GLUE_SC = "aws:glue/securityConfiguration:SecurityConfiguration"
SG = "aws:ec2/securityGroup:SecurityGroup"
SECRET = "aws:secretsmanager/secret:Secret"
ROTATION = "aws:secretsmanager/secretRotation:SecretRotation"
ARN_SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:s-abc"


def secret(name: str = "s", **props: object) -> object:
    return view(
        SECRET, name, {"kmsKeyId": KEY_ARN, **props}, outputs={"arn": ARN_SECRET, "id": ARN_SECRET}
    )


def rotation(days: int) -> object:
    return view(
        ROTATION, "r", {"secretId": ARN_SECRET, "rotationRules": {"automaticallyAfterDays": days}}
    )


CASES = [
    ("kms-key-rotation-enabled", "compliant", [view(KEY, "k", {"enableKeyRotation": True})], set()),
    (
        "kms-key-rotation-enabled",
        "asymmetric keys cannot rotate",
        [view(KEY, "k", {"customerMasterKeySpec": "RSA_2048", "keyUsage": "SIGN_VERIFY"})],
        set(),
    ),
    (
        "kms-key-rotation-enabled",
        "rotation off",
        [view(KEY, "k", {"enableKeyRotation": False})],
        {"k"},
    ),
    ("kms-key-policy-scoped", "compliant", [view(KEY, "k", {"policy": ROOT_POLICY})], set()),
    ("kms-key-policy-scoped", "no policy", [view(KEY, "k", {})], {"k"}),
    ("kms-key-policy-scoped", "star principal", [view(KEY, "k", {"policy": doc(OPEN)})], {"k"}),
    (
        "kms-key-policy-scoped",
        "lockout bypass",
        [view(KEY, "k", {"policy": ROOT_POLICY, "bypassPolicyLockoutSafetyCheck": True})],
        {"k"},
    ),
    ("kms-key-deletion-window", "compliant", [view(KEY, "k", {"deletionWindowInDays": 30})], set()),
    ("kms-key-deletion-window", "AWS default is 30", [view(KEY, "k", {})], set()),
    (
        "kms-key-deletion-window",
        "too short for prod",
        [view(KEY, "k", {"deletionWindowInDays": 7})],
        {"k"},
    ),
    (
        "iam-policy-no-admin-access",
        "compliant",
        [
            view(
                "aws:iam/policy:Policy",
                "p",
                {"policy": doc(allow("s3:GetObject", "arn:aws:s3:::b/*"))},
            )
        ],
        set(),
    ),
    (
        "iam-policy-no-admin-access",
        "star on star",
        [view("aws:iam/policy:Policy", "p", {"policy": doc(allow("*"))})],
        {"p"},
    ),
    (
        "iam-policy-no-admin-access",
        "role inline star",
        [
            view(
                "aws:iam/role:Role",
                "r",
                {"inlinePolicies": [{"name": "x", "policy": doc(allow(["*:*"]))}]},
            )
        ],
        {"r"},
    ),
    (
        "iam-policy-no-wildcard-service-access",
        "compliant",
        [
            view(
                "aws:iam/rolePolicy:RolePolicy",
                "p",
                {"policy": doc(allow("s3:*", "arn:aws:s3:::b/*"))},
            )
        ],
        set(),
    ),
    (
        "iam-policy-no-wildcard-service-access",
        "service star on star",
        [view("aws:iam/rolePolicy:RolePolicy", "p", {"policy": doc(allow("s3:*"))})],
        {"p"},
    ),
    (
        "iam-policy-no-wildcard-service-access",
        "prefix star on star",
        [view("aws:iam/userPolicy:UserPolicy", "p", {"policy": doc(allow(["kms:Get*"]))})],
        {"p"},
    ),
    (
        "iam-no-admin-managed-policy",
        "compliant",
        [
            view(
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                "a",
                {"role": "r", "policyArn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"},
            )
        ],
        set(),
    ),
    (
        "iam-no-admin-managed-policy",
        "AdministratorAccess attached",
        [
            view(
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                "a",
                {"role": "r", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"},
            )
        ],
        {"a"},
    ),
    (
        "iam-no-admin-managed-policy",
        "role managedPolicyArns",
        [
            view(
                "aws:iam/role:Role",
                "r",
                {"managedPolicyArns": ["arn:aws:iam::aws:policy/IAMFullAccess"]},
            )
        ],
        {"r"},
    ),
    (
        "iam-role-trust-scoped",
        "compliant",
        [
            view(
                "aws:iam/role:Role",
                "r",
                {
                    "assumeRolePolicy": doc(
                        {
                            "Effect": "Allow",
                            "Action": "sts:AssumeRole",
                            "Principal": {"Service": "glue.amazonaws.com"},
                        }
                    )
                },
            )
        ],
        set(),
    ),
    (
        "iam-role-trust-scoped",
        "anyone may assume",
        [
            view(
                "aws:iam/role:Role",
                "r",
                {
                    "assumeRolePolicy": doc(
                        {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "*"}}
                    )
                },
            )
        ],
        {"r"},
    ),
    ("secretsmanager-secret-cmk-encrypted", "compliant", [secret()], set()),
    ("secretsmanager-secret-cmk-encrypted", "no key", [view(SECRET, "s", {})], {"s"}),
    (
        "secretsmanager-secret-cmk-encrypted",
        "AWS-managed key",
        [view(SECRET, "s", {"kmsKeyId": "alias/aws/secretsmanager"})],
        {"s"},
    ),
    ("secretsmanager-secret-rotated", "compliant", [secret(), rotation(30)], set()),
    (
        "secretsmanager-secret-rotated",
        "rotated elsewhere",
        [secret(tags={"rotation": "external"})],
        set(),
    ),
    ("secretsmanager-secret-rotated", "no rotation", [secret()], {"s"}),
    ("secretsmanager-secret-rotated", "rotation too slow", [secret(), rotation(365)], {"s"}),
    ("glue-security-configuration-encrypted", "compliant", [view(GLUE_SC, "sc", GLUE_OK)], set()),
    (
        "glue-security-configuration-encrypted",
        "S3 disabled",
        [
            view(
                GLUE_SC,
                "sc",
                {
                    "encryptionConfiguration": {
                        **GLUE_OK["encryptionConfiguration"],
                        "s3Encryption": {"s3EncryptionMode": "DISABLED"},
                    }
                },
            )
        ],
        {"sc"},
    ),
    (
        "glue-security-configuration-encrypted",
        "CloudWatch disabled",
        [
            view(
                GLUE_SC,
                "sc",
                {
                    "encryptionConfiguration": {
                        **GLUE_OK["encryptionConfiguration"],
                        "cloudwatchEncryption": {"cloudwatchEncryptionMode": "DISABLED"},
                    }
                },
            )
        ],
        {"sc"},
    ),
    (
        "glue-security-configuration-encrypted",
        "bookmarks disabled",
        [
            view(
                GLUE_SC,
                "sc",
                {
                    "encryptionConfiguration": {
                        **GLUE_OK["encryptionConfiguration"],
                        "jobBookmarksEncryption": {"jobBookmarksEncryptionMode": "DISABLED"},
                    }
                },
            )
        ],
        {"sc"},
    ),
    (
        "glue-job-uses-security-configuration",
        "compliant",
        [view("aws:glue/job:Job", "j", {"securityConfiguration": "sc"})],
        set(),
    ),
    (
        "glue-job-uses-security-configuration",
        "job without",
        [view("aws:glue/job:Job", "j", {})],
        {"j"},
    ),
    (
        "glue-job-uses-security-configuration",
        "crawler without",
        [view("aws:glue/crawler:Crawler", "c", {})],
        {"c"},
    ),
    ("mwaa-webserver-private", "compliant", [view(MWAA, "m", MWAA_OK)], set()),
    (
        "mwaa-webserver-private",
        "public",
        [view(MWAA, "m", {**MWAA_OK, "webserverAccessMode": "PUBLIC_ONLY"})],
        {"m"},
    ),
    ("mwaa-customer-kms-key", "compliant", [view(MWAA, "m", MWAA_OK)], set()),
    (
        "mwaa-customer-kms-key",
        "AWS-owned key",
        [view(MWAA, "m", {**MWAA_OK, "kmsKey": None})],
        {"m"},
    ),
    ("mwaa-logging-enabled", "compliant", [view(MWAA, "m", MWAA_OK)], set()),
    (
        "mwaa-logging-enabled",
        "a log disabled",
        [
            view(
                MWAA,
                "m",
                {**MWAA_OK, "loggingConfiguration": {**LOGS, "taskLogs": {"enabled": False}}},
            )
        ],
        {"m"},
    ),
    (
        "mwaa-logging-enabled",
        "a log below INFO",
        [
            view(
                MWAA,
                "m",
                {
                    **MWAA_OK,
                    "loggingConfiguration": {
                        **LOGS,
                        "workerLogs": {"enabled": True, "logLevel": "ERROR"},
                    },
                },
            )
        ],
        {"m"},
    ),
    (
        "security-group-no-public-ingress",
        "compliant",
        [
            view(
                SG,
                "sg",
                {
                    "ingress": [
                        {
                            "fromPort": 443,
                            "toPort": 443,
                            "protocol": "tcp",
                            "cidrBlocks": ["10.0.0.0/16"],
                        }
                    ]
                },
            )
        ],
        set(),
    ),
    (
        "security-group-no-public-ingress",
        "inline IPv4 world",
        [view(SG, "sg", {"ingress": [{"fromPort": 22, "cidrBlocks": ["0.0.0.0/0"]}]})],
        {"sg"},
    ),
    (
        "security-group-no-public-ingress",
        "rule IPv6 world",
        [
            view(
                "aws:ec2/securityGroupRule:SecurityGroupRule",
                "r",
                {"type": "ingress", "fromPort": 443, "ipv6CidrBlocks": ["::/0"]},
            )
        ],
        {"r"},
    ),
    (
        "security-group-no-public-ingress",
        "vpc ingress rule world",
        [
            view(
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                "r",
                {"fromPort": 3389, "cidrIpv4": "0.0.0.0/0"},
            )
        ],
        {"r"},
    ),
]


@pytest.mark.parametrize(
    ("rule", "case", "resources", "expected"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES]
)
def test_aws_rule(rule, case, resources, expected):
    assert failing(rule, resources) == expected, case


def test_deletion_window_minimum_follows_the_environment():
    key = view(KEY, "k", {"deletionWindowInDays": 7}, stack="dev")
    assert failing("kms-key-deletion-window", [key], stack="dev") == set()
