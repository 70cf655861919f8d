"""IAM documents of the Snowflake ingest handshake, as pure functions."""

from __future__ import annotations

from typing import Any

from policies.rules.facts import arns


def snowflake_trust_policy(
    snowflake_user_arn: str, external_id: str, sid: str = "SnowflakeStorageIntegration"
) -> dict[str, Any]:
    """Only the Snowflake account's IAM user, presenting the integration's external id.

    Both values come from the integration's DESCRIBE output (a storage integration's,
    or a notification integration's), so the role trusts exactly the integration that
    names it and no other Snowflake account. `sid` says which integration it is.
    """
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": sid,
                "Effect": "Allow",
                "Principal": {"AWS": snowflake_user_arn},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"sts:ExternalId": external_id}},
            }
        ],
    }


def snowflake_read_policy(bucket: str, prefix: str, kms_key_arn: str) -> dict[str, Any]:
    """Read the objects under one prefix of one bucket, decrypting with its zone key only."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadObjectsUnderPrefix",
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:GetObjectVersion"],
                "Resource": f"{arns.s3_bucket(bucket)}/{prefix}*",
            },
            {
                "Sid": "ListOnlyThePrefix",
                "Effect": "Allow",
                "Action": "s3:ListBucket",
                "Resource": arns.s3_bucket(bucket),
                "Condition": {"StringLike": {"s3:prefix": [f"{prefix}*"]}},
            },
            {
                "Sid": "LocateTheBucket",
                "Effect": "Allow",
                "Action": "s3:GetBucketLocation",
                "Resource": arns.s3_bucket(bucket),
            },
            {
                "Sid": "DecryptWithTheZoneKey",
                "Effect": "Allow",
                "Action": "kms:Decrypt",
                "Resource": kms_key_arn,
            },
        ],
    }


def stage_url(bucket: str, prefix: str) -> str:
    """The `s3://` location of a source, as stages and allowed locations spell it."""
    return f"s3://{bucket}/{prefix}"
