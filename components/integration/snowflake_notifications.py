"""Snowflake's way out to the alerts topic: an outbound SNS notification integration.

Snowpipe reports load errors only through a notification integration named in the
pipe's `ERROR_INTEGRATION`, and Snowflake publishes with an IAM role it assumes. The
handshake is the storage integration's (`SnowflakeIngest`): the role's name is fixed up
front, so the integration can name its ARN before the role exists; the role is then
created from the integration's DESCRIBE output (`SF_AWS_IAM_USER_ARN`,
`SF_AWS_EXTERNAL_ID`). Unlike a storage integration's, this external id cannot be
pinned (CREATE NOTIFICATION INTEGRATION takes none), so re-creating the integration
changes the trust, and Pulumi updates the role in the same run.

Sources: docs.snowflake.com/user-guide/notifications/creating-notification-integration-
amazon-sns, /sql-reference/sql/create-notification-integration-queue-outbound-aws and
/user-guide/data-load-snowpipe-errors-sns.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws
import pulumi_snowflake as snowflake

from components.integration.snowflake_ingest_iam import snowflake_trust_policy
from components.integration.snowflake_notifications_iam import snowflake_publish_policy
from components.snowflake.providers import SnowflakeProviders
from policies.rules.facts import arns


@dataclass(frozen=True)
class SnowflakeNotificationsArgs:
    """Inputs of SnowflakeNotifications.

    Attributes:
        integration: The notification integration's Snowflake name.
        account_id: The AWS account of the topic and the role.
        role_name: The IAM role's name, fixed up front (`Naming.iam_role`).
        topic_arn: The alerts topic.
        key_arn: The alerts topic's encryption key.
        tags: Tags of the IAM role.
    """

    integration: str
    account_id: str
    role_name: str
    topic_arn: pulumi.Input[str]
    key_arn: pulumi.Input[str]
    tags: Mapping[str, str]


class SnowflakeNotifications(pulumi.ComponentResource):
    """The stack's one notification integration to its alerts topic, and its IAM role.

    One integration serves every pipe (Snowflake: "a single notification integration
    can support multiple pipes").

    Attributes:
        integration: The Snowflake notification integration.
        role: The IAM role Snowflake assumes to publish.
        name: The integration's name, resolved only once the role trusts Snowflake and
            may publish, so a pipe naming it reports its first error.
    """

    integration: snowflake.NotificationIntegration
    role: aws.iam.Role
    name: pulumi.Output[str]

    def __init__(
        self,
        name: str,
        args: SnowflakeNotificationsArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:integration:SnowflakeNotifications", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.integration = snowflake.NotificationIntegration(
            f"{name}-integration",
            name=args.integration,
            enabled=True,
            notification_provider="AWS_SNS",
            aws_sns_topic_arn=args.topic_arn,
            aws_sns_role_arn=arns.iam_role(args.account_id, args.role_name),
            comment="Pipe load errors and platform alerts to the stack's alerts topic",
            opts=pulumi.ResourceOptions(parent=self, provider=providers.objects),
        )
        self.role = aws.iam.Role(
            f"{name}-role",
            name=args.role_name,
            assume_role_policy=pulumi.Output.all(
                self.integration.aws_sns_iam_user_arn, self.integration.aws_sns_external_id
            ).apply(
                lambda v: json.dumps(
                    snowflake_trust_policy(str(v[0]), str(v[1]), "SnowflakeNotificationIntegration")
                )
            ),
            description=f"Snowflake notification integration {args.integration} publishes alerts",
            max_session_duration=3600,
            tags=dict(args.tags),
            opts=child,
        )
        publish = aws.iam.RolePolicy(
            f"{name}-publish",
            role=self.role.id,
            policy=pulumi.Output.all(args.topic_arn, args.key_arn).apply(
                lambda v: json.dumps(snowflake_publish_policy(str(v[0]), str(v[1])))
            ),
            opts=child,
        )
        self.name = pulumi.Output.all(self.integration.name, publish.id).apply(lambda v: str(v[0]))
        self.register_outputs({"name": self.name, "role": self.role.arn})
