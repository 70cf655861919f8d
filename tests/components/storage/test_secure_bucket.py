"""A SecureBucket built alone with exact values; and every bucket in every stack's plan has each
safeguard, on its own split resource."""

from __future__ import annotations

import json
from typing import Any

import pytest

from components.protection import Protection
from components.storage import secure_bucket_iam
from components.storage.secure_bucket import (
    AccessLogDelivery,
    ObjectLock,
    SecureBucket,
    SecureBucketArgs,
)
from tests.components.synthetic import Built, build
from tests.plan_helpers import KMS_KEY, buckets, children, of_type
from tests.stack_data import replicated_zones

LOG_BUCKET_SUFFIX = "-access-logs"
ACCOUNTS = {"dev": "210987654321", "staging": "310987654321", "prod": "410987654321"}


def _data_buckets(document: dict[str, Any]) -> list[Any]:
    return [b for b in buckets(document, lake_only=True) if not b.name.endswith(LOG_BUCKET_SUFFIX)]


def _log_bucket(document: dict[str, Any]) -> Any:
    (log_bucket,) = [b for b in buckets(document) if b.name.endswith(LOG_BUCKET_SUFFIX)]
    return log_bucket


def _encryption_key_arn(bucket: Any) -> str:
    (rule,) = bucket.part("BucketServerSideEncryptionConfiguration")["inputs"]["rules"]
    return str(rule["applyServerSideEncryptionByDefault"]["kmsMasterKeyId"])


def _zone_key(document: dict[str, Any], bucket: Any) -> dict[str, Any]:
    component = next(c for c in of_type(document, KMS_KEY) if c["name"] == f"{bucket.name}-key")
    return dict(children(document, component)["aws:kms/key:Key"])


def test_each_stack_has_three_zone_buckets_and_a_log_bucket(stack_plan):
    names = sorted(b.name.rsplit("-", 1)[-1] for b in _data_buckets(stack_plan))
    assert names == ["curated", "raw", "staged"]
    assert _log_bucket(stack_plan)


def test_data_buckets_use_sse_kms_with_their_zone_key_and_bucket_keys(stack_plan):
    for bucket in _data_buckets(stack_plan):
        (rule,) = bucket.part("BucketServerSideEncryptionConfiguration")["inputs"]["rules"]
        default = rule["applyServerSideEncryptionByDefault"]
        assert default["sseAlgorithm"] == "aws:kms", bucket.name
        account = ACCOUNTS[stack_plan["stack"]]
        assert default["kmsMasterKeyId"].startswith(f"arn:aws:kms:eu-west-1:{account}:key/")
        assert rule["bucketKeyEnabled"] is True, bucket.name
        encryption = bucket.part("BucketServerSideEncryptionConfiguration")
        assert _zone_key(stack_plan, bucket)["urn"] in encryption["dependencies"], bucket.name


def test_each_zone_has_its_own_key(stack_plan):
    keys = [_encryption_key_arn(b) for b in _data_buckets(stack_plan)]
    assert len(set(keys)) == len(keys) == 3


def test_every_bucket_blocks_all_public_access(stack_plan):
    for bucket in buckets(stack_plan):
        inputs = bucket.part("BucketPublicAccessBlock")["inputs"]
        for flag in (
            "blockPublicAcls",
            "blockPublicPolicy",
            "ignorePublicAcls",
            "restrictPublicBuckets",
        ):
            assert inputs[flag] is True, f"{bucket.name}: {flag}"


def test_every_bucket_disables_acls_and_is_versioned(stack_plan):
    for bucket in buckets(stack_plan):
        ownership = bucket.part("BucketOwnershipControls")["inputs"]["rule"]
        assert ownership == {"objectOwnership": "BucketOwnerEnforced"}, bucket.name
        versioning = bucket.part("BucketVersioning")["inputs"]["versioningConfiguration"]
        assert versioning["status"] == "Enabled", bucket.name


def test_every_bucket_policy_denies_plain_http_and_old_tls(stack_plan):
    for bucket in buckets(stack_plan):
        bucket_name = bucket.inputs["bucket"]
        resources = [f"arn:aws:s3:::{bucket_name}", f"arn:aws:s3:::{bucket_name}/*"]
        insecure = bucket.statement("DenyInsecureTransport")
        assert insecure["Effect"] == "Deny" and insecure["Principal"] == "*", bucket.name
        assert insecure["Resource"] == resources, bucket.name
        assert insecure["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}, bucket.name
        tls = bucket.statement("DenyOutdatedTls")
        assert tls["Condition"] == {"NumericLessThan": {"s3:TlsVersion": "1.2"}}, bucket.name


def test_data_bucket_policies_deny_other_keys_other_encryption_and_sse_c(stack_plan):
    for bucket in _data_buckets(stack_plan):
        key_arn = _encryption_key_arn(bucket)
        # Deny only when the header is sent and names something else: a negated or
        # IfExists operator alone is true for a missing key and would deny every
        # header-less upload (Pulumi's own among them).
        other_key = bucket.statement("DenyOtherKmsKeys")["Condition"]
        assert other_key == {
            "Null": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "false"},
            "StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id": key_arn},
        }, bucket.name
        other_type = bucket.statement("DenyOtherEncryptionTypes")["Condition"]
        assert other_type == {
            "Null": {"s3:x-amz-server-side-encryption": "false"},
            "StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"},
        }, bucket.name
        ssec = bucket.statement("DenySseCUploads")["Condition"]
        assert ssec == {"Null": {"s3:x-amz-server-side-encryption-customer-algorithm": "false"}}


def test_header_less_uploads_are_allowed_by_default(stack_plan):
    for bucket in _data_buckets(stack_plan):
        sids = [s["Sid"] for s in bucket.policy["Statement"]]
        assert "DenyUploadsWithoutEncryptionHeader" not in sids, bucket.name


def test_bucket_policy_waits_for_public_access_block_and_ownership(stack_plan):
    for bucket in buckets(stack_plan):
        dependencies = bucket.part("BucketPolicy")["dependencies"]
        assert bucket.part("BucketPublicAccessBlock")["urn"] in dependencies, bucket.name
        assert bucket.part("BucketOwnershipControls")["urn"] in dependencies, bucket.name


def test_data_buckets_log_to_the_log_bucket_with_date_partitions(stack_plan):
    log_bucket_name = _log_bucket(stack_plan).inputs["bucket"]
    for bucket in _data_buckets(stack_plan):
        logging = bucket.part("BucketLogging")["inputs"]
        assert logging["targetBucket"] == log_bucket_name, bucket.name
        assert logging["targetPrefix"] == f"{bucket.inputs['bucket']}/", bucket.name
        assert logging["targetObjectKeyFormat"] == {
            "partitionedPrefix": {"partitionDateSource": "EventTime"}
        }


def test_log_bucket_uses_sse_s3_does_not_log_to_itself_and_admits_only_log_delivery(stack_plan):
    log_bucket = _log_bucket(stack_plan)
    (rule,) = log_bucket.part("BucketServerSideEncryptionConfiguration")["inputs"]["rules"]
    assert rule["applyServerSideEncryptionByDefault"] == {"sseAlgorithm": "AES256"}
    assert not log_bucket.has("BucketLogging")
    assert not log_bucket.has("BucketObjectLockConfiguration")
    delivery = log_bucket.statement("AllowServerAccessLogDelivery")
    assert delivery["Principal"] == {"Service": "logging.s3.amazonaws.com"}
    assert delivery["Action"] == "s3:PutObject"
    account = ACCOUNTS[stack_plan["stack"]]
    assert delivery["Condition"]["StringEquals"] == {"aws:SourceAccount": account}
    stem = log_bucket.inputs["bucket"].split("-access-logs-")[0]
    # The lake's buckets and the MWAA DAG bucket (whose name must start with `airflow-`).
    assert delivery["Condition"]["ArnLike"] == {
        "aws:SourceArn": [f"arn:aws:s3:::{stem}-*", f"arn:aws:s3:::airflow-{stem}-*"]
    }


def test_lifecycle_aborts_uploads_and_expires_noncurrent_versions_after_versioning(stack_plan):
    for bucket in buckets(stack_plan):
        lifecycle = bucket.part("BucketLifecycleConfiguration")
        rules = {r["id"]: r for r in lifecycle["inputs"]["rules"]}
        abort = rules["abort-incomplete-multipart-uploads"]
        assert abort["abortIncompleteMultipartUpload"]["daysAfterInitiation"] >= 1, bucket.name
        noncurrent = rules["expire-noncurrent-versions"]
        assert noncurrent["noncurrentVersionExpiration"]["noncurrentDays"] >= 1, bucket.name
        assert all(
            r["filter"] == {"prefix": ""} and r["status"] == "Enabled" for r in rules.values()
        )
        assert bucket.part("BucketVersioning")["urn"] in lifecycle["dependencies"], bucket.name


def test_log_bucket_keeps_logs_and_versions_as_long_as_the_environment_says(plans):
    # (access_log_days, noncurrent_version_days, incomplete_multipart_upload_days)
    expected = {"dev": (30, 7, 3), "staging": (90, 14, 7), "prod": (400, 90, 7)}
    for stack, (log_days, noncurrent_days, multipart_days) in expected.items():
        log_bucket = _log_bucket(plans[stack])
        rules = {
            r["id"]: r for r in log_bucket.part("BucketLifecycleConfiguration")["inputs"]["rules"]
        }
        assert rules["current-version-tiering"]["expiration"] == {"days": log_days}, stack
        noncurrent = rules["expire-noncurrent-versions"]["noncurrentVersionExpiration"]
        assert noncurrent["noncurrentDays"] == noncurrent_days, stack
        abort = rules["abort-incomplete-multipart-uploads"]["abortIncompleteMultipartUpload"]
        assert abort["daysAfterInitiation"] == multipart_days, stack


def test_zone_transitions_and_expiry_follow_the_stack_file(plans):
    raw = next(b for b in buckets(plans["prod"]) if b.name.endswith("-raw"))
    rules = {r["id"]: r for r in raw.part("BucketLifecycleConfiguration")["inputs"]["rules"]}
    tiering = rules["current-version-tiering"]
    assert tiering["transitions"] == [
        {"days": 30, "storageClass": "STANDARD_IA"},
        {"days": 90, "storageClass": "GLACIER_IR"},
    ]
    assert tiering["expiration"] == {"days": 730}


def test_noncurrent_retention_follows_the_environment(plans):
    expected = {"dev": 7, "staging": 14, "prod": 90}  # staging overrides its default of 30
    for stack, days in expected.items():
        for bucket in _data_buckets(plans[stack]):
            rules = bucket.part("BucketLifecycleConfiguration")["inputs"]["rules"]
            noncurrent = next(r for r in rules if r["id"] == "expire-noncurrent-versions")
            assert noncurrent["noncurrentVersionExpiration"]["noncurrentDays"] == days, bucket.name


def test_object_lock_only_where_configured(plans):
    for stack, document in plans.items():
        for bucket in buckets(document):
            # The curated zone and its replica (a replica keeps its zone's lock).
            locked = stack == "prod" and bucket.name.endswith("-curated")
            assert bucket.inputs["objectLockEnabled"] is locked, bucket.name
            assert bucket.has("BucketObjectLockConfiguration") is locked, bucket.name
    curated = next(b for b in buckets(plans["prod"]) if b.name.endswith("-curated"))
    lock = curated.part("BucketObjectLockConfiguration")["inputs"]["rule"]
    assert lock == {"defaultRetention": {"mode": "GOVERNANCE", "days": 365}}


def test_prod_buckets_and_keys_are_protected_and_retained(plans):
    document = plans["prod"]
    stateful = of_type(document, "aws:s3/bucket:Bucket") + of_type(document, "aws:kms/key:Key")
    replicas = len(replicated_zones("prod"))
    # 4 lake buckets, 3 zone keys, the DAG bucket, 2 orchestration keys, the alerts key; per
    # replicated zone a bucket and a key in the replica region, plus that region's log bucket.
    assert len(stateful) == 11 + 2 * replicas + (1 if replicas else 0)
    for resource in stateful:
        assert resource["protect"] is True, resource["name"]
        assert resource["retainOnDelete"] is True, resource["name"]
        assert resource["inputs"].get("forceDestroy") in (None, False), resource["name"]


def test_only_dev_buckets_force_destroy_and_nothing_outside_prod_is_protected(plans):
    for stack in ("dev", "staging"):
        for bucket in of_type(plans[stack], "aws:s3/bucket:Bucket"):
            assert bucket["inputs"]["forceDestroy"] is (stack == "dev"), bucket["name"]
            assert bucket["protect"] is False, bucket["name"]


# Built alone: one data bucket and one access-log target, with exact inputs and ordering.

KEY = "arn:aws:kms:eu-west-1:410987654321:key/raw"
TAGS = {"environment": "prod"}
DATA = SecureBucketArgs(
    bucket_name="acme-dp-prod-raw",
    tags=TAGS,
    kms_key_arn=KEY,
    access_log_bucket="acme-dp-prod-logs",
    object_lock=ObjectLock("GOVERNANCE", 30),
    protection=Protection(protect=True, retain_on_delete=True),
)
LOGS = SecureBucketArgs(
    bucket_name="acme-dp-prod-logs",
    tags=TAGS,
    access_log_delivery=AccessLogDelivery("410987654321", ("arn:aws:s3:::acme-dp-prod-*",)),
)
LIFECYCLE = [
    {
        "id": "abort-incomplete-multipart-uploads",
        "status": "Enabled",
        "filter": {"prefix": ""},
        "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7},
    },
    {
        "id": "expire-noncurrent-versions",
        "status": "Enabled",
        "filter": {"prefix": ""},
        "noncurrentVersionExpiration": {"noncurrentDays": 30},
        "expiration": {"expiredObjectDeleteMarker": True},
    },
]


def _build(name: str, args: SecureBucketArgs) -> Built:
    def construct():
        bucket = SecureBucket(name, args)
        return {
            "name": bucket.name,
            "arn": bucket.arn,
            "versioning": bucket.versioning.urn,
            "ready": [r.urn for r in bucket.ready],
        }

    return build(construct)


@pytest.fixture(scope="module")
def raw() -> Built:
    return _build("raw", DATA)


@pytest.fixture(scope="module")
def logs() -> Built:
    return _build("logs", LOGS)


def test_built_alone_a_data_bucket_has_one_resource_per_safeguard(raw):
    assert raw.resources() == [
        ("Bucket", "raw"),
        ("BucketLifecycleConfiguration", "raw-lifecycle"),
        ("BucketLogging", "raw-access-logging"),
        ("BucketObjectLockConfiguration", "raw-object-lock"),
        ("BucketOwnershipControls", "raw-ownership"),
        ("BucketPolicy", "raw-policy"),
        ("BucketPublicAccessBlock", "raw-public-access-block"),
        ("BucketServerSideEncryptionConfiguration", "raw-encryption"),
        ("BucketVersioning", "raw-versioning"),
    ]
    assert raw.children("raw", "SecureBucket") == {name for _, name in raw.resources()}


def test_the_bucket_is_named_tagged_locked_and_protected_as_asked(raw):
    bucket = raw.named("raw", "Bucket")
    assert bucket.inputs == {
        "bucket": "acme-dp-prod-raw",
        "forceDestroy": False,
        "objectLockEnabled": True,
        "tags": TAGS,
    }, "raw"
    assert (bucket.protect, bucket.retain_on_delete) == (True, True), "raw"
    others = {r.name for r in raw.run.registrations if r.custom and r.name != "raw"}
    assert {r.name for r in raw.run.registrations if r.protect} & others == set()


def test_acls_are_off_and_every_public_access_flag_is_on(raw):
    assert raw.named("raw-ownership").inputs == {
        "bucket": "acme-dp-prod-raw",
        "rule": {"objectOwnership": "BucketOwnerEnforced"},
    }, "raw-ownership"
    assert raw.named("raw-public-access-block").inputs == {
        "bucket": "acme-dp-prod-raw",
        "blockPublicAcls": True,
        "blockPublicPolicy": True,
        "ignorePublicAcls": True,
        "restrictPublicBuckets": True,
    }, "raw-public-access-block"


def test_a_data_bucket_encrypts_with_its_key_and_bucket_keys(raw):
    assert raw.named("raw-encryption").inputs == {
        "bucket": "acme-dp-prod-raw",
        "rules": [
            {
                "applyServerSideEncryptionByDefault": {
                    "sseAlgorithm": "aws:kms",
                    "kmsMasterKeyId": KEY,
                },
                "bucketKeyEnabled": True,
            }
        ],
    }, "raw-encryption"


def test_the_policy_enforces_tls_and_the_key_after_ownership_and_public_access(raw):
    policy = raw.named("raw-policy")
    statements = [
        *secure_bucket_iam.transport_statements("acme-dp-prod-raw"),
        *secure_bucket_iam.kms_upload_statements("acme-dp-prod-raw", KEY, False),
    ]
    assert json.loads(policy.inputs["policy"]) == secure_bucket_iam.policy_document(statements)
    assert raw.depends_on("raw-policy") == {"raw", "raw-ownership", "raw-public-access-block"}


def test_versioning_is_on_and_lifecycle_and_object_lock_wait_for_it(raw):
    assert raw.named("raw-versioning").inputs == {
        "bucket": "acme-dp-prod-raw",
        "versioningConfiguration": {"status": "Enabled"},
    }, "raw-versioning"
    assert raw.named("raw-lifecycle").inputs == {
        "bucket": "acme-dp-prod-raw",
        "rules": LIFECYCLE,
    }, "raw-lifecycle"
    assert raw.named("raw-object-lock").inputs == {
        "bucket": "acme-dp-prod-raw",
        "rule": {"defaultRetention": {"mode": "GOVERNANCE", "days": 30}},
    }, "raw-object-lock"
    for name in ("raw-lifecycle", "raw-object-lock"):
        assert raw.depends_on(name) == {"raw", "raw-versioning"}, name


def test_access_logs_go_to_the_log_bucket_under_the_buckets_name(raw):
    assert raw.named("raw-access-logging").inputs == {
        "bucket": "acme-dp-prod-raw",
        "targetBucket": "acme-dp-prod-logs",
        "targetPrefix": "acme-dp-prod-raw/",
        "targetObjectKeyFormat": {"partitionedPrefix": {"partitionDateSource": "EventTime"}},
    }, "raw-access-logging"


def test_the_outputs_are_the_name_arn_versioning_and_what_uploads_wait_for(raw):
    urn = {r.name: r.urn for r in raw.run.registrations}
    assert raw.outputs == {
        "name": "acme-dp-prod-raw",
        "arn": "arn:aws:s3:::acme-dp-prod-raw",
        "versioning": urn["raw-versioning"],
        "ready": [
            urn[n]
            for n in (
                "raw-ownership",
                "raw-public-access-block",
                "raw-encryption",
                "raw-versioning",
                "raw-policy",
            )
        ],
    }


def test_the_access_log_target_uses_sse_s3_and_admits_log_delivery_without_lock_or_logs(logs):
    assert logs.resources() == [
        ("Bucket", "logs"),
        ("BucketLifecycleConfiguration", "logs-lifecycle"),
        ("BucketOwnershipControls", "logs-ownership"),
        ("BucketPolicy", "logs-policy"),
        ("BucketPublicAccessBlock", "logs-public-access-block"),
        ("BucketServerSideEncryptionConfiguration", "logs-encryption"),
        ("BucketVersioning", "logs-versioning"),
    ]
    assert logs.named("logs-encryption").inputs["rules"] == [
        {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}
    ], "logs-encryption"
    statements = [
        *secure_bucket_iam.transport_statements("acme-dp-prod-logs"),
        secure_bucket_iam.deny_ssec_statement("acme-dp-prod-logs"),
        secure_bucket_iam.access_log_delivery_statement(
            "acme-dp-prod-logs", "410987654321", ("arn:aws:s3:::acme-dp-prod-*",)
        ),
    ]
    assert json.loads(logs.named("logs-policy").inputs["policy"]) == (
        secure_bucket_iam.policy_document(statements)
    ), "logs-policy"
    assert logs.named("logs", "Bucket").inputs["objectLockEnabled"] is False, "logs"
