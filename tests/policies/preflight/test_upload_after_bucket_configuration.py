"""preflight-upload-after-bucket-configuration: uploads wait for the bucket's configuration."""

from __future__ import annotations

from policies.rules.core.values import UNKNOWN
from tests.policies.helpers import bucket_parts, failing, run, view

RULE = "preflight-upload-after-bucket-configuration"
OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2"
NEEDED = ("BucketServerSideEncryptionConfiguration", "BucketVersioning", "BucketPublicAccessBlock")


def _upload(parts, needs=NEEDED, bucket: object = "dags-physical", name: str = "requirements"):
    deps = tuple(p.urn for p in parts if p.name in {"dags", *(f"dags-{n}" for n in needs)})
    return view(OBJECT, name, {"bucket": bucket, "key": "requirements.txt"}, dependencies=deps)


def test_an_upload_after_encryption_versioning_and_public_access_block_passes():
    parts = bucket_parts("dags")
    assert failing(RULE, [*parts, _upload(parts)]) == set()


def test_an_upload_that_depends_on_the_bucket_only_fails_naming_each_missing_part():
    parts = bucket_parts("dags")
    results = run(RULE, [*parts, _upload(parts, needs=())])
    assert [r.name for r in results] == ["requirements"]
    for part in NEEDED:
        assert f"[dags-{part}]" in results[0].message, results[0].message


def test_an_upload_missing_only_versioning_names_only_versioning():
    parts = bucket_parts("dags")
    needs = tuple(n for n in NEEDED if n != "BucketVersioning")
    results = run(RULE, [*parts, _upload(parts, needs=needs)])
    assert len(results) == 1
    assert "[dags-BucketVersioning]" in results[0].message
    assert "Encryption" not in results[0].message, results[0].message


def test_a_part_the_bucket_does_not_have_is_not_required():
    parts = bucket_parts("dags", omit=("BucketVersioning",))
    needs = tuple(n for n in NEEDED if n != "BucketVersioning")
    assert failing(RULE, [*parts, _upload(parts, needs=needs)]) == set()


def test_an_upload_whose_bucket_is_an_output_is_joined_by_its_dependency():
    parts = bucket_parts("dags")
    assert failing(RULE, [*parts, _upload(parts, needs=(), bucket=UNKNOWN)]) == {"requirements"}


def test_an_upload_into_a_bucket_outside_the_stack_is_not_checked():
    parts = bucket_parts("dags")
    assert failing(RULE, [*parts, _upload([], bucket="elsewhere")]) == set()
