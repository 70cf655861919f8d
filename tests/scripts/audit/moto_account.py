"""A moto account seeded as the platform deploys it: a data bucket, its log bucket, a
zone key, a role, a secret and a Glue security configuration, all compliant."""

from __future__ import annotations

import json
from typing import Any

import boto3

REGION = "eu-west-1"
PREFIX = "acme-dp-test"
TAGS = {"managed-by": "pulumi/data-platform", "environment": "prod"}
DATA, LOGS = f"{PREFIX}-raw", f"{PREFIX}-logs"
ROLE = f"{PREFIX}-glue-job"
PAB = {
    k: True
    for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
}


def seed() -> dict[str, Any]:
    """Create the compliant resources; returns the key ARN."""
    kms = boto3.client("kms", region_name=REGION)
    key = kms.create_key(Tags=[{"TagKey": k, "TagValue": v} for k, v in TAGS.items()])
    key_arn = key["KeyMetadata"]["Arn"]
    kms.create_alias(AliasName=f"alias/{PREFIX}-raw", TargetKeyId=key_arn)
    kms.enable_key_rotation(KeyId=key_arn)
    s3 = boto3.client("s3", region_name=REGION)
    for bucket, sse in (
        (LOGS, {"SSEAlgorithm": "AES256"}),
        (DATA, {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_arn}),
    ):
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
        s3.put_bucket_tagging(
            Bucket=bucket, Tagging={"TagSet": [{"Key": k, "Value": v} for k, v in TAGS.items()]}
        )
        s3.put_bucket_encryption(
            Bucket=bucket,
            ServerSideEncryptionConfiguration={
                "Rules": [{"ApplyServerSideEncryptionByDefault": sse, "BucketKeyEnabled": True}]
            },
        )
        s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=PAB)
        s3.put_bucket_ownership_controls(
            Bucket=bucket, OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
        )
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
        # S3 delivers access logs only where the logging service may put them (moto checks
        # this, and stops at the first statement that grants it).
        delivery = [
            {
                "Sid": "S3ServerAccessLogs",
                "Effect": "Allow",
                "Principal": {"Service": "logging.s3.amazonaws.com"},
                "Action": ["s3:PutObject"],
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ]
        s3.put_bucket_policy(
            Bucket=bucket,
            Policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        *(delivery if bucket == LOGS else []),
                        {
                            "Sid": "DenyInsecureTransport",
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:*",
                            "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        },
                    ],
                }
            ),
        )
    s3.put_bucket_logging(
        Bucket=DATA,
        BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": LOGS, "TargetPrefix": f"{DATA}/"}},
    )
    iam = boto3.client("iam", region_name=REGION)
    iam.create_role(
        RoleName=ROLE,
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "glue.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
        Tags=[{"Key": k, "Value": v} for k, v in TAGS.items()],
    )
    iam.put_role_policy(
        RoleName=ROLE,
        PolicyName="read",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{DATA}/*",
                    },
                    {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": key_arn},
                ],
            }
        ),
    )
    boto3.client("secretsmanager", region_name=REGION).create_secret(
        Name=f"{PREFIX}/airflow/connections/x",
        SecretString="{}",
        KmsKeyId=key_arn,
        Tags=[{"Key": k, "Value": v} for k, v in TAGS.items()],
    )
    boto3.client("glue", region_name=REGION).create_security_configuration(
        Name=f"{PREFIX}-glue",
        EncryptionConfiguration={
            "S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": key_arn}],
            "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": key_arn},
            "JobBookmarksEncryption": {
                "JobBookmarksEncryptionMode": "CSE-KMS",
                "KmsKeyArn": key_arn,
            },
        },
    )
    # Not ours: must never be reported.
    s3.create_bucket(
        Bucket="someone-else", CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    return {"key": key_arn}
