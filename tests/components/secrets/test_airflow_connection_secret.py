"""Airflow connection secrets: CMK, readable by named readers only, value never in clear."""

from __future__ import annotations

import json

import pulumi
from parliament import analyze_policy_string

from components.secrets.airflow_connection_secret import (
    AirflowConnectionArgs,
    AirflowConnectionSecret,
    only_readers_policy,
    snowflake_connection,
)
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import run_callable

READER = "arn:aws:iam::111122223333:role/acme-dp-prod-airflow-execution"
ADMIN = "arn:aws:iam::111122223333:role/platform-admin"
PEM = "-----BEGIN PRIVATE KEY-----\nsecret-material\n-----END PRIVATE KEY-----\n"


SSO_DEPLOYER = (
    "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*"
)


def _register():
    def program() -> None:
        AirflowConnectionSecret(
            "conn",
            AirflowConnectionArgs(
                secret_name="acme-dp-prod/airflow/connections/snowflake_loader",
                connection=pulumi.Output.secret(
                    snowflake_connection(
                        account="ACME-DATA_PROD",
                        user="ACME_DP_PROD_AIRFLOW_LOADER",
                        role="ACME_DP_PROD_LOADER",
                        warehouse="ACME_DP_PROD_LOADING",
                        private_key_pem=PEM,
                    )
                ),
                kms_key_arn="arn:aws:kms:eu-west-1:111122223333:key/abc",
                reader_arns=[READER, ADMIN],
                recovery_window_days=30,
                tags={"environment": "prod"},
                deployer_arn_patterns=[SSO_DEPLOYER],
            ),
        )

    return run_callable(
        program, project="p", stack="prod", mocks=PlausibleMocks("111122223333", "eu-west-1")
    )


def test_the_secret_uses_the_cmk_and_says_who_rotates_it():
    run = _register()
    (secret,) = [r for r in run.registrations if r.type == "aws:secretsmanager/secret:Secret"]
    assert secret.inputs["kmsKeyId"].startswith("arn:aws:kms:")
    assert secret.inputs["recoveryWindowInDays"] == 30
    assert secret.inputs["tags"]["rotation"] == "external"


def test_the_value_never_appears_in_clear():
    run = _register()
    text = json.dumps([r.inputs for r in run.registrations]) + json.dumps(
        [r.outputs for r in run.registrations]
    )
    assert "secret-material" not in text
    (version,) = [r for r in run.registrations if r.type.endswith("SecretVersion")]
    assert version.inputs["secretString"] == "[secret]"


def test_only_the_named_readers_may_read_the_value():
    run = _register()
    (policy,) = [r for r in run.registrations if r.type.endswith("SecretPolicy")]
    document = json.loads(policy.inputs["policy"])
    deny, allow = document["Statement"]
    assert deny["Effect"] == "Deny" and deny["Principal"] == "*"
    # The deployer's SSO role has a generated name: matched by pattern, never denied.
    assert deny["Condition"]["ArnNotLike"]["aws:PrincipalArn"] == sorted(
        [READER, ADMIN, SSO_DEPLOYER]
    )
    assert allow["Principal"] == {"AWS": sorted([READER, ADMIN])}
    assert policy.inputs["blockPublicPolicy"] is True


def test_the_resource_policy_lints_clean():
    findings = analyze_policy_string(json.dumps(only_readers_policy([READER]))).findings
    assert {f.issue for f in findings} <= {"RESOURCE_STAR"}


def test_the_connection_is_the_json_airflow_reads():
    connection = json.loads(
        snowflake_connection(
            account="ACME-DATA_PROD", user="U", role="R", warehouse="W", private_key_pem=PEM
        )
    )
    assert connection["conn_type"] == "snowflake"
    assert connection["login"] == "U"
    assert connection["extra"]["private_key_content"] == PEM
    encoded = json.loads(
        snowflake_connection(
            account="A", user="U", role="R", warehouse="W", private_key_pem=PEM, base64_key=True
        )
    )
    assert encoded["extra"]["private_key_content"].startswith("LS0tLS1CRUdJTi")
