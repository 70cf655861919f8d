"""Building resource views and running one rule over them, as the pack and the plan do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from policies.rules.core.engine import Result, evaluate
from policies.rules.core.settings import PolicySettings, parse_settings
from policies.rules.core.values import normalize
from policies.rules.core.view import ResourceView
from policies.rules.registry import RULES, rule_ids

TODAY = dt.date(2026, 6, 1)


def view(
    type_: str, name: str, props: Mapping[str, Any] | None = None, **options: Any
) -> ResourceView:
    """A resource of the prod stack (the stack is the URN's; options as ResourceView fields)."""
    stack = options.pop("stack", "prod")
    return ResourceView(
        type=type_,
        name=name,
        urn=f"urn:pulumi:{stack}::test::{type_}::{name}",
        props=normalize(dict(props or {})),
        outputs=normalize(dict(options.pop("outputs", {}))),
        **options,
    )


def run(
    rule_id: str,
    resources: list[ResourceView],
    stack: str = "prod",
    config: Mapping[str, Any] | None = None,
) -> list[Result]:
    """Every result of one rule over the resources."""
    rule = next(r for r in RULES if r.id == rule_id)
    settings = parse_settings(dict(config or {}), set(rule_ids())) if config else PolicySettings()
    return evaluate(resources, [rule], settings, stack, today=TODAY)


def failing(rule_id: str, resources: list[ResourceView], **kwargs: Any) -> set[str]:
    """The names of the resources the rule finds in violation."""
    return {str(r.name) for r in run(rule_id, resources, **kwargs) if r.status == "violation"}


KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/0b7a6c1e-1111-2222-3333-444455556666"
TLS_POLICY = (
    '{"Version": "2012-10-17", "Statement": [{"Sid": "DenyInsecureTransport", "Effect": "Deny",'
    ' "Principal": "*", "Action": "s3:*", "Resource": "*",'
    ' "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}'
)
S3 = "aws:s3/{0}:{1}"


def bucket_parts(
    name: str, omit: tuple[str, ...] = (), **override: dict[str, Any]
) -> list[ResourceView]:
    """A fully compliant bucket with all its split resources; drop or override a part by name."""
    physical = f"{name}-physical"
    parts: dict[str, dict[str, Any]] = {
        "Bucket": {"bucket": physical, "tags": {}},
        "BucketServerSideEncryptionConfiguration": {
            "rules": [
                {
                    "applyServerSideEncryptionByDefault": {
                        "sseAlgorithm": "aws:kms",
                        "kmsMasterKeyId": KEY_ARN,
                    },
                    "bucketKeyEnabled": True,
                }
            ]
        },
        "BucketPublicAccessBlock": {
            "blockPublicAcls": True,
            "blockPublicPolicy": True,
            "ignorePublicAcls": True,
            "restrictPublicBuckets": True,
        },
        "BucketOwnershipControls": {"rule": {"objectOwnership": "BucketOwnerEnforced"}},
        "BucketVersioning": {"versioningConfiguration": {"status": "Enabled"}},
        "BucketLogging": {"targetBucket": "logs-physical", "targetPrefix": f"{physical}/"},
        "BucketPolicy": {"policy": TLS_POLICY},
        "BucketLifecycleConfiguration": {
            "rules": [
                {
                    "id": "abort",
                    "status": "Enabled",
                    "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7},
                }
            ]
        },
        "BucketObjectLockConfiguration": {
            "rule": {"defaultRetention": {"mode": "GOVERNANCE", "days": 30}}
        },
    }
    out = []
    for short, props in parts.items():
        if short in omit:
            continue
        props = {**props, **override.get(short, {})}
        token = S3.format(short[0].lower() + short[1:], short)
        if short == "Bucket":
            out.append(
                view(
                    token, name, props, outputs={"id": physical, "arn": f"arn:aws:s3:::{physical}"}
                )
            )
        else:
            out.append(view(token, f"{name}-{short}", {**props, "bucket": physical}))
    return out
