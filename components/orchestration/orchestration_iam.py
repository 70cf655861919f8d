"""IAM and resource policy documents of the orchestration components, as pure functions.

Every document here is a plain dict of names and ARNs; components `json.dumps` them at
the resource boundary, and tests lint each with parliament. No statement grants on a
`*` resource: each one names the buckets, prefixes, keys, log groups and catalog
objects of this platform.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policies.rules.facts import arns

Statement = dict[str, Any]
Document = dict[str, Any]

# Data Catalog actions a Spark job needs to read its source tables ...
JOB_CATALOG_READ_ACTIONS = (
    "glue:BatchGetPartition",
    "glue:GetDatabase",
    "glue:GetPartition",
    "glue:GetPartitions",
    "glue:GetTable",
    "glue:GetTables",
)
# ... and to register its output, in its target database only.
JOB_CATALOG_ACTIONS = tuple(
    sorted(
        (
            *JOB_CATALOG_READ_ACTIONS,
            "glue:BatchCreatePartition",
            "glue:CreatePartition",
            "glue:CreateTable",
            "glue:UpdatePartition",
            "glue:UpdateTable",
        )
    )
)
# A crawler also updates partitions in batches to keep one database in step with S3.
CRAWLER_CATALOG_ACTIONS = tuple(sorted((*JOB_CATALOG_ACTIONS, "glue:BatchUpdatePartition")))
# Glue creates its log groups and streams on first write and, when the security
# configuration encrypts CloudWatch logs, associates the KMS key with the group.
GLUE_LOG_ACTIONS = (
    "logs:AssociateKmsKey",
    "logs:CreateLogGroup",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
)
# Glue writes every log group it uses under /aws-glue/: /aws-glue/jobs/{error,output,
# logs-v2} without encryption and /aws-glue/jobs-<role>-<security-configuration>/...
# (crawlers: /aws-glue/crawlers-role/<role>-<security-configuration>) with it.
GLUE_LOG_GROUP_PATTERN = "/aws-glue/*"
KMS_DATA_ACTIONS = ("kms:Decrypt", "kms:GenerateDataKey")
# Job bookmarks are encrypted client-side (CSE-KMS): the job calls kms:Encrypt itself,
# besides the data-key calls SSE-KMS writes make (AWS Glue developer guide, "Setting up
# encryption in AWS Glue").
KMS_JOB_ACTIONS = ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey")
# Services whose trust policies carry `aws:SourceAccount`: only those AWS documents as
# sending it when they assume a role (cross-service confused-deputy guidance). Glue
# documents no such key (docs/research/issue-12-findings.md, item 4): a condition on
# a key absent from the request would deny every assumption.
SOURCE_ACCOUNT_SERVICES = ("vpc-flow-logs.amazonaws.com",)
JOB_FAILURE_STATES = ("FAILED", "TIMEOUT", "ERROR")


def document(statements: Sequence[Statement]) -> Document:
    """Wrap statements into an IAM policy document."""
    return {"Version": "2012-10-17", "Statement": list(statements)}


def service_trust_policy(
    service: str, account_id: str, source_arn_pattern: str | None = None
) -> Document:
    """A role trust policy for an AWS service, confined to this account where it can be.

    For the services that send them (`SOURCE_ACCOUNT_SERVICES`), `aws:SourceAccount`
    stops another account's use of the service from assuming the role (confused
    deputy); `source_arn_pattern`, when given, narrows it to the resources that may.
    Other services get no condition: who may pass the role (`iam:PassRole`) is what
    confines them.
    """
    condition: dict[str, Any] = {}
    if service in SOURCE_ACCOUNT_SERVICES:
        condition["StringEquals"] = {"aws:SourceAccount": account_id}
        if source_arn_pattern:
            condition["ArnLike"] = {"aws:SourceArn": source_arn_pattern}
    elif source_arn_pattern:
        raise ValueError(f"{service} sends no aws:SourceArn when it assumes a role")
    statement: Statement = {
        "Sid": "ServiceAssumesRole",
        "Effect": "Allow",
        "Principal": {"Service": service},
        "Action": "sts:AssumeRole",
    }
    if condition:
        statement["Condition"] = condition
    return document([statement])


def flow_log_delivery_policy(log_group_arn: str) -> Document:
    """What VPC Flow Logs needs to write into one log group (and nothing else)."""
    return document(
        [
            {
                "Sid": "DeliverFlowLogs",
                "Effect": "Allow",
                "Action": ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                "Resource": [log_group_arn, f"{log_group_arn}:log-stream:*"],
            }
        ]
    )


def s3_read_statements(sid: str, bucket: str, prefixes: Sequence[str]) -> list[Statement]:
    """List and read objects under `prefixes` of `bucket` (the whole bucket if none)."""
    keys = [p.strip("/") for p in prefixes]
    objects = [arns.s3_prefix_objects(bucket, k) for k in keys] or [arns.s3_objects(bucket)]
    listing: Statement = {
        "Sid": f"{sid}List",
        "Effect": "Allow",
        "Action": "s3:ListBucket",
        "Resource": arns.s3_bucket(bucket),
    }
    if keys:
        listing["Condition"] = {"StringLike": {"s3:prefix": [f"{k}/*" for k in keys]}}
    return [
        listing,
        {"Sid": f"{sid}Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": objects},
    ]


def kms_statement(sid: str, key_arns: Sequence[str], actions: Sequence[str]) -> Statement:
    """Use of the named keys only (never a `*` key resource)."""
    return {"Sid": sid, "Effect": "Allow", "Action": list(actions), "Resource": sorted(key_arns)}


def glue_logs_statement(region: str, account_id: str) -> Statement:
    """Glue's own log groups of this account and region, nothing else in CloudWatch."""
    return {
        "Sid": "GlueLogs",
        "Effect": "Allow",
        "Action": list(GLUE_LOG_ACTIONS),
        "Resource": arns.log_groups(region, account_id, GLUE_LOG_GROUP_PATTERN),
    }


def catalog_statement(
    sid: str, region: str, account_id: str, databases: Sequence[str], actions: Sequence[str]
) -> Statement:
    """Catalog actions on the named databases and their tables (plus the catalog, on
    which Glue authorises every catalog call as well)."""
    resources = [arns.glue_catalog(region, account_id)]
    for database in sorted(databases):
        resources += [
            arns.glue_database(region, account_id, database),
            arns.glue_tables(region, account_id, database),
        ]
    return {"Sid": sid, "Effect": "Allow", "Action": list(actions), "Resource": resources}


def crawler_policy(
    region: str,
    account_id: str,
    bucket: str,
    prefixes: Sequence[str],
    database: str,
    key_arns: Sequence[str],
) -> Document:
    """A crawler's role: read the crawled prefixes, maintain one database, its logs."""
    return document(
        [
            *s3_read_statements("CrawledData", bucket, prefixes),
            kms_statement("ZoneAndCatalogKeys", key_arns, KMS_DATA_ACTIONS),
            catalog_statement(
                "MaintainCatalog", region, account_id, [database], CRAWLER_CATALOG_ACTIONS
            ),
            glue_logs_statement(region, account_id),
        ]
    )


def job_policy(
    region: str,
    account_id: str,
    source_bucket: str,
    source_prefixes: Sequence[str],
    target_bucket: str,
    source_database: str,
    target_database: str,
    key_arns: Sequence[str],
    script_objects: Sequence[str],
    target_prefix: str = "",
) -> Document:
    """A Glue job's role: read the source zone, write the target zone, read its scripts.

    `target_prefix` limits the writes to the objects under it (a domain's job writes
    under its domain's prefix only); defaults to none: the whole target bucket. Writing
    needs `s3:DeleteObject` and `s3:GetObject` on the target too: Spark commits through
    temporary objects it reads back and deletes, and overwrites replace earlier output.
    """
    return document(
        [
            *s3_read_statements("Source", source_bucket, source_prefixes),
            {
                "Sid": "TargetList",
                "Effect": "Allow",
                "Action": "s3:ListBucket",
                "Resource": arns.s3_bucket(target_bucket),
                **(
                    {"Condition": {"StringLike": {"s3:prefix": [f"{target_prefix.strip('/')}/*"]}}}
                    if target_prefix
                    else {}
                ),
            },
            {
                "Sid": "TargetWrite",
                "Effect": "Allow",
                "Action": ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
                "Resource": (
                    arns.s3_prefix_objects(target_bucket, target_prefix.strip("/"))
                    if target_prefix
                    else arns.s3_objects(target_bucket)
                ),
            },
            {
                "Sid": "Scripts",
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": sorted(script_objects),
            },
            kms_statement("ZoneAndCatalogKeys", key_arns, KMS_JOB_ACTIONS),
            catalog_statement(
                "SourceCatalog", region, account_id, [source_database], JOB_CATALOG_READ_ACTIONS
            ),
            catalog_statement(
                "TargetCatalog", region, account_id, [target_database], JOB_CATALOG_ACTIONS
            ),
            glue_logs_statement(region, account_id),
        ]
    )


def job_failure_event_pattern(job_names: Sequence[str]) -> dict[str, Any]:
    """EventBridge pattern: this platform's Glue jobs ending FAILED, TIMEOUT or ERROR."""
    return {
        "source": ["aws.glue"],
        "detail-type": ["Glue Job State Change"],
        "detail": {"jobName": sorted(job_names), "state": list(JOB_FAILURE_STATES)},
    }


def crawler_failure_event_pattern(crawler_names: Sequence[str]) -> dict[str, Any]:
    """EventBridge pattern: this platform's Glue crawlers ending Failed."""
    return {
        "source": ["aws.glue"],
        "detail-type": ["Glue Crawler State Change"],
        "detail": {"crawlerName": sorted(crawler_names), "state": ["Failed"]},
    }
