"""The composition of the whole platform for one stack, from its validated config.

This is the only module that reads `PlatformConfig`: it turns the config into the
typed arguments of each component, so components stay reusable outside this stack.
"""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from components.ingest import SnowflakeIngest
from components.lake import DataLake, DataLakeArgs, LakeZone
from components.naming import Naming
from components.orchestration.platform import Orchestration
from components.platform_common import naming_for, protection_for
from components.platform_ingest import ingest_sources
from components.platform_orchestration import orchestration_args, orchestration_keys
from components.platform_snowflake import snowflake_args
from components.s3_bucket import ObjectLock
from components.s3_lifecycle import LifecyclePolicy, Transition
from components.snowflake.platform import SnowflakePlatform
from components.tags import MandatoryTags
from stacks.config import PlatformConfig, ZoneConfig


class DataPlatform(pulumi.ComponentResource):
    """Everything one environment of the data platform needs, under one component.

    All AWS resources go through one explicit provider pinned to the configured
    region and account (`allowed_account_ids`), so a stack can never deploy into the
    wrong account because of ambient credentials.
    """

    lake: DataLake
    snowflake: SnowflakePlatform | None
    ingest: dict[str, SnowflakeIngest]
    orchestration: Orchestration | None

    def __init__(
        self,
        name: str,
        config: PlatformConfig,
        snowflake_private_key: pulumi.Input[str] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:index:DataPlatform", name, None, opts)
        provider = aws.Provider(
            f"{name}-aws",
            region=config.region,
            allowed_account_ids=[config.account_id],
            opts=pulumi.ResourceOptions(parent=self),
        )
        naming = naming_for(config)
        self.lake = DataLake(
            f"{name}-lake",
            lake_args(config, naming),
            opts=pulumi.ResourceOptions(parent=self, providers={"aws": provider}),
        )
        snowflake = config.resolved_snowflake
        self.snowflake = (
            SnowflakePlatform(
                f"{name}-snowflake",
                snowflake_args(config, snowflake, naming, snowflake_private_key),
                opts=pulumi.ResourceOptions(parent=self),
            )
            if snowflake
            else None
        )
        self.ingest = self._ingest(name, config, naming, provider)
        self.orchestration = None
        if config.orchestration:
            aws_child = pulumi.ResourceOptions(parent=self, providers={"aws": provider})
            keys = orchestration_keys(f"{name}-orchestration", config, naming, aws_child)
            self.orchestration = Orchestration(
                f"{name}-orchestration",
                orchestration_args(
                    config, config.orchestration, naming, self.lake, self.snowflake, keys
                ),
                opts=aws_child,
            )
        self.register_outputs({})

    def _ingest(
        self, name: str, config: PlatformConfig, naming: Naming, provider: aws.Provider
    ) -> dict[str, SnowflakeIngest]:
        """One handshake per source; then each zone bucket's one notification for all."""
        if self.snowflake is None or config.orchestration is None:
            return {}
        sources = ingest_sources(config, config.orchestration, naming, self.lake, self.snowflake)
        ingest = {
            key: SnowflakeIngest(
                f"{name}-ingest-{key}",
                source,
                self.snowflake.providers,
                opts=pulumi.ResourceOptions(parent=self, providers={"aws": provider}),
            )
            for key, (zone, source) in sources.items()
        }
        for zone, bucket in self.lake.buckets.items():
            queues = [ingest[k].notification for k, (z, _) in sources.items() if z == zone]
            if queues:
                bucket.own_notifications(f"{name}-lake-{zone}", queues)
        return ingest


def lake_args(config: PlatformConfig, naming: Naming) -> DataLakeArgs:
    """The lake's arguments: zones, retention and key principals from the config."""
    retention = config.resolved_retention
    return DataLakeArgs(
        naming=naming,
        tags=MandatoryTags(
            environment=config.environment, owner=config.owner, cost_center=config.cost_center
        ),
        zones=[
            _zone(z, retention.noncurrent_version_days, retention.incomplete_multipart_upload_days)
            for z in config.lake.zones
        ],
        protection=protection_for(config),
        access_log_lifecycle=LifecyclePolicy(
            noncurrent_version_days=retention.noncurrent_version_days,
            incomplete_multipart_upload_days=retention.incomplete_multipart_upload_days,
            expiration_days=retention.access_log_days,
        ),
        kms_deletion_window_days=config.kms_deletion_window_days,
        key_administrator_arns=config.kms.key_administrator_arns,
        key_user_arns=config.kms.key_user_arns,
    )


def _zone(zone: ZoneConfig, noncurrent_days: int, multipart_days: int) -> LakeZone:
    return LakeZone(
        name=zone.name,
        data_classification=zone.data_classification,
        lifecycle=LifecyclePolicy(
            noncurrent_version_days=noncurrent_days,
            incomplete_multipart_upload_days=multipart_days,
            transitions=tuple(Transition(t.days, t.storage_class) for t in zone.transitions),
            expiration_days=zone.expiration_days,
        ),
        object_lock=(
            ObjectLock(mode=zone.object_lock.mode, days=zone.object_lock.days)
            if zone.object_lock
            else None
        ),
        enable_deny_unencrypted_uploads=zone.enable_deny_unencrypted_uploads,
    )
