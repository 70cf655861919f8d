"""The S3 data lake's arguments: zones, retention and key principals."""

from __future__ import annotations

from components.storage.data_lake import DataLakeArgs, LakeZone
from components.storage.s3_lifecycle import LifecyclePolicy, Transition
from components.storage.secure_bucket import ObjectLock
from composition.context import StackContext
from stacks.config import ZoneConfig
from stacks.resolve import ResolvedRetention


def lake_args(ctx: StackContext) -> DataLakeArgs:
    """Every zone with its lifecycle and replication, the access-log bucket's, and who uses
    the keys."""
    platform = ctx.platform
    retention = platform.retention
    return DataLakeArgs(
        naming=ctx.naming,
        tags=ctx.tags,
        zones=[_zone(z, retention, z.name in platform.replicated_zones) for z in platform.zones],
        replica_region=platform.replica_region if platform.replicated_zones else None,
        protection=ctx.protection,
        access_log_lifecycle=LifecyclePolicy(
            noncurrent_version_days=retention.noncurrent_version_days,
            incomplete_multipart_upload_days=retention.incomplete_multipart_upload_days,
            expiration_days=retention.access_log_days,
        ),
        kms_deletion_window_days=platform.kms.deletion_window_days,
        key_administrator_arns=platform.kms.key_administrator_arns,
        key_user_arns=platform.kms.key_user_arns,
        deployer_arn_patterns=platform.deployers,
    )


def _zone(zone: ZoneConfig, retention: ResolvedRetention, replicate: bool) -> LakeZone:
    return LakeZone(
        name=zone.name,
        data_classification=zone.data_classification,
        lifecycle=LifecyclePolicy(
            noncurrent_version_days=retention.noncurrent_version_days,
            incomplete_multipart_upload_days=retention.incomplete_multipart_upload_days,
            transitions=tuple(Transition(t.days, t.storage_class) for t in zone.transitions),
            expiration_days=zone.expiration_days,
        ),
        object_lock=(
            ObjectLock(mode=zone.object_lock.mode, days=zone.object_lock.days)
            if zone.object_lock
            else None
        ),
        enable_deny_unencrypted_uploads=zone.enable_deny_unencrypted_uploads,
        replicate=replicate,
    )
