"""The DQDL validator accepts what AWS's catalogue and grammar accept, and refuses the rest."""

from __future__ import annotations

import pytest

from stacks.contracts.dqdl_validator import DqdlError, validate_rule, validate_ruleset


@pytest.mark.parametrize(
    "rule",
    [
        'IsComplete "email"',
        'IsUnique "id"',
        'IsPrimaryKey "a" "b"',
        "RowCount >= 100",
        "RowCount between 1 and 5",
        "RowCount not between 1 and 5",
        "RowCount != 3",
        "RowCount in [1, 2, 3]",
        "ColumnCount = 5",
        'ColumnExists "x"',
        'ColumnDataType "id" in ["Integer", "Long"]',
        'ColumnDataType "d" = "Date"',
        'DataFreshness "updated_at" <= 24 hours',
        'DataFreshness "updated_at" between 2 days and 5 days',
        'CustomSql "SELECT COUNT(*) FROM primary WHERE x IS NULL" = 0',
        'CustomSql "SELECT COUNT(*) FROM primary WHERE x = \\"a\\"" < 3',
        'ColumnValues "c" in ["a", "b"]',
        'ColumnValues "c" matches "[a-z]+"',
        'ColumnValues "c" in ["a"] with threshold > 0.9',
        'Completeness "c" > 0.95 where "x > 1"',
    ],
)
def test_a_rule_aws_accepts_passes(rule: str) -> None:
    validate_rule(rule)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ('IsCompleted "e"', "unknown rule type IsCompleted"),
        ('iscomplete "e"', "unknown rule type iscomplete"),
        ('IsComplete "a" "b"', "takes 1 parameter(s); got 2"),
        ('ColumnExists "a" "b"', "takes 1 parameter(s); got 2"),
        ("IsPrimaryKey", "takes 1 parameter(s); got 0"),
        ('IsComplete "a" = 1', "takes no condition"),
        ("RowCount", "needs a condition"),
        ("RowCount => 5", "operator '=>'"),
        ("RowCount == 5", "operator '=='"),
        ('RowCount matches "x"', "operator 'matches'"),
        ("RowCount ~ 5", "unexpected character '~'"),
        ('RowCount > "5"', "is not a number value"),
        ("RowCount between 1 or 5", "between takes `X and Y`"),
        ('DataFreshness "u" <= 24 weeks', "duration unit 'weeks'"),
        ('DataFreshness "u" <= 24', "is not a duration value"),
        ("RowCount > 5 with threshold > 0.5", "does not support `with threshold`"),
        ('ColumnCount > 1 where "x"', "does not support a where clause"),
        ('AllStatistics "c"', "is an analyzer"),
    ],
)
def test_a_rule_aws_refuses_fails(rule: str, words: str) -> None:
    with pytest.raises(DqdlError) as caught:
        validate_rule(rule)
    assert words in str(caught.value)


def test_a_ruleset_lists_the_problem_of_each_bad_rule() -> None:
    text = 'Rules = [\n    IsComplete "a",\n    RowCount => 1,\n    IsUnik "b"\n]'
    problems = validate_ruleset(text)
    assert [p.split(":")[0] for p in problems] == ["RowCount => 1", 'IsUnik "b"']


def test_a_document_without_the_rules_list_is_refused() -> None:
    assert validate_ruleset('IsComplete "a"') != []
