"""DataLake built alone with two zones and no replication: the access-log bucket, one key and
one bucket per zone, how they are wired to each other, protection and outputs."""

from __future__ import annotations

import json

import pytest

from components.protection import Protection
from components.storage.data_lake import DataLake, DataLakeArgs, LakeZone
from components.storage.secure_bucket_iam import access_log_delivery_statement
from tests.components.orchestration.conftest import ACCOUNT, NAMING, REGION, TAGS
from tests.components.synthetic import Built, build

LOGS = f"acme-dp-prod-access-logs-{ACCOUNT}-{REGION}"
ZONES = {"raw": "confidential", "curated": "internal"}


def _bucket(zone: str) -> str:
    return f"acme-dp-prod-{zone}-{ACCOUNT}-{REGION}"


@pytest.fixture(scope="module")
def built() -> Built:
    def construct():
        lake = DataLake(
            "lake",
            DataLakeArgs(
                naming=NAMING,
                tags=TAGS,
                zones=[
                    LakeZone("raw", "confidential"),
                    LakeZone("curated", "internal", enable_deny_unencrypted_uploads=True),
                ],
                protection=Protection(protect=True),
                kms_deletion_window_days=7,
            ),
        )
        return {
            "log_bucket": lake.log_bucket.name,
            "buckets": {zone: b.name for zone, b in lake.buckets.items()},
            "keys": {zone: k.arn for zone, k in lake.keys.items()},
            "no_replication": lake.replication is None,
        }

    return build(construct)


def test_it_composes_the_log_bucket_and_a_key_and_bucket_per_zone(built):
    assert built.children("lake", "DataLake") == {
        "lake-access-logs",
        "lake-raw-key",
        "lake-raw",
        "lake-curated-key",
        "lake-curated",
    }
    assert {
        r.type for r in built.run.registrations if r.parent and r.parent.endswith("::lake")
    } == {
        "dataplatform:storage:SecureBucket",
        "dataplatform:security:KmsKey",
    }


@pytest.mark.parametrize(("zone", "classification"), ZONES.items())
def test_each_zone_key_is_its_own_with_the_zones_alias_tags_and_window(built, zone, classification):
    key = built.named(f"lake-{zone}-key", "Key")
    assert {k: v for k, v in key.inputs.items() if k != "policy"} == {
        "description": f"Encrypts the {zone} zone of the acme-dp-prod data lake",
        "enableKeyRotation": True,
        "deletionWindowInDays": 7,
        "tags": TAGS.for_data(classification),
    }, f"lake-{zone}-key"
    assert built.named(f"lake-{zone}-key-alias").inputs["name"] == f"alias/acme-dp-prod-lake-{zone}"


@pytest.mark.parametrize(("zone", "classification"), ZONES.items())
def test_each_zone_bucket_is_named_tagged_encrypted_with_its_key_and_logged(
    built, zone, classification
):
    assert built.named(f"lake-{zone}", "Bucket").inputs == {
        "bucket": _bucket(zone),
        "forceDestroy": False,
        "objectLockEnabled": False,
        "tags": TAGS.for_data(classification),
    }, f"lake-{zone}"
    (rule,) = built.named(f"lake-{zone}-encryption").inputs["rules"]
    assert (
        rule["applyServerSideEncryptionByDefault"]["kmsMasterKeyId"]
        == (built.outputs["keys"][zone])
    ), f"lake-{zone}-encryption"
    logging = built.named(f"lake-{zone}-access-logging").inputs
    assert (logging["targetBucket"], logging["targetPrefix"]) == (LOGS, f"{_bucket(zone)}/"), (
        f"lake-{zone}-access-logging"
    )


def test_only_the_zone_that_asks_denies_uploads_without_an_encryption_header(built):
    sids = {
        zone: [
            s["Sid"]
            for s in json.loads(built.named(f"lake-{zone}-policy").inputs["policy"])["Statement"]
        ]
        for zone in ZONES
    }
    assert {z: "DenyUploadsWithoutEncryptionHeader" in s for z, s in sids.items()} == {
        "raw": False,
        "curated": True,
    }


def test_the_log_bucket_uses_sse_s3_keeps_logs_a_year_and_admits_this_stacks_buckets(built):
    assert built.named("lake-access-logs", "Bucket").inputs["tags"] == TAGS.for_data(
        "confidential"
    ), "lake-access-logs"
    assert built.named("lake-access-logs-encryption").inputs["rules"] == [
        {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}
    ], "lake-access-logs-encryption"
    rules = built.named("lake-access-logs-lifecycle").inputs["rules"]
    assert [r for r in rules if r["id"] == "current-version-tiering"] == [
        {
            "id": "current-version-tiering",
            "status": "Enabled",
            "filter": {"prefix": ""},
            "expiration": {"days": 365},
        }
    ], "lake-access-logs-lifecycle"
    statements = json.loads(built.named("lake-access-logs-policy").inputs["policy"])["Statement"]
    delivery = access_log_delivery_statement(
        LOGS,
        ACCOUNT,
        ("arn:aws:s3:::acme-dp-prod-*", "arn:aws:s3:::airflow-acme-dp-prod-*"),
    )
    assert delivery in statements, "lake-access-logs-policy"
    assert built.children("lake-access-logs", "SecureBucket") >= {"lake-access-logs"}
    assert "lake-access-logs-access-logging" not in built.children(
        "lake-access-logs", "SecureBucket"
    ), "the log bucket does not log to itself"


def test_protection_reaches_every_bucket_and_key(built):
    protected = sorted(r.name for r in built.run.registrations if r.protect)
    assert protected == [
        "lake-access-logs",
        "lake-curated",
        "lake-curated-key",
        "lake-raw",
        "lake-raw-key",
    ]


def test_without_a_replicated_zone_there_is_no_replication_and_outputs_name_each_zone(built):
    assert built.outputs == {
        "log_bucket": LOGS,
        "buckets": {zone: _bucket(zone) for zone in ZONES},
        "keys": {zone: built.named(f"lake-{zone}-key", "Key").outputs["arn"] for zone in ZONES},
        "no_replication": True,
    }
    assert not [r for r in built.run.registrations if "Replica" in r.type]
