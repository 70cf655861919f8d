"""IAM document of the Snowflake notification integration's role, as a pure function."""

from __future__ import annotations

from typing import Any


def snowflake_publish_policy(topic_arn: str, key_arn: str) -> dict[str, Any]:
    """Publish to the one alerts topic, with its encryption key only.

    Snowflake's docs ask for `sns:Publish` on the topic; an encrypted topic also needs
    `kms:GenerateDataKey` and `kms:Decrypt` on its key from every publisher (SNS
    Developer Guide, "Key management", "Allow a user to send messages to a topic with
    SSE"; source awsdocs/amazon-sns-developer-guide sns-key-management.md), in the
    guide's form: the key's ARN, no further condition (the role is Snowflake's alone).
    """
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublishToTheAlertsTopic",
                "Effect": "Allow",
                "Action": "sns:Publish",
                "Resource": topic_arn,
            },
            {
                "Sid": "UseTheTopicKey",
                "Effect": "Allow",
                "Action": ["kms:GenerateDataKey", "kms:Decrypt"],
                "Resource": key_arn,
            },
        ],
    }
