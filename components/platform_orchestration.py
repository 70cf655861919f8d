"""The orchestration's arguments, from the validated config (part of the composition root)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pulumi

from components.kms_key import KmsKey, KmsKeyArgs, events_to_sns_statement, logs_service_statement
from components.lake import DataLake
from components.naming import Naming
from components.orchestration.glue_jobs import GlueJobSpec
from components.orchestration.mwaa import AirflowFiles, AirflowSettings
from components.orchestration.network import MwaaNetworkArgs
from components.orchestration.platform import (
    OrchestrationArgs,
    SnowflakeConnectionSpec,
)
from components.platform_common import protection_for
from components.snowflake.platform import SnowflakePlatform
from components.snowflake.service_user import PipelineServiceUser
from components.tags import MandatoryTags
from stacks.config import PlatformConfig
from stacks.orchestration_config import ORCHESTRATION_ENVIRONMENT_DEFAULTS, OrchestrationConfig

REPOSITORY = Path(__file__).resolve().parents[1]
AIRFLOW_FILES = AirflowFiles(
    requirements=REPOSITORY / "orchestration/airflow/requirements.txt",
    startup_script=REPOSITORY / "orchestration/airflow/startup.sh",
    plugins_dir=REPOSITORY / "orchestration/airflow/plugins",
)


def orchestration_keys(
    name: str, config: PlatformConfig, naming: Naming, opts: pulumi.ResourceOptions
) -> tuple[KmsKey, KmsKey]:
    """The orchestration's key (usable by CloudWatch Logs and EventBridge) and the secrets key."""
    tags = MandatoryTags(
        environment=config.environment, owner=config.owner, cost_center=config.cost_center
    )

    def key(purpose: str, what: str, services: tuple[dict[str, Any], ...]) -> KmsKey:
        return KmsKey(
            f"{name}-{purpose}-key",
            KmsKeyArgs(
                alias_name=naming.kms_alias(purpose),
                description=f"{naming.stem}: {what}",
                account_id=config.account_id,
                tags=tags.for_data("confidential"),
                protection=protection_for(config),
                deletion_window_days=config.kms_deletion_window_days,
                administrator_arns=config.kms.key_administrator_arns,
                service_statements=services,
            ),
            opts,
        )

    return (
        key(
            "orchestration",
            "MWAA, DAGs, Glue, flow logs, alerts",
            (
                logs_service_statement(config.account_id, config.region),
                events_to_sns_statement(config.account_id),
            ),
        ),
        key("secrets", "Airflow connections and variables", ()),
    )


def orchestration_args(
    config: PlatformConfig,
    orchestration: OrchestrationConfig,
    naming: Naming,
    lake: DataLake,
    snowflake: SnowflakePlatform | None,
    keys: tuple[KmsKey, KmsKey],
) -> OrchestrationArgs:
    """Network, Airflow, Glue and connections, with the environment's defaults applied."""
    defaults = ORCHESTRATION_ENVIRONMENT_DEFAULTS[config.environment]
    tags = MandatoryTags(
        environment=config.environment, owner=config.owner, cost_center=config.cost_center
    )
    network, airflow, glue = orchestration.network, orchestration.airflow, orchestration.glue
    zones = [z.name for z in config.lake.zones]
    return OrchestrationArgs(
        naming=naming,
        tags=tags,
        protection=protection_for(config),
        network=MwaaNetworkArgs(
            naming=naming,
            tags=tags,
            flow_log_kms_key_arn=keys[0].arn,
            vpc_id=network.vpc_id,
            private_subnet_ids=network.subnet_ids,
            private_route_table_ids=network.route_table_ids,
            vpc_cidr=None if network.vpc_id else network.vpc_cidr,
            availability_zones=[
                f"{config.region}{suffix}" for suffix in network.availability_zone_suffixes
            ],
            egress_mode=orchestration.resolved_egress(config.environment),
            webserver_access_cidr=network.webserver_allowed_cidr,
            flow_log_retention_days=defaults.log_retention_days,
        ),
        airflow=AirflowSettings(
            airflow_version=airflow.airflow_version,
            environment_class=airflow.environment_class or defaults.environment_class,
            min_workers=airflow.min_workers or defaults.min_workers,
            max_workers=airflow.max_workers or defaults.max_workers,
            private_webserver=airflow.webserver_access == "private",
            maintenance_window=airflow.maintenance_window,
            files=AIRFLOW_FILES,
        ),
        zones=zones,
        crawl_zone=glue.crawl_zone,
        crawl_bucket=naming.bucket(glue.crawl_zone),
        crawl_key_arn=lake.keys[glue.crawl_zone].arn if glue.crawl_zone in lake.keys else "",
        crawler_prefixes=glue.crawler_prefixes,
        crawler_schedule=glue.crawler_schedule,
        glue_jobs=[
            GlueJobSpec(
                name=job.name,
                script_path=str(REPOSITORY / job.script),
                source_bucket=naming.bucket(job.source_zone),
                source_kms_key_arn=lake.keys[job.source_zone].arn,
                target_bucket=naming.bucket(job.target_zone),
                target_kms_key_arn=lake.keys[job.target_zone].arn,
                worker_type=job.worker_type,
                number_of_workers=job.workers or defaults.glue_workers,
            )
            for job in glue.jobs
        ],
        access_log_bucket=lake.log_bucket.name,
        kms_key_arn=keys[0].arn,
        secrets_key_arn=keys[1].arn,
        snowflake_account=(
            f"{config.snowflake.connection.organization_name}-"
            f"{config.snowflake.connection.account_name}"
            if config.snowflake
            else ""
        ),
        snowflake_connections=[
            connection_spec(key, user)
            for key, user in (snowflake.service_users.items() if snowflake else ())
            if user.private_key_pem is not None
        ],
        administrator_arns=config.kms.key_administrator_arns,
        secret_recovery_days=defaults.secret_recovery_days,
    )


def connection_spec(key: str, user: PipelineServiceUser) -> SnowflakeConnectionSpec:
    """The Airflow connection of a service user whose key the program generated."""
    assert user.private_key_pem is not None, f"service user [{key}] has no generated key"
    return SnowflakeConnectionSpec(
        key=key,
        user=user.user.name,
        role=user.user.default_role.apply(lambda v: v or ""),
        warehouse=user.user.default_warehouse.apply(lambda v: v or ""),
        private_key_pem=user.private_key_pem,
    )
