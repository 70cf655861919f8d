"""ManagedDatabase built alone: one database with one schema, its three access roles, their
hierarchy and exact grants; protection on what holds data; no roles when not asked."""

from __future__ import annotations

from dataclasses import replace

import pytest

from components.protection import Protection
from components.snowflake.managed_database import DatabaseArgs, ManagedDatabase, SchemaArgs
from components.snowflake.privileges import SCHEMA_PRIVILEGES
from tests.components.synthetic import Built, build_snowflake

ARGS = DatabaseArgs(
    identifier="ACME_DP_PROD_RAW",
    schemas=(SchemaArgs("main", "MAIN"),),
    data_retention_days=7,
    protection=Protection(protect=True, retain_on_delete=True),
    comment="Raw landings",
)
DB = "ACME_DP_PROD_RAW"
SCHEMA = '"ACME_DP_PROD_RAW"."MAIN"'
READ, WRITE, OWNER = (f'"ACME_DP_PROD_RAW"."MAIN_{level}"' for level in ("READ", "WRITE", "OWNER"))
# What OWNER may create is the privilege table's; this test checks it reaches the schema.
OWNER_CREATES = list(SCHEMA_PRIVILEGES["owner"])


def _build(args: DatabaseArgs = ARGS) -> Built:
    def construct(providers):
        database = ManagedDatabase("raw", args, providers)
        return {
            "name": database.database.name,
            "schemas": {key: schema.name for key, schema in database.schemas.items()},
            "access_roles": {
                f"{key}.{level}": role.name for (key, level), role in database.access_roles.items()
            },
        }

    return build_snowflake(construct)


@pytest.fixture(scope="module")
def built() -> Built:
    return _build()


def _on_schema_objects(when: str, plural: str) -> dict:
    return {when: {"objectTypePlural": plural, "inSchema": SCHEMA}}


def test_the_database_drops_public_and_keeps_the_retention_asked(built):
    assert built.named("raw", "Database").inputs == {
        "name": DB,
        "comment": "Raw landings",
        "dataRetentionTimeInDays": 7,
        "dropPublicSchemaOnCreation": True,
    }, "raw"
    assert built.provider_of("raw", "Database") == "sf-objects"


def test_each_schema_has_managed_access_in_its_database(built):
    assert built.named("raw-main", "Schema").inputs == {
        "database": DB,
        "name": "MAIN",
        "withManagedAccess": "true",
        "dataRetentionTimeInDays": 7,
    }, "raw-main"
    assert built.provider_of("raw-main", "Schema") == "sf-objects"
    assert built.depends_on("raw-main", "Schema") == {"raw"}


def test_protection_asked_for_holds_the_database_and_schema_but_not_the_roles(built):
    protected = {
        r.name: (r.protect, r.retain_on_delete)
        for r in built.run.registrations
        if r.custom and r.parent and r.parent.endswith("::raw")
    }
    assert {name for name, options in protected.items() if options == (True, True)} == {
        "raw",
        "raw-main",
    }
    assert {options for name, options in protected.items() if name not in ("raw", "raw-main")} == {
        (False, False)
    }


def test_without_protection_nothing_is_protected():
    built = _build(replace(ARGS, protection=Protection()))
    assert [r.name for r in built.run.registrations if r.protect or r.retain_on_delete] == []


@pytest.mark.parametrize("level", ["read", "write", "owner"])
def test_each_access_level_is_a_database_role_of_the_schema(built, level):
    name = f"raw-main-{level}"
    assert built.named(name, "DatabaseRole").inputs == {
        "database": DB,
        "name": f"MAIN_{level.upper()}",
        "comment": f"{level.upper()} access to schema MAIN",
    }, name
    assert built.provider_of(name, "DatabaseRole") == "sf-objects"


def test_the_levels_nest_read_in_write_in_owner_in_sysadmin(built):
    hierarchy = {
        r.name: (
            r.inputs["databaseRoleName"],
            r.inputs.get("parentDatabaseRoleName") or r.inputs["parentRoleName"],
        )
        for r in built.of("GrantDatabaseRole")
    }
    assert hierarchy == {
        "raw-main-read-to-write": (READ, WRITE),
        "raw-main-write-to-owner": (WRITE, OWNER),
        "raw-main-owner-to-sysadmin": (OWNER, "SYSADMIN"),
    }


def test_each_level_is_granted_exactly_what_it_adds(built):
    grants = {
        r.name: (
            r.inputs["databaseRoleName"],
            r.inputs["privileges"],
            r.inputs.get("onDatabase")
            or r.inputs.get("onSchema")
            or r.inputs.get("onSchemaObject"),
        )
        for r in built.of("GrantPrivilegesToDatabaseRole")
    }
    read_objects = {
        f"raw-main-read-{when}-{kind}": (READ, ["SELECT"], _on_schema_objects(when, plural))
        for when in ("all", "future")
        for kind, plural in (
            ("tables", "TABLES"),
            ("views", "VIEWS"),
            ("materialized-views", "MATERIALIZED VIEWS"),
            ("dynamic-tables", "DYNAMIC TABLES"),
        )
    }
    write_objects = {
        f"raw-main-write-{when}-tables": (
            WRITE,
            ["INSERT", "UPDATE", "DELETE", "TRUNCATE"],
            _on_schema_objects(when, "TABLES"),
        )
        for when in ("all", "future")
    }
    assert grants == {
        "raw-main-read-database": (READ, ["USAGE"], DB),
        "raw-main-read-schema": (READ, ["USAGE"], {"schemaName": SCHEMA}),
        "raw-main-owner-schema": (OWNER, OWNER_CREATES, {"schemaName": SCHEMA}),
        **read_objects,
        **write_objects,
    }


def test_every_grant_goes_through_the_security_provider(built):
    grants = built.of("GrantDatabaseRole") + built.of("GrantPrivilegesToDatabaseRole")
    assert {r.name: built.provider_of(r.name) for r in grants} == {
        r.name: "sf-security" for r in grants
    }


def test_a_grant_on_the_schema_waits_for_the_schema_and_its_role(built):
    assert built.depends_on("raw-main-read-schema") == {"raw-main", "raw-main-read"}


def test_without_access_roles_only_the_database_and_schemas_are_created():
    built = _build(replace(ARGS, access_roles=False))
    assert built.resources() == [("Database", "raw"), ("Schema", "raw-main")]
    assert built.outputs["access_roles"] == {}


def test_the_outputs_name_the_database_schemas_and_access_roles(built):
    assert built.outputs == {
        "name": DB,
        "schemas": {"main": "MAIN"},
        "access_roles": {
            "main.read": "MAIN_READ",
            "main.write": "MAIN_WRITE",
            "main.owner": "MAIN_OWNER",
        },
    }
    assert built.descendants("raw", "ManagedDatabase") == {n for _, n in built.resources()}
