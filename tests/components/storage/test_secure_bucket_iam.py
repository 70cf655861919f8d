"""The bucket policy builders, tested directly."""

from __future__ import annotations

from components.storage.secure_bucket_iam import (
    access_log_delivery_statement,
    kms_upload_statements,
)

KEY = "arn:aws:kms:eu-west-1:111122223333:key/abc"


def test_strict_header_deny_is_off_by_default_and_on_when_asked():
    default = [s["Sid"] for s in kms_upload_statements("b", KEY)]
    strict = [s["Sid"] for s in kms_upload_statements("b", KEY, deny_unencrypted_uploads=True)]
    assert default == ["DenyOtherEncryptionTypes", "DenyOtherKmsKeys", "DenySseCUploads"]
    assert strict == [*default, "DenyUploadsWithoutEncryptionHeader"]


def test_strict_header_deny_matches_requests_without_the_header():
    (statement,) = [
        s
        for s in kms_upload_statements("b", KEY, deny_unencrypted_uploads=True)
        if s["Sid"] == "DenyUploadsWithoutEncryptionHeader"
    ]
    assert statement["Condition"] == {"Null": {"s3:x-amz-server-side-encryption": "true"}}
    assert statement["Resource"] == "arn:aws:s3:::b/*"


def test_log_delivery_is_limited_to_the_account_and_source_buckets():
    statement = access_log_delivery_statement("logs", "111122223333", ["arn:aws:s3:::x-*"])
    assert statement["Condition"] == {
        "StringEquals": {"aws:SourceAccount": "111122223333"},
        "ArnLike": {"aws:SourceArn": ["arn:aws:s3:::x-*"]},
    }
