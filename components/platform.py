"""The composition of the whole platform for one stack, from its validated config.

This is the only module that reads `PlatformConfig`: it turns the config into the
typed arguments of each component, so components stay reusable outside this stack.
"""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from components.lake import DataLake, DataLakeArgs, LakeZone
from components.naming import Naming
from components.protection import Protection
from components.s3_bucket import ObjectLock
from components.s3_lifecycle import LifecyclePolicy, Transition
from components.snowflake.platform import (
    DatabaseSpec,
    ServiceUserSpec,
    SnowflakePlatform,
    SnowflakePlatformArgs,
)
from components.snowflake.providers import SnowflakeConnection
from components.snowflake.role_model import FunctionalRoleSpec
from components.snowflake.warehouse import WarehouseArgs
from components.tags import MandatoryTags
from stacks.config import PlatformConfig, ZoneConfig
from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS, SnowflakeConfig


class DataPlatform(pulumi.ComponentResource):
    """Everything one environment of the data platform needs, under one component.

    All AWS resources go through one explicit provider pinned to the configured
    region and account (`allowed_account_ids`), so a stack can never deploy into the
    wrong account because of ambient credentials.
    """

    lake: DataLake
    snowflake: SnowflakePlatform | None

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
        self.register_outputs({})


def naming_for(config: PlatformConfig) -> Naming:
    """The stack's naming scheme."""
    return Naming(
        prefix=config.name_prefix,
        environment=config.environment,
        account_id=config.account_id,
        region=config.region,
    )


def protection_for(config: PlatformConfig) -> Protection:
    """The stack's deletion safeguards, after environment defaults."""
    resolved = config.resolved_protection
    return Protection(
        protect=resolved.protect,
        retain_on_delete=resolved.retain_on_delete,
        force_destroy=resolved.force_destroy,
    )


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


def snowflake_args(
    config: PlatformConfig,
    snowflake: SnowflakeConfig,
    naming: Naming,
    private_key: pulumi.Input[str] | None,
) -> SnowflakePlatformArgs:
    """The Snowflake side's arguments, with the environment's defaults applied."""
    defaults = SNOWFLAKE_ENVIRONMENT_DEFAULTS[config.environment]
    return SnowflakePlatformArgs(
        naming=naming,
        connection=SnowflakeConnection(
            organization_name=snowflake.connection.organization_name,
            account_name=snowflake.connection.account_name,
            user=snowflake.connection.user,
            private_key=private_key,
        ),
        governance_role=snowflake.governance_role,
        warehouses={
            w.name: WarehouseArgs(
                identifier=naming.snowflake(w.name),
                size=w.size,
                auto_suspend_seconds=w.auto_suspend_seconds or defaults.auto_suspend_seconds,
                credit_quota=w.credit_quota or defaults.credit_quota,
                statement_timeout_seconds=(
                    w.statement_timeout_seconds or defaults.statement_timeout_seconds
                ),
                statement_queued_timeout_seconds=defaults.statement_queued_timeout_seconds,
                max_cluster_count=w.max_cluster_count,
            )
            for w in snowflake.warehouses
        },
        databases=tuple(
            DatabaseSpec(
                key=d.name,
                schemas=tuple(s.name for s in d.schemas),
                pii_categories={s.name: s.pii_category for s in d.schemas if s.pii_category},
            )
            for d in snowflake.databases
        ),
        functional_roles=tuple(
            FunctionalRoleSpec(
                key=r.name,
                identifier=naming.snowflake(r.name),
                read=r.read,
                write=r.write,
                own=r.own,
                warehouses=r.warehouses,
                unmask=r.unmask,
            )
            for r in snowflake.functional_roles
        ),
        service_users=tuple(
            ServiceUserSpec(
                key=u.name,
                role=u.role,
                warehouse=u.warehouse,
                allowed_ips=u.allowed_ips,
                rsa_public_key=u.rsa_public_key,
            )
            for u in snowflake.service_users
        ),
        pii_categories=snowflake.pii.categories,
        data_retention_days=defaults.data_retention_days,
        protection=protection_for(config),
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
