"""Orchestration built alone in an existing VPC with one crawler prefix, one Glue job and one
Snowflake connection: what it composes, its two keys, and how it wires its parts."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from components.orchestration import GlueJobSpec, MwaaNetworkArgs
from components.orchestration.orchestration import (
    Orchestration,
    OrchestrationArgs,
    SnowflakeConnectionSpec,
)
from components.protection import Protection
from tests.components.synthetic import Built, Probe, build

from .conftest import ACCOUNT, CURATED_KEY, NAMING, RAW_KEY, REGION, TAGS
from .test_airflow_environment import SETTINGS

ALERTS = f"arn:aws:sns:{REGION}:{ACCOUNT}:acme-dp-prod-alerts"
ADMIN = f"arn:aws:iam::{ACCOUNT}:role/admin"
EXECUTION_ROLE = f"arn:aws:iam::{ACCOUNT}:role/acme-dp-prod-airflow-execution"
DAG_BUCKET = f"airflow-acme-dp-prod-{ACCOUNT}-{REGION}"


def _args(script: Path) -> OrchestrationArgs:
    return OrchestrationArgs(
        naming=NAMING,
        tags=TAGS,
        protection=Protection(protect=True),
        network=MwaaNetworkArgs(
            naming=NAMING,
            tags=TAGS,
            flow_log_kms_key_arn="replaced by the orchestration key",
            vpc_id="vpc-0123456789abcdef0",
            private_subnet_ids=("subnet-aaaa", "subnet-bbbb"),
            private_route_table_ids=("rtb-aaaa", "rtb-bbbb"),
        ),
        airflow=SETTINGS,
        zones=("raw", "curated"),
        crawl_zone="raw",
        crawl_bucket=NAMING.bucket("raw"),
        crawl_key_arn=RAW_KEY,
        crawler_prefixes=("orders/",),
        crawler_schedule="cron(0 4 * * ? *)",
        glue_jobs=(
            GlueJobSpec(
                name="orders",
                script_path=str(script),
                source_bucket=NAMING.bucket("raw"),
                source_kms_key_arn=RAW_KEY,
                source_database=NAMING.glue_database("raw"),
                source_prefixes=("orders",),
                target_bucket=NAMING.bucket("curated"),
                target_kms_key_arn=CURATED_KEY,
                target_database=NAMING.glue_database("curated"),
                worker_type="G.1X",
                number_of_workers=2,
                timeout_minutes=30,
                max_retries=0,
            ),
        ),
        access_log_bucket="acme-dp-prod-access-logs",
        kms_deletion_window_days=7,
        snowflake_account="ACME-DATA_PROD",
        alert_topic_arn=ALERTS,
        snowflake_connections=(
            SnowflakeConnectionSpec(
                "bot",
                "ACME_DP_PROD_BOT",
                "ACME_DP_PROD_LOADER",
                "ACME_DP_PROD_LOADING",
                Probe("bot-private-key", "-----BEGIN PRIVATE KEY-----\nAA\n").value,
            ),
        ),
        administrator_arns=(ADMIN,),
        secret_recovery_days=7,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    script = tmp_path_factory.mktemp("glue") / "orders.py"
    script.write_text("print('orders')\n")

    def construct():
        orchestration = Orchestration("orch", _args(script))
        return {
            "airflow": orchestration.airflow.environment.arn,
            "key": orchestration.key.arn,
            "secrets_key": orchestration.secrets_key.arn,
            "has_jobs": orchestration.jobs is not None,
            "secrets": sorted(orchestration.secrets),
        }

    return build(construct)


def test_it_composes_two_keys_the_network_glue_airflow_jobs_and_a_secret_per_connection(built):
    parts = {
        (r.type, r.name)
        for r in built.run.registrations
        if r.parent and r.parent.endswith("::orch")
    }
    assert parts == {
        ("dataplatform:security:KmsKey", "orch-orchestration-key"),
        ("dataplatform:security:KmsKey", "orch-secrets-key"),
        ("dataplatform:orchestration:MwaaNetwork", "orch-network"),
        ("dataplatform:orchestration:GlueCatalog", "orch-glue"),
        ("dataplatform:orchestration:AirflowEnvironment", "orch-airflow"),
        ("dataplatform:orchestration:GlueJobs", "orch-glue-jobs"),
        ("dataplatform:secrets:AirflowConnectionSecret", "orch-connection-bot"),
        # The webserver is private: the engineers' login policy (no VPN configured).
        ("dataplatform:orchestration:AirflowUiAccess", "orch-ui"),
    }


@pytest.mark.parametrize(
    ("purpose", "what", "sids"),
    [
        (
            "orchestration",
            "MWAA, DAGs, Glue, flow logs",
            [
                "AccountRootAdministersKey",
                "NamedAdministrators",
                "CloudWatchLogsEncryptsThisAccountsLogGroups",
            ],
        ),
        (
            "secrets",
            "Airflow connections and variables",
            ["AccountRootAdministersKey", "NamedAdministrators"],
        ),
    ],
)
def test_each_key_has_its_purpose_alias_window_protection_and_statements(
    built, purpose, what, sids
):
    name = f"orch-{purpose}-key"
    key = built.named(name, "Key")
    assert {k: v for k, v in key.inputs.items() if k != "policy"} == {
        "description": f"acme-dp-prod: {what}",
        "enableKeyRotation": True,
        "deletionWindowInDays": 7,
        "tags": TAGS.for_data("confidential"),
    }, name
    assert [s["Sid"] for s in json.loads(key.inputs["policy"])["Statement"]] == sids, name
    assert key.protect, name
    assert built.named(f"{name}-alias").inputs["name"] == f"alias/acme-dp-prod-{purpose}"


def test_the_orchestration_key_encrypts_flow_logs_glue_and_airflow(built):
    key = built.outputs["key"]
    assert built.named("orch-network-flow-logs", "LogGroup").inputs["kmsKeyId"] == key
    catalog = built.named("orch-glue-encryption").inputs["dataCatalogEncryptionSettings"]
    assert catalog["encryptionAtRest"]["sseAwsKmsKeyId"] == key, "orch-glue-encryption"
    assert built.named("orch-airflow", "Environment").inputs["kmsKey"] == key, "orch-airflow"


def test_airflow_runs_in_the_networks_subnets_and_security_group(built):
    environment = built.named("orch-airflow", "Environment").inputs
    mwaa_group = built.named("orch-network-mwaa", "SecurityGroup").outputs["id"]
    assert environment["name"] == "acme-dp-prod-airflow", "orch-airflow"
    assert environment["networkConfiguration"] == {
        "subnetIds": ["subnet-aaaa", "subnet-bbbb"],
        "securityGroupIds": [mwaa_group],
    }, "orch-airflow"
    assert environment["sourceBucketArn"] == f"arn:aws:s3:::{DAG_BUCKET}", "orch-airflow"


def test_the_crawler_reads_the_crawl_zone_prefix_on_schedule(built):
    (crawler,) = built.of("Crawler")
    assert (crawler.inputs["schedule"], crawler.inputs["s3Targets"]) == (
        "cron(0 4 * * ? *)",
        [{"path": f"s3://{NAMING.bucket('raw')}/orders/"}],
    ), crawler.name


def test_glue_job_scripts_live_in_the_dag_bucket(built):
    job = built.named("orch-glue-jobs-orders", "Job")
    assert job.inputs["command"]["scriptLocation"] == (
        f"s3://{DAG_BUCKET}/glue/scripts/orders/orders.py"
    ), job.name


def test_glue_failures_go_to_the_alerts_topic(built):
    targets = {r.name: r.inputs["arn"] for r in built.of("EventTarget")}
    assert targets == {"orch-glue-crawler-failures": ALERTS, "orch-glue-jobs-failures": ALERTS}


def test_a_connection_secret_is_encrypted_with_the_secrets_key_and_read_by_airflow_and_admins(
    built,
):
    secret = built.named("orch-connection-bot", "Secret").inputs
    assert (secret["name"], secret["kmsKeyId"], secret["recoveryWindowInDays"]) == (
        "acme-dp-prod/airflow/connections/snowflake_bot",
        built.outputs["secrets_key"],
        7,
    ), "orch-connection-bot"
    assert (secret["tags"]["snowflake-user"], secret["tags"]["snowflake-account"]) == (
        "ACME_DP_PROD_BOT",
        "ACME-DATA_PROD",
    ), "orch-connection-bot"
    policy = json.loads(built.named("orch-connection-bot-policy").inputs["policy"])
    readers = next(s for s in policy["Statement"] if s["Sid"] == "NamedReadersGetTheValue")
    assert readers["Principal"] == {"AWS": [EXECUTION_ROLE, ADMIN]}, "orch-connection-bot-policy"


def test_a_connection_value_waits_for_the_users_private_key(built):
    assert built.depends_on("orch-connection-bot-value") == {
        "orch-connection-bot",
        "bot-private-key",
    }


def test_the_outputs_are_the_environment_the_keys_the_jobs_and_the_secrets(built):
    assert built.outputs == {
        "airflow": f"arn:aws:airflow:{REGION}:{ACCOUNT}:environment/acme-dp-prod-airflow",
        "key": built.named("orch-orchestration-key", "Key").outputs["arn"],
        "secrets_key": built.named("orch-secrets-key", "Key").outputs["arn"],
        "has_jobs": True,
        "secrets": ["bot"],
    }


def test_without_glue_jobs_there_is_no_glue_jobs_component(tmp_path):
    def construct():
        args = dataclasses.replace(
            _args(tmp_path / "unused.py"), glue_jobs=(), snowflake_connections=()
        )
        return {"has_jobs": Orchestration("orch", args).jobs is not None}

    built = build(construct)
    assert built.outputs == {"has_jobs": False}
    assert not [r.name for r in built.run.registrations if r.type.endswith(":GlueJobs")]
