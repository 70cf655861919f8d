"""The lake's copies in a second region: an access-log bucket there and one `ZoneReplica`
per replicated zone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi

from components.naming import Naming
from components.protection import Protection
from components.security.kms_key import KmsKey
from components.storage.s3_lifecycle import LifecyclePolicy
from components.storage.secure_bucket import ObjectLock, SecureBucket, SecureBucketArgs
from components.storage.zone_replica import ZoneReplica, ZoneReplicaArgs
from components.tags import MandatoryTags


@dataclass(frozen=True)
class ReplicatedZone:
    """One zone to replicate, with what the lake built for it.

    Attributes:
        name: The zone's name.
        data_classification: Tag value of the replica's bucket and key.
        bucket: The zone's bucket (the replication source).
        key: The zone's key.
        lifecycle: The zone's lifecycle, applied to the replica as well.
        object_lock: The zone's object lock, kept on the replica. Defaults to None.
    """

    name: str
    data_classification: str
    bucket: SecureBucket
    key: KmsKey
    lifecycle: LifecyclePolicy
    object_lock: ObjectLock | None = None


@dataclass(frozen=True)
class LakeReplicationArgs:
    """Inputs of a LakeReplication.

    Attributes:
        naming: The stack's naming scheme (in the source region).
        tags: The stack's mandatory tags.
        replica_region: Where the replicas live; another region than `naming.region`.
        zones: The zones to replicate; at least one.
        log_bucket_args: Builds the replica region's access-log bucket from a naming
            scheme and a region (the lake's own log bucket recipe).
        protection: Safeguards of every replica bucket and key. Defaults to none.
        kms_deletion_window_days: Deletion window of the replica keys. Defaults to 30.
        key_administrator_arns: Roles that administer the replica keys. Defaults to none.
        key_user_arns: Roles that use the replica keys. Defaults to none.
        deployer_arn_patterns: Who runs `pulumi up`. Defaults to none.
    """

    naming: Naming
    tags: MandatoryTags
    replica_region: str
    zones: Sequence[ReplicatedZone]
    log_bucket_args: SecureBucketArgs
    protection: Protection = field(default_factory=Protection)
    kms_deletion_window_days: int = 30
    key_administrator_arns: Sequence[str] = field(default_factory=tuple)
    key_user_arns: Sequence[str] = field(default_factory=tuple)
    deployer_arn_patterns: Sequence[str] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not self.zones or self.replica_region == self.naming.region:
            raise ValueError(
                "LakeReplicationArgs: need at least one zone and a replica_region other than "
                f"{self.naming.region}; got {[z.name for z in self.zones]}, {self.replica_region}"
            )


class LakeReplication(pulumi.ComponentResource):
    """Every replicated zone of the lake, and the replica region's access-log bucket (S3
    delivers server access logs only to a bucket in the source bucket's region).

    Attributes:
        log_bucket: The replica region's access-log bucket.
        replicas: Zone -> its replica.
    """

    log_bucket: SecureBucket
    replicas: dict[str, ZoneReplica]

    def __init__(
        self, name: str, args: LakeReplicationArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:storage:LakeReplication", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        region = args.replica_region
        self.log_bucket = SecureBucket(
            f"{name}-access-logs-{region}", args.log_bucket_args, opts=child
        )
        self.replicas = {
            zone.name: ZoneReplica(
                f"{name}-{zone.name}",
                ZoneReplicaArgs(
                    zone=zone.name,
                    naming=args.naming,
                    replica_region=region,
                    tags=args.tags.for_data(zone.data_classification),
                    source=zone.bucket,
                    source_key_arn=zone.key.arn,
                    access_log_bucket=self.log_bucket.name,
                    lifecycle=zone.lifecycle,
                    object_lock=zone.object_lock,
                    protection=args.protection,
                    kms_deletion_window_days=args.kms_deletion_window_days,
                    key_administrator_arns=args.key_administrator_arns,
                    key_user_arns=args.key_user_arns,
                    deployer_arn_patterns=args.deployer_arn_patterns,
                ),
                opts=child,
            )
            for zone in args.zones
        }
        self.register_outputs(
            {
                "log_bucket": self.log_bucket.name,
                "buckets": {zone: r.bucket.name for zone, r in self.replicas.items()},
            }
        )
