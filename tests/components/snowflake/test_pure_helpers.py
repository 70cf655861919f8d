"""The Snowflake components' pure helpers: identifiers, key bodies, access levels."""

from __future__ import annotations

import pytest

from components.naming import Naming, snowflake_identifier
from components.snowflake.pipeline_service_user import public_key_body
from components.snowflake.privileges import implied_levels
from components.snowflake.role_model import FunctionalRoleSpec, access_levels, unmask_grants

SCHEMAS = {"raw": ("crm", "events"), "curated": ("sales",)}


def test_identifiers_are_uppercase_underscored_and_environment_prefixed():
    naming = Naming("acme-dp", "prod", "123456789012", "eu-west-1")
    assert naming.snowflake("loading") == "ACME_DP_PROD_LOADING"
    assert snowflake_identifier("customer support", "read") == "CUSTOMER_SUPPORT_READ"


def test_an_identifier_too_long_keeps_its_head_and_a_hash():
    name = snowflake_identifier("x" * 300)
    assert len(name) == 255 and name.startswith("XXXX") and name[-9] == "_"


def test_an_identifier_must_start_with_a_letter():
    with pytest.raises(ValueError, match="must start with a letter"):
        snowflake_identifier("1st")


def test_the_public_key_body_drops_the_pem_armour_and_newlines():
    pem = "-----BEGIN PUBLIC KEY-----\nMIIB\nIjAN\n-----END PUBLIC KEY-----\n"
    assert public_key_body(pem) == "MIIBIjAN"
    assert public_key_body("MIIBIjAN") == "MIIBIjAN"


def test_access_levels_take_the_highest_asked_per_schema():
    role = FunctionalRoleSpec("t", "T", read=("raw", "curated.sales"), own=("raw.crm",))
    assert access_levels(role, SCHEMAS) == {
        ("curated", "sales"): "read",
        ("raw", "crm"): "owner",
        ("raw", "events"): "read",
    }


def test_levels_imply_the_ones_below():
    assert implied_levels("owner") == ("owner", "write", "read")
    assert implied_levels("read") == ("read",)


def test_unmask_grants_group_roles_by_category():
    grants = unmask_grants(
        [
            FunctionalRoleSpec("a", "A", unmask=("email",)),
            FunctionalRoleSpec("b", "B", unmask=("email", "phone")),
            FunctionalRoleSpec("c", "C", unmask=("*",)),
        ]
    )
    assert grants.by_category == {"email": ("A", "B"), "phone": ("B",)}
    assert grants.all_categories == ("C",)


def test_a_sql_literal_means_exactly_its_text():
    from components.snowflake.sql_literal import sql_literal

    assert sql_literal("plain") == "'plain'"
    assert sql_literal("it's") == "'it''s'"
    assert sql_literal("a\\b") == "'a\\\\b'"
