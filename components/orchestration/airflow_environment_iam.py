"""IAM documents of the MWAA environment, as pure functions.

The execution role follows AWS's documented MWAA execution-role policy, narrowed to
this environment. Statements with `Resource: "*"` are there only where the action
supports no resource-level permission, each with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policies.rules.facts import arns


def mwaa_trust_policy(account_id: str, region: str, environment_name: str) -> dict[str, Any]:
    """MWAA (both its service principals) may assume the role, for this environment only."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "MwaaAssumesForThisEnvironment",
                "Effect": "Allow",
                "Principal": {"Service": ["airflow.amazonaws.com", "airflow-env.amazonaws.com"]},
                "Action": "sts:AssumeRole",
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": account_id},
                    "ArnLike": {
                        "aws:SourceArn": mwaa_environment_arn(account_id, region, environment_name)
                    },
                },
            }
        ],
    }


def mwaa_environment_arn(account_id: str, region: str, name: str) -> str:
    """The environment's ARN, known before it exists."""
    return arns.mwaa_environment(region, account_id, name)


def execution_role_policy(
    *,
    account_id: str,
    region: str,
    environment_name: str,
    dag_bucket: str,
    kms_key_arn: str,
    secret_prefixes: Sequence[str],
    secrets_key_arn: str,
    glue_name_prefix: str,
    quality_rulesets: Sequence[str] = (),
    evaluation_role_arns: Sequence[str] = (),
) -> dict[str, Any]:
    """What the Airflow scheduler and workers may do, and nothing more; with
    `quality_rulesets` (defaults to none), also evaluate them (`quality_gate_statements`)."""
    logs = arns.log_groups(region, account_id, f"airflow-{environment_name}-*")
    secret_arns = [arns.secrets(region, account_id, f"{prefix}/*") for prefix in secret_prefixes]
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublishMetricsOfThisEnvironment",
                "Effect": "Allow",
                "Action": "airflow:PublishMetrics",
                "Resource": mwaa_environment_arn(account_id, region, environment_name),
            },
            {
                # AWS's sample grants s3:GetObject*, s3:List*; those wildcards also
                # match account-level and access-point actions, so they are spelled out.
                "Sid": "ReadDagBucket",
                "Effect": "Allow",
                "Action": [
                    "s3:GetObject",
                    "s3:GetObjectVersion",
                    "s3:GetBucket*",
                    "s3:ListBucket",
                    "s3:ListBucketVersions",
                ],
                "Resource": [arns.s3_bucket(dag_bucket), arns.s3_objects(dag_bucket)],
            },
            {
                # MWAA checks that public access is blocked on the account; the action
                # has no resource-level permission.
                "Sid": "CheckAccountPublicAccessBlock",
                "Effect": "Allow",
                "Action": "s3:GetAccountPublicAccessBlock",
                "Resource": "*",
            },
            {
                "Sid": "WriteOwnLogGroups",
                "Effect": "Allow",
                "Action": [
                    "logs:CreateLogStream",
                    "logs:CreateLogGroup",
                    "logs:PutLogEvents",
                    "logs:GetLogEvents",
                    "logs:GetLogRecord",
                    "logs:GetLogGroupFields",
                    "logs:GetQueryResults",
                ],
                "Resource": [logs],
            },
            {
                # DescribeLogGroups lists; it supports no resource-level permission.
                "Sid": "FindLogGroups",
                "Effect": "Allow",
                "Action": "logs:DescribeLogGroups",
                "Resource": "*",
            },
            {
                # PutMetricData supports no resource-level permission; the condition
                # keeps it to MWAA's namespace.
                "Sid": "PutAirflowMetrics",
                "Effect": "Allow",
                "Action": "cloudwatch:PutMetricData",
                "Resource": "*",
                "Condition": {"StringEquals": {"cloudwatch:namespace": "AmazonMWAA"}},
            },
            {
                # The Celery queue lives in an account MWAA owns, hence the account wildcard
                # (as AWS documents it); the name pattern keeps it to Airflow's queues.
                "Sid": "UseCeleryQueue",
                "Effect": "Allow",
                "Action": [
                    "sqs:ChangeMessageVisibility",
                    "sqs:DeleteMessage",
                    "sqs:GetQueueAttributes",
                    "sqs:GetQueueUrl",
                    "sqs:ReceiveMessage",
                    "sqs:SendMessage",
                ],
                "Resource": arns.sqs_queues_any_account(region, "airflow-celery-*"),
            },
            {
                "Sid": "UseEnvironmentKeyThroughSqsAndS3",
                "Effect": "Allow",
                "Action": ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:Encrypt"],
                "Resource": kms_key_arn,
                "Condition": {
                    "StringLike": {
                        "kms:ViaService": [
                            f"sqs.{region}.amazonaws.com",
                            f"s3.{region}.amazonaws.com",
                        ]
                    }
                },
            },
            {
                "Sid": "ReadAirflowSecretsOnly",
                "Effect": "Allow",
                "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                "Resource": secret_arns,
            },
            {
                "Sid": "DecryptSecretsThroughSecretsManager",
                "Effect": "Allow",
                "Action": "kms:Decrypt",
                "Resource": secrets_key_arn,
                "Condition": {
                    "StringEquals": {"kms:ViaService": f"secretsmanager.{region}.amazonaws.com"}
                },
            },
            {
                "Sid": "RunThisPlatformsGlueJobsAndCrawlers",
                "Effect": "Allow",
                # What the Amazon provider 9.0.0's GlueJobOperator and GlueCrawlerOperator
                # call for an existing job or crawler (GetJob/GetCrawler to find it first).
                "Action": [
                    "glue:GetJob",
                    "glue:StartJobRun",
                    "glue:GetJobRun",
                    "glue:GetJobRuns",
                    "glue:BatchStopJobRun",
                    "glue:StartCrawler",
                    "glue:GetCrawler",
                ],
                "Resource": [
                    arns.glue(region, account_id, f"job/{glue_name_prefix}*"),
                    arns.glue(region, account_id, f"crawler/{glue_name_prefix}*"),
                ],
            },
            {
                # GlueCrawlerOperator logs the finished crawl's metrics (GetCrawlerMetrics,
                # a list call over crawler names that supports no resource-level permission).
                "Sid": "ReadCrawlerMetrics",
                "Effect": "Allow",
                "Action": "glue:GetCrawlerMetrics",
                "Resource": "*",
            },
            *quality_gate_statements(region, account_id, quality_rulesets, evaluation_role_arns),
        ],
    }


# What the Amazon provider 9.0.0's GlueDataQualityRuleSetEvaluationRunOperator calls
# (hooks/glue.py GlueDataQualityHook): get_data_quality_ruleset (has_data_quality_ruleset,
# before the run), start_data_quality_ruleset_evaluation_run, the waiter's
# get_data_quality_ruleset_evaluation_run, batch_get_data_quality_result (authorized by
# glue:GetDataQualityResult, AWS "Configure IAM permissions for AWS Glue Data Quality",
# https://docs.aws.amazon.com/glue/latest/dg/data-quality-authorization.html).
QUALITY_GATE_ACTIONS = (
    "glue:GetDataQualityRuleset",
    "glue:StartDataQualityRulesetEvaluationRun",
    "glue:GetDataQualityResult",
)
RUN_STATUS_ACTION = "glue:GetDataQualityRulesetEvaluationRun"


def quality_gate_statements(
    region: str, account_id: str, rulesets: Sequence[str], evaluation_role_arns: Sequence[str]
) -> list[dict[str, Any]]:
    """Evaluate these rulesets as Glue's evaluation roles, and follow the runs; none
    without rulesets."""
    if not rulesets:
        return []
    return [
        {
            "Sid": "EvaluateContractRulesets",
            "Effect": "Allow",
            "Action": list(QUALITY_GATE_ACTIONS),
            "Resource": [
                arns.glue_quality_ruleset(region, account_id, name) for name in sorted(rulesets)
            ],
        },
        {
            # The request names a run id only; which ruleset ARN IAM authorizes it against
            # is not documented (the Service Authorization Reference lists the
            # dataQualityRuleset resource type), so this read of run status covers the
            # account's rulesets.
            "Sid": "FollowEvaluationRuns",
            "Effect": "Allow",
            "Action": RUN_STATUS_ACTION,
            "Resource": arns.glue_quality_ruleset(region, account_id, "*"),
        },
        {
            "Sid": "PassEvaluationRolesToGlue",
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": sorted(evaluation_role_arns),
            "Condition": {"StringEquals": {"iam:PassedToService": "glue.amazonaws.com"}},
        },
    ]
