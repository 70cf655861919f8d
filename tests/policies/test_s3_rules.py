"""S3 rules on v7 split resources: one compliant bucket, one case per way to fail."""

from __future__ import annotations

import pytest

from tests.policies.helpers import bucket_parts, failing, run, view

LOG_BUCKET = bucket_parts(
    "logs",
    omit=("BucketLogging", "BucketObjectLockConfiguration"),
    Bucket={"bucket": "logs-physical"},
    BucketServerSideEncryptionConfiguration={
        "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}]
    },
)
# The log bucket's identity is "logs-physical" (bucket_parts names it <name>-physical).

CASES = [
    # (rule, case, resources, failing names)
    ("s3-bucket-encrypted-with-kms", "compliant", bucket_parts("data"), set()),
    (
        "s3-bucket-encrypted-with-kms",
        "log target may use SSE-S3",
        bucket_parts("data") + LOG_BUCKET,
        set(),
    ),
    (
        "s3-bucket-encrypted-with-kms",
        "no configuration",
        bucket_parts("data", omit=("BucketServerSideEncryptionConfiguration",)),
        {"data"},
    ),
    (
        "s3-bucket-encrypted-with-kms",
        "SSE-S3 on a data bucket",
        bucket_parts(
            "data",
            BucketServerSideEncryptionConfiguration={
                "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}]
            },
        ),
        {"data"},
    ),
    (
        "s3-bucket-encrypted-with-kms",
        "AWS-managed key",
        bucket_parts(
            "data",
            BucketServerSideEncryptionConfiguration={
                "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms"}}]
            },
        ),
        {"data"},
    ),
    ("s3-bucket-public-access-blocked", "compliant", bucket_parts("data"), set()),
    (
        "s3-bucket-public-access-blocked",
        "no block",
        bucket_parts("data", omit=("BucketPublicAccessBlock",)),
        {"data"},
    ),
    (
        "s3-bucket-public-access-blocked",
        "a flag off",
        bucket_parts("data", BucketPublicAccessBlock={"restrictPublicBuckets": False}),
        {"data"},
    ),
    ("s3-bucket-acls-disabled", "compliant", bucket_parts("data"), set()),
    (
        "s3-bucket-acls-disabled",
        "no controls",
        bucket_parts("data", omit=("BucketOwnershipControls",)),
        {"data"},
    ),
    (
        "s3-bucket-acls-disabled",
        "ObjectWriter",
        bucket_parts("data", BucketOwnershipControls={"rule": {"objectOwnership": "ObjectWriter"}}),
        {"data"},
    ),
    ("s3-bucket-no-public-acl", "compliant", bucket_parts("data"), set()),
    (
        "s3-bucket-no-public-acl",
        "public canned ACL",
        [view("aws:s3/bucketAcl:BucketAcl", "acl", {"bucket": "b", "acl": "public-read"})],
        {"acl"},
    ),
    (
        "s3-bucket-no-public-acl",
        "AllUsers grant",
        [
            view(
                "aws:s3/bucketAclV2:BucketAclV2",
                "acl",
                {
                    "bucket": "b",
                    "accessControlPolicy": {
                        "grants": [
                            {
                                "permission": "READ",
                                "grantee": {
                                    "type": "Group",
                                    "uri": "http://acs.amazonaws.com/groups/global/AllUsers",
                                },
                            }
                        ]
                    },
                },
            )
        ],
        {"acl"},
    ),
    ("s3-bucket-tls-only", "compliant", bucket_parts("data"), set()),
    ("s3-bucket-tls-only", "no policy", bucket_parts("data", omit=("BucketPolicy",)), {"data"}),
    (
        "s3-bucket-tls-only",
        "policy without the deny",
        bucket_parts("data", BucketPolicy={"policy": {"Version": "2012-10-17", "Statement": []}}),
        {"data"},
    ),
    ("s3-bucket-policy-not-public", "compliant", bucket_parts("data"), set()),
    (
        "s3-bucket-policy-not-public",
        "allow to everyone",
        [
            view(
                "aws:s3/bucketPolicy:BucketPolicy",
                "p",
                {
                    "bucket": "b",
                    "policy": {
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"AWS": "*"},
                                "Action": "s3:GetObject",
                                "Resource": "arn:aws:s3:::b/*",
                            }
                        ]
                    },
                },
            )
        ],
        {"p"},
    ),
    ("s3-bucket-access-logging", "compliant", bucket_parts("data") + LOG_BUCKET, set()),
    (
        "s3-bucket-access-logging",
        "no logging",
        bucket_parts("data", omit=("BucketLogging",)),
        {"data"},
    ),
    (
        "s3-bucket-access-logging",
        "logging without target",
        bucket_parts("data", BucketLogging={"targetBucket": ""}),
        {"data"},
    ),
    ("s3-bucket-versioning-enabled", "compliant", bucket_parts("data"), set()),
    (
        "s3-bucket-versioning-enabled",
        "no versioning",
        bucket_parts("data", omit=("BucketVersioning",)),
        {"data"},
    ),
    (
        "s3-bucket-versioning-enabled",
        "suspended",
        bucket_parts("data", BucketVersioning={"versioningConfiguration": {"status": "Suspended"}}),
        {"data"},
    ),
    ("s3-bucket-lifecycle-configured", "compliant", bucket_parts("data"), set()),
    (
        "s3-bucket-lifecycle-configured",
        "no lifecycle",
        bucket_parts("data", omit=("BucketLifecycleConfiguration",)),
        {"data"},
    ),
    (
        "s3-bucket-lifecycle-configured",
        "no enabled rule",
        bucket_parts(
            "data", BucketLifecycleConfiguration={"rules": [{"id": "x", "status": "Disabled"}]}
        ),
        {"data"},
    ),
    (
        "s3-bucket-lifecycle-configured",
        "no multipart abort",
        bucket_parts(
            "data",
            BucketLifecycleConfiguration={
                "rules": [{"id": "x", "status": "Enabled", "expiration": {"days": 30}}]
            },
        ),
        {"data"},
    ),
    (
        "s3-bucket-object-lock",
        "compliant (log target exempt)",
        bucket_parts("data") + LOG_BUCKET,
        set(),
    ),
    (
        "s3-bucket-object-lock",
        "no lock",
        bucket_parts("data", omit=("BucketObjectLockConfiguration",)),
        {"data"},
    ),
    (
        "s3-bucket-object-lock",
        "lock without retention",
        bucket_parts("data", BucketObjectLockConfiguration={"rule": {}}),
        {"data"},
    ),
]


@pytest.mark.parametrize(
    ("rule", "case", "resources", "expected"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES]
)
def test_s3_rule(rule, case, resources, expected):
    assert failing(rule, resources) == expected, case


def test_a_v2_bucket_is_joined_like_a_v7_bucket():
    parts = bucket_parts("data", omit=("Bucket", "BucketVersioning"))
    bucket = view("aws:s3/bucketV2:BucketV2", "data", {"bucket": "data-physical"})
    versioning = view(
        "aws:s3/bucketVersioningV2:BucketVersioningV2",
        "data-v",
        {"bucket": "data-physical", "versioningConfiguration": {"status": "Enabled"}},
    )
    assert failing("s3-bucket-versioning-enabled", [bucket, versioning, *parts]) == set()


def test_a_part_whose_bucket_is_unknown_joins_by_its_property_dependency():
    bucket = view("aws:s3/bucket:Bucket", "data", {})
    unknown_ref = view(
        "aws:s3/bucketVersioning:BucketVersioning",
        "data-v",
        {"bucket": "[unknown]", "versioningConfiguration": {"status": "Enabled"}},
        property_dependencies={"bucket": (bucket.urn,)},
    )
    assert failing("s3-bucket-versioning-enabled", [bucket, unknown_ref]) == set()


def test_an_unknown_policy_is_not_evaluated_rather_than_passed():
    resources = bucket_parts("data", BucketPolicy={"policy": "[unknown]"})
    results = run("s3-bucket-tls-only", resources)
    assert [r.status for r in results] == ["not-evaluated"]
    assert "not evaluated until apply" in results[0].message
