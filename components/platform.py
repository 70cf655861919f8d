"""The composition of the whole platform for one stack, from its validated config.

This is the only module that reads `PlatformConfig`: it turns the config into the
typed arguments of each component, so components stay reusable outside this stack.
"""

from __future__ import annotations

from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from components.domain import DataDomain
from components.ingest import SnowflakeIngest
from components.lake import DataLake, DataLakeArgs, LakeZone
from components.naming import Naming
from components.orchestration.platform import Orchestration
from components.platform_common import naming_for, protection_for
from components.platform_domains import domain_args
from components.platform_ingest import ingest_sources
from components.platform_orchestration import (
    connection_spec,
    orchestration_args,
    orchestration_keys,
)
from components.platform_snowflake import snowflake_args
from components.s3_bucket import ObjectLock, QueueNotification
from components.s3_lifecycle import LifecyclePolicy, Transition
from components.snowflake.platform import SnowflakePlatform
from components.tags import MandatoryTags
from stacks.config import PlatformConfig, ZoneConfig
from stacks.domain_spec import DomainSpec


class DataPlatform(pulumi.ComponentResource):
    """Everything one environment of the data platform needs, under one component.

    All AWS resources go through one explicit provider pinned to the configured
    region and account (`allowed_account_ids`), so a stack can never deploy into the
    wrong account because of ambient credentials.
    """

    lake: DataLake
    snowflake: SnowflakePlatform | None
    ingest: dict[str, SnowflakeIngest]
    domains: dict[str, DataDomain]
    orchestration: Orchestration | None

    def __init__(
        self,
        name: str,
        config: PlatformConfig,
        snowflake_private_key: pulumi.Input[str] | None = None,
        domains: Sequence[DomainSpec] = (),
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:index:DataPlatform", name, None, opts)
        provider = aws.Provider(
            f"{name}-aws",
            region=config.region,
            allowed_account_ids=[config.account_id],
            opts=pulumi.ResourceOptions(parent=self),
        )
        aws_child = pulumi.ResourceOptions(parent=self, providers={"aws": provider})
        naming = naming_for(config)
        self.lake = DataLake(f"{name}-lake", lake_args(config, naming), opts=aws_child)
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
        self.domains = self._domains(name, config, naming, domains, aws_child)
        self.ingest, notifications = self._ingest(name, config, naming, aws_child)
        for domain in self.domains.values():
            notifications += domain.notifications
        self._own_notifications(name, notifications)
        self.orchestration = None
        if config.orchestration:
            keys = orchestration_keys(f"{name}-orchestration", config, naming, aws_child)
            self.orchestration = Orchestration(
                f"{name}-orchestration",
                orchestration_args(
                    config, config.orchestration, naming, self.lake, self.snowflake, keys
                ),
                opts=aws_child,
            )
            for domain in self.domains.values():
                for key, user in domain.service_users.items():
                    self.orchestration.add_snowflake_connection(
                        connection_spec(f"{domain.key}_{key}", user)
                    )
        self.register_outputs({})

    def _domains(
        self,
        name: str,
        config: PlatformConfig,
        naming: Naming,
        specs: Sequence[DomainSpec],
        opts: pulumi.ResourceOptions,
    ) -> dict[str, DataDomain]:
        """Every domain, then the consumer grants (domains may consume each other)."""
        if self.snowflake is None:
            return {}
        snowflake = self.snowflake
        domains = {
            spec.name: DataDomain(
                f"{name}-domain-{spec.name}",
                domain_args(config, spec, naming, self.lake, snowflake),
                snowflake.providers,
                opts,
            )
            for spec in specs
        }
        for spec in specs:
            for consumer in spec.consumers:
                owner, _, role = consumer.role.partition(".")
                reader = (
                    domains[owner].roles[role].role.name
                    if role
                    else snowflake.functional_roles[owner].role.name
                )
                domains[spec.name].grant_read(consumer.role, reader, consumer.schemas)
        return domains

    def _ingest(
        self, name: str, config: PlatformConfig, naming: Naming, opts: pulumi.ResourceOptions
    ) -> tuple[dict[str, SnowflakeIngest], list[tuple[str, QueueNotification]]]:
        """One handshake per platform source, and (zone, queue) of each for the buckets."""
        if self.snowflake is None or config.orchestration is None:
            return {}, []
        sources = ingest_sources(config, config.orchestration, naming, self.lake, self.snowflake)
        ingest = {
            key: SnowflakeIngest(f"{name}-ingest-{key}", source, self.snowflake.providers, opts)
            for key, (_, source) in sources.items()
        }
        return ingest, [(zone, ingest[key].notification) for key, (zone, _) in sources.items()]

    def _own_notifications(
        self, name: str, notifications: list[tuple[str, QueueNotification]]
    ) -> None:
        """Each zone bucket's one notification configuration, for every pipe on it."""
        queues: dict[str, list[QueueNotification]] = {}
        for zone, notification in notifications:
            queues.setdefault(zone, []).append(notification)
        for zone, bucket in self.lake.buckets.items():
            if queues.get(zone):
                bucket.own_notifications(f"{name}-lake-{zone}", queues[zone])


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
