"""Where the Snowflake account is hosted: required, checked per cloud, and refused where the
platform's SNS notification integration cannot exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacks.snowflake_account import (
    S3_STORAGE_INTEGRATION_CLOUDS,
    SNS_NOTIFICATION_CLOUDS,
    account_problems,
)
from stacks.stack_file import ConfigError, load_stack_file
from tests.stack_data import platform
from tests.stacks.platform_base import PLATFORM_BASE

STACK = (
    "config:\n  data-platform:platform:\n    environment: dev\n"
    + "".join(f"    {k}: {v!r}\n" for k, v in PLATFORM_BASE.items())
    + "    snowflake:\n"
    + "      connection: {organization_name: ACME, account_name: DATA_DEV, user: PULUMI_DEPLOY}\n"
    + "      account_cloud: aws\n"
    + "      account_region: eu-west-1\n"
)


def _issues(tmp_path: Path, text: str) -> dict[str, tuple[int | None, str]]:
    path = tmp_path / "Pulumi.dev.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_stack_file(path)
    assert caught.value.source == str(path)
    return {i.path: (i.line, i.message) for i in caught.value.issues}


def test_an_account_on_aws_in_an_aws_region_loads(tmp_path):
    path = tmp_path / "Pulumi.dev.yaml"
    path.write_text(STACK)
    snowflake = load_stack_file(path).platform.snowflake
    assert snowflake is not None
    assert (snowflake.account_cloud, snowflake.account_region) == ("aws", "eu-west-1")


def test_the_cloud_and_region_are_required(tmp_path):
    text = STACK.replace("      account_cloud: aws\n      account_region: eu-west-1\n", "")
    assert _issues(tmp_path, text) == {
        "platform.snowflake.account_cloud": (11, "required key is missing"),
        "platform.snowflake.account_region": (11, "required key is missing"),
    }


def test_an_unknown_cloud_lists_the_allowed_ones(tmp_path):
    issues = _issues(tmp_path, STACK.replace("account_cloud: aws", "account_cloud: oracle"))
    line, message = issues["platform.snowflake.account_cloud"]
    assert line == 12 and "'aws', 'azure' or 'gcp'" in message and "'oracle'" in message


def test_an_account_on_azure_is_refused_because_of_the_sns_integration(tmp_path):
    text = STACK.replace("account_cloud: aws", "account_cloud: azure").replace(
        "account_region: eu-west-1", "account_region: westeurope"
    )
    assert _issues(tmp_path, text) == {
        "platform.snowflake.account_cloud": (
            12,
            "azure: the platform creates an AWS_SNS notification integration for pipe load "
            "errors and the credit alert, which Snowflake supports only for accounts hosted "
            "on AWS; allowed: aws",
        )
    }


def test_a_region_of_another_cloud_is_refused_with_an_example(tmp_path):
    issues = _issues(
        tmp_path, STACK.replace("account_region: eu-west-1", "account_region: westeurope")
    )
    assert issues == {
        "platform.snowflake.account_region": (
            13,
            "'westeurope' is not a aws region id; expected Snowflake's Cloud Region ID, like "
            "eu-west-1 (pattern ^[a-z]{2}(-gov)?-[a-z]+-\\d$)",
        )
    }


@pytest.mark.parametrize(
    ("cloud", "good", "bad"),
    [
        ("aws", "us-gov-west-1", "us-central1"),
        ("gcp", "europe-west4", "eu-west-1"),
        ("azure", "eastus2", "europe-west4"),
    ],
)
def test_each_clouds_region_ids_have_their_own_shape(cloud, good, bad):
    def region_refused(region: str) -> bool:
        return any(p.loc == ("account_region",) for p in account_problems(cloud, region))

    assert not region_refused(good)
    assert region_refused(bad)


def test_every_shipped_stack_says_where_its_account_is():
    for stack in ("dev", "staging", "prod"):
        snowflake = platform(stack)["snowflake"]
        assert snowflake["account_cloud"] in SNS_NOTIFICATION_CLOUDS, stack
        assert snowflake["account_region"] == platform(stack)["region"], stack


def test_the_integrations_the_stacks_plan_are_the_ones_the_cloud_table_knows(plans):
    """Code and data agree: each stack plans an AWS_SNS notification integration (so the
    SNS row applies to every stack) and only S3 storage integrations (allowed anywhere)."""
    for stack, plan in plans.items():
        notifications = [
            r["inputs"]["notificationProvider"]
            for r in plan["resources"]
            if r["type"] == "snowflake:index/notificationIntegration:NotificationIntegration"
        ]
        assert notifications == ["AWS_SNS"], stack
        storage = {
            r["inputs"]["storageProvider"]
            for r in plan["resources"]
            if r["type"].startswith("snowflake:index/storageIntegration")
        }
        assert storage <= {"S3"}, stack
    assert set(S3_STORAGE_INTEGRATION_CLOUDS) == {"aws", "azure", "gcp"}
