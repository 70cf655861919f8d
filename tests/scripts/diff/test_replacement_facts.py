"""The replacement table: it covers every custom type the three stacks plan, names its
provider versions, and holds the known cases."""

from __future__ import annotations

from typing import Any

import pytest

from policies.rules.facts.replacements import (
    EXTRACTED,
    HAND_LISTED,
    UNLESS_EXPERIMENT,
    document,
    replacement,
)
from policies.rules.facts.tokens import (
    CLOUDWATCH_LOG_GROUP,
    EC2_FLOW_LOG,
    GLUE_JOB,
    IAM_ROLE,
    KMS_KEY,
    RDS_INSTANCE,
    S3_BUCKET,
    S3_BUCKET_LIFECYCLE_CONFIGURATION,
    SECRETSMANAGER_SECRET,
    SNOWFLAKE_DATABASE,
    SNOWFLAKE_PIPE,
    SNOWFLAKE_RESOURCE_MONITOR,
    SNOWFLAKE_SCHEMA,
    SNOWFLAKE_STAGE_EXTERNAL_S3,
    SNOWFLAKE_STORAGE_INTEGRATION_AWS,
    SNOWFLAKE_TABLE,
    SNS_TOPIC,
    SNS_TOPIC_SUBSCRIPTION,
    TIME_ROTATING,
    TLS_PRIVATE_KEY,
)
from scripts.replacements.providers import PROVIDERS, installed_version


def _planned(plans: dict[str, dict[str, Any]]) -> set[str]:
    return {
        r["type"]
        for plan in plans.values()
        for r in plan["resources"]
        if r.get("custom") and not r["type"].startswith("pulumi:")
    }


def test_every_planned_type_is_covered(plans: dict[str, dict[str, Any]]) -> None:
    planned = _planned(plans)
    assert len(planned) == 78
    assert {t for t in planned if replacement(t) is None} == set()


def test_every_planned_aws_type_is_extracted_and_nothing_is_hand_listed(
    plans: dict[str, dict[str, Any]],
) -> None:
    aws = {t for t in _planned(plans) if t.startswith("aws:")}
    assert len(aws) == 51
    for token in aws:
        facts = replacement(token)
        assert facts is not None and facts.origin == EXTRACTED, token
        assert "lonegunmanb/terraform-provider-aws-index@" in facts.source, token
    # A type whose source cannot be read gets a hand row saying why: none today.
    assert HAND_LISTED == {}


def test_every_planned_type_has_a_row_with_its_terraform_name(
    plans: dict[str, dict[str, Any]],
) -> None:
    rows = document()["types"]
    for token in _planned(plans):
        assert token in rows, token
    assert rows[SNOWFLAKE_PIPE]["terraform"] == "snowflake_pipe"
    assert rows[S3_BUCKET]["terraform"] == "aws_s3_bucket"
    assert rows[EC2_FLOW_LOG]["terraform"] == "aws_flow_log"
    assert rows[RDS_INSTANCE]["terraform"] == "aws_db_instance"
    assert rows[S3_BUCKET_LIFECYCLE_CONFIGURATION]["upstream"] == "internal/service/s3"


def test_only_inputs_the_installed_sdk_does_not_declare_are_left_unmapped(
    plans: dict[str, dict[str, Any]],
) -> None:
    rows = document()["types"]
    unmapped = {t: rows[t]["unmapped"] for t in _planned(plans) if rows[t].get("unmapped")}
    assert unmapped == {}


def test_the_aws_reading_names_its_release_pin_knowledge_and_sources() -> None:
    aws = document()["providers"]["aws"]
    assert (aws["readAtRef"], aws["atPin"], aws["pinned"]) == ("v6.58.0", False, None)
    assert aws["sourceRepo"] == "lonegunmanb/terraform-provider-aws-index"
    assert "v7.37.0" in aws["pinNote"] and "v6.54.0" in aws["pinNote"]
    assert aws["namesExcerpt"]["commit"] == "057f66f4d3a87ea37b210b92afb9d136ba8b2403"
    assert aws["namesDerived"]["AttrExpectedBucketOwner"] == "expected_bucket_owner"


def test_a_per_resource_region_change_forces_a_replacement_in_the_aws_source() -> None:
    region = document()["providers"]["aws"]["region"]
    assert region["forcesReplacement"] is True
    assert region["evidence"] == [
        "internal/provider/framework/method.resourceForceNewIfRegionChangesInterceptor"
        ".modifyPlan.goindex",
        "internal/provider/sdkv2/func.forceNewIfRegionChanges.goindex",
    ]


def test_the_table_names_the_installed_provider_versions() -> None:
    for name, spec in PROVIDERS.items():
        assert document()["providers"][name]["pulumiVersion"] == installed_version(spec), name


@pytest.mark.parametrize(
    ("token", "forcing", "origin"),
    [
        (SNOWFLAKE_PIPE, {"copyStatement", "name", "database", "schema"}, EXTRACTED),
        (S3_BUCKET, {"bucket", "bucketPrefix", "objectLockEnabled"}, EXTRACTED),
        (
            KMS_KEY,
            {"customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"},
            EXTRACTED,
        ),
        (SECRETSMANAGER_SECRET, {"name", "namePrefix"}, EXTRACTED),
        (CLOUDWATCH_LOG_GROUP, {"name", "namePrefix", "logGroupClass"}, EXTRACTED),
        (SNS_TOPIC, {"name", "namePrefix", "fifoTopic"}, EXTRACTED),
        (SNS_TOPIC_SUBSCRIPTION, {"topic", "protocol", "endpoint"}, EXTRACTED),
        (GLUE_JOB, {"name"}, EXTRACTED),
        (IAM_ROLE, {"name", "namePrefix", "path"}, EXTRACTED),
        (TLS_PRIVATE_KEY, {"algorithm", "rsaBits", "ecdsaCurve"}, EXTRACTED),
        (TIME_ROTATING, {"rfc3339", "triggers"}, EXTRACTED),
        (SNOWFLAKE_SCHEMA, {"database", "isTransient"}, EXTRACTED),
    ],
)
def test_known_replace_forcing_inputs_hold(token: str, forcing: set[str], origin: str) -> None:
    facts = replacement(token)
    assert facts is not None, token
    assert forcing <= set(facts.force_new), token
    assert facts.origin == origin, token


def test_inputs_aws_changes_in_place_are_not_forcing() -> None:
    for token, inputs in (
        (S3_BUCKET, {"forceDestroy", "tags"}),
        (KMS_KEY, {"description", "enableKeyRotation", "policy", "deletionWindowInDays"}),
        (GLUE_JOB, {"command", "roleArn", "defaultArguments"}),
        (SNS_TOPIC, {"kmsMasterKeyId", "displayName"}),
    ):
        facts = replacement(token)
        assert facts is not None and not inputs & set(facts.force_new), token


def test_a_snowflake_rename_is_in_place_not_a_replacement() -> None:
    for token in (SNOWFLAKE_DATABASE, SNOWFLAKE_SCHEMA):
        facts = replacement(token)
        assert facts is not None and "name" not in facts.force_new, token


def test_the_snowflake_v2_stage_and_integration_rows_hold() -> None:
    stage = replacement(SNOWFLAKE_STAGE_EXTERNAL_S3)
    assert stage is not None and stage.force_new == ()
    assert stage.conditional["storageIntegration"] == "ForceNewIfChangeToEmptyString"
    assert stage.conditional["directory.autoRefresh"] == "ForceNewIfNotDefault"
    assert stage.conditional["url"] == "ForceNewIfUrlIsS3Compatible"
    integration = replacement(SNOWFLAKE_STORAGE_INTEGRATION_AWS)
    assert integration is not None and integration.force_new == ("name", "storageProvider")


def test_a_helper_that_replaces_unless_an_experiment_is_on_forces_outright() -> None:
    schema = replacement(SNOWFLAKE_SCHEMA)
    assert schema is not None
    assert schema.conditional == {"database": UNLESS_EXPERIMENT}
    assert schema.force_new == ("database", "isTransient")
    table = replacement(SNOWFLAKE_TABLE)
    assert table is not None and table.force_new == ("database", "schema")


def test_conditional_helpers_are_recorded_with_their_input() -> None:
    monitor = replacement(SNOWFLAKE_RESOURCE_MONITOR)
    assert monitor is not None
    assert monitor.conditional["suspendTrigger"] == "ForceNewIfAllKeysAreNotSet"
    rotating = replacement(TIME_ROTATING)
    assert rotating is not None and rotating.conditional == {"rotationRfc3339": "RequiresReplaceIf"}
