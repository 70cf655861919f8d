"""Which zones replicate, and where: explicit > environment > secure default, then checks."""

from __future__ import annotations

import pytest

from stacks.stack_file import ConfigError, parse_platform
from tests.stacks.platform_base import PLATFORM_BASE

FILE = "stacks/Pulumi.test.yaml"
BASE = {
    "environment": "dev",
    **PLATFORM_BASE,
}
ZONES = [
    {"name": "raw", "data_classification": "pii"},
    {"name": "curated", "data_classification": "internal"},
]


def _config(environment="dev", zones=ZONES, **lake):
    return parse_platform(
        {**BASE, "environment": environment, "lake": {"zones": zones, **lake}}, FILE
    )


@pytest.mark.parametrize(
    ("environment", "replicated"), [("dev", ()), ("staging", ()), ("prod", ("curated",))]
)
def test_the_environment_decides_which_zones_replicate(environment, replicated):
    assert _config(environment).replicated_zones == replicated


def test_a_zone_marked_critical_replicates_in_any_environment():
    zones = [{**ZONES[0], "replicate": True}, ZONES[1]]
    assert _config("dev", zones).replicated_zones == ("raw",)


def test_an_explicit_false_opts_prods_curated_out():
    zones = [ZONES[0], {**ZONES[1], "replicate": False}]
    assert _config("prod", zones).replicated_zones == ()


def test_the_replica_region_defaults_from_the_stacks_region():
    assert _config("prod").replica_region == "eu-central-1"


def test_an_explicit_replica_region_wins():
    assert _config("prod", replica_region="eu-north-1").replica_region == "eu-north-1"


def test_the_replica_region_must_differ_from_the_region():
    with pytest.raises(ConfigError, match=r"lake\.replica_region.*must differ from"):
        _config("prod", replica_region="eu-west-1")


def test_a_region_without_default_needs_an_explicit_replica_region():
    with pytest.raises(ConfigError, match=r"lake\.replica_region.*required when a zone"):
        parse_platform(
            {**BASE, "environment": "prod", "region": "ap-south-1", "lake": {"zones": ZONES}},
            FILE,
        )


def test_nothing_replicated_needs_no_replica_region():
    config = parse_platform({**BASE, "region": "ap-south-1", "lake": {"zones": ZONES}}, FILE)
    assert config.replicated_zones == () and config.replica_region is None


def test_a_malformed_replica_region_is_refused():
    with pytest.raises(ConfigError, match="replica_region"):
        _config("prod", replica_region="Frankfurt")


def test_a_replica_region_equal_to_the_region_is_refused_even_when_nothing_replicates():
    with pytest.raises(ConfigError, match="must differ from"):
        _config("dev", replica_region="eu-west-1")
