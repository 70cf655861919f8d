"""The orchestration policy documents, built directly from names and ARNs."""

from __future__ import annotations

from components.orchestration import orchestration_iam
from components.orchestration.glue_jobs import job_arguments


def test_a_trust_policy_without_source_arn_only_pins_the_account():
    statement = orchestration_iam.service_trust_policy("glue.amazonaws.com", "111122223333")[
        "Statement"
    ][0]
    assert statement["Condition"] == {"StringEquals": {"aws:SourceAccount": "111122223333"}}
    assert statement["Action"] == "sts:AssumeRole"


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


def test_job_arguments_turn_on_bookmarks_and_continuous_logging():
    arguments = job_arguments()
    assert arguments["--job-bookmark-option"] == "job-bookmark-enable"
    assert arguments["--enable-continuous-cloudwatch-log"] == "true"
