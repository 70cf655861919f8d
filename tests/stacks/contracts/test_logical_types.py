"""Every ODCS logical type has a row saying how (or that it cannot be) checked."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from stacks.contracts.logical_types import LOGICAL_TYPES, duckdb_logical_type


def test_every_odcs_logical_type_has_a_row() -> None:
    schema = json.loads(
        resources.files("open_data_contract_standard").joinpath("schema.json").read_text()
    )
    enum = schema["$defs"]["SchemaBaseProperty"]["properties"]["logicalType"]["enum"]
    assert set(enum) == set(LOGICAL_TYPES)


def test_types_glue_cannot_check_say_so() -> None:
    unchecked = {name for name, row in LOGICAL_TYPES.items() if not row.glue_checkable}
    assert unchecked == {"time", "object", "array", "map", "vector"}
    assert all(LOGICAL_TYPES[name].note for name in unchecked)


@pytest.mark.parametrize(
    ("data_type", "logical"),
    [
        ("BIGINT", "integer"),
        ("DOUBLE", "number"),
        ("DECIMAL(18,3)", "number"),
        ("VARCHAR", "string"),
        ("TIMESTAMP WITH TIME ZONE", "timestamp"),
        ("DATE", "date"),
        ("BOOLEAN", "boolean"),
        ("VARCHAR[]", "array"),
        ("STRUCT(a INTEGER)", "object"),
    ],
)
def test_a_duckdb_type_drafts_to_its_logical_type(data_type: str, logical: str) -> None:
    assert duckdb_logical_type(data_type) == logical
    assert LOGICAL_TYPES[logical].duckdb_matches(data_type)
