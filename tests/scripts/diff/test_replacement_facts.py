"""The replacement table: it covers every custom type the three stacks plan, names its
provider versions, and holds the known cases."""

from __future__ import annotations

from typing import Any

import pytest

from policies.rules.facts.replacements import EXTRACTED, HAND, document, replacement
from policies.rules.facts.tokens import (
    CLOUDWATCH_LOG_GROUP,
    IAM_ROLE,
    S3_BUCKET,
    SNOWFLAKE_DATABASE,
    SNOWFLAKE_PIPE,
    SNOWFLAKE_RESOURCE_MONITOR,
    SNOWFLAKE_SCHEMA,
    SNOWFLAKE_STAGE_EXTERNAL_S3,
    SNOWFLAKE_STORAGE_INTEGRATION_AWS,
    TIME_ROTATING,
    TLS_PRIVATE_KEY,
)
from scripts.replacements.providers import PROVIDERS, installed_version

# Planned types the table says nothing of, and why: the AWS sources could not be read here
# (only the stateful types' earlier hand rows are kept), and these Snowflake resources are
# newer than the Snowflake source that could be read (v1.1.0).
SNOWFLAKE_V2_ONLY = {SNOWFLAKE_STAGE_EXTERNAL_S3, SNOWFLAKE_STORAGE_INTEGRATION_AWS}


def _planned(plans: dict[str, dict[str, Any]]) -> set[str]:
    return {
        r["type"]
        for plan in plans.values()
        for r in plan["resources"]
        if r.get("custom") and not r["type"].startswith("pulumi:")
    }


def test_every_planned_type_is_covered_but_the_unread_aws_ones_and_the_v2_only_snowflake_ones(
    plans: dict[str, dict[str, Any]],
) -> None:
    uncovered = {t for t in _planned(plans) if replacement(t) is None}
    aws = {t for t in uncovered if t.startswith("aws:")}
    assert uncovered - aws == SNOWFLAKE_V2_ONLY
    assert document()["providers"]["aws"]["readAt"] is None, "AWS now read: cover its types"
    assert S3_BUCKET not in aws and CLOUDWATCH_LOG_GROUP not in aws, "hand rows kept"


def test_every_planned_snowflake_tls_and_time_type_has_a_row_with_its_terraform_name(
    plans: dict[str, dict[str, Any]],
) -> None:
    rows = document()["types"]
    for token in _planned(plans):
        if not token.startswith("aws:"):
            assert token in rows, token
    assert rows[SNOWFLAKE_PIPE]["terraform"] == "snowflake_pipe"


def test_the_table_names_the_installed_provider_versions() -> None:
    for name, spec in PROVIDERS.items():
        assert document()["providers"][name]["pulumiVersion"] == installed_version(spec), name


@pytest.mark.parametrize(
    ("token", "forcing", "origin"),
    [
        (SNOWFLAKE_PIPE, {"copyStatement", "name", "database", "schema"}, EXTRACTED),
        (S3_BUCKET, {"bucket", "bucketPrefix"}, HAND),
        (IAM_ROLE, {"name", "namePrefix", "path"}, HAND),
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


def test_a_snowflake_rename_is_in_place_not_a_replacement() -> None:
    for token in (SNOWFLAKE_DATABASE, SNOWFLAKE_SCHEMA):
        facts = replacement(token)
        assert facts is not None and "name" not in facts.force_new, token


def test_conditional_helpers_are_recorded_with_their_input() -> None:
    monitor = replacement(SNOWFLAKE_RESOURCE_MONITOR)
    assert monitor is not None
    assert monitor.conditional["suspendTrigger"] == "ForceNewIfAllKeysAreNotSet"
    rotating = replacement(TIME_ROTATING)
    assert rotating is not None and rotating.conditional == {"rotationRfc3339": "RequiresReplaceIf"}
