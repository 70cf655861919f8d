"""A customer-managed KMS key with rotation, a scoped key policy and an alias."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws as aws

from components.protection import Protection
from policies.rules.facts import arns

# Actions a key administrator needs; none of them can use the key for data.
ADMIN_ACTIONS = (
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListAliases",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
)
# Actions a key user needs to read and write data protected by the key.
USER_ACTIONS = (
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
)


@dataclass(frozen=True)
class KmsKeyArgs:
    """Inputs of a KmsKey.

    Attributes:
        alias_name: The key's alias, `alias/...` (from `Naming.kms_alias`).
        description: What the key protects; shown in the KMS console.
        account_id: The account whose root administers the key.
        tags: The mandatory tags (from `MandatoryTags.for_data`).
        protection: Deletion safeguards. Defaults to none.
        deletion_window_days: Days between scheduling deletion and deletion, 7 to 30.
            Defaults to 30.
        administrator_arns: IAM roles that may administer (not use) the key.
            Defaults to none: only the account root, through IAM.
        user_arns: IAM roles that may use the key for data. Defaults to none: use is
            then granted by IAM policies of the same account.
        service_statements: Key-policy statements for AWS services that encrypt with
            the key on the account's behalf (CloudWatch Logs, EventBridge to SNS),
            which IAM policies cannot grant. Defaults to none.
        deployer_arn_patterns: Role ARNs or ARN patterns of the principals that run
            `pulumi up`: they may manage and use the key. Defaults to none.
        region: The region of the key and its alias (pulumi-aws v7's per-resource
            `region`). Defaults to None: the provider's region.
    """

    alias_name: str
    description: str
    account_id: str
    tags: Mapping[str, str]
    protection: Protection = field(default_factory=Protection)
    deletion_window_days: int = 30
    administrator_arns: Sequence[str] = field(default_factory=tuple)
    user_arns: Sequence[str] = field(default_factory=tuple)
    service_statements: Sequence[Mapping[str, Any]] = field(default_factory=tuple)
    deployer_arn_patterns: Sequence[str] = field(default_factory=tuple)
    region: str | None = None

    def __post_init__(self) -> None:
        if not 7 <= self.deletion_window_days <= 30:
            raise ValueError(
                f"KmsKeyArgs.deletion_window_days must be 7 to 30; got {self.deletion_window_days}"
            )
        if not self.alias_name.startswith("alias/"):
            raise ValueError(f"KmsKeyArgs.alias_name must start with alias/; got {self.alias_name}")


class KmsKey(pulumi.ComponentResource):
    """A symmetric customer-managed key, rotated yearly, with an alias.

    The key policy names its principals: the account root (so that IAM policies of
    the account can grant use, and the key can never become unmanageable), the
    configured administrators and users. There is no `*` principal.
    """

    key: aws.kms.Key
    alias: aws.kms.Alias
    arn: pulumi.Output[str]
    key_id: pulumi.Output[str]

    def __init__(
        self, name: str, args: KmsKeyArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:security:KmsKey", name, None, opts)
        policy = key_policy(
            args.account_id, args.administrator_arns, args.user_arns, args.deployer_arn_patterns
        )
        policy["Statement"].extend(dict(s) for s in args.service_statements)
        self.key = aws.kms.Key(
            name,
            description=args.description,
            enable_key_rotation=True,
            deletion_window_in_days=args.deletion_window_days,
            policy=json.dumps(policy),
            tags=dict(args.tags),
            region=args.region,
            opts=args.protection.options(self),
        )
        self.alias = aws.kms.Alias(
            f"{name}-alias",
            name=args.alias_name,
            target_key_id=self.key.key_id,
            region=args.region,
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.arn = self.key.arn
        self.key_id = self.key.key_id
        self.register_outputs({"arn": self.arn, "alias": self.alias.name})


def key_policy(
    account_id: str,
    administrator_arns: Sequence[str] = (),
    user_arns: Sequence[str] = (),
    deployer_arn_patterns: Sequence[str] = (),
) -> dict[str, Any]:
    """The key policy document. `Resource: "*"` in a key policy means this key only.

    Deployers are named by pattern (an SSO role's name carries a generated suffix), so
    their statement names the account and narrows it with `aws:PrincipalArn`: a key
    policy's Principal takes no wildcards.
    """
    statements: list[dict[str, Any]] = [
        {
            "Sid": "AccountRootAdministersKey",
            "Effect": "Allow",
            "Principal": {"AWS": arns.account_root(account_id)},
            "Action": "kms:*",
            "Resource": "*",
        }
    ]
    for sid, principals, actions in (
        ("NamedAdministrators", administrator_arns, ADMIN_ACTIONS),
        ("NamedUsers", user_arns, USER_ACTIONS),
    ):
        if principals:
            statements.append(
                {
                    "Sid": sid,
                    "Effect": "Allow",
                    "Principal": {"AWS": sorted(principals)},
                    "Action": list(actions),
                    "Resource": "*",
                }
            )
    if deployer_arn_patterns:
        statements.append(
            {
                "Sid": "DeployersManageAndUse",
                "Effect": "Allow",
                "Principal": {"AWS": arns.account_root(account_id)},
                "Action": sorted({*ADMIN_ACTIONS, *USER_ACTIONS}),
                "Resource": "*",
                "Condition": {"ArnLike": {"aws:PrincipalArn": sorted(deployer_arn_patterns)}},
            }
        )
    return {"Version": "2012-10-17", "Statement": statements}


def logs_service_statement(account_id: str, region: str) -> dict[str, Any]:
    """Lets CloudWatch Logs encrypt this account's log groups in `region` with the key."""
    log_groups = arns.log_groups(region, account_id, "*")
    return {
        "Sid": "CloudWatchLogsEncryptsThisAccountsLogGroups",
        "Effect": "Allow",
        "Principal": {"Service": f"logs.{region}.amazonaws.com"},
        "Action": [
            "kms:Encrypt*",
            "kms:Decrypt*",
            "kms:ReEncrypt*",
            "kms:GenerateDataKey*",
            "kms:Describe*",
        ],
        "Resource": "*",
        "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": log_groups}},
    }


def events_to_sns_statement() -> dict[str, Any]:
    """Lets EventBridge use the key of an encrypted SNS topic it publishes to."""
    return _publishes_to_sns("EventBridgePublishesToEncryptedTopics", "events.amazonaws.com")


def alarms_to_sns_statement() -> dict[str, Any]:
    """Lets CloudWatch alarms use the key of an encrypted SNS topic they publish to."""
    return _publishes_to_sns("CloudWatchAlarmsPublishToEncryptedTopics", "cloudwatch.amazonaws.com")


def budgets_to_sns_statement() -> dict[str, Any]:
    """Lets AWS Budgets use the key of an encrypted SNS topic it publishes to."""
    return _publishes_to_sns("BudgetsPublishToEncryptedTopics", "budgets.amazonaws.com")


def _publishes_to_sns(sid: str, service: str) -> dict[str, Any]:
    """`service` may take the data key of a topic encrypted with this key.

    No condition: when SNS uses the key for a publishing service, KMS is not documented to
    receive `aws:SourceAccount` or `aws:SourceArn` (for EventBridge it does not: a
    statement conditioned on them drops every event). The SNS and Budgets guides show these
    statements without one; policies/rules/journeys/service_requests.py holds the sources,
    and the alert journeys judge this statement with it. The services still need
    sns:Publish on the topic, which its policy confines to this account where the service
    sends the keys (CloudWatch, Budgets).
    """
    return {
        "Sid": sid,
        "Effect": "Allow",
        "Principal": {"Service": service},
        "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
        "Resource": "*",
    }
