"""The pack's EventBridge pattern matcher, on the operators of EventBridge's documentation."""

from __future__ import annotations

from policies.rules.quality.event_patterns import matches

EVENT = {"source": "aws.glue", "detail": {"state": "FAILED", "n": 3, "names": ["a", "b"]}}


def test_exact_values_and_nested_objects():
    assert matches({"source": ["aws.glue"], "detail": {"state": ["FAILED"]}}, EVENT)
    assert not matches({"source": ["aws.s3"]}, EVENT)
    assert not matches({"detail": {"missing": ["x"]}}, EVENT)


def test_array_fields_match_any_element():
    assert matches({"detail": {"names": ["b"]}}, EVENT)


def test_matchers():
    assert matches({"source": [{"prefix": "aws."}]}, EVENT)
    assert matches({"detail": {"n": [{"numeric": [">", 0, "<=", 3]}]}}, EVENT)
    assert not matches({"detail": {"n": [{"numeric": [">", 3]}]}}, EVENT)
    assert matches({"detail": {"state": [{"anything-but": "SUCCEEDED"}]}}, EVENT)
    assert not matches({"detail": {"state": [{"anything-but": ["FAILED"]}]}}, EVENT)
    assert matches({"detail": {"gone": [{"exists": False}]}}, EVENT)


def test_or_needs_one_branch():
    pattern = {"detail": {"$or": [{"n": [{"numeric": [">", 5]}]}, {"state": ["FAILED"]}]}}
    assert matches(pattern, EVENT)
    assert not matches({"detail": {"$or": [{"state": ["OK"]}]}}, EVENT)


def test_an_unknown_matcher_never_matches():
    assert not matches({"source": [{"wildcard": "aws.*"}]}, EVENT)
