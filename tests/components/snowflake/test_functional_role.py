"""FunctionalRole built alone: an account role holding only the access roles it is given,
rolled up to SYSADMIN."""

from __future__ import annotations

import pytest

from components.snowflake.functional_role import FunctionalRole, FunctionalRoleArgs
from tests.components.synthetic import Built, build_snowflake

ARGS = FunctionalRoleArgs(
    identifier="ACME_DP_PROD_LOADER",
    database_roles={
        "raw.main.write": '"ACME_DP_PROD_RAW"."MAIN_WRITE"',
        "curated.main.read": '"ACME_DP_PROD_CURATED"."MAIN_READ"',
    },
    warehouse_roles={"loading.usage": "ACME_DP_PROD_LOADING_USAGE"},
    comment="Loads raw data",
)


@pytest.fixture(scope="module")
def built() -> Built:
    return build_snowflake(
        lambda providers: {"name": FunctionalRole("loader", ARGS, providers).role.name}
    )


def test_it_registers_the_role_and_one_grant_per_access_role_and_to_sysadmin(built):
    assert built.resources() == [
        ("AccountRole", "loader"),
        ("GrantAccountRole", "loader-loading.usage"),
        ("GrantAccountRole", "loader-to-sysadmin"),
        ("GrantDatabaseRole", "loader-curated.main.read"),
        ("GrantDatabaseRole", "loader-raw.main.write"),
    ]
    assert built.children("loader", "FunctionalRole") == {n for _, n in built.resources()}


def test_the_role_is_named_and_described_as_asked(built):
    assert built.named("loader", "AccountRole").inputs == {
        "name": "ACME_DP_PROD_LOADER",
        "comment": "Loads raw data",
    }, "loader"


def test_each_database_access_role_is_granted_to_it(built):
    grants = {r.name: r.inputs for r in built.of("GrantDatabaseRole")}
    assert grants == {
        "loader-raw.main.write": {
            "databaseRoleName": '"ACME_DP_PROD_RAW"."MAIN_WRITE"',
            "parentRoleName": "ACME_DP_PROD_LOADER",
        },
        "loader-curated.main.read": {
            "databaseRoleName": '"ACME_DP_PROD_CURATED"."MAIN_READ"',
            "parentRoleName": "ACME_DP_PROD_LOADER",
        },
    }


def test_each_warehouse_role_is_granted_to_it_and_it_rolls_up_to_sysadmin(built):
    grants = {r.name: r.inputs for r in built.of("GrantAccountRole")}
    assert grants == {
        "loader-loading.usage": {
            "roleName": "ACME_DP_PROD_LOADING_USAGE",
            "parentRoleName": "ACME_DP_PROD_LOADER",
        },
        "loader-to-sysadmin": {"roleName": "ACME_DP_PROD_LOADER", "parentRoleName": "SYSADMIN"},
    }


def test_it_holds_no_privilege_of_its_own(built):
    assert [r.name for r in built.run.registrations if "GrantPrivileges" in r.type] == []


def test_everything_goes_through_the_security_provider_after_the_role(built):
    for _, name in built.resources():
        if name == "loader":
            assert built.provider_of(name, "AccountRole") == "sf-security", name
            continue
        assert built.provider_of(name) == "sf-security", name
        assert built.depends_on(name) == {"loader"}, name


def test_the_output_is_the_role_name(built):
    assert built.outputs == {"name": "ACME_DP_PROD_LOADER"}
