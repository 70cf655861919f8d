"""Checks as DQDL: the issue's mapping, exact rules, every one valid for AWS."""

from __future__ import annotations

from pathlib import Path

from stacks.contracts.checks import Check, Threshold
from stacks.contracts.compile import compile_contract
from stacks.contracts.dqdl import dqdl_rules, ruleset, unchecked
from stacks.contracts.dqdl_validator import validate_ruleset
from stacks.contracts.loader import read_contract
from tests.stacks.contracts.contract_texts import BASE, model, with_properties

CONTRACTS = Path(__file__).resolve().parents[3] / "stacks/domains"


def test_the_base_contract_compiles_to_the_issues_mapping() -> None:
    checks = compile_contract(model(BASE)).checks
    assert ruleset(checks).splitlines() == [
        "Rules = [",
        '    ColumnExists "id",',
        '    ColumnDataType "id" in ["Integer", "Long"],',
        '    ColumnExists "email",',
        "    CustomSql \"SELECT COUNT(*) FROM primary WHERE typeof(email) <> 'string'\" = 0,",
        '    IsComplete "email",',
        '    IsUnique "email",',
        '    ColumnExists "updated_at",',
        '    ColumnDataType "updated_at" = "Timestamp",',
        "    ColumnCount = 3,",
        '    IsPrimaryKey "id",',
        "    RowCount > 0,",
        '    DataFreshness "updated_at" <= 24 hours',
        "]",
    ]


def test_every_rule_of_every_repository_contract_is_valid_dqdl() -> None:
    for path in sorted(CONTRACTS.glob("*/contracts/*.yaml")):
        text = ruleset(read_contract(path).checks)
        assert validate_ruleset(text) == [], f"{path}: {validate_ruleset(text)}"
        assert "SchemaMatch" not in text, f"{path}: SchemaMatch compares with a reference"


def test_an_inclusive_between_becomes_two_rules() -> None:
    check = Check("row_count", "t", (), Threshold("between", (10, 20)))
    assert dqdl_rules(check) == ["RowCount >= 10", "RowCount <= 20"]


def test_a_composite_primary_key_is_one_rule_in_key_order() -> None:
    raw = with_properties(
        {"name": "b", "logicalType": "string", "primaryKey": True, "primaryKeyPosition": 2},
        {"name": "a", "logicalType": "string", "primaryKey": True, "primaryKeyPosition": 1},
    )
    rules = ruleset(compile_contract(model(raw)).checks)
    assert 'IsPrimaryKey "a" "b"' in rules


def test_counts_other_than_zero_become_custom_sql() -> None:
    quality = [{"metric": "nullValues", "mustBeLessThan": 5}]
    raw = with_properties({"name": "c", "logicalType": "boolean", "quality": quality})
    rules = ruleset(compile_contract(model(raw)).checks)
    assert 'CustomSql "SELECT COUNT(*) FROM primary WHERE c IS NULL" < 5' in rules
    assert validate_ruleset(rules) == []


def test_a_zero_null_count_is_is_complete() -> None:
    check = Check("null_count", "t", ("c",), Threshold("=", (0,)))
    assert dqdl_rules(check) == ['IsComplete "c"']


def test_a_type_dqdl_cannot_check_yields_no_rule_and_is_listed() -> None:
    raw = with_properties({"name": "t", "logicalType": "time"})
    checks = compile_contract(model(raw)).checks
    assert [c.kind for c in unchecked(checks)] == ["column_type"]


def test_a_double_quote_in_a_statement_is_escaped() -> None:
    check = Check(
        "sql", "t", (), Threshold("=", (0,)), query='SELECT COUNT(*) FROM {object} WHERE a = "x"'
    )
    [rule] = dqdl_rules(check)
    assert rule == 'CustomSql "SELECT COUNT(*) FROM primary WHERE a = \\"x\\"" = 0'
    assert validate_ruleset(f"Rules = [\n{rule}\n]") == []
