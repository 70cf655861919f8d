"""LakeReplication built alone, beside a stand-in zone bucket and key: the replica region's
access-log bucket and one ZoneReplica per zone, wired to it, with the zone's tags."""

from __future__ import annotations

import pytest

from components.protection import Protection
from components.security.kms_key import KmsKey, KmsKeyArgs
from components.storage.lake_replication import LakeReplication, LakeReplicationArgs, ReplicatedZone
from components.storage.s3_lifecycle import LifecyclePolicy
from components.storage.secure_bucket import AccessLogDelivery, SecureBucket, SecureBucketArgs
from tests.components.orchestration.conftest import ACCOUNT, NAMING, REGION, TAGS
from tests.components.synthetic import Built, build

REPLICA_REGION = "eu-central-1"
REPLICA_LOGS = f"acme-dp-prod-access-logs-{ACCOUNT}-{REPLICA_REGION}"
LOG_ARGS = SecureBucketArgs(
    bucket_name=REPLICA_LOGS,
    tags=TAGS.for_data("confidential"),
    access_log_delivery=AccessLogDelivery(ACCOUNT, ("arn:aws:s3:::acme-dp-prod-*",)),
    region=REPLICA_REGION,
)


@pytest.fixture(scope="module")
def built() -> Built:
    def construct():
        key = KmsKey(
            "curated-key",
            KmsKeyArgs("alias/acme-dp-prod-lake-curated", "curated", ACCOUNT, {}),
        )
        bucket = SecureBucket(
            "curated",
            SecureBucketArgs(NAMING.bucket("curated"), {}, kms_key_arn=key.arn),
        )
        replication = LakeReplication(
            "lake-replica",
            LakeReplicationArgs(
                naming=NAMING,
                tags=TAGS,
                replica_region=REPLICA_REGION,
                zones=[
                    ReplicatedZone(
                        "curated",
                        "internal",
                        bucket,
                        key,
                        LifecyclePolicy(noncurrent_version_days=90),
                    )
                ],
                log_bucket_args=LOG_ARGS,
                protection=Protection(retain_on_delete=True),
                kms_deletion_window_days=7,
            ),
        )
        return {
            "log_bucket": replication.log_bucket.name,
            "replicas": {z: r.bucket.name for z, r in replication.replicas.items()},
        }

    return build(construct)


def test_it_composes_the_replica_regions_log_bucket_and_one_replica_per_zone(built):
    assert built.children("lake-replica", "LakeReplication") == {
        f"lake-replica-access-logs-{REPLICA_REGION}",
        "lake-replica-curated",
    }
    assert built.named("lake-replica-curated", "ZoneReplica").type == (
        "dataplatform:storage:ZoneReplica"
    )


def test_the_log_bucket_is_built_from_the_args_recipe_in_the_replica_region(built):
    bucket = built.named(f"lake-replica-access-logs-{REPLICA_REGION}", "Bucket")
    assert (bucket.inputs["bucket"], bucket.inputs["region"]) == (REPLICA_LOGS, REPLICA_REGION), (
        bucket.name
    )


def test_each_replica_logs_to_the_replica_regions_log_bucket(built):
    logging = built.named("lake-replica-curated-access-logging").inputs
    assert logging["targetBucket"] == REPLICA_LOGS, "lake-replica-curated-access-logging"


def test_each_replica_carries_its_zones_tags_lifecycle_window_and_protection(built):
    bucket = built.named("lake-replica-curated", "Bucket")
    key = built.named("lake-replica-curated-key", "Key")
    assert bucket.inputs["tags"] == TAGS.for_data("internal"), "lake-replica-curated"
    assert key.inputs["tags"] == TAGS.for_data("internal"), "lake-replica-curated-key"
    assert key.inputs["deletionWindowInDays"] == 7, "lake-replica-curated-key"
    rules = built.named("lake-replica-curated-lifecycle").inputs["rules"]
    noncurrent = [
        r["noncurrentVersionExpiration"] for r in rules if "noncurrentVersionExpiration" in r
    ]
    assert noncurrent == [{"noncurrentDays": 90}], "lake-replica-curated-lifecycle"
    retained = {r.name for r in built.run.registrations if r.retain_on_delete}
    assert {"lake-replica-curated", "lake-replica-curated-key"} <= retained


def test_each_replica_replicates_from_the_zones_bucket(built):
    config = built.named("lake-replica-curated-replication")
    assert config.inputs["bucket"] == f"acme-dp-prod-curated-{ACCOUNT}-{REGION}", config.name
    assert {"curated", "curated-versioning"} <= built.depends_on(config.name)


def test_the_outputs_name_the_log_bucket_and_each_replica_bucket(built):
    assert built.outputs == {
        "log_bucket": REPLICA_LOGS,
        "replicas": {"curated": f"acme-dp-prod-curated-{ACCOUNT}-{REPLICA_REGION}"},
    }
