"""The orchestration section: references, refused combinations, environment defaults."""

from __future__ import annotations

import pytest

from stacks.stack_file import ConfigError, parse_platform
from tests.stacks.platform_base import PLATFORM_BASE

FILE = "stacks/Pulumi.test.yaml"


BASE = {
    "environment": "prod",
    **PLATFORM_BASE,
    "snowflake": {
        "connection": {"organization_name": "ACME", "account_name": "A", "user": "U"},
        "account_cloud": "aws",
        "account_region": "eu-west-1",
        "databases": [{"name": "raw", "schemas": [{"name": "crm"}]}],
    },
}
SOURCE = {"name": "crm", "zone": "raw", "prefix": "crm/", "database": "raw", "schema": "crm"}


def _problems(**orchestration) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_platform({**BASE, "orchestration": orchestration}, FILE)
    return str(caught.value)


def test_a_valid_section_resolves_egress_from_the_environment():
    config = parse_platform({**BASE, "orchestration": {"ingest_sources": [SOURCE]}}, FILE)
    assert config.orchestration is not None
    network = config.orchestration.network
    assert (network.egress, network.nat_gateways, network.service_endpoints) == (
        "nat",
        "per_az",
        True,
    )
    dev = parse_platform({**BASE, "environment": "dev"}, FILE)
    assert dev.orchestration is None
    dev = parse_platform(
        {**BASE, "environment": "dev", "orchestration": {"ingest_sources": [SOURCE]}}, FILE
    )
    assert dev.orchestration is not None
    network = dev.orchestration.network
    assert (network.egress, network.nat_gateways, network.service_endpoints) == (
        "nat",
        "single",
        False,
    )


def test_defaults_are_resolved_before_the_worker_range_is_checked():
    # dev's default maximum is 2: a minimum of 3 alone must fail at the edge.
    dev = {**BASE, "environment": "dev", "orchestration": {"airflow": {"min_workers": 3}}}
    with pytest.raises(ConfigError) as caught:
        parse_platform(dev, FILE)
    assert (
        "platform.orchestration.airflow.min_workers: 3 exceeds max_workers (2, the dev default)"
        in (str(caught.value))
    )


def test_an_explicit_maximum_is_named_as_such():
    message = _problems(airflow={"min_workers": 5, "max_workers": 4})
    assert "orchestration.airflow.min_workers: 5 exceeds max_workers (4);" in message


def test_prod_refuses_a_public_webserver():
    assert "orchestration.airflow.webserver_access: prod's Airflow webserver must be private" in (
        _problems(airflow={"webserver_access": "public"})
    )


def test_unknown_zones_and_schemas_are_named():
    message = _problems(
        glue={
            "jobs": [{"name": "j", "script": "a.py", "source_zone": "raw", "target_zone": "gold"}]
        },
        ingest_sources=[
            {**SOURCE, "schema": "nope"},
            {**SOURCE, "name": "x", "zone": "lake", "prefix": "x/"},
        ],
    )
    assert "orchestration.glue.jobs[j].target_zone: unknown zone [gold]" in message
    assert "orchestration.ingest_sources[crm].schema: no Snowflake schema [raw.nope]" in message
    assert "orchestration.ingest_sources[x].zone: unknown zone [lake]" in message


def test_overlapping_prefixes_on_one_zone_are_refused():
    message = _problems(ingest_sources=[SOURCE, {**SOURCE, "name": "crm_eu", "prefix": "crm/eu/"}])
    assert "overlaps source [crm]" in message


def test_an_existing_vpc_needs_its_subnets_and_route_tables():
    message = _problems(network={"vpc_id": "vpc-0123456789abcdef0", "egress": "endpoints"})
    assert "network: give both vpc_id and subnet_ids, or neither" in message
    assert "network.route_table_ids" in message


def test_ingest_without_snowflake_is_refused():
    config = {k: v for k, v in BASE.items() if k != "snowflake"}
    with pytest.raises(ConfigError, match="ingest needs a `snowflake` section"):
        parse_platform({**config, "orchestration": {"ingest_sources": [SOURCE]}}, FILE)


CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000001"
VPN = {"server_certificate_arn": CERT, "client_root_certificate_arn": CERT}


def _airflow(**orchestration) -> object:
    config = parse_platform({**BASE, "orchestration": orchestration}, FILE)
    assert config.orchestration is not None
    return config.orchestration.airflow


def test_ui_access_is_none_by_default_and_corporate_when_a_range_is_given():
    assert _airflow().ui_access == "none"  # type: ignore[attr-defined]
    given = _airflow(network={"webserver_allowed_cidr": "10.0.0.0/8"})
    assert given.ui_access == "corporate_cidrs"  # type: ignore[attr-defined]
    chosen = _airflow(airflow={"ui_access": "client_vpn", "client_vpn": VPN})
    assert chosen.ui_access == "client_vpn"  # type: ignore[attr-defined]
    assert chosen.client_vpn.client_cidr == "10.254.0.0/22"  # type: ignore[attr-defined]


def test_client_vpn_needs_its_certificates():
    assert "orchestration.airflow.client_vpn: ui_access client_vpn needs" in _problems(
        airflow={"ui_access": "client_vpn"}
    )


def test_corporate_cidrs_needs_the_corporate_range():
    assert (
        "orchestration.airflow.ui_access: corporate_cidrs needs network.webserver_allowed_cidr"
        in (_problems(airflow={"ui_access": "corporate_cidrs"}))
    )


def test_a_client_range_inside_the_vpc_is_refused():
    vpn = {**VPN, "client_cidr": "10.40.4.0/22"}
    assert "client_cidr: 10.40.4.0/22 overlaps the VPC's 10.40.0.0/16" in _problems(
        airflow={"ui_access": "client_vpn", "client_vpn": vpn}
    )


def test_a_world_open_client_range_or_certificate_elsewhere_is_refused():
    assert "client_cidr" in _problems(
        airflow={"ui_access": "client_vpn", "client_vpn": {**VPN, "client_cidr": "0.0.0.0/0"}}
    )
    assert "server_certificate_arn" in _problems(
        airflow={
            "ui_access": "client_vpn",
            "client_vpn": {**VPN, "server_certificate_arn": "arn:aws:iam::1:server-certificate/x"},
        }
    )
