"""Orchestration as each stack plans it: private preset, secrets wiring, Glue, no clear secrets."""

from __future__ import annotations

import json

import pytest

from tests.plan_helpers import of_type
from tests.stack_data import domains, platform

REQUIRED_ENDPOINTS = {
    "airflow.api",
    "airflow.env",
    "airflow.ops",
    "ecr.api",
    "ecr.dkr",
    "kms",
    "logs",
    "monitoring",
    "s3",
    "secretsmanager",
    "sqs",
    "sts",
}


def _one(document, type_):
    (found,) = of_type(document, type_)
    return found


def test_prod_is_private_with_every_endpoint_and_a_nat_gateway_per_zone(plans):
    """Prod reaches AWS services through endpoints and Snowflake through a NAT gateway in
    each AZ (issue 18: with endpoints only, no task could reach Snowflake)."""
    prod = plans["prod"]
    env = _one(prod, "aws:mwaa/environment:Environment")["inputs"]
    assert env["webserverAccessMode"] == "PRIVATE_ONLY"
    services = {
        e["inputs"]["serviceName"].split("eu-west-1.", 1)[1]
        for e in of_type(prod, "aws:ec2/vpcEndpoint:VpcEndpoint")
    }
    assert services == REQUIRED_ENDPOINTS
    nats = of_type(prod, "aws:ec2/natGateway:NatGateway")
    assert len(nats) == 2
    assert len({n["inputs"]["subnetId"] for n in nats}) == 2, "one NAT gateway per zone"
    assert len(of_type(prod, "aws:ec2/internetGateway:InternetGateway")) == 1


def test_dev_reaches_the_internet_through_one_nat_gateway(plans):
    assert len(of_type(plans["dev"], "aws:ec2/natGateway:NatGateway")) == 1
    assert not of_type(plans["dev"], "aws:ec2/vpcEndpoint:VpcEndpoint")


@pytest.mark.parametrize(
    ("stack", "environment_class", "workers"),
    [
        ("dev", "mw1.small", (1, 2)),
        ("staging", "mw1.small", (1, 4)),
        ("prod", "mw1.medium", (2, 10)),
    ],
)
def test_environment_class_and_workers_follow_the_environment(
    plans, stack, environment_class, workers
):
    env = _one(plans[stack], "aws:mwaa/environment:Environment")["inputs"]
    assert env["environmentClass"] == environment_class
    assert (env["minWorkers"], env["maxWorkers"]) == workers


def test_each_service_user_has_an_airflow_connection_only_airflow_reads(plans):
    prod = plans["prod"]
    role_arn = _one(prod, "aws:mwaa/environment:Environment")["inputs"]["executionRoleArn"]
    secrets = {s["inputs"]["name"]: s for s in of_type(prod, "aws:secretsmanager/secret:Secret")}
    declared = platform("prod")["snowflake"]["service_users"]
    users = {u["name"] for u in declared} | {
        f"{spec['name']}_{pipeline['name']}"
        for spec in domains()
        for pipeline in spec.get("service_users") or ()
    }
    assert {"airflow_loader", "airflow_transformer", "marketing_loader"} <= users
    assert set(secrets) == {f"acme-dp-prod/airflow/connections/snowflake_{u}" for u in users}
    keys = {k["name"]: k["outputs"]["arn"] for k in of_type(prod, "aws:kms/key:Key")}
    for secret in secrets.values():
        assert secret["inputs"]["kmsKeyId"] == keys["data-platform-orchestration-secrets-key"]
    for policy in of_type(prod, "aws:secretsmanager/secretPolicy:SecretPolicy"):
        deny = json.loads(policy["inputs"]["policy"])["Statement"][0]
        readers = deny["Condition"]["ArnNotLike"]["aws:PrincipalArn"]
        assert role_arn in readers
        # Besides Airflow: the key administrators and the stack's deployers (Pulumi reads
        # the value back on create and refresh).
        assert set(readers) - {role_arn} == {
            "arn:aws:iam::410987654321:role/platform-admin",
            *platform("prod")["deployers"],
        }


def test_the_execution_role_reads_exactly_the_connections_prefix(plans):
    prod = plans["prod"]
    policies = [
        json.loads(p["inputs"]["policy"])
        for p in of_type(prod, "aws:iam/rolePolicy:RolePolicy")
        if p["name"].endswith("-execution-policy")
    ]
    (policy,) = policies
    statement = next(s for s in policy["Statement"] if s["Sid"] == "ReadAirflowSecretsOnly")
    assert statement["Resource"][0].endswith(":secret:acme-dp-prod/airflow/connections/*")


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_no_private_key_or_secret_value_appears_in_clear(plans, stack):
    text = json.dumps(plans[stack])
    assert "PRIVATE KEY" not in text
    for version in of_type(plans[stack], "aws:secretsmanager/secretVersion:SecretVersion"):
        assert version["inputs"]["secretString"] == "[secret]"


def test_glue_writes_with_each_target_buckets_key_and_logs_with_the_orchestration_key(plans):
    prod = plans["prod"]
    key = next(
        k["outputs"]["arn"]
        for k in of_type(prod, "aws:kms/key:Key")
        if k["name"] == "data-platform-orchestration-orchestration-key"
    )
    configs = {
        c["inputs"]["name"]: c["inputs"]["encryptionConfiguration"]
        for c in of_type(prod, "aws:glue/securityConfiguration:SecurityConfiguration")
    }
    sse = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
    bucket_keys = {
        e["inputs"]["bucket"]: e["inputs"]["rules"][0]["applyServerSideEncryptionByDefault"].get(
            "kmsMasterKeyId"
        )
        for e in of_type(prod, sse)
    }
    jobs = of_type(prod, "aws:glue/job:Job")
    assert jobs
    for job in jobs:
        inputs = job["inputs"]
        config = configs[inputs["securityConfiguration"]]
        target_bucket = inputs["defaultArguments"]["--target_path"].split("/")[2]
        assert config["s3Encryption"]["kmsKeyArn"] == bucket_keys[target_bucket], job["name"]
        assert config["cloudwatchEncryption"]["kmsKeyArn"] == key, job["name"]
        assert config["jobBookmarksEncryption"]["kmsKeyArn"] == key, job["name"]
    for crawler in of_type(prod, "aws:glue/crawler:Crawler"):
        config = configs[crawler["inputs"]["securityConfiguration"]]
        assert config["cloudwatchEncryption"]["kmsKeyArn"] == key, crawler["name"]
    crm = next(j for j in jobs if j["name"].endswith("crm_to_staged"))["inputs"]
    assert crm["defaultArguments"]["--source_path"].startswith("s3://acme-dp-prod-raw-")
    assert crm["numberOfWorkers"] == 4
