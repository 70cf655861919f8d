"""SnowflakeIngest built alone: the integration names a role fixed up front; the role trusts
what the integration describes and reads the prefix; the stage and pipe wait until it may;
the landing table is protected as asked; the pipe's queue is the bucket's notification."""

from __future__ import annotations

import json

import pytest

from components.integration.snowflake_ingest import (
    IngestSourceArgs,
    SnowflakeIngest,
    copy_statement,
)
from components.integration.snowflake_ingest_iam import (
    snowflake_read_policy,
    snowflake_trust_policy,
)
from components.protection import Protection
from tests.components.synthetic import Built, Probe, build_snowflake

ACCOUNT = "410987654321"
KEY = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/raw"
LOCATION = "s3://acme-dp-prod-raw/crm/"


@pytest.fixture(scope="module")
def built() -> Built:
    def construct(providers):
        ingest = SnowflakeIngest(
            "crm",
            IngestSourceArgs(
                key="crm",
                account_id=ACCOUNT,
                role_name="acme-dp-prod-sf-crm",
                bucket="acme-dp-prod-raw",
                prefix="crm/",
                kms_key_arn=KEY,
                external_id="ext-id-1",
                integration="ACME_DP_PROD_CRM",
                database="ACME_DP_PROD_RAW",
                schema="MAIN",
                file_format="JSON",
                tags={"environment": "prod"},
                protection=Protection(retain_on_delete=True),
                error_integration=Probe("error-integration", "ACME_DP_PROD_ALERTS").value,
            ),
            providers,
        )
        return {
            "queue": ingest.notification.queue_arn,
            "prefix": ingest.notification.prefix,
            "role": ingest.role.name,
        }

    return build_snowflake(construct)


def test_built_alone_it_holds_the_whole_handshake(built):
    assert built.resources() == [
        ("Pipe", "crm-pipe"),
        ("Role", "crm-role"),
        ("RolePolicy", "crm-read"),
        ("StageExternalS3", "crm-stage"),
        ("StorageIntegrationAws", "crm-integration"),
        ("Table", "crm-table"),
    ]
    assert built.children("crm", "SnowflakeIngest") == {name for _, name in built.resources()}


def test_the_integration_pins_the_external_id_and_allows_only_the_prefix(built):
    assert built.named("crm-integration").inputs == {
        "name": "ACME_DP_PROD_CRM",
        "enabled": True,
        "storageProvider": "S3",
        "storageAwsRoleArn": f"arn:aws:iam::{ACCOUNT}:role/acme-dp-prod-sf-crm",
        "storageAwsExternalId": "ext-id-1",
        "storageAllowedLocations": [LOCATION],
        "comment": f"Reads {LOCATION}",
    }, "crm-integration"
    assert built.provider_of("crm-integration") == "sf-objects"


def test_the_role_trusts_what_the_integration_describes(built):
    (described,) = built.named("crm-integration").outputs["describeOutputs"]
    role = dict(built.named("crm-role").inputs)
    assert json.loads(role.pop("assumeRolePolicy")) == snowflake_trust_policy(
        described["iamUserArn"], described["externalId"]
    ), "crm-role"
    assert role == {
        "name": "acme-dp-prod-sf-crm",
        "description": f"Snowflake storage integration ACME_DP_PROD_CRM reads {LOCATION}",
        "maxSessionDuration": 3600,
        "tags": {"environment": "prod"},
    }, "crm-role"
    assert built.depends_on("crm-role") == {"crm-integration"}


def test_the_role_may_read_the_prefix_with_the_zone_key(built):
    read = built.named("crm-read")
    assert read.inputs["role"] == "acme-dp-prod-sf-crm", "crm-read"
    assert json.loads(read.inputs["policy"]) == snowflake_read_policy(
        "acme-dp-prod-raw", "crm/", KEY
    ), "crm-read"


def test_the_stage_reads_the_location_through_the_integration_once_the_role_may(built):
    assert built.named("crm-stage").inputs == {
        "database": "ACME_DP_PROD_RAW",
        "schema": "MAIN",
        "name": "CRM_STAGE",
        "url": LOCATION,
        "storageIntegration": "ACME_DP_PROD_CRM",
        "comment": "Files of source crm",
    }, "crm-stage"
    assert built.depends_on("crm-stage") == {"crm-integration", "crm-role", "crm-read"}


def test_the_landing_table_and_the_pipe_keep_each_record_whole_and_are_retained_as_asked(built):
    table = built.named("crm-table")
    assert table.inputs == {
        "database": "ACME_DP_PROD_RAW",
        "schema": "MAIN",
        "name": "CRM_LANDING",
        "columns": [
            {"name": "RECORD", "type": "VARIANT"},
            {"name": "FILE_NAME", "type": "VARCHAR"},
            {"name": "LOADED_AT", "type": "TIMESTAMP_LTZ"},
        ],
        "comment": "Raw records of source crm, loaded by Snowpipe",
    }, "crm-table"
    assert (table.protect, table.retain_on_delete) == (False, True), "crm-table"
    # The pipe's load history goes with it: protected like the table.
    retained = [r.name for r in built.run.registrations if r.retain_on_delete]
    assert retained == ["crm-table", "crm-pipe"]


def test_the_pipe_auto_ingests_into_the_table_and_reports_errors(built):
    assert built.named("crm-pipe").inputs == {
        "database": "ACME_DP_PROD_RAW",
        "schema": "MAIN",
        "name": "CRM_PIPE",
        "autoIngest": True,
        "errorIntegration": "ACME_DP_PROD_ALERTS",
        "copyStatement": copy_statement(
            '"ACME_DP_PROD_RAW"."MAIN"."CRM_LANDING"',
            '"ACME_DP_PROD_RAW"."MAIN"."CRM_STAGE"',
            "JSON",
        ),
        "comment": f"Auto-ingest of {LOCATION}",
    }, "crm-pipe"
    assert built.depends_on("crm-pipe") == {
        "crm-role",
        "crm-read",
        "crm-stage",
        "crm-table",
        "error-integration",
    }


def test_snowflake_objects_go_through_the_objects_provider(built):
    for name in ("crm-integration", "crm-stage", "crm-table", "crm-pipe"):
        assert built.provider_of(name) == "sf-objects", name


def test_the_notification_is_the_pipes_queue_for_the_prefix(built):
    assert built.outputs == {
        "queue": built.named("crm-pipe").outputs["notificationChannel"],
        "prefix": "crm/",
        "role": "acme-dp-prod-sf-crm",
    }
    assert built.outputs["queue"].startswith("arn:aws:sqs:"), "crm-pipe"
