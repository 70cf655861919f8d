"""The SNS filter-policy model, on AWS's documented examples (sns/latest/dg pages named in
policies/rules/alerts/sns_filter.py) and on the platform's own routing."""

from __future__ import annotations

import json

import pytest

from policies.rules.alerts.sns_filter import UnsupportedOperator, matches_body
from policies.rules.facts.sns_filters import policy_problems

# "example-filter-policies.html": the transaction message, in the body.
BODY = {
    "customer_interests": ["soccer", "rugby", "hockey"],
    "store": "example_corp",
    "event": "order_placed",
    "price_usd": 210.75,
}


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ({"store": ["example_corp"]}, True),
        ({"store": ["other_corp"]}, False),
        ({"customer_interests": ["rugby"]}, True),  # any element of an array
        ({"customer_interests": ["golf", "tennis"]}, False),
        ({"store": ["example_corp"], "event": ["order_placed"]}, True),  # AND across keys
        ({"store": ["example_corp"], "event": ["order_cancelled"]}, False),
        ({"price_usd": [210.75]}, True),
        ({"store": [{"prefix": "example"}]}, True),
        ({"store": [{"prefix": "corp"}]}, False),
        ({"store": [{"exists": True}]}, True),
        ({"store": [{"exists": False}]}, False),
        ({"colour": [{"exists": False}]}, True),
        ({"colour": ["red"]}, False),
    ],
)
def test_documented_value_matching(policy, expected):
    assert matches_body(policy, json.dumps(BODY)) is expected


def test_or_across_keys_as_documented():
    # "and-or-logic.html", Standard OR: "source" && ("metricName" || "namespace").
    policy = {
        "source": ["aws.cloudwatch"],
        "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}],
    }
    assert matches_body(policy, {"source": "aws.cloudwatch", "metricName": "CPUUtilization"})
    assert matches_body(policy, {"source": "aws.cloudwatch", "namespace": "AWS/EC2"})
    assert not matches_body(policy, {"source": "aws.cloudwatch", "metricName": "ReadLatency"})
    assert not matches_body(policy, {"source": "aws.ec2", "namespace": "AWS/EC2"})


def test_or_with_reserved_keys_or_one_branch_is_an_ordinary_key():
    # "and-or-logic.html": not an OR relationship (reserved keywords; fewer than two objects).
    # Read as the key `$or`, its objects are value operators, which this model refuses.
    for policy in ({"$or": [{"numeric": 123}, {"prefix": "abc"}]}, {"$or": [{"a": ["x"]}]}):
        with pytest.raises(UnsupportedOperator):
            matches_body(policy, {"a": "x", "$or": "abc"})
    assert matches_body({"$or": [{"prefix": "ab"}]}, {"$or": "abc"})


def test_nested_keys_match_the_nested_message():
    # EventBridge's Glue Data Quality event as SNS delivers it (the whole event is the body).
    event = {
        "source": "aws.glue-dataquality",
        "detail": {"context": {"databaseName": "acme_dp_dev_raw_marketing", "tableName": "t"}},
    }
    policy = {"detail": {"context": {"databaseName": ["acme_dp_dev_raw_marketing"]}}}
    assert matches_body(policy, event)
    assert not matches_body(
        {"detail": {"context": {"databaseName": ["acme_dp_dev_raw_sales"]}}}, event
    )
    assert not matches_body({"detail": {"jobName": ["j"]}}, event)


def test_a_body_that_is_not_a_json_object_matches_no_policy():
    # AWS Budgets sends text; a filtered subscription drops it.
    assert not matches_body({"a": [{"exists": False}]}, "AWS Budget Notification: 80 %")
    assert not matches_body({"a": ["x"]}, "[1, 2]")


def test_operators_not_modelled_are_refused_not_guessed():
    with pytest.raises(UnsupportedOperator, match="anything-but"):
        matches_body({"store": [{"anything-but": "x"}]}, BODY)


def test_documented_limits():
    assert policy_problems({"a": ["x"], "b": ["y"]}) == []
    six = {k: ["v"] for k in "abcdef"}
    assert policy_problems(six) == ["6 top-level keys ['a', 'b', 'c', 'd', 'e', 'f']; SNS allows 5"]
    wide = {"a": [str(i) for i in range(16)], "b": [str(i) for i in range(10)]}
    assert policy_problems(wide) == ["160 value combinations; SNS allows 150"]
