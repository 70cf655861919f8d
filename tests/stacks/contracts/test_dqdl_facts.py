"""The DQDL facts are AWS's, with their source, and the code agrees with them."""

from __future__ import annotations

import re

from scripts.contract.dqdl_refresh import (
    column_data_types,
    duration_units,
    operators,
    return_type_conditions,
    rule_types,
)
from stacks.contracts.dqdl_facts import dqdl_facts
from stacks.contracts.logical_types import LOGICAL_TYPES

GRAMMAR = """
durationUnit: 'days' | 'hours' | 'minutes';
numberBasedCondition:
    NOT? BETWEEN number AND number
    | GREATER_THAN number
    | NEGATION? EQUAL_TO number
    | NOT? IN numberArray;
stringBasedCondition:
    NEGATION? EQUAL_TO stringValues
    | NOT? matchesRegexCondition;
matchesRegexCondition: 'matches' quotedString;
"""
LEXER = "BETWEEN: 'between';\nEQUAL_TO: '=';\nGREATER_THAN: '>';\nIN: 'in';\nNEGATION: '!';\n"
LISTENER = """
    private Either<String, Condition> parseCondition(
        switch (returnType) {
            case "BOOLEAN":
                if (dqRuleContext.condition() != null) {
            case "NUMBER":
            case "NUMBER_ARRAY": {
                x = dqRuleContext.condition().numberBasedCondition();
            }
            default:
"""


def test_the_facts_record_their_source_and_commit() -> None:
    facts = dqdl_facts()
    assert facts.repository == "https://github.com/awslabs/dqdl"
    assert re.fullmatch(r"[0-9a-f]{40}", facts.commit)


def test_the_grammar_operators_are_read_with_their_negations() -> None:
    assert operators(GRAMMAR, LEXER, "numberBasedCondition") == [
        "between",
        "not between",
        ">",
        "=",
        "!=",
        "in",
        "not in",
    ]
    assert operators(GRAMMAR, LEXER, "stringBasedCondition") == [
        "=",
        "!=",
        "matches",
        "not matches",
    ]
    assert duration_units(GRAMMAR) == ["days", "hours", "minutes"]


def test_each_return_type_takes_the_condition_the_parser_reads() -> None:
    assert return_type_conditions(LISTENER) == {
        "BOOLEAN": None,
        "NUMBER": "number",
        "NUMBER_ARRAY": "number",
    }


def test_the_catalogue_is_trimmed_with_overloads_and_var_args() -> None:
    config = {
        "rule_types": [
            {
                "rule_type_name": "IsPrimaryKey",
                "return_type": "BOOLEAN",
                "parameters": [{"type": "String", "name": "TargetColumn", "is_var_arg": True}],
            },
            {
                "rule_type_name": "CustomSql",
                "return_type": "NUMBER|BOOLEAN",
                "is_threshold_supported": True,
                "parameters": [],
            },
        ]
    }
    trimmed = rule_types(config)
    assert trimmed[0]["parameters"] == [{"name": "TargetColumn", "var_arg": True}]
    assert trimmed[1]["return_types"] == ["NUMBER", "BOOLEAN"]
    assert trimmed[1]["threshold_supported"] is True


def test_the_type_list_is_read_from_column_data_types_description() -> None:
    config = {
        "rule_types": [
            {
                "rule_type_name": "ColumnDataType",
                "description": "Check the data type. Supported values: Boolean, Date, Long",
            }
        ]
    }
    assert column_data_types(config) == ["Boolean", "Date", "Long"]


def test_the_logical_type_table_uses_only_types_column_data_type_checks() -> None:
    used = {t for row in LOGICAL_TYPES.values() for t in row.dqdl}
    supported = set(dqdl_facts().column_data_types)
    assert used <= supported, f"types ColumnDataType does not check: {used - supported}"


def test_every_rule_type_the_compiler_writes_is_in_the_catalogue() -> None:
    written = {
        "ColumnExists",
        "ColumnCount",
        "ColumnDataType",
        "IsComplete",
        "IsUnique",
        "IsPrimaryKey",
        "RowCount",
        "DataFreshness",
        "CustomSql",
    }
    assert written <= set(dqdl_facts().names)
