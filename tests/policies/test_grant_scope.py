"""grant_scope: the one reader of a privilege grant's object, for every input shape."""

from __future__ import annotations

import pytest

from policies.rules.snowflake.grant_scope import GrantScope, grant_scope

CASES = [
    ({"onAccount": True}, GrantScope("ACCOUNT", "")),
    ({"onDatabase": '"RAW"'}, GrantScope("DATABASE", "RAW")),
    (
        {"onAccountObject": {"objectType": "warehouse", "objectName": "LOADING"}},
        GrantScope("WAREHOUSE", "LOADING"),
    ),
    ({"onSchema": {"schemaName": '"RAW"."CRM"'}}, GrantScope("SCHEMA", "RAW.CRM")),
    (
        {"onSchema": {"futureSchemasInDatabase": "RAW"}},
        GrantScope("DATABASE", "RAW", "SCHEMAS", "future"),
    ),
    (
        {"onSchemaObject": {"all": {"inSchema": '"RAW"."CRM"', "objectTypePlural": "TABLES"}}},
        GrantScope("SCHEMA", "RAW.CRM", "TABLES", "all"),
    ),
    (
        {"onSchemaObject": {"future": {"inDatabase": "RAW", "objectTypePlural": "VIEWS"}}},
        GrantScope("DATABASE", "RAW", "VIEWS", "future"),
    ),
    (
        {"onSchemaObject": {"objectType": "TABLE", "objectName": '"RAW"."CRM"."T"'}},
        GrantScope("TABLE", "RAW.CRM.T"),
    ),
    ({}, GrantScope("", "")),
]


@pytest.mark.parametrize(("inputs", "expected"), CASES)
def test_each_shape_of_grant_names_its_scope(inputs, expected):
    assert grant_scope(inputs.get) == expected


def test_the_reader_reads_only_as_far_as_it_needs():
    asked: list[str] = []

    def get(key: str) -> object:
        asked.append(key)
        return "RAW" if key == "onDatabase" else None

    assert grant_scope(get) == GrantScope("DATABASE", "RAW")
    assert asked == ["onAccount", "onDatabase"]
