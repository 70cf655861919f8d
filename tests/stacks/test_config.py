"""The platform config: environment defaults, precedence, and refused combinations."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacks.config import ENVIRONMENT_DEFAULTS
from stacks.stack_file import ConfigError, load_stack_file, parse_platform
from tests.stacks.platform_base import PLATFORM_BASE

FILE = "stacks/Pulumi.test.yaml"

STACKS_DIR = Path(__file__).resolve().parents[2] / "stacks"
BASE = {
    "environment": "dev",
    **PLATFORM_BASE,
}


def _config(**changes):
    return parse_platform({**BASE, **changes}, FILE)


@pytest.mark.parametrize(
    ("environment", "protect", "force_destroy", "noncurrent", "kms_window"),
    [("dev", False, True, 7, 7), ("staging", False, False, 30, 14), ("prod", True, False, 90, 30)],
)
def test_environment_decides_the_defaults(
    environment, protect, force_destroy, noncurrent, kms_window
):
    config = _config(environment=environment)
    assert config.protection.protect is protect
    assert config.protection.retain_on_delete is protect
    assert config.protection.force_destroy is force_destroy
    assert config.retention.noncurrent_version_days == noncurrent
    assert config.kms.deletion_window_days == kms_window


def test_an_explicit_value_wins_over_the_environment_default():
    config = _config(environment="staging", lake={"retention": {"noncurrent_version_days": 3}})
    assert config.retention.noncurrent_version_days == 3
    assert config.retention.access_log_days == ENVIRONMENT_DEFAULTS["staging"].access_log_days


def test_staging_may_opt_into_protection():
    config = _config(environment="staging", protection={"protect": True})
    assert config.protection.protect is True


def test_default_zones_are_raw_staged_curated():
    assert [z.name for z in _config().zones] == ["raw", "staged", "curated"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"environment": "prod", "protection": {"force_destroy": True}},
            "only dev may force-destroy",
        ),
        ({"environment": "prod", "protection": {"protect": False}}, "prod stateful resources"),
        (
            {"kms": {"key_administrator_arns": ["arn:aws:iam::999988887777:role/admin"]}},
            "must be roles of account 111122223333",
        ),
        ({"kms": {"key_user_arns": ["arn:aws:iam::111122223333:user/bob"]}}, "IAM role ARNs"),
        (
            {
                "lake": {
                    "zones": [
                        {
                            "name": "raw",
                            "data_classification": "pii",
                            "transitions": [{"days": 10, "storage_class": "STANDARD_IA"}],
                        }
                    ]
                }
            },
            "at least 30 days",
        ),
        (
            {
                "lake": {
                    "zones": [
                        {
                            "name": "raw",
                            "data_classification": "pii",
                            "transitions": [
                                {"days": 90, "storage_class": "GLACIER"},
                                {"days": 30, "storage_class": "STANDARD_IA"},
                            ],
                        }
                    ]
                }
            },
            "strictly increasing",
        ),
        (
            {
                "lake": {
                    "zones": [
                        {
                            "name": "raw",
                            "data_classification": "pii",
                            "expiration_days": 20,
                            "transitions": [{"days": 30, "storage_class": "STANDARD_IA"}],
                        }
                    ]
                }
            },
            "must come after",
        ),
        (
            {
                "lake": {
                    "zones": [
                        {"name": "raw", "data_classification": "pii"},
                        {"name": "raw", "data_classification": "internal"},
                    ]
                }
            },
            "repeated: raw",
        ),
        ({"lake": {"zones": []}}, "at least one zone"),
    ],
)
def test_unsafe_or_contradictory_values_are_refused(changes, expected):
    with pytest.raises(ConfigError, match=expected):
        _config(**changes)


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_each_shipped_stack_file_is_valid_and_matches_its_environment(stack):
    platform = load_stack_file(STACKS_DIR / f"Pulumi.{stack}.yaml").platform
    assert platform.environment == stack
    assert platform.protection.protect is (stack == "prod")


def test_deployers_may_be_patterns_of_this_accounts_roles():
    sso = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*"
    assert _config(deployers=[sso]).deployers == (sso,)


@pytest.mark.parametrize(
    ("deployers", "expected"),
    [
        ([], "deployers"),
        (["arn:aws:iam::111122223333:user/bob"], "expected IAM role ARNs or patterns"),
        (["arn:aws:iam::999988887777:role/ci"], "deployers must be roles of account"),
    ],
)
def test_deployers_are_required_and_must_be_this_accounts_roles(deployers, expected):
    with pytest.raises(ConfigError, match=expected):
        _config(deployers=deployers)
