"""ARNs that can be known before anything is created, built in one place."""

from __future__ import annotations


def account_root(account_id: str) -> str:
    """The principal that stands for a whole account in resource policies."""
    return f"arn:aws:iam::{account_id}:root"


def s3_bucket(bucket_name: str) -> str:
    """The ARN of a bucket (bucket ARNs carry no region or account)."""
    return f"arn:aws:s3:::{bucket_name}"


def s3_objects(bucket_name: str) -> str:
    """The ARN pattern of every object in a bucket."""
    return f"arn:aws:s3:::{bucket_name}/*"


def iam_role(account_id: str, role_name: str) -> str:
    """The ARN a role will have, known before the role exists (no path)."""
    return f"arn:aws:iam::{account_id}:role/{role_name}"
