"""Terraform attribute names become the engine's input names as the installed SDK declares
them: camelCase, the bridge's plurals, nested paths; an undeclared name is not guessed."""

from __future__ import annotations

import pytest

from policies.rules.facts.tokens import (
    DYNAMODB_TABLE,
    GLUE_CATALOG_TABLE,
    MWAA_ENVIRONMENT,
    SNOWFLAKE_GRANT_OWNERSHIP,
    SNOWFLAKE_PIPE,
    SNOWFLAKE_STAGE_EXTERNAL_S3,
    TIME_ROTATING,
)
from scripts.replacements.extract import terraform_name
from scripts.replacements.names import engine_path


@pytest.mark.parametrize(
    ("token", "tf", "engine"),
    [
        (SNOWFLAKE_PIPE, "copy_statement", "copyStatement"),
        (GLUE_CATALOG_TABLE, "partition_index", "partitionIndices"),
        (DYNAMODB_TABLE, "local_secondary_index", "localSecondaryIndexes"),
        (MWAA_ENVIRONMENT, "network_configuration.subnet_ids", "networkConfiguration.subnetIds"),
        (SNOWFLAKE_GRANT_OWNERSHIP, "on.all.in_database", "on.all.inDatabase"),
        (TIME_ROTATING, "rotation_rfc3339", "rotationRfc3339"),
        (SNOWFLAKE_PIPE, "no_such_input", None),
    ],
)
def test_engine_names_come_from_the_installed_sdk(token: str, tf: str, engine: str | None) -> None:
    assert engine_path(token, tf) == engine


def test_tokens_map_to_terraform_names_by_the_standard_rule() -> None:
    assert terraform_name(SNOWFLAKE_GRANT_OWNERSHIP) == "snowflake_grant_ownership"
    assert terraform_name(TIME_ROTATING) == "time_rotating"
    assert terraform_name(SNOWFLAKE_STAGE_EXTERNAL_S3) == "snowflake_stage_external_s3"
