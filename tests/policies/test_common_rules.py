"""Mandatory tags, PII stores, and production protection: compliant and each failure."""

from __future__ import annotations

import json

import pytest

from tests.policies.helpers import bucket_parts, failing, view

TAGS = {
    "environment": "prod",
    "owner": "team",
    "cost-center": "CC-1",
    "data-classification": "internal",
    "managed-by": "pulumi",
}
KEY = "aws:kms/key:Key"
SECRET = "aws:secretsmanager/secret:Secret"


def pii_bucket(**override: dict) -> list:
    return bucket_parts("pii", Bucket={"tags": {**TAGS, "data-classification": "pii"}}, **override)


CASES = [
    ("mandatory-tags-present", "compliant", [view(KEY, "k", {"tags": TAGS})], set()),
    (
        "mandatory-tags-present",
        "from provider defaultTags",
        [
            view(
                KEY,
                "k",
                {},
                provider_props={"defaultTags": json.dumps({"tags": TAGS})},
            )
        ],
        set(),
    ),
    (
        "mandatory-tags-present",
        "untaggable split resource ignored",
        [view("aws:s3/bucketVersioning:BucketVersioning", "v", {})],
        set(),
    ),
    ("mandatory-tags-present", "no tags", [view(KEY, "k", {})], {"k"}),
    (
        "mandatory-tags-present",
        "a key missing",
        [view(KEY, "k", {"tags": {k: v for k, v in TAGS.items() if k != "owner"}})],
        {"k"},
    ),
    (
        "mandatory-tags-present",
        "bad classification",
        [view(KEY, "k", {"tags": {**TAGS, "data-classification": "secret"}})],
        {"k"},
    ),
    ("pii-store-encrypted-and-logged", "compliant", pii_bucket(), set()),
    (
        "pii-store-encrypted-and-logged",
        "non-PII bucket on SSE-S3 is not its concern",
        bucket_parts(
            "x",
            BucketServerSideEncryptionConfiguration={
                "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}]
            },
        ),
        set(),
    ),
    (
        "pii-store-encrypted-and-logged",
        "PII bucket on SSE-S3",
        pii_bucket(
            BucketServerSideEncryptionConfiguration={
                "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}]
            }
        ),
        {"pii"},
    ),
    (
        "pii-store-encrypted-and-logged",
        "PII bucket without logging",
        bucket_parts(
            "pii", omit=("BucketLogging",), Bucket={"tags": {**TAGS, "data-classification": "pii"}}
        ),
        {"pii"},
    ),
    (
        "pii-store-encrypted-and-logged",
        "PII secret without key",
        [view(SECRET, "s", {"tags": {**TAGS, "data-classification": "pii"}})],
        {"s"},
    ),
    ("prod-stateful-resources-protected", "compliant", [view(KEY, "k", {}, protect=True)], set()),
    ("prod-stateful-resources-protected", "unprotected key", [view(KEY, "k", {})], {"k"}),
    (
        "prod-stateful-resources-protected",
        "unprotected Snowflake database",
        [view("snowflake:index/database:Database", "db", {})],
        {"db"},
    ),
    (
        "no-force-destroy-in-prod",
        "compliant",
        [view("aws:s3/bucket:Bucket", "b", {"forceDestroy": False})],
        set(),
    ),
    (
        "no-force-destroy-in-prod",
        "force destroy",
        [view("aws:s3/bucket:Bucket", "b", {"forceDestroy": True})],
        {"b"},
    ),
]


@pytest.mark.parametrize(
    ("rule", "case", "resources", "expected"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES]
)
def test_common_rule(rule, case, resources, expected):
    assert failing(rule, resources) == expected, case


def test_prod_only_rules_are_off_in_dev():
    bucket = view("aws:s3/bucket:Bucket", "b", {"forceDestroy": True}, stack="dev")
    assert failing("no-force-destroy-in-prod", [bucket], stack="dev") == set()
    assert failing("prod-stateful-resources-protected", [bucket], stack="dev") == set()


def test_required_tag_keys_come_from_the_rule_config():
    key = view(KEY, "k", {"tags": {"team": "x"}})
    config = {"mandatory-tags-present": {"requiredTagKeys": ["team"]}}
    assert failing("mandatory-tags-present", [key], config=config) == set()
