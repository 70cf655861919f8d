"""The S3 data lake: one KMS key and one secure bucket per zone, plus the access-log bucket."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi

from components.naming import Naming
from components.protection import Protection
from components.security.kms_key import KmsKey, KmsKeyArgs
from components.storage.lake_replication import LakeReplication, LakeReplicationArgs, ReplicatedZone
from components.storage.s3_lifecycle import LifecyclePolicy
from components.storage.secure_bucket import (
    AccessLogDelivery,
    ObjectLock,
    SecureBucket,
    SecureBucketArgs,
)
from components.tags import MandatoryTags
from policies.rules.facts import arns

ACCESS_LOGS = "access-logs"
# Access logs hold requester IPs and object keys, which can themselves carry PII.
ACCESS_LOG_CLASSIFICATION = "confidential"


@dataclass(frozen=True)
class LakeZone:
    """One zone of the lake (raw, staged, curated, ...).

    Attributes:
        name: The zone's name; part of bucket names and aliases.
        data_classification: Tag value and input of the PII rules.
        lifecycle: Lifecycle of the zone's bucket. Defaults to `LifecyclePolicy()`.
        object_lock: Default object-lock retention. Defaults to None.
        enable_deny_unencrypted_uploads: See `SecureBucketArgs`. Defaults to False.
        replicate: Copy the zone to `DataLakeArgs.replica_region` (a `ZoneReplica`).
            Defaults to False.
    """

    name: str
    data_classification: str
    lifecycle: LifecyclePolicy = field(default_factory=LifecyclePolicy)
    object_lock: ObjectLock | None = None
    enable_deny_unencrypted_uploads: bool = False
    replicate: bool = False


@dataclass(frozen=True)
class DataLakeArgs:
    """Inputs of a DataLake.

    Attributes:
        naming: The stack's naming scheme.
        tags: The stack's mandatory tags.
        zones: The zones; at least one, names unique.
        protection: Safeguards of every bucket and key. Defaults to none.
        access_log_lifecycle: Lifecycle of the access-log bucket; its expiration is
            how long logs are kept. Defaults to `LifecyclePolicy(expiration_days=365)`.
        kms_deletion_window_days: Deletion window of the zone keys. Defaults to 30.
        key_administrator_arns: Roles that administer the zone keys. Defaults to none.
        key_user_arns: Roles that use the zone keys for data. Defaults to none.
        deployer_arn_patterns: Who runs `pulumi up`: may manage and use the zone keys.
            Defaults to none.
        replica_region: Where replicated zones are copied to; required when a zone
            replicates, and another region than `naming.region`. Defaults to None.
    """

    naming: Naming
    tags: MandatoryTags
    zones: Sequence[LakeZone]
    protection: Protection = field(default_factory=Protection)
    access_log_lifecycle: LifecyclePolicy = field(
        default_factory=lambda: LifecyclePolicy(expiration_days=365)
    )
    kms_deletion_window_days: int = 30
    key_administrator_arns: Sequence[str] = field(default_factory=tuple)
    key_user_arns: Sequence[str] = field(default_factory=tuple)
    deployer_arn_patterns: Sequence[str] = field(default_factory=tuple)
    replica_region: str | None = None

    def __post_init__(self) -> None:
        replicated = [z.name for z in self.zones if z.replicate]
        if replicated and self.replica_region in (None, self.naming.region):
            raise ValueError(
                f"DataLakeArgs.replica_region: zones {replicated} replicate, so it must name "
                f"another region than {self.naming.region}; got {self.replica_region}"
            )
        names = [z.name for z in self.zones]
        if not names or len(set(names)) != len(names) or ACCESS_LOGS in names:
            raise ValueError(
                f"DataLakeArgs.zones: need at least one zone, unique names, none named "
                f"{ACCESS_LOGS!r}; got {names}"
            )


class DataLake(pulumi.ComponentResource):
    """The lake's zones, each with its own key (a leaked grant on one zone's key does
    not open the others), and the bucket that receives all their access logs.

    The log bucket is deliberately different from the zone buckets: S3 server access
    logging cannot deliver to a bucket whose default encryption is SSE-KMS (nor to
    one with object lock), so it uses SSE-S3 and a policy that lets only the
    `logging.s3.amazonaws.com` principal write, only for this lake's buckets. It does
    not log to itself, which would loop.

    Replicated zones are copied to the replica region by one `LakeReplication`, built
    after the zones it copies.

    Attributes:
        log_bucket: The access-log bucket of the stack's region.
        buckets: Zone -> its bucket.
        keys: Zone -> its key.
        replication: The replicas and the replica region's log bucket; None when no zone
            replicates.
    """

    log_bucket: SecureBucket
    buckets: dict[str, SecureBucket]
    keys: dict[str, KmsKey]
    replication: LakeReplication | None

    def __init__(
        self, name: str, args: DataLakeArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:storage:DataLake", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        naming = args.naming
        self.log_bucket = SecureBucket(
            f"{name}-{ACCESS_LOGS}", _log_bucket_args(args, naming), opts=child
        )
        self.buckets = {}
        self.keys = {}
        for zone in args.zones:
            tags = args.tags.for_data(zone.data_classification)
            key = KmsKey(
                f"{name}-{zone.name}-key",
                KmsKeyArgs(
                    alias_name=naming.kms_alias(f"lake-{zone.name}"),
                    description=f"Encrypts the {zone.name} zone of the {naming.stem} data lake",
                    account_id=naming.account_id,
                    tags=tags,
                    protection=args.protection,
                    deletion_window_days=args.kms_deletion_window_days,
                    administrator_arns=args.key_administrator_arns,
                    user_arns=args.key_user_arns,
                    deployer_arn_patterns=args.deployer_arn_patterns,
                ),
                opts=child,
            )
            self.keys[zone.name] = key
            self.buckets[zone.name] = SecureBucket(
                f"{name}-{zone.name}",
                SecureBucketArgs(
                    bucket_name=naming.bucket(zone.name),
                    tags=tags,
                    kms_key_arn=key.arn,
                    access_log_bucket=self.log_bucket.name,
                    lifecycle=zone.lifecycle,
                    object_lock=zone.object_lock,
                    enable_deny_unencrypted_uploads=zone.enable_deny_unencrypted_uploads,
                    protection=args.protection,
                ),
                opts=child,
            )
        self.replication = _replication(name, args, self.buckets, self.keys, child)
        self.register_outputs(
            {
                "log_bucket": self.log_bucket.name,
                "buckets": {zone: b.name for zone, b in self.buckets.items()},
                "key_arns": {zone: k.arn for zone, k in self.keys.items()},
                "replica_buckets": (
                    {z: r.bucket.name for z, r in self.replication.replicas.items()}
                    if self.replication
                    else {}
                ),
            }
        )


def _log_bucket_args(
    args: DataLakeArgs, naming: Naming, region: str | None = None
) -> SecureBucketArgs:
    """The access-log bucket of `naming`'s region (SSE-S3, written by log delivery only)."""
    return SecureBucketArgs(
        bucket_name=naming.bucket(ACCESS_LOGS),
        tags=args.tags.for_data(ACCESS_LOG_CLASSIFICATION),
        access_log_delivery=AccessLogDelivery(
            account_id=naming.account_id,
            # Every bucket of this stack, present and future, by name prefix
            # (the DAG bucket's name must start with `airflow-`).
            source_bucket_arns=tuple(arns.s3_bucket(p) for p in naming.bucket_patterns()),
        ),
        lifecycle=args.access_log_lifecycle,
        protection=args.protection,
        region=region,
    )


def _replication(
    name: str,
    args: DataLakeArgs,
    buckets: dict[str, SecureBucket],
    keys: dict[str, KmsKey],
    opts: pulumi.ResourceOptions,
) -> LakeReplication | None:
    """The lake's replication, when a zone replicates (args checked the region)."""
    region = args.replica_region
    zones = [
        ReplicatedZone(
            name=z.name,
            data_classification=z.data_classification,
            bucket=buckets[z.name],
            key=keys[z.name],
            lifecycle=z.lifecycle,
            object_lock=z.object_lock,
        )
        for z in args.zones
        if z.replicate
    ]
    if not zones or region is None:
        return None
    return LakeReplication(
        f"{name}-replica",
        LakeReplicationArgs(
            naming=args.naming,
            tags=args.tags,
            replica_region=region,
            zones=zones,
            log_bucket_args=_log_bucket_args(args, args.naming.in_region(region), region),
            protection=args.protection,
            kms_deletion_window_days=args.kms_deletion_window_days,
            key_administrator_arns=args.key_administrator_arns,
            key_user_arns=args.key_user_arns,
            deployer_arn_patterns=args.deployer_arn_patterns,
        ),
        opts=opts,
    )
