"""What each AWS service sends with the requests it makes for the platform: one table.

A key or resource policy may admit a service principal only under a condition on a key
such as `aws:SourceAccount`. Whether that condition can ever hold depends on whether the
service puts the key into that request's context, which varies per service and per hop:
EventBridge publishing to an encrypted SNS topic makes two requests (sns:Publish, judged by
the topic policy; then SNS asks KMS for the topic's data key on EventBridge's behalf), and
neither is documented to carry `aws:SourceAccount`/`aws:SourceArn`. A statement conditioned
on them admits nothing, and every event is dropped.

Every journey and every data path takes the context of a service's request from this table
(`context_for`), never from a hand-written dict, so a new fact changes every model at once.
Each row names its source; a row whose source says nothing about a key leaves the key out
(the safe reading: a condition on an unsent key fails, so a policy that relies on one is
reported rather than deployed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SOURCE_KEYS = ("aws:SourceAccount", "aws:SourceArn")


@dataclass(frozen=True)
class ServiceRequest:
    """One hop a service makes: `service` calls `action` (a `service:Action` pattern; `kms:*`
    for the key use another service makes for it), `through` the service that forwards it
    (None: the service calls directly), sending `keys`; `source` is where that is documented."""

    service: str
    action: str
    through: str | None
    keys: tuple[str, ...]
    source: str


SERVICE_REQUESTS: tuple[ServiceRequest, ...] = (
    ServiceRequest(
        "events.amazonaws.com",
        "sns:Publish",
        None,
        (),
        "EventBridge User Guide, Using resource-based policies, Amazon SNS permissions: "
        '"You can\'t use Condition blocks in Amazon SNS topic policies for EventBridge" '
        "(docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html; "
        "awsdocs/amazon-eventbridge-user-guide doc_source/eb-use-resource-based.md @10e936e)",
    ),
    ServiceRequest(
        "events.amazonaws.com",
        "kms:*",
        "sns",
        (),
        "SNS Developer Guide, Enable compatibility between event sources from AWS services and "
        "encrypted topics: the key statement has no Condition "
        "(docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-"
        "services; awsdocs/amazon-sns-developer-guide doc_source/sns-key-management.md "
        "@32e7b11); the same failure in awslabs/landing-zone-accelerator-on-aws#407 and "
        "awslabs/aws-deployment-framework#769",
    ),
    ServiceRequest(
        "cloudwatch.amazonaws.com",
        "sns:Publish",
        None,
        SOURCE_KEYS,
        "CloudWatch User Guide, Confused deputy prevention for alarm actions: the SNS topic "
        "policy may condition cloudwatch.amazonaws.com on aws:SourceArn and aws:SourceAccount "
        "(docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cross-service-confused-"
        "deputy-prevention.html)",
    ),
    ServiceRequest(
        "cloudwatch.amazonaws.com",
        "kms:*",
        "sns",
        SOURCE_KEYS,
        "CloudWatch User Guide, Alarm actions to an encrypted SNS topic: the key statement for "
        "cloudwatch.amazonaws.com with aws:SourceArn and aws:SourceAccount "
        "(docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html)",
    ),
    ServiceRequest(
        "budgets.amazonaws.com",
        "sns:Publish",
        None,
        SOURCE_KEYS,
        "AWS Budgets User Guide, Creating an Amazon SNS topic for budget notifications: the "
        "topic policy conditions budgets.amazonaws.com on aws:SourceArn and aws:SourceAccount "
        "(docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html)",
    ),
    ServiceRequest(
        "budgets.amazonaws.com",
        "kms:*",
        "sns",
        SOURCE_KEYS,
        "AWS Budgets User Guide, budgets-sns-policy.html, encrypted topics: the key statement "
        "for budgets.amazonaws.com with aws:SourceAccount and aws:SourceArn",
    ),
    ServiceRequest(
        "logging.s3.amazonaws.com",
        "s3:PutObject",
        None,
        SOURCE_KEYS,
        "S3 User Guide, Permissions for log delivery (server access logging): the bucket "
        "policy conditions logging.s3.amazonaws.com on aws:SourceArn and aws:SourceAccount "
        "(docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html)",
    ),
    ServiceRequest(
        "vpc-flow-logs.amazonaws.com",
        "sts:AssumeRole",
        None,
        SOURCE_KEYS,
        "VPC User Guide, IAM role for publishing flow logs to CloudWatch Logs: the trust "
        "conditions vpc-flow-logs.amazonaws.com on aws:SourceAccount and aws:SourceArn "
        "(docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html)",
    ),
    ServiceRequest(
        "airflow.amazonaws.com",
        "sts:AssumeRole",
        None,
        SOURCE_KEYS,
        "MWAA User Guide, Amazon MWAA execution role: the trust of airflow.amazonaws.com and "
        "airflow-env.amazonaws.com with aws:SourceAccount and aws:SourceArn "
        "(docs.aws.amazon.com/mwaa/latest/userguide/mwaa-create-role.html)",
    ),
    ServiceRequest(
        "airflow-env.amazonaws.com",
        "sts:AssumeRole",
        None,
        SOURCE_KEYS,
        "MWAA User Guide, mwaa-create-role.html (as airflow.amazonaws.com)",
    ),
    ServiceRequest(
        "s3.amazonaws.com",
        "sts:AssumeRole",
        None,
        SOURCE_KEYS,
        "S3 User Guide, Setting up permissions for live replication: the trust of "
        "s3.amazonaws.com with aws:SourceAccount and aws:SourceArn "
        "(docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html)",
    ),
)


def row(service: str, action: str, through: str | None = None) -> ServiceRequest | None:
    """The table's row for `service` calling `action` (through `through`); None: not listed."""
    family = action.split(":", 1)[0] + ":*"
    for candidate in SERVICE_REQUESTS:
        if candidate.service != service or candidate.through != through:
            continue
        if candidate.action in (action, family):
            return candidate
    return None


def context_for(
    service: str,
    action: str,
    values: Mapping[str, Any],
    through: str | None = None,
) -> dict[str, Any]:
    """The request context `service` sends calling `action`: of `values` (what the keys
    would hold: the source's ARN and account), only the keys the table says it sends. A
    service not in the table sends every key offered (the model before this table); a
    service in the table sends only its row's keys."""
    found = row(service, action, through)
    if found is None:
        return dict(values)
    return {k: v for k, v in values.items() if k not in SOURCE_KEYS or k in found.keys}
