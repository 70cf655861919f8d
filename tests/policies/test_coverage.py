"""Every resource type the stacks create has a rule of its own or a reason in the exemption
table, so a new type cannot arrive unchecked."""

from __future__ import annotations

from typing import Any

from policies.rules.core.rule import Rule, matches
from policies.rules.coverage import EXEMPT, covering_rules, is_blanket, uncovered


def custom_types(plans: dict[str, dict[str, Any]]) -> set[str]:
    return {
        r["type"]
        for document in plans.values()
        for r in document["resources"]
        if r.get("custom") and not r["type"].startswith("pulumi:providers:")
    }


def test_every_created_type_has_a_rule_or_a_reason(plans):
    missing = uncovered(custom_types(plans))
    assert missing == [], (
        f"types {missing} have no rule naming them: add a rule, or a row with its reason to "
        "policies/rules/coverage.py EXEMPT"
    )


def test_every_exempt_type_is_created_and_has_no_rule(plans):
    created = custom_types(plans)
    for type_, reason in EXEMPT:
        assert type_ in created, f"{type_}: exempt but no stack creates it; drop its row"
        assert not covering_rules(type_), f"{type_}: exempt but {covering_rules(type_)} name it"
        assert reason, type_


def test_the_exemption_table_lists_each_type_once():
    types = [type_ for type_, _ in EXEMPT]
    assert len(types) == len(set(types))


def test_a_prefix_pattern_covers_its_types():
    rule = Rule("r", "A rule for the test.", "low", "fix", ("aws:s3/*",), check=lambda v, c: [])
    assert covering_rules("aws:s3/bucket:Bucket", [rule]) == ["r"]
    assert matches("aws:s3/*", "aws:s3/bucketPolicy:BucketPolicy")


def test_blanket_patterns_cover_nothing_of_their_own():
    assert is_blanket("*") and is_blanket("aws:*") and not is_blanket("aws:s3/*")
    rule = Rule("r", "A rule for the test.", "low", "fix", ("aws:*",), check=lambda v, c: [])
    assert uncovered(["aws:ec2/eip:Eip", "aws:sqs/queue:Queue"], [rule]) == ["aws:sqs/queue:Queue"]


def test_preflight_rules_cover_nothing_of_their_own():
    rule = Rule(
        "preflight-x", "A rule for the test.", "low", "fix", ("aws:s3/*",), check=lambda v, c: []
    )
    assert covering_rules("aws:s3/bucket:Bucket", [rule]) == []
