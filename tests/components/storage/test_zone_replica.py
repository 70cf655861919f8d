"""A replicated zone on a small synthetic lake: exact values of the replica, its key, the
replication role and the replication configuration."""

from __future__ import annotations

import json
from typing import Any

import pytest

from components.naming import Naming
from components.protection import Protection
from components.storage.data_lake import DataLake, DataLakeArgs, LakeZone
from components.storage.replication_iam import ReplicationPath, replication_policy
from components.storage.secure_bucket import ObjectLock, SecureBucket, SecureBucketArgs
from components.storage.zone_replica import ZoneReplica, ZoneReplicaArgs
from components.tags import MandatoryTags
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import Registration, run_callable
from tests.components.synthetic import Built, build

ACCOUNT = "111122223333"
NAMING = Naming(prefix="acme-dp", environment="prod", account_id=ACCOUNT, region="eu-west-1")
TAGS = MandatoryTags(environment="prod", owner="team", cost_center="cc")
SOURCE = f"acme-dp-prod-gold-{ACCOUNT}-eu-west-1"
REPLICA = f"acme-dp-prod-gold-{ACCOUNT}-eu-central-1"
PROTECTED = Protection(protect=True, retain_on_delete=True)


def _lake(**zone: Any) -> list[Registration]:
    def program() -> None:
        DataLake(
            "lake",
            DataLakeArgs(
                naming=NAMING,
                tags=TAGS,
                zones=[
                    LakeZone(name="gold", data_classification="internal", **zone),
                    LakeZone(name="bronze", data_classification="pii"),
                ],
                protection=PROTECTED,
                replica_region="eu-central-1",
            ),
        )

    run = run_callable(
        program, project="test", stack="prod", mocks=PlausibleMocks(ACCOUNT, "eu-west-1")
    )
    return run.registrations


@pytest.fixture(scope="module")
def lake() -> dict[str, Registration]:
    registrations = _lake(replicate=True, object_lock=ObjectLock("GOVERNANCE", 30))
    return {f"{r.type.rsplit(':', 1)[-1]}/{r.name}": r for r in registrations}


def test_only_the_replicated_zone_gets_a_replica(lake):
    replicas = sorted(name for name in lake if name.startswith("ZoneReplica/"))
    assert replicas == ["ZoneReplica/lake-replica-gold"]


def test_the_replica_bucket_lives_in_the_replica_region_with_its_own_key(lake):
    bucket = lake["Bucket/lake-replica-gold"]
    assert bucket.inputs["bucket"] == REPLICA
    assert bucket.inputs["region"] == "eu-central-1"
    key = lake["Key/lake-replica-gold-key"]
    assert key.inputs["region"] == "eu-central-1"
    assert key.outputs["arn"].startswith(f"arn:aws:kms:eu-central-1:{ACCOUNT}:key/")
    (rule,) = lake["BucketServerSideEncryptionConfiguration/lake-replica-gold-encryption"].inputs[
        "rules"
    ]
    assert rule == {
        "applyServerSideEncryptionByDefault": {
            "sseAlgorithm": "aws:kms",
            "kmsMasterKeyId": key.outputs["arn"],
        },
        "bucketKeyEnabled": True,
    }
    assert key.outputs["arn"] != lake["Key/lake-gold-key"].outputs["arn"]
    alias = lake["Alias/lake-replica-gold-key-alias"]
    assert (alias.inputs["name"], alias.inputs["region"]) == (
        "alias/acme-dp-prod-lake-gold-replica",
        "eu-central-1",
    )


def test_every_part_of_the_replica_is_in_the_replica_region(lake):
    parts = [r for n, r in lake.items() if "lake-replica-" in n and r.custom]
    # The replication configuration belongs to the source bucket; IAM is global.
    regional = [r for r in parts if not r.type.startswith(("aws:iam/", "aws:s3/bucketRepl"))]
    # The replica bucket and its 8 parts, the log bucket and its 6 (no logging, no lock),
    # the key and its alias.
    assert len(regional) == 18
    assert {r.inputs.get("region") for r in regional} == {"eu-central-1"}


def test_the_replica_keeps_the_zones_object_lock_and_protection(lake):
    bucket = lake["Bucket/lake-replica-gold"]
    assert bucket.inputs["objectLockEnabled"] is True
    lock = lake["BucketObjectLockConfiguration/lake-replica-gold-object-lock"]
    assert lock.inputs["rule"] == {"defaultRetention": {"mode": "GOVERNANCE", "days": 30}}
    for name in ("Bucket/lake-replica-gold", "Key/lake-replica-gold-key"):
        assert (lake[name].protect, lake[name].retain_on_delete) == (True, True), name


def test_the_replica_logs_to_a_log_bucket_of_its_region(lake):
    logging = lake["BucketLogging/lake-replica-gold-access-logging"]
    log_bucket = lake["Bucket/lake-replica-access-logs-eu-central-1"]
    assert logging.inputs["targetBucket"] == log_bucket.inputs["bucket"]
    assert log_bucket.inputs["bucket"] == f"acme-dp-prod-access-logs-{ACCOUNT}-eu-central-1"
    assert log_bucket.inputs["region"] == "eu-central-1"


def test_the_replication_configuration_is_exact_and_waits_for_both_versionings(lake):
    config = lake["BucketReplicationConfig/lake-replica-gold-replication"]
    role = lake["Role/lake-replica-gold-role"]
    replica_key = lake["Key/lake-replica-gold-key"].outputs["arn"]
    assert config.inputs["bucket"] == SOURCE
    assert config.inputs["role"] == f"arn:aws:iam::{ACCOUNT}:role/acme-dp-prod-replication-gold"
    assert config.inputs["rules"] == [
        {
            "id": "gold-to-eu-central-1",
            "status": "Enabled",
            "filter": {},
            "deleteMarkerReplication": {"status": "Disabled"},
            "sourceSelectionCriteria": {"sseKmsEncryptedObjects": {"status": "Enabled"}},
            "destination": {
                "bucket": f"arn:aws:s3:::{REPLICA}",
                "encryptionConfiguration": {"replicaKmsKeyId": replica_key},
            },
        }
    ]
    for needed in (
        "BucketVersioning/lake-gold-versioning",
        "BucketVersioning/lake-replica-gold-versioning",
        "RolePolicy/lake-replica-gold-role-policy",
    ):
        assert lake[needed].urn in config.dependencies, needed
    assert role.inputs["name"] == "acme-dp-prod-replication-gold"


def test_the_role_is_trusted_by_s3_without_a_condition_s3_may_not_meet(lake):
    """The S3 User Guide's replication trust has no condition; nothing documents that S3
    sends aws:SourceAccount when it assumes the role."""
    trust = json.loads(lake["Role/lake-replica-gold-role"].inputs["assumeRolePolicy"])
    assert trust["Statement"] == [
        {
            "Effect": "Allow",
            "Principal": {"Service": "s3.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ]


def test_the_role_policy_names_the_two_buckets_and_the_two_keys(lake):
    policy = json.loads(lake["RolePolicy/lake-replica-gold-role-policy"].inputs["policy"])
    resources = {s["Sid"]: s["Resource"] for s in policy["Statement"]}
    assert resources == {
        "ReadSourceReplicationConfiguration": f"arn:aws:s3:::{SOURCE}",
        "ReadSourceObjectVersions": f"arn:aws:s3:::{SOURCE}/*",
        "WriteReplicas": f"arn:aws:s3:::{REPLICA}/*",
        "DecryptWithSourceKey": lake["Key/lake-gold-key"].outputs["arn"],
        "EncryptWithReplicaKey": lake["Key/lake-replica-gold-key"].outputs["arn"],
    }
    reads = next(s for s in policy["Statement"] if s["Sid"] == "ReadSourceObjectVersions")
    assert "s3:GetObjectRetention" in reads["Action"]  # the zone is object-locked


def test_a_lake_without_replicated_zones_builds_no_replication():
    names = [r.name for r in _lake()]
    assert not [n for n in names if "replica" in n]


def test_a_replicated_zone_needs_another_region():
    with pytest.raises(ValueError, match="replica_region"):
        DataLakeArgs(
            naming=NAMING,
            tags=TAGS,
            zones=[LakeZone(name="gold", data_classification="internal", replicate=True)],
            replica_region="eu-west-1",
        )


# Built alone beside a stand-in source bucket, replicating delete markers too.

SOLO_KEY = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/gold"
SOLO_TAGS = {"environment": "prod"}


@pytest.fixture(scope="module")
def alone() -> Built:
    def construct():
        source = SecureBucket("gold", SecureBucketArgs(SOURCE, SOLO_TAGS, kms_key_arn=SOLO_KEY))
        replica = ZoneReplica(
            "gold-replica",
            ZoneReplicaArgs(
                zone="gold",
                naming=NAMING,
                replica_region="eu-central-1",
                tags=SOLO_TAGS,
                source=source,
                source_key_arn=SOLO_KEY,
                access_log_bucket="acme-dp-prod-access-logs-eu-central-1",
                enable_delete_marker_replication=True,
            ),
        )
        return {"bucket": replica.bucket.name, "key": replica.key.arn, "role": replica.role.arn}

    return build(construct, account=ACCOUNT, region="eu-west-1")


def test_alone_it_composes_a_key_a_bucket_a_role_its_policy_and_the_configuration(alone):
    assert alone.children("gold-replica", "ZoneReplica") == {
        "gold-replica-key",
        "gold-replica",
        "gold-replica-role",
        "gold-replica-role-policy",
        "gold-replica-replication",
    }


def test_alone_the_configuration_waits_for_both_versionings_and_the_roles_policy(alone):
    assert alone.depends_on("gold-replica-replication") == {
        "gold",
        "gold-versioning",
        "gold-replica",
        "gold-replica-versioning",
        "gold-replica-key",
        "gold-replica-role",
        "gold-replica-role-policy",
    }


def test_alone_delete_markers_replicate_when_asked_in_the_rule_and_the_policy(alone):
    (rule,) = alone.named("gold-replica-replication").inputs["rules"]
    assert rule["deleteMarkerReplication"] == {"status": "Enabled"}, "gold-replica-replication"
    policy = json.loads(alone.named("gold-replica-role-policy").inputs["policy"])
    assert policy == replication_policy(
        ReplicationPath(
            source_bucket=SOURCE,
            source_key_arn=SOLO_KEY,
            source_region="eu-west-1",
            replica_bucket=REPLICA,
            replica_key_arn=alone.outputs["key"],
            replica_region="eu-central-1",
            object_lock=False,
            delete_markers=True,
        )
    ), "gold-replica-role-policy"


def test_alone_the_replica_logs_to_the_bucket_given(alone):
    assert alone.named("gold-replica-access-logging").inputs["targetBucket"] == (
        "acme-dp-prod-access-logs-eu-central-1"
    ), "gold-replica-access-logging"


def test_alone_the_outputs_are_the_replica_bucket_key_and_role(alone):
    assert alone.outputs == {
        "bucket": REPLICA,
        "key": alone.named("gold-replica-key", "Key").outputs["arn"],
        "role": f"arn:aws:iam::{ACCOUNT}:role/acme-dp-prod-replication-gold",
    }
    assert alone.outputs["key"].startswith(f"arn:aws:kms:eu-central-1:{ACCOUNT}:key/")
