"""A lake zone's copy in a second region: its own key and bucket, a replication role, and
the replication configuration on the source bucket."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from components.naming import Naming
from components.protection import Protection
from components.security.kms_key import KmsKey, KmsKeyArgs
from components.storage.replication_iam import ReplicationPath, replication_policy, trust_policy
from components.storage.s3_lifecycle import LifecyclePolicy
from components.storage.secure_bucket import ObjectLock, SecureBucket, SecureBucketArgs


@dataclass(frozen=True)
class ZoneReplicaArgs:
    """Inputs of a ZoneReplica.

    Attributes:
        zone: The zone's name (part of names and aliases).
        naming: The stack's naming scheme (in the source region).
        replica_region: Where the replica lives; must differ from `naming.region`.
        tags: The zone's mandatory tags.
        source: The zone's bucket.
        source_key_arn: The zone's key.
        access_log_bucket: The access-log bucket in the replica region (S3 delivers
            server access logs only within a region).
        lifecycle: The replica's lifecycle, the zone's. Defaults to `LifecyclePolicy()`.
        object_lock: The zone's object lock, kept on the replica. Defaults to None.
        protection: Safeguards of the replica key and bucket. Defaults to none.
        kms_deletion_window_days: Deletion window of the replica key. Defaults to 30.
        key_administrator_arns: Roles that administer the replica key. Defaults to none.
        key_user_arns: Roles that use the replica key. Defaults to none.
        deployer_arn_patterns: Who runs `pulumi up`. Defaults to none.
        enable_delete_marker_replication: Replicate delete markers too. Defaults to
            False: a delete on the source leaves the replica's current version readable.
    """

    zone: str
    naming: Naming
    replica_region: str
    tags: Mapping[str, str]
    source: SecureBucket
    source_key_arn: pulumi.Input[str]
    access_log_bucket: pulumi.Input[str]
    lifecycle: LifecyclePolicy = field(default_factory=LifecyclePolicy)
    object_lock: ObjectLock | None = None
    protection: Protection = field(default_factory=Protection)
    kms_deletion_window_days: int = 30
    key_administrator_arns: Sequence[str] = field(default_factory=tuple)
    key_user_arns: Sequence[str] = field(default_factory=tuple)
    deployer_arn_patterns: Sequence[str] = field(default_factory=tuple)
    enable_delete_marker_replication: bool = False

    def __post_init__(self) -> None:
        if self.replica_region == self.naming.region:
            raise ValueError(
                f"ZoneReplicaArgs [{self.zone}]: replica_region must differ from the source "
                f"region {self.naming.region}"
            )


class ZoneReplica(pulumi.ComponentResource):
    """One zone replicated to another region, encrypted there with a key of that region.

    Every resource of the replica sets pulumi-aws v7's per-resource `region` (the
    provider's documented way to manage another region, replacing a second provider).
    The replication configuration waits for versioning on both buckets (S3 refuses it
    otherwise) and for the role's policy. Replicas are written with the replica key's
    ARN as `replica_kms_key_id`, which the replica's bucket policy admits (it denies
    other keys only). An object-locked zone's replica has the same object lock.

    Attributes:
        key: The replica's key, in the replica region.
        bucket: The replica bucket.
        role: The replication role S3 assumes.
        configuration: The replication configuration of the source bucket.
    """

    key: KmsKey
    bucket: SecureBucket
    role: aws.iam.Role
    configuration: aws.s3.BucketReplicationConfig

    def __init__(
        self, name: str, args: ZoneReplicaArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:storage:ZoneReplica", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        region = args.replica_region
        remote = args.naming.in_region(region)
        self.key = KmsKey(
            f"{name}-key",
            KmsKeyArgs(
                alias_name=remote.kms_alias(f"lake-{args.zone}-replica"),
                description=(
                    f"Encrypts the {args.zone} zone's replica of the {remote.stem} data lake"
                ),
                account_id=remote.account_id,
                tags=args.tags,
                protection=args.protection,
                deletion_window_days=args.kms_deletion_window_days,
                administrator_arns=args.key_administrator_arns,
                user_arns=args.key_user_arns,
                deployer_arn_patterns=args.deployer_arn_patterns,
                region=region,
            ),
            opts=child,
        )
        self.bucket = SecureBucket(
            name,
            SecureBucketArgs(
                bucket_name=remote.bucket(args.zone),
                tags=args.tags,
                kms_key_arn=self.key.arn,
                access_log_bucket=args.access_log_bucket,
                lifecycle=args.lifecycle,
                object_lock=args.object_lock,
                protection=args.protection,
                region=region,
            ),
            opts=child,
        )
        self.role = aws.iam.Role(
            f"{name}-role",
            name=args.naming.iam_role(f"replication-{args.zone}"),
            description=f"S3 replicates the {args.zone} zone to {region}",
            assume_role_policy=json.dumps(trust_policy()),
            tags=dict(args.tags),
            opts=child,
        )
        policy = aws.iam.RolePolicy(
            f"{name}-role-policy",
            role=self.role.id,
            policy=pulumi.Output.all(args.source_key_arn, self.key.arn).apply(
                lambda keys: json.dumps(
                    replication_policy(
                        ReplicationPath(
                            source_bucket=args.naming.bucket(args.zone),
                            source_key_arn=str(keys[0]),
                            source_region=args.naming.region,
                            replica_bucket=remote.bucket(args.zone),
                            replica_key_arn=str(keys[1]),
                            replica_region=region,
                            object_lock=args.object_lock is not None,
                            delete_markers=args.enable_delete_marker_replication,
                        )
                    )
                )
            ),
            opts=child,
        )
        marker_status = "Enabled" if args.enable_delete_marker_replication else "Disabled"
        self.configuration = aws.s3.BucketReplicationConfig(
            f"{name}-replication",
            bucket=args.source.bucket.id,
            role=self.role.arn,
            rules=[
                {
                    "id": f"{args.zone}-to-{region}",
                    "status": "Enabled",
                    # An empty filter selects every object (the V2 rule schema, which
                    # requires delete_marker_replication to be stated).
                    "filter": {},
                    "delete_marker_replication": {"status": marker_status},
                    "source_selection_criteria": {
                        "sse_kms_encrypted_objects": {"status": "Enabled"}
                    },
                    "destination": {
                        "bucket": self.bucket.arn,
                        "encryption_configuration": {"replica_kms_key_id": self.key.arn},
                    },
                }
            ],
            opts=pulumi.ResourceOptions(
                parent=self,
                depends_on=[args.source.versioning, self.bucket.versioning, policy],
            ),
        )
        self.register_outputs(
            {
                "bucket": self.bucket.name,
                "key_arn": self.key.arn,
                "role_arn": self.role.arn,
            }
        )
