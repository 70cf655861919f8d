"""The results rule's pattern against AWS's sample results event, and the run request."""

from __future__ import annotations

import copy
import json

from parliament import analyze_policy_string

from components.quality.quality_iam import (
    evaluation_policy,
    results_event_pattern,
    start_run_input,
)
from policies.rules.quality.event_patterns import matches

# AWS's sample (Glue DG, "Setting up alerts, deployments, and scheduling",
# docs.aws.amazon.com/glue/latest/dg/data-quality-alerts.html), databaseName ours.
SAMPLE = {
    "version": "0",
    "detail-type": "Data Quality Evaluation Results Available",
    "source": "aws.glue-dataquality",
    "account": "123456789012",
    "region": "us-east-2",
    "resources": [],
    "detail": {
        "context": {
            "contextType": "GLUE_DATA_CATALOG",
            "runId": "dqrun-12334567890",
            "databaseName": "acme_dp_dev_raw_marketing",
            "tableName": "hubspot",
            "catalogId": "123456789012",
        },
        "resultID": "dqresult-12334567890",
        "rulesetNames": ["rulset1"],
        "state": "SUCCEEDED",
        "score": 1.00,
        "rulesSucceeded": 100,
        "rulesFailed": 0,
        "rulesSkipped": 0,
    },
}
PATTERN = results_event_pattern("acme_dp_dev_")


def _with(**detail: object) -> dict[str, object]:
    event = copy.deepcopy(SAMPLE)
    event["detail"].update(detail)  # type: ignore[union-attr]
    return event


def test_a_result_with_a_failed_rule_matches():
    assert matches(PATTERN, _with(rulesFailed=3, score=0.97))


def test_a_failed_evaluation_matches():
    assert matches(PATTERN, _with(state="FAILED"))


def test_a_passing_result_does_not_match():
    assert not matches(PATTERN, SAMPLE)


def test_another_stacks_database_does_not_match():
    event = _with(rulesFailed=1)
    event["detail"]["context"]["databaseName"] = "acme_dp_prod_raw_marketing"  # type: ignore[index]
    assert not matches(PATTERN, event)


def test_the_request_is_the_apis_shape():
    request = json.loads(start_run_input("db", "t", "arn:aws:iam::1:role/r", "rs"))
    assert request == {
        "AdditionalRunOptions": {"CloudWatchMetricsEnabled": False},
        "DataSource": {"GlueTable": {"DatabaseName": "db", "TableName": "t"}},
        "Role": "arn:aws:iam::1:role/r",
        "RulesetNames": ["rs"],
        "Timeout": 60,
    }


def test_the_request_names_the_results_prefix_when_given():
    request = json.loads(start_run_input("db", "t", "arn:aws:iam::1:role/r", "rs", "s3://b/p/"))
    assert request["AdditionalRunOptions"] == {
        "CloudWatchMetricsEnabled": False,
        "ResultsS3Prefix": "s3://b/p/",
    }


def test_the_evaluation_role_writes_results_only_under_their_prefix_with_the_zone_key():
    key = "arn:aws:kms:eu-west-1:111122223333:key/zone"
    policy = evaluation_policy(
        "eu-west-1",
        "111122223333",
        {"raw": ["domains/marketing/hubspot/"]},
        ["acme_dp_dev_raw_marketing"],
        [key],
        ["rs"],
        [("raw", "domains/marketing/_quality_results/")],
        [key],
    )
    statements = {s["Sid"]: s for s in policy["Statement"]}
    assert statements["WriteResults"] == {
        "Sid": "WriteResults",
        "Effect": "Allow",
        "Action": "s3:PutObject",
        "Resource": ["arn:aws:s3:::raw/domains/marketing/_quality_results/*"],
    }
    assert statements["EncryptResults"] == {
        "Sid": "EncryptResults",
        "Effect": "Allow",
        "Action": ["kms:GenerateDataKey"],
        "Resource": [key],
    }
    findings = analyze_policy_string(json.dumps(policy)).findings
    assert {f.issue for f in findings} <= {"RESOURCE_STAR"}, [(f.issue, f.detail) for f in findings]


def test_without_results_the_evaluation_role_writes_nothing():
    policy = evaluation_policy("r", "1", {"b": ["p/"]}, ["db"], ["k"], ["rs"])
    assert "s3:PutObject" not in json.dumps(policy)
