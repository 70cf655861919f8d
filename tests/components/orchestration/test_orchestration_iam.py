"""The orchestration policy documents, built directly from names and ARNs."""

from __future__ import annotations

import pytest

from components.orchestration import orchestration_iam
from components.orchestration.glue_jobs import job_arguments


def test_a_service_that_sends_the_source_account_is_pinned_to_the_account():
    trust = orchestration_iam.service_trust_policy("vpc-flow-logs.amazonaws.com", "111122223333")
    statement = trust["Statement"][0]
    assert statement["Condition"] == {"StringEquals": {"aws:SourceAccount": "111122223333"}}
    assert statement["Action"] == "sts:AssumeRole"


def test_glue_trust_carries_no_condition_on_a_key_glue_does_not_send():
    trust = orchestration_iam.service_trust_policy("glue.amazonaws.com", "111122223333")
    assert "Condition" not in trust["Statement"][0]
    with pytest.raises(ValueError, match="sends no aws:SourceArn"):
        orchestration_iam.service_trust_policy("glue.amazonaws.com", "111122223333", "arn:x")


def test_reading_a_bucket_without_prefixes_covers_the_whole_bucket_unconditioned():
    listing, read = orchestration_iam.s3_read_statements("Src", "b", [])
    assert "Condition" not in listing
    assert read["Resource"] == ["arn:aws:s3:::b/*"]


def test_prefixes_are_normalised_without_leading_or_trailing_slashes():
    listing, read = orchestration_iam.s3_read_statements("Src", "b", ["/a/b/"])
    assert read["Resource"] == ["arn:aws:s3:::b/a/b/*"]
    assert listing["Condition"] == {"StringLike": {"s3:prefix": ["a/b/*"]}}


def test_the_flow_log_policy_covers_one_group_and_its_streams():
    arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc-flow-logs/x"
    statement = orchestration_iam.flow_log_delivery_policy(arn)["Statement"][0]
    assert statement["Resource"] == [arn, f"{arn}:log-stream:*"]


def test_the_failure_pattern_lists_job_names_sorted():
    pattern = orchestration_iam.job_failure_event_pattern(["b", "a"])
    assert pattern["detail"]["jobName"] == ["a", "b"]


def test_job_arguments_turn_on_bookmarks_without_the_obsolete_logging_switch():
    arguments = job_arguments()
    assert arguments["--job-bookmark-option"] == "job-bookmark-enable"
    assert "--enable-continuous-cloudwatch-log" not in arguments
