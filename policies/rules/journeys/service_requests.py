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
        "awsdocs/amazon-eventbridge-user-guide doc_source/eb-use-resource-based.md @fc27724, "
        "2023-02-02, the last version in the repository)",
    ),
    ServiceRequest(
        "events.amazonaws.com",
        "kms:*",
        "sns",
        (),
        "EventBridge documents no key statement for SNS targets; the SNS Developer Guide's "
        "statement for event sources has no Condition (awsdocs/amazon-sns-developer-guide "
        "doc_source/sns-key-management.md @32e7b11) and its 2023 step 3 defers to "
        '"service specific documentation" (@f194805); the conditioned statement fails in '
        "awslabs/landing-zone-accelerator-on-aws#407 and awslabs/aws-deployment-framework#769",
    ),
    ServiceRequest(
        "cloudwatch.amazonaws.com",
        "sns:Publish",
        None,
        SOURCE_KEYS,
        "CloudWatch User Guide, Setting up Amazon SNS notifications: the topic policy "
        "conditions cloudwatch.amazonaws.com on aws:SourceArn (alarm ARN pattern) and "
        "aws:SourceAccount (awsdocs/amazon-cloudwatch-user-guide doc_source/US_SetupSNS.md "
        "@cc40332; live: AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html)",
    ),
    ServiceRequest(
        "cloudwatch.amazonaws.com",
        "kms:*",
        "sns",
        (),
        "Undocumented: no CloudWatch page shows a key statement for cloudwatch.amazonaws.com "
        "with or without conditions (searched the CloudWatch User Guide's source); the safe "
        "reading is that KMS receives neither key",
    ),
    ServiceRequest(
        "budgets.amazonaws.com",
        "sns:Publish",
        None,
        SOURCE_KEYS,
        "AWS Budgets User Guide, Creating an Amazon SNS topic for budget notifications: the "
        "topic policy conditions budgets.amazonaws.com on aws:SourceAccount and aws:SourceArn "
        "(docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html)",
    ),
    ServiceRequest(
        "budgets.amazonaws.com",
        "kms:*",
        "sns",
        (),
        "AWS Budgets User Guide, budgets-sns-policy, encrypted topics: the key statement for "
        "budgets.amazonaws.com has no Condition (awsdocs/aws-cost-management-user-guide "
        "doc_source/budgets-sns-policy.md @3e4c8cf)",
    ),
    ServiceRequest(
        "logging.s3.amazonaws.com",
        "s3:PutObject",
        None,
        SOURCE_KEYS,
        "S3 User Guide, Enabling server access logging: the bucket policy conditions "
        "logging.s3.amazonaws.com on aws:SourceArn and aws:SourceAccount "
        "(awsdocs/amazon-s3-userguide doc_source/enable-server-access-logging.md @cc53dd6)",
    ),
    ServiceRequest(
        "vpc-flow-logs.amazonaws.com",
        "sts:AssumeRole",
        None,
        SOURCE_KEYS,
        "VPC User Guide, Publish flow logs to CloudWatch Logs: the trust of "
        "vpc-flow-logs.amazonaws.com with aws:SourceAccount and aws:SourceArn (flow log ARN) "
        "(awsdocs/amazon-vpc-user-guide doc_source/flow-logs-cwl.md @a16ab76)",
    ),
    ServiceRequest(
        "airflow.amazonaws.com",
        "sts:AssumeRole",
        None,
        SOURCE_KEYS,
        "MWAA User Guide, Cross-service confused deputy prevention: aws:SourceArn (the "
        "environment) and aws:SourceAccount in the execution role's trust "
        "(docs.aws.amazon.com/mwaa/latest/userguide/cross-service-confused-deputy-"
        "prevention.html)",
    ),
    ServiceRequest(
        "airflow-env.amazonaws.com",
        "sts:AssumeRole",
        None,
        SOURCE_KEYS,
        "MWAA User Guide, cross-service-confused-deputy-prevention.html (as "
        "airflow.amazonaws.com; the page names the execution role, whose trust lists both)",
    ),
    ServiceRequest(
        "s3.amazonaws.com",
        "sts:AssumeRole",
        None,
        (),
        "S3 User Guide, Setting up permissions for live replication: the trust of "
        "s3.amazonaws.com has no Condition and nothing documents the keys "
        "(awsdocs/amazon-s3-userguide doc_source/setting-repl-config-perm-overview.md "
        "@cc53dd6); who may pass the role (iam:PassRole) confines it",
    ),
    ServiceRequest(
        "glue.amazonaws.com",
        "sts:AssumeRole",
        None,
        (),
        "Undocumented: the AWS Glue Developer Guide's source has no confused-deputy page and "
        "no aws:SourceAccount for glue.amazonaws.com (awsdocs/aws-glue-developer-guide "
        "@c4620ef; docs/research/issue-12-findings.md item 4)",
    ),
    ServiceRequest(
        "scheduler.amazonaws.com",
        "sts:AssumeRole",
        None,
        ("aws:SourceAccount",),
        "EventBridge Scheduler User Guide, Setting up, Set up the execution role: the trust of "
        "scheduler.amazonaws.com conditioned on aws:SourceAccount (docs.aws.amazon.com/"
        "scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role); the same page's "
        "aws:SourceArn names the schedule group, not relied upon here",
    ),
    ServiceRequest(
        "scheduler.amazonaws.com",
        "glue:StartDataQualityRulesetEvaluationRun",
        None,
        (),
        "EventBridge Scheduler User Guide, Using universal targets: the schedule calls the API "
        "action with the execution role's credentials, its input the request "
        "(docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html); "
        "the role's identity policy decides, no service keys",
    ),
    ServiceRequest(
        "glue.amazonaws.com",
        "events:PutEvents",
        None,
        (),
        "EventBridge events reference, AWS Glue Data Quality: results arrive on the default "
        "bus as aws.glue-dataquality, best effort, with no policy or key to admit them "
        "(docs.aws.amazon.com/eventbridge/latest/ref/events-ref-glue-dataquality.html; sample "
        "in docs.aws.amazon.com/glue/latest/dg/data-quality-alerts.html)",
    ),
    # Any service (`*`) acting for a resource of some account: the access rules' outsider
    # that reaches a `*` principal through a service it configured in its own account.
    ServiceRequest(
        "*",
        "*",
        None,
        SOURCE_KEYS,
        "IAM User Guide, AWS global condition context keys: aws:SourceAccount and "
        'aws:SourceArn are included "only when a call to your resource is being made directly '
        "by an AWS service principal on behalf of a resource\", holding that resource's account "
        "and ARN (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys"
        ".html; The confused deputy problem: confused-deputy.html)",
    ),
)


def row(service: str, action: str, through: str | None = None) -> ServiceRequest | None:
    """The table's row for `service` calling `action` (through `through`); None: not listed.
    Service `*` is any service acting for a resource (the access rules' outsider)."""
    family = action.split(":", 1)[0] + ":*"
    for candidate in SERVICE_REQUESTS:
        if candidate.service != service or candidate.through != through:
            continue
        if candidate.action in (action, family, "*"):
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
