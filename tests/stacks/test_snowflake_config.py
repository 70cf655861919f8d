"""The Snowflake section: references, environment caps and refused values, all reported at once."""

from __future__ import annotations

import pytest

from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS
from stacks.stack_file import ConfigError, load_stack_file, parse_platform
from tests.stacks.platform_base import PLATFORM_BASE

FILE = "stacks/Pulumi.test.yaml"

BASE = {
    "environment": "dev",
    **PLATFORM_BASE,
}
CONNECTION = {"organization_name": "ACME", "account_name": "DATA_DEV", "user": "PULUMI_DEPLOY"}
ACCOUNT = {"connection": CONNECTION, "account_cloud": "aws", "account_region": "eu-west-1"}
ACCOUNT_YAML = "      account_cloud: aws\n      account_region: eu-west-1\n"


def _config(environment: str = "dev", **snowflake):
    return parse_platform(
        {**BASE, "environment": environment, "snowflake": {**ACCOUNT, **snowflake}},
        FILE,
    )


def _problems(environment: str = "dev", **snowflake) -> str:
    with pytest.raises(ConfigError) as caught:
        _config(environment, **snowflake)
    return str(caught.value)


def test_the_defaults_give_three_workloads_three_roles_and_a_database_per_zone():
    snowflake = _config().snowflake
    assert snowflake is not None
    assert [w.name for w in snowflake.warehouses] == ["loading", "transforming", "reporting"]
    assert [r.name for r in snowflake.functional_roles] == ["loader", "transformer", "analyst"]
    assert [d.name for d in snowflake.databases] == ["raw", "staged", "curated"]


def test_a_declared_zone_database_keeps_its_schemas_and_extra_databases_are_added():
    snowflake = _config(
        databases=[{"name": "raw", "schemas": [{"name": "crm"}]}, {"name": "sandbox"}]
    ).snowflake
    assert snowflake is not None
    assert {d.name: [s.name for s in d.schemas] for d in snowflake.databases} == {
        "staged": ["main"],
        "curated": ["main"],
        "raw": ["crm"],
        "sandbox": ["main"],
    }


def test_a_stack_without_a_snowflake_section_has_no_snowflake_side():
    assert parse_platform(BASE, FILE).snowflake is None


def test_unknown_references_are_all_reported_with_their_paths():
    message = _problems(
        functional_roles=[
            {"name": "analyst", "read": ["curated.nope", "lake"], "warehouses": ["bi"]},
        ],
        service_users=[
            {"name": "bot", "role": "ghost", "warehouse": "bi", "allowed_ips": ["10.0.0.1"]}
        ],
    )
    for expected in (
        "snowflake.functional_roles[analyst].read: unknown schema [curated.nope]",
        "snowflake.functional_roles[analyst].read: unknown database [lake]",
        "snowflake.functional_roles[analyst].warehouses: unknown warehouse [bi]",
        "snowflake.service_users[bot].role: unknown functional role [ghost]",
        "snowflake.service_users[bot].warehouse: unknown warehouse [bi]",
    ):
        assert expected in message


def test_unknown_pii_categories_are_refused_with_the_allowed_ones():
    message = _problems(
        databases=[{"name": "raw", "schemas": [{"name": "crm", "pii_category": "shoe_size"}]}],
        functional_roles=[{"name": "support", "unmask": ["shoe_size"]}],
    )
    assert "databases[raw].schemas[crm].pii_category: unknown category [shoe_size]" in message
    assert "functional_roles[support].unmask: unknown category [shoe_size]" in message
    assert "allowed: email, phone, name" in message


def test_extra_categories_extend_the_tag():
    config = _config(
        pii={"extra_categories": ["health"]},
        functional_roles=[{"name": "nurse", "unmask": ["health"]}],
    )
    assert config.snowflake is not None
    assert config.snowflake.pii_categories[-1] == "health"


@pytest.mark.parametrize(
    ("environment", "field", "value", "expected"),
    [
        ("dev", "size", "MEDIUM", "MEDIUM is above the dev cap SMALL; allowed: XSMALL, SMALL"),
        ("staging", "size", "LARGE", "LARGE is above the staging cap MEDIUM"),
        ("dev", "auto_suspend_seconds", 600, "600 is above the dev cap of 60"),
        ("prod", "statement_timeout_seconds", 86400, "86400 is above the prod cap of 28800"),
    ],
)
def test_warehouses_above_the_environment_caps_are_refused(environment, field, value, expected):
    message = _problems(environment, warehouses=[{"name": "loading", field: value}])
    assert f"snowflake.warehouses[loading].{field}: {expected}" in message


def test_prod_allows_what_dev_refuses():
    warehouses = [{"name": n, "size": "XLARGE"} for n in ("loading", "transforming", "reporting")]
    config = _config("prod", warehouses=warehouses)
    assert config.snowflake is not None
    assert SNOWFLAKE_ENVIRONMENT_DEFAULTS["prod"].max_warehouse_size == "XLARGE"


def test_repeated_names_are_refused():
    message = _problems(warehouses=[{"name": "loading"}, {"name": "loading"}])
    assert "warehouse names must be unique; repeated: loading" in message


@pytest.mark.parametrize("cidr", ["0.0.0.0/0", "10.0.0.0/33", "not-an-ip", "2001:db8::/32"])
def test_service_users_need_narrow_ipv4_networks(cidr):
    message = _problems(
        service_users=[
            {"name": "bot", "role": "loader", "warehouse": "loading", "allowed_ips": [cidr]}
        ]
    )
    assert f"got {cidr}" in message


def test_a_private_key_in_the_config_is_refused():
    message = _problems(
        service_users=[
            {
                "name": "bot",
                "role": "loader",
                "warehouse": "loading",
                "allowed_ips": ["10.0.0.1"],
                "rsa_public_key": "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
            }
        ]
    )
    assert "never a private key" in message


def test_a_stack_file_error_in_the_snowflake_section_names_the_file(tmp_path):
    path = tmp_path / "Pulumi.dev.yaml"
    path.write_text(
        "config:\n  data-platform:platform:\n"
        + "".join(f"    {k}: {v!r}\n" for k, v in BASE.items())
        + "    snowflake:\n      connection: {organization_name: ACME, account_name: A, user: U}\n"
        + "      warehouses: [{name: loading, size: HUGE}]\n"
        + ACCOUNT_YAML
    )
    with pytest.raises(ConfigError) as caught:
        load_stack_file(path)
    (issue,) = caught.value.issues
    assert issue.path == "platform.snowflake.warehouses[0].size"
    assert "XSMALL" in issue.message
    assert issue.line == 12


def test_cross_field_problems_become_one_issue_each_with_its_own_line(tmp_path):
    path = tmp_path / "Pulumi.dev.yaml"
    path.write_text(
        "config:\n  data-platform:platform:\n"
        + "".join(f"    {k}: {v!r}\n" for k, v in BASE.items())
        + "    snowflake:\n      connection: {organization_name: ACME, account_name: A, user: U}\n"
        + "      warehouses:\n"
        + "        - {name: loading}\n"
        + "        - {name: reporting, size: LARGE}\n"
        + ACCOUNT_YAML
    )
    with pytest.raises(ConfigError) as caught:
        load_stack_file(path)
    issues = {i.path: (i.line, i.message) for i in caught.value.issues}
    assert issues["platform.snowflake.warehouses[reporting].size"] == (
        14,
        "LARGE is above the dev cap SMALL; allowed: XSMALL, SMALL",
    )
    assert issues["platform.snowflake.functional_roles[transformer].warehouses"][1].startswith(
        "unknown warehouse [transforming]; known: loading, reporting"
    )


def test_the_caps_equal_the_policy_packs_defaults():
    """Config the model accepts must not be refused by the pack at preview."""
    from policies.rules.snowflake import warehouse_auto_suspend, warehouse_size_capped

    for environment, caps in SNOWFLAKE_ENVIRONMENT_DEFAULTS.items():
        assert caps.max_auto_suspend_seconds == warehouse_auto_suspend.MAX_SECONDS[environment]
        assert caps.max_warehouse_size == warehouse_size_capped.MAX_SIZE[environment]


def test_standard_edition_refuses_what_standard_lacks_with_the_allowed_editions():
    message = _problems(
        "prod", edition="standard", warehouses=[{"name": "bi", "max_cluster_count": 3}]
    )
    assert (
        "snowflake.warehouses[bi].max_cluster_count: 3 needs Enterprise edition "
        "(multi-cluster warehouses); Standard allows 1"
    ) in message
    assert "snowflake.edition: standard has no masking policies" in message
    assert "allowed: enterprise, business_critical" in message


def test_standard_edition_caps_time_travel_at_one_day():
    from stacks.snowflake_config import SnowflakeConfig, resolve_snowflake

    config = SnowflakeConfig.model_validate({**ACCOUNT, "edition": "standard"})
    assert resolve_snowflake(config, "prod", ("raw",)).data_retention_days == 1
    enterprise = SnowflakeConfig.model_validate(ACCOUNT)
    assert resolve_snowflake(enterprise, "prod", ("raw",)).data_retention_days == 7


def _bot():
    return {"name": "bot", "role": "loader", "warehouse": "loading", "allowed_ips": ["10.0.0.1"]}


@pytest.mark.parametrize(("environment", "days"), [("dev", 30), ("staging", 60), ("prod", 90)])
def test_service_user_keys_rotate_on_the_environment_period_by_default(environment, days):
    snowflake = _config(environment, service_users=[_bot()]).snowflake
    assert snowflake is not None
    assert snowflake.key_rotation_days == days
    assert [u.key_rotation_days for u in snowflake.service_users] == [days]


def test_a_service_user_may_rotate_its_keys_sooner_than_the_environment():
    snowflake = _config("prod", service_users=[{**_bot(), "key_rotation_days": 30}]).snowflake
    assert snowflake is not None
    assert [u.key_rotation_days for u in snowflake.service_users] == [30]


def test_a_service_user_rotating_later_than_the_environment_is_refused():
    message = _problems("dev", service_users=[{**_bot(), "key_rotation_days": 45}])
    assert "platform.snowflake.service_users[bot].key_rotation_days: " in message
    assert "45 exceeds the environment's period of 30 days; allowed: 2 to 30" in message


def test_the_maximum_key_age_is_the_period_plus_half_of_it():
    assert {e: d.max_key_age_days for e, d in SNOWFLAKE_ENVIRONMENT_DEFAULTS.items()} == {
        "dev": 45,
        "staging": 90,
        "prod": 135,
    }
