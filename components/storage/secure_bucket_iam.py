"""Bucket policy documents of the secure bucket, as pure functions of names and ARNs.

Every data bucket denies what default encryption alone cannot stop: requests over
plain HTTP or TLS below 1.2, uploads that ask for another encryption type or another
KMS key (which would silently bypass the zone's key), and SSE-C uploads (whose keys
AWS never sees, so KMS access control and audit do not apply).

Uploads that send no encryption header at all are encrypted by the bucket's default
SSE-KMS configuration. Denying them as well is stricter, but AWS services (S3
replication, log delivery, Athena and Glue writes), Pulumi's own uploads and Snowflake
unloads write without headers, so that deny is a per-bucket switch
(`enable_deny_unencrypted_uploads`), off by default.

Letting header-less uploads through takes a `Null` test beside the negated match: a
negated operator (`StringNotEquals`) and any `...IfExists` operator are both TRUE when
the key is absent from the request (IAM User Guide, "Condition operators" and "...IfExists
condition operators"), so either alone would deny every header-less upload. The deny
applies only when the header is present (`Null: false`) and names something else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policies.rules.facts import arns

Statement = dict[str, Any]
# IAM reads numeric condition values from strings too; the string form also keeps
# parliament (whose Numeric pattern rejects JSON floats) able to lint the policy.
MIN_TLS_VERSION = "1.2"


def policy_document(statements: Sequence[Statement]) -> dict[str, Any]:
    """Wrap statements into an IAM policy document."""
    return {"Version": "2012-10-17", "Statement": list(statements)}


def transport_statements(bucket_name: str) -> list[Statement]:
    """Deny any request without TLS, or with TLS older than 1.2."""
    resources = [arns.s3_bucket(bucket_name), arns.s3_objects(bucket_name)]
    return [
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": resources,
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
        {
            "Sid": "DenyOutdatedTls",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": resources,
            "Condition": {"NumericLessThan": {"s3:TlsVersion": MIN_TLS_VERSION}},
        },
    ]


def deny_ssec_statement(bucket_name: str) -> Statement:
    """Deny uploads encrypted with a customer-provided key (SSE-C)."""
    return {
        "Sid": "DenySseCUploads",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:PutObject",
        "Resource": arns.s3_objects(bucket_name),
        "Condition": {"Null": {"s3:x-amz-server-side-encryption-customer-algorithm": "false"}},
    }


def kms_upload_statements(
    bucket_name: str, kms_key_arn: str, deny_unencrypted_uploads: bool = False
) -> list[Statement]:
    """Deny uploads that name an encryption other than SSE-KMS with `kms_key_arn`.

    The `Null` tests let header-less uploads through to default encryption;
    `deny_unencrypted_uploads` closes that path too (see the module docstring).
    """
    objects = arns.s3_objects(bucket_name)
    statements: list[Statement] = [
        {
            "Sid": "DenyOtherEncryptionTypes",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:PutObject",
            "Resource": objects,
            "Condition": {
                "Null": {"s3:x-amz-server-side-encryption": "false"},
                "StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"},
            },
        },
        {
            "Sid": "DenyOtherKmsKeys",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:PutObject",
            "Resource": objects,
            "Condition": {
                "Null": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "false"},
                "StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id": kms_key_arn},
            },
        },
        deny_ssec_statement(bucket_name),
    ]
    if deny_unencrypted_uploads:
        statements.append(
            {
                "Sid": "DenyUploadsWithoutEncryptionHeader",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:PutObject",
                "Resource": objects,
                "Condition": {"Null": {"s3:x-amz-server-side-encryption": "true"}},
            }
        )
    return statements


def access_log_delivery_statement(
    log_bucket_name: str, account_id: str, source_bucket_arns: Sequence[str]
) -> Statement:
    """Let S3 server access logging write into the log bucket for our buckets only.

    With BucketOwnerEnforced, ACL grants to the log-delivery group no longer work;
    a bucket policy for the `logging.s3.amazonaws.com` principal is the way.
    `source_bucket_arns` may hold wildcards (`ArnLike`), which keeps the policy far
    below S3's 20 KB limit however many buckets log here.
    """
    return {
        "Sid": "AllowServerAccessLogDelivery",
        "Effect": "Allow",
        "Principal": {"Service": "logging.s3.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": arns.s3_objects(log_bucket_name),
        "Condition": {
            "StringEquals": {"aws:SourceAccount": account_id},
            "ArnLike": {"aws:SourceArn": sorted(source_bucket_arns)},
        },
    }
