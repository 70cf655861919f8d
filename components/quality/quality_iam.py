"""The documents of the lake's data-quality checks, as pure functions.

Three parties act when a contract's checks run (issue 19):
- **EventBridge Scheduler** assumes the scheduler role, which may start an evaluation
  run of the domain's rulesets and pass the evaluation role to Glue, nothing else;
- **Glue Data Quality** runs as the evaluation role, which reads the checked tables'
  catalog entries and files (decrypting with the zone's and the catalog's keys),
  reads its rulesets and publishes their results, and writes Glue's logs;
- the results reach EventBridge as `aws.glue-dataquality` events, which one rule per
  stack sends to the alerts topic (`quality_alerts.py`).

Sources: the request of StartDataQualityRulesetEvaluationRun
(https://docs.aws.amazon.com/glue/latest/webapi/API_StartDataQualityRulesetEvaluationRun.html:
`DataSource.GlueTable{DatabaseName, TableName}`, `Role`, `RulesetNames`, `Timeout` in
minutes, `AdditionalRunOptions{CloudWatchMetricsEnabled, ResultsS3Prefix,
CompositeRuleEvaluationMethod}`); Glue Data Quality's actions and resources
(https://docs.aws.amazon.com/glue/latest/dg/data-quality-authorization.html: each
`*DataQualityRuleset` action and `glue:GetDataQualityResult` on
`dataQualityRuleset/<name>`); the Scheduler execution role and its trust with
`aws:SourceAccount` (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role);
the universal target (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from components.orchestration.orchestration_iam import (
    JOB_CATALOG_READ_ACTIONS,
    Document,
    catalog_statement,
    document,
    glue_logs_statement,
    kms_statement,
    s3_read_statements,
)
from policies.rules.facts import arns

SCHEDULER_SERVICE = "scheduler.amazonaws.com"
GLUE_SERVICE = "glue.amazonaws.com"
START_RUN_ACTION = "glue:StartDataQualityRulesetEvaluationRun"
# The universal target names the API action in camelCase under the SDK's service id.
START_RUN_TARGET = arns.scheduler_sdk_target("glue", "startDataQualityRulesetEvaluationRun")
# What the evaluation does with its rulesets: read them, publish the results of its
# run against them (the action AWS's managed Glue policies and public evaluation
# roles grant for results publishing; not in the guide's action table, so verify on
# the first real run), and read the results back.
RULESET_ACTIONS = (
    "glue:GetDataQualityResult",
    "glue:GetDataQualityRuleset",
    "glue:PublishDataQuality",
)
# EventBridge's results event (aws.glue-dataquality), per "Setting up alerts,
# deployments, and scheduling" (https://docs.aws.amazon.com/glue/latest/dg/data-quality-alerts.html)
# and the EventBridge events reference (events-ref-glue-dataquality.html).
RESULTS_SOURCE = "aws.glue-dataquality"
RESULTS_DETAIL_TYPE = "Data Quality Evaluation Results Available"
CATALOG_CONTEXT = "GLUE_DATA_CATALOG"
# A run stops after this many minutes (the API's default is 2,880: two days of workers).
RUN_TIMEOUT_MINUTES = 60
# Where a domain's results are written in each zone bucket holding a checked table:
# `domains/<domain>/_quality_results/` (beside, never inside, a crawled prefix).
RESULTS_FOLDER = "_quality_results/"
# What writing an object under the bucket's default SSE-KMS needs of the key (S3 UG,
# "Using server-side encryption with AWS KMS keys": GenerateDataKey to write, Decrypt
# for multipart uploads; the role already decrypts with the zone keys).
RESULTS_KEY_ACTIONS = ("kms:GenerateDataKey",)


def scheduler_trust_policy(account_id: str) -> Document:
    """EventBridge Scheduler of this account may assume the role (AWS's documented trust,
    with `aws:SourceAccount` against the confused deputy)."""
    return document(
        [
            {
                "Sid": "SchedulerAssumesRole",
                "Effect": "Allow",
                "Principal": {"Service": SCHEDULER_SERVICE},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
            }
        ]
    )


def scheduler_policy(
    region: str, account_id: str, ruleset_names: Sequence[str], evaluation_role_arn: str
) -> Document:
    """Start runs of these rulesets, and pass the evaluation role to Glue only."""
    return document(
        [
            {
                "Sid": "StartEvaluationRuns",
                "Effect": "Allow",
                "Action": START_RUN_ACTION,
                "Resource": [
                    arns.glue_quality_ruleset(region, account_id, n) for n in sorted(ruleset_names)
                ],
            },
            {
                "Sid": "PassEvaluationRole",
                "Effect": "Allow",
                "Action": "iam:PassRole",
                "Resource": evaluation_role_arn,
                "Condition": {"StringEquals": {"iam:PassedToService": GLUE_SERVICE}},
            },
        ]
    )


def evaluation_policy(
    region: str,
    account_id: str,
    prefixes_by_bucket: Mapping[str, Sequence[str]],
    databases: Sequence[str],
    key_arns: Sequence[str],
    ruleset_names: Sequence[str],
    results: Sequence[tuple[str, str]] = (),
    results_key_arns: Sequence[str] = (),
) -> Document:
    """Read the checked tables (catalog entries and files), decrypt them (zone key) and
    the catalog (its key), use the rulesets, write Glue's logs; with `results` ((bucket,
    prefix) pairs; defaults to none), write the results there, encrypted by the bucket's
    default SSE-KMS with `results_key_arns` (the zone keys)."""
    return document(
        [
            *[
                statement
                for index, (bucket, prefixes) in enumerate(sorted(prefixes_by_bucket.items()))
                for statement in s3_read_statements(f"TableData{index}", bucket, prefixes)
            ],
            kms_statement("DecryptTablesAndCatalog", key_arns, ("kms:Decrypt",)),
            catalog_statement(
                "ReadTables", region, account_id, databases, JOB_CATALOG_READ_ACTIONS
            ),
            {
                "Sid": "UseRulesets",
                "Effect": "Allow",
                "Action": list(RULESET_ACTIONS),
                "Resource": [
                    arns.glue_quality_ruleset(region, account_id, n) for n in sorted(ruleset_names)
                ],
            },
            glue_logs_statement(region, account_id),
            *(results_statements(results, results_key_arns) if results else []),
        ]
    )


def results_statements(
    results: Sequence[tuple[str, str]], key_arns: Sequence[str]
) -> list[dict[str, Any]]:
    """Write objects under each (bucket, prefix), and generate data keys of `key_arns`
    (S3 calls KMS for the writer: the bucket's default SSE-KMS encrypts them)."""
    return [
        {
            "Sid": "WriteResults",
            "Effect": "Allow",
            "Action": "s3:PutObject",
            "Resource": sorted({arns.s3_prefix_objects(b, p) for b, p in results}),
        },
        kms_statement("EncryptResults", key_arns, RESULTS_KEY_ACTIONS),
    ]


def run_options(results_s3_prefix: str | None) -> dict[str, Any]:
    """The run's `AdditionalRunOptions`: no CloudWatch metrics (the alert path is the
    event), results written under `results_s3_prefix` (`s3://bucket/prefix`) when given."""
    options: dict[str, Any] = {"CloudWatchMetricsEnabled": False}
    if results_s3_prefix:
        options["ResultsS3Prefix"] = results_s3_prefix
    return options


def start_run_input(
    database: str,
    table: str,
    role_arn: str,
    ruleset_name: str,
    results_s3_prefix: str | None = None,
) -> str:
    """The StartDataQualityRulesetEvaluationRun request the schedule sends (its `input`).

    The results stay in Glue (GetDataQualityResult) and reach the alerts through
    EventBridge; with `results_s3_prefix` (defaults to None) Glue also writes them there.
    """
    return json.dumps(
        {
            "DataSource": {"GlueTable": {"DatabaseName": database, "TableName": table}},
            "Role": role_arn,
            "RulesetNames": [ruleset_name],
            "Timeout": RUN_TIMEOUT_MINUTES,
            "AdditionalRunOptions": run_options(results_s3_prefix),
        },
        sort_keys=True,
    )


def results_event_pattern(database_prefix: str) -> dict[str, Any]:
    """Failed results of catalog-table evaluations in this stack's databases.

    A result fails when a rule fails (`rulesFailed` > 0) or the evaluation does not
    succeed (`state` other than SUCCEEDED); `context.databaseName` starts with the
    stack's Glue database prefix, so another stack's results in the account stay out.
    """
    return {
        "source": [RESULTS_SOURCE],
        "detail-type": [RESULTS_DETAIL_TYPE],
        "detail": {
            "context": {
                "contextType": [CATALOG_CONTEXT],
                "databaseName": [{"prefix": database_prefix}],
            },
            "$or": [
                {"rulesFailed": [{"numeric": [">", 0]}]},
                {"state": [{"anything-but": "SUCCEEDED"}]},
            ],
        },
    }
