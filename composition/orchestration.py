"""The orchestration's arguments: network, Airflow, Glue and every Snowflake connection."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pulumi

from components.orchestration.airflow_dags import CheckedTable, PipelineSpec
from components.orchestration.airflow_environment import AirflowFiles, AirflowSettings
from components.orchestration.airflow_ui_access import ClientVpnSettings
from components.orchestration.glue_jobs import GlueJobSpec
from components.orchestration.mwaa_network import MwaaNetworkArgs
from components.orchestration.orchestration import OrchestrationArgs, SnowflakeConnectionSpec
from components.storage.data_lake import DataLake
from composition.context import StackContext
from stacks.orchestration_config import ResolvedOrchestration
from stacks.snowflake_config import ResolvedSnowflake

REPOSITORY = Path(__file__).resolve().parents[1]
# The Airflow files and Glue scripts the platform uploads (DAG bucket and Glue).
PIPELINE_CODE = REPOSITORY / "pipeline_code"
# What `dataplat airflow-bundle` builds before `pulumi up`: MWAA installs offline from
# the wheels inside plugins.zip (prod has no internet egress). The offline plan never
# reads these files; a real preview or up needs them built (the deploy workflow does).
# The repository's DAGs, uploaded to MWAA's `dags/` with the config the program renders.
DAGS_DIR = PIPELINE_CODE / "airflow/dags"
AIRFLOW_BUNDLE = REPOSITORY / "build/airflow"
AIRFLOW_FILES = AirflowFiles(
    requirements=AIRFLOW_BUNDLE / "requirements.txt",
    startup_script=PIPELINE_CODE / "airflow/startup.sh",
    plugins_zip=AIRFLOW_BUNDLE / "plugins.zip",
)


def orchestration_args(
    ctx: StackContext,
    orchestration: ResolvedOrchestration,
    lake: DataLake,
    connections: Sequence[SnowflakeConnectionSpec],
    alert_topic_arn: pulumi.Input[str],
    nat_allocation_ids: Sequence[pulumi.Input[str]] = (),
    checked_tables: Sequence[CheckedTable] = (),
    extra_pipelines: Sequence[PipelineSpec] = (),
) -> OrchestrationArgs:
    """MWAA in its network, the Glue catalog and jobs, with the resolved sizes.

    `nat_allocation_ids` are the Elastic IPs of its NAT gateways (`EgressAddresses`);
    `checked_tables` and `extra_pipelines` the contract gate's tables and the domains'
    gated jobs' DAGs (composition/pipeline_gates.py). Each defaults to none."""
    platform, naming = ctx.platform, ctx.naming
    network, airflow = orchestration.network, orchestration.airflow
    snowflake = platform.snowflake
    return OrchestrationArgs(
        naming=naming,
        tags=ctx.tags,
        protection=ctx.protection,
        network=MwaaNetworkArgs(
            naming=naming,
            tags=ctx.tags,
            vpc_id=network.vpc_id,
            private_subnet_ids=network.subnet_ids,
            private_route_table_ids=network.route_table_ids,
            vpc_cidr=None if network.vpc_id else network.vpc_cidr,
            availability_zones=[
                f"{platform.region}{suffix}" for suffix in network.availability_zone_suffixes
            ],
            egress_mode=network.egress,
            nat_allocation_ids=nat_allocation_ids,
            service_endpoints=network.service_endpoints,
            webserver_access_cidr=network.webserver_allowed_cidr,
            flow_log_retention_days=orchestration.log_retention_days,
        ),
        airflow=AirflowSettings(
            airflow_version=airflow.airflow_version,
            environment_class=airflow.environment_class,
            min_workers=airflow.min_workers,
            max_workers=airflow.max_workers,
            private_webserver=airflow.webserver_access == "private",
            maintenance_window=airflow.maintenance_window,
            files=AIRFLOW_FILES,
        ),
        zones=list(platform.zone_names),
        crawl_zone=orchestration.crawl_zone,
        crawl_bucket=naming.bucket(orchestration.crawl_zone),
        crawl_key_arn=(
            lake.keys[orchestration.crawl_zone].arn if orchestration.crawl_zone in lake.keys else ""
        ),
        crawler_prefixes=orchestration.crawler_prefixes,
        crawler_schedule=orchestration.crawler_schedule,
        glue_jobs=[
            GlueJobSpec(
                name=job.name,
                script_path=str(REPOSITORY / job.script),
                source_bucket=naming.bucket(job.source_zone),
                source_kms_key_arn=lake.keys[job.source_zone].arn,
                source_database=naming.glue_database(job.source_zone),
                source_prefixes=(job.source_prefix,) if job.source_prefix else (),
                target_bucket=naming.bucket(job.target_zone),
                target_kms_key_arn=lake.keys[job.target_zone].arn,
                target_database=naming.glue_database(job.target_zone),
                worker_type=job.worker_type,
                number_of_workers=job.workers,
            )
            for job in orchestration.jobs
        ],
        access_log_bucket=lake.log_bucket.name,
        kms_deletion_window_days=platform.kms.deletion_window_days,
        snowflake_account=snowflake_account(snowflake) if snowflake else "",
        alert_topic_arn=alert_topic_arn,
        snowflake_connections=connections,
        administrator_arns=platform.kms.key_administrator_arns,
        secret_recovery_days=orchestration.secret_recovery_days,
        deployer_arn_patterns=platform.deployers,
        own_catalog_encryption=orchestration.own_catalog_encryption,
        dags_dir=DAGS_DIR,
        checked_tables=checked_tables,
        extra_pipelines=extra_pipelines,
        client_vpn=(
            ClientVpnSettings(
                server_certificate_arn=vpn.server_certificate_arn,
                client_root_certificate_arn=vpn.client_root_certificate_arn,
                client_cidr=vpn.client_cidr,
            )
            if (vpn := airflow.client_vpn) is not None and airflow.ui_access == "client_vpn"
            else None
        ),
    )


def snowflake_account(snowflake: ResolvedSnowflake) -> str:
    """`<organization>-<account>`: the account Airflow's Snowflake connections name."""
    return f"{snowflake.connection.organization_name}-{snowflake.connection.account_name}"
