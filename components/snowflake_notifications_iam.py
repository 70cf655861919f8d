"""IAM document of the Snowflake notification integration's role, as a pure function."""

from __future__ import annotations

from typing import Any


def snowflake_publish_policy(topic_arn: str, key_arn: str, region: str) -> dict[str, Any]:
    """Publish to the one alerts topic, with the data key of its encryption key only.

    Snowflake's docs ask for `sns:Publish` on the topic; an encrypted topic also needs
    `kms:GenerateDataKey*` and `kms:Decrypt` from every publisher (the SNS developer
    guide, "Encryption at rest"), here confined to calls SNS makes for the role.
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
                "Sid": "UseTheTopicKeyThroughSns",
                "Effect": "Allow",
                "Action": ["kms:GenerateDataKey*", "kms:Decrypt"],
                "Resource": key_arn,
                "Condition": {"StringEquals": {"kms:ViaService": f"sns.{region}.amazonaws.com"}},
            },
        ],
    }
