"""Everything that runs the pipelines of one environment, composed from the components beside it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi

from components.naming import Naming, s3_bucket_name
from components.orchestration.airflow_secrets import (
    AirflowConnectionArgs,
    AirflowConnectionSecret,
    snowflake_connection,
)
from components.orchestration.glue_catalog import GlueCatalog, GlueCatalogArgs
from components.orchestration.glue_jobs import GlueJobs, GlueJobsArgs, GlueJobSpec
from components.orchestration.mwaa import (
    AirflowEnvironment,
    AirflowEnvironmentArgs,
    AirflowSettings,
)
from components.orchestration.network import MwaaNetwork, MwaaNetworkArgs
from components.protection import Protection
from components.tags import MandatoryTags


@dataclass(frozen=True)
class SnowflakeConnectionSpec:
    """A Snowflake service user Airflow connects as (its key from the Snowflake side)."""

    key: str
    user: pulumi.Input[str]
    role: pulumi.Input[str]
    warehouse: pulumi.Input[str]
    private_key_pem: pulumi.Input[str]


@dataclass(frozen=True)
class OrchestrationArgs:
    """Arguments of `Orchestration`.

    Attributes:
        naming: The stack's naming scheme.
        tags: The mandatory tags.
        protection: Deletion safeguards of keys and buckets.
        network: The MWAA network's arguments.
        airflow: The MWAA environment's settings.
        zones: Lake zone names, for the Glue catalog databases.
        crawl_zone: The zone the crawlers read.
        crawl_bucket: That zone's bucket.
        crawl_key_arn: That zone's key.
        crawler_prefixes: One crawler per prefix of the crawl zone.
        crawler_schedule: When crawlers run (Glue cron).
        glue_jobs: ETL jobs.
        access_log_bucket: Receives the DAG bucket's access logs.
        kms_key_arn: The orchestration's key (MWAA, DAG bucket, Glue, alert topic);
            its policy must let CloudWatch Logs and EventBridge use it
            (`logs_service_statement`, `events_to_sns_statement`).
        secrets_key_arn: The key of Airflow's secrets, used for nothing else.
        snowflake_account: `<organization>-<account>` for Airflow connections.
        snowflake_connections: Service users Airflow connects as.
        administrator_arns: Roles allowed to read secrets back besides Airflow
            (Pulumi reads a secret version on refresh).
        secret_recovery_days: Days a deleted secret can be restored.
    """

    naming: Naming
    tags: MandatoryTags
    protection: Protection
    network: MwaaNetworkArgs
    airflow: AirflowSettings
    zones: Sequence[str]
    crawl_zone: str
    crawl_bucket: str
    crawl_key_arn: pulumi.Input[str]
    crawler_prefixes: Sequence[str]
    crawler_schedule: str
    glue_jobs: Sequence[GlueJobSpec]
    access_log_bucket: pulumi.Input[str]
    kms_key_arn: pulumi.Input[str]
    secrets_key_arn: pulumi.Input[str]
    snowflake_account: str
    snowflake_connections: Sequence[SnowflakeConnectionSpec] = ()
    administrator_arns: Sequence[str] = ()
    secret_recovery_days: int = 30


class Orchestration(pulumi.ComponentResource):
    """MWAA in its network, the Glue catalog and jobs, and Airflow's Snowflake connections.

    It uses two customer-managed keys made by the caller: one for the orchestration's
    data and logs (MWAA, DAG bucket, flow logs, Glue, alert topic), one for secrets
    only, so that reading a connection needs a grant nobody gets by accident.
    """

    airflow: AirflowEnvironment
    network: MwaaNetwork
    catalog: GlueCatalog
    jobs: GlueJobs | None
    secrets: dict[str, AirflowConnectionSecret]

    def __init__(
        self, name: str, args: OrchestrationArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:orchestration:Orchestration", name, None, opts)
        self._logical_name = name
        child = pulumi.ResourceOptions(parent=self)
        naming = args.naming
        key_arn, secrets_key_arn = args.kms_key_arn, args.secrets_key_arn
        self.network = MwaaNetwork(f"{name}-network", args.network, child)
        self.catalog = GlueCatalog(
            f"{name}-glue",
            GlueCatalogArgs(
                naming=naming,
                tags=args.tags,
                kms_key_arn=key_arn,
                zones=args.zones,
                raw_bucket_name=args.crawl_bucket,
                raw_kms_key_arn=args.crawl_key_arn,
                crawler_prefixes=args.crawler_prefixes,
                raw_zone=args.crawl_zone,
                crawler_schedule=args.crawler_schedule,
                protection=args.protection,
            ),
            child,
        )
        dag_bucket = s3_bucket_name("airflow", naming.stem, naming.account_id, naming.region)
        self.jobs = (
            GlueJobs(
                f"{name}-glue-jobs",
                GlueJobsArgs(
                    naming=naming,
                    tags=args.tags,
                    jobs=args.glue_jobs,
                    scripts_bucket_name=dag_bucket,
                    security_configuration_name=self.catalog.security_configuration_name,
                    catalog_kms_key_arn=key_arn,
                    database_names=[naming.glue_database(z) for z in args.zones],
                    alert_kms_key_arn=key_arn,
                    scripts_kms_key_arn=key_arn,
                ),
                child,
            )
            if args.glue_jobs
            else None
        )
        secrets_prefix = f"{naming.stem}/airflow"  # connections and variables below it
        self.airflow = AirflowEnvironment(
            f"{name}-airflow",
            AirflowEnvironmentArgs(
                environment_name=naming.resource("airflow"),
                account_id=naming.account_id,
                region=naming.region,
                dag_bucket_name=dag_bucket,
                kms_key_arn=key_arn,
                subnet_ids=self.network.subnet_ids,
                security_group_ids=self.network.security_group_id.apply(lambda sg: [sg]),
                settings=args.airflow,
                secrets_prefix=secrets_prefix,
                secrets_key_arn=secrets_key_arn,
                glue_name_prefix=f"{naming.stem}-",
                tags=args.tags.for_data("confidential"),
                access_log_bucket=args.access_log_bucket,
                protection=args.protection,
            ),
            child,
        )
        self._args = args
        self.secrets = {}
        for connection in args.snowflake_connections:
            self.add_snowflake_connection(connection)
        self.register_outputs({"airflow": self.airflow.environment.arn})

    def add_snowflake_connection(
        self, connection: SnowflakeConnectionSpec
    ) -> AirflowConnectionSecret:
        """Store a Snowflake service user as the Airflow connection `snowflake_<key>`.

        Domains add their pipelines' connections through this after the platform is
        built, so every connection gets the same key, readers and protection.
        """
        args = self._args
        secret = AirflowConnectionSecret(
            f"{self._logical_name}-connection-{connection.key}",
            AirflowConnectionArgs(
                secret_name=f"{args.naming.stem}/airflow/connections/snowflake_{connection.key}",
                connection=pulumi.Output.all(
                    connection.user,
                    connection.role,
                    connection.warehouse,
                    connection.private_key_pem,
                ).apply(
                    lambda v: snowflake_connection(
                        account=args.snowflake_account,
                        user=str(v[0]),
                        role=str(v[1]),
                        warehouse=str(v[2]),
                        private_key_pem=str(v[3]),
                    )
                ),
                kms_key_arn=args.secrets_key_arn,
                reader_arns=[self.airflow.role.arn, *args.administrator_arns],
                recovery_window_days=args.secret_recovery_days,
                tags=args.tags.for_data("confidential"),
                description=f"Airflow connection snowflake_{connection.key} (key pair)",
                protection=args.protection,
            ),
            pulumi.ResourceOptions(parent=self),
        )
        self.secrets[connection.key] = secret
        return secret
