"""SNS topic, SQS queue and Secrets Manager secret policies let no one outside the account in."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.analyzer_checks import ALLOW_WITH_NOT_PRINCIPAL, external
from ..facts.tokens import (
    SECRETSMANAGER_SECRET,
    SECRETSMANAGER_SECRET_POLICY,
    SNS_TOPIC,
    SNS_TOPIC_POLICY,
    SQS_QUEUE,
    SQS_QUEUE_POLICY,
)
from .judged import CONFIG_SCHEMA, judge

# Resource type -> (the action prefix of its service, what its policy is called).
POLICY_OF = {
    SNS_TOPIC: ("sns", "topic policy"),
    SNS_TOPIC_POLICY: ("sns", "topic policy"),
    SQS_QUEUE: ("sqs", "queue policy"),
    SQS_QUEUE_POLICY: ("sqs", "queue policy"),
    SECRETSMANAGER_SECRET: ("secretsmanager", "secret policy"),
    SECRETSMANAGER_SECRET_POLICY: ("secretsmanager", "secret policy"),
}


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """The policy, inline or a resource of its own, is sent requests from outside."""
    service, what = POLICY_OF[view.type]
    yield from judge(view, "policy", service, what, ctx.config)


RULE = Rule(
    id="access-resource-policy-no-outside-access",
    description=(
        "No SNS topic, SQS queue or Secrets Manager secret policy lets a principal outside the "
        "account in, judged by evaluating its requests."
    ),
    severity="critical",
    remediation=(
        "Name the principals, or bind a `*` statement to aws:PrincipalAccount, "
        "aws:PrincipalOrgID or aws:SourceAccount with the platform's values (not a wildcard)."
    ),
    resource_types=tuple(POLICY_OF),
    check=check,
    config_schema=CONFIG_SCHEMA,
    mapped=(
        external("AWS::SNS::Topic", "AWS::SQS::Queue", "AWS::SecretsManager::Secret"),
        ALLOW_WITH_NOT_PRINCIPAL,
        "CKV_AWS_168",
        "FSBP SNS.4",
    ),
)
