"""Everything that runs the pipelines of one environment, composed from the components beside it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pulumi

from components.naming import Naming
from components.orchestration.airflow_dags import (
    AirflowDags,
    AirflowDagsArgs,
    CheckedTable,
    PipelineSpec,
    tables_under,
)
from components.orchestration.airflow_environment import (
    AirflowEnvironment,
    AirflowEnvironmentArgs,
    AirflowSettings,
)
from components.orchestration.airflow_ui_access import (
    AirflowUiAccess,
    AirflowUiAccessArgs,
    ClientVpnSettings,
)
from components.orchestration.glue_catalog import GlueCatalog, GlueCatalogArgs
from components.orchestration.glue_jobs import GlueJobs, GlueJobsArgs, GlueJobSpec
from components.orchestration.mwaa_network import MwaaNetwork, MwaaNetworkArgs
from components.protection import Protection
from components.secrets.airflow_connection_secret import (
    ROTATION_TAG,
    AirflowConnectionArgs,
    AirflowConnectionSecret,
    snowflake_connection,
    snowflake_connection_tags,
)
from components.security.kms_key import KmsKey, KmsKeyArgs, logs_service_statement
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
        protection: Deletion safeguards of keys, buckets and the flow-log group.
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
        kms_deletion_window_days: Deletion window of the two keys it creates.
        snowflake_account: `<organization>-<account>` for Airflow connections.
        alert_topic_arn: The stack's alerts topic (`AlertsTopic.arn`): Glue job and
            crawler failures are published to it.
        snowflake_connections: Service users Airflow connects as (the platform's and
            every domain's pipelines). Defaults to none.
        administrator_arns: Roles that administer the keys and may read secrets back
            besides Airflow (Pulumi reads a secret version on refresh). Defaults to none.
        secret_recovery_days: Days a deleted secret can be restored. Defaults to 30.
        deployer_arn_patterns: Who runs `pulumi up`: may manage and use both keys and
            read every secret back. Defaults to none.
        own_catalog_encryption: This stack sets the account's Data Catalog encryption
            (else it only verifies it). Defaults to True.
        dags_dir: The repository's DAG folder, uploaded to MWAA's `dags/` with the
            rendered pipeline config (`AirflowDags`). Defaults to None (no DAG uploaded).
        dag_schedule: When each job's DAG runs (Airflow cron). Defaults to "0 4 * * *".
        client_vpn: A Client VPN endpoint into the VPC for engineers to open the private
            webserver (`AirflowUiAccess`); it needs `network.vpc_cidr`. Defaults to None.
        checked_tables: The lake tables contracts check (the domains' rulesets): a job
            reading one is gated by its ruleset, one writing it is checked after.
            Defaults to none.
        extra_pipelines: DAGs of jobs built elsewhere (the domains' gated jobs), uploaded
            with the platform's. Defaults to none.
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
    kms_deletion_window_days: int
    snowflake_account: str
    alert_topic_arn: pulumi.Input[str]
    snowflake_connections: Sequence[SnowflakeConnectionSpec] = ()
    administrator_arns: Sequence[str] = ()
    secret_recovery_days: int = 30
    deployer_arn_patterns: Sequence[str] = ()
    own_catalog_encryption: bool = True
    dags_dir: Path | None = None
    dag_schedule: str = "0 4 * * *"
    client_vpn: ClientVpnSettings | None = None
    checked_tables: Sequence[CheckedTable] = ()
    extra_pipelines: Sequence[PipelineSpec] = ()


class Orchestration(pulumi.ComponentResource):
    """MWAA in its network, the Glue catalog and jobs, and Airflow's Snowflake connections.

    It creates two customer-managed keys: `key` for the orchestration's data and logs
    (MWAA, DAG bucket, flow logs, Glue; its policy lets CloudWatch Logs use it), and
    `secrets_key` for secrets only, so that reading a connection needs a grant nobody
    gets by accident. Glue failures go to the stack's alerts topic (`AlertsTopic`).
    """

    TYPE = "dataplatform:orchestration:Orchestration"

    key: KmsKey
    secrets_key: KmsKey
    airflow: AirflowEnvironment
    network: MwaaNetwork
    catalog: GlueCatalog
    jobs: GlueJobs | None
    dags: AirflowDags | None
    ui_access: AirflowUiAccess | None
    secrets: dict[str, AirflowConnectionSecret]

    def __init__(
        self, name: str, args: OrchestrationArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__(self.TYPE, name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        naming = args.naming
        self.key = self._key(
            name,
            args,
            "orchestration",
            "MWAA, DAGs, Glue, flow logs",
            (logs_service_statement(naming.account_id, naming.region),),
        )
        self.secrets_key = self._key(name, args, "secrets", "Airflow connections and variables", ())
        key_arn = self.key.arn
        # What MWAA's execution role may evaluate: the rulesets its DAGs run, no others.
        evaluations = dag_evaluations(args.checked_tables, args.glue_jobs, args.extra_pipelines)
        self.network = MwaaNetwork(
            f"{name}-network",
            dataclasses.replace(
                args.network, flow_log_kms_key_arn=key_arn, protection=args.protection
            ),
            child,
        )
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
                own_catalog_encryption=args.own_catalog_encryption,
                alert_topic_arn=args.alert_topic_arn,
            ),
            child,
        )
        self.airflow = AirflowEnvironment(
            f"{name}-airflow",
            AirflowEnvironmentArgs(
                environment_name=naming.resource("airflow"),
                account_id=naming.account_id,
                region=naming.region,
                dag_bucket_name=naming.airflow_bucket(),
                kms_key_arn=key_arn,
                subnet_ids=self.network.subnet_ids,
                security_group_ids=self.network.security_group_id.apply(lambda sg: [sg]),
                settings=args.airflow,
                # Connections and variables live below it.
                secrets_prefix=naming.secret("airflow"),
                secrets_key_arn=self.secrets_key.arn,
                glue_name_prefix=f"{naming.stem}-",
                quality_rulesets=sorted({e["ruleset"] for e in evaluations}),
                evaluation_role_arns=sorted({e["role"] for e in evaluations}),
                tags=args.tags.for_data("confidential"),
                access_log_bucket=args.access_log_bucket,
                protection=args.protection,
            ),
            child,
        )
        self.jobs = (
            GlueJobs(
                f"{name}-glue-jobs",
                GlueJobsArgs(
                    naming=naming,
                    tags=args.tags,
                    jobs=args.glue_jobs,
                    scripts_bucket=self.airflow.dag_bucket,
                    catalog_kms_key_arn=key_arn,
                    alert_topic_arn=args.alert_topic_arn,
                    scripts_kms_key_arn=key_arn,
                ),
                child,
            )
            if args.glue_jobs
            else None
        )
        self.dags = (
            AirflowDags(
                f"{name}-dags",
                AirflowDagsArgs(
                    bucket=self.airflow.dag_bucket,
                    dags_dir=args.dags_dir,
                    tags=args.tags.for_data("internal"),
                    pipelines=[
                        *job_pipelines(args, self.catalog, self.jobs),
                        *args.extra_pipelines,
                    ],
                ),
                child,
            )
            if args.dags_dir is not None
            else None
        )
        self.ui_access = (
            AirflowUiAccess(
                f"{name}-ui",
                AirflowUiAccessArgs(
                    naming=naming,
                    tags=args.tags.for_data("internal"),
                    environment_name=naming.resource("airflow"),
                    vpc_id=self.network.vpc_id,
                    vpc_cidr=args.network.vpc_cidr or "",
                    subnet_ids=self.network.subnet_ids,
                    webserver_security_group_id=self.network.security_group_id,
                    log_kms_key_arn=key_arn,
                    log_retention_days=args.network.flow_log_retention_days,
                    client_vpn=args.client_vpn,
                ),
                child,
            )
            if args.airflow.private_webserver
            else None
        )
        self.secrets = {
            connection.key: self._connection_secret(name, args, connection)
            for connection in args.snowflake_connections
        }
        self.register_outputs({"airflow": self.airflow.environment.arn})

    def _key(
        self,
        name: str,
        args: OrchestrationArgs,
        purpose: str,
        what: str,
        services: tuple[dict[str, Any], ...],
    ) -> KmsKey:
        naming = args.naming
        return KmsKey(
            f"{name}-{purpose}-key",
            KmsKeyArgs(
                alias_name=naming.kms_alias(purpose),
                description=f"{naming.stem}: {what}",
                account_id=naming.account_id,
                tags=args.tags.for_data("confidential"),
                protection=args.protection,
                deletion_window_days=args.kms_deletion_window_days,
                administrator_arns=args.administrator_arns,
                service_statements=services,
                deployer_arn_patterns=args.deployer_arn_patterns,
            ),
            pulumi.ResourceOptions(parent=self),
        )

    def _connection_secret(
        self, name: str, args: OrchestrationArgs, connection: SnowflakeConnectionSpec
    ) -> AirflowConnectionSecret:
        """A Snowflake service user as the Airflow connection `snowflake_<key>`."""
        return snowflake_connection_secret(
            f"{name}-connection-{connection.key}",
            ConnectionSecretSettings(
                naming=args.naming,
                snowflake_account=args.snowflake_account,
                secrets_key_arn=self.secrets_key.arn,
                reader_arns=[self.airflow.role.arn, *args.administrator_arns],
                recovery_window_days=args.secret_recovery_days,
                tags=args.tags,
                protection=args.protection,
                deployer_arn_patterns=args.deployer_arn_patterns,
            ),
            connection,
            pulumi.ResourceOptions(parent=self),
        )


@dataclass(frozen=True)
class ConnectionSecretSettings:
    """What every Airflow connection secret of a stack shares: Airflow's secrets key and
    role, the account, and the stack's recovery window, tags and protection.

    `Orchestration` fills it from itself for the platform's connections; a domain stack
    fills it from the platform's refs for its own (composition/domain_stack.py).
    """

    naming: Naming
    snowflake_account: str
    secrets_key_arn: pulumi.Input[str]
    reader_arns: Sequence[pulumi.Input[str]]
    recovery_window_days: int
    tags: MandatoryTags
    protection: Protection
    deployer_arn_patterns: Sequence[str]


def snowflake_connection_secret(
    name: str,
    settings: ConnectionSecretSettings,
    connection: SnowflakeConnectionSpec,
    opts: pulumi.ResourceOptions,
) -> AirflowConnectionSecret:
    """A Snowflake service user as the Airflow connection `snowflake_<key>` (Airflow's
    Secrets Manager backend finds it by name, whichever stack owns it)."""
    return AirflowConnectionSecret(
        name,
        AirflowConnectionArgs(
            secret_name=settings.naming.secret(
                "airflow", "connections", f"snowflake_{connection.key}"
            ),
            connection=pulumi.Output.all(
                connection.user,
                connection.role,
                connection.warehouse,
                connection.private_key_pem,
            ).apply(
                lambda v: snowflake_connection(
                    account=settings.snowflake_account,
                    user=str(v[0]),
                    role=str(v[1]),
                    warehouse=str(v[2]),
                    private_key_pem=str(v[3]),
                )
            ),
            kms_key_arn=settings.secrets_key_arn,
            reader_arns=list(settings.reader_arns),
            recovery_window_days=settings.recovery_window_days,
            tags=settings.tags.for_data("confidential"),
            description=f"Airflow connection snowflake_{connection.key} (key pair)",
            extra_tags={
                **ROTATION_TAG,
                **snowflake_connection_tags(settings.snowflake_account, connection.user),
            },
            protection=settings.protection,
            deployer_arn_patterns=settings.deployer_arn_patterns,
        ),
        opts,
    )


def dag_evaluations(
    checked_tables: Sequence[CheckedTable],
    glue_jobs: Sequence[GlueJobSpec],
    extra_pipelines: Sequence[PipelineSpec],
) -> list[Mapping[str, str]]:
    """Every Glue Data Quality evaluation a DAG of the environment runs: the gates and output
    checks of the platform's jobs (as `job_pipelines` builds them) and of the domains'
    pipelines. MWAA's execution role may start these rulesets and pass their roles, and no
    other contract's (a contract nothing gates is evaluated by its schedule alone)."""
    found = [e for p in extra_pipelines for e in (*p.gate, *p.quality)]
    for spec in glue_jobs:
        sources, outputs = job_tables(checked_tables, spec)
        found += [t.evaluation() for t in (*sources, *outputs)]
    return found


def job_tables(
    checked_tables: Sequence[CheckedTable], spec: GlueJobSpec
) -> tuple[list[CheckedTable], list[CheckedTable]]:
    """The checked tables a platform job reads (under its source prefixes: its gate) and
    writes (under `<target_prefix><name>/`: its output checks)."""
    sources = tables_under(checked_tables, spec.source_bucket, spec.source_prefixes)
    outputs = tables_under(
        checked_tables, spec.target_bucket, [f"{spec.target_prefix}{spec.name}/"]
    )
    return sources, outputs


def job_pipelines(
    args: OrchestrationArgs, catalog: GlueCatalog, jobs: GlueJobs | None
) -> list[PipelineSpec]:
    """One DAG per Glue job: the crawlers of its source prefixes, the contract gate on its
    source tables (`checked_tables` under its source prefixes), the job, then the checks
    of the checked tables under its output (`<target_prefix><name>/`)."""
    if jobs is None:
        return []
    crawlers = dict(zip(args.crawler_prefixes, catalog.crawler_names, strict=True))
    pipelines = []
    for spec, job_name in zip(args.glue_jobs, jobs.job_names, strict=True):
        before: list[pulumi.Input[str]] = (
            [
                crawler
                for prefix, crawler in crawlers.items()
                if not spec.source_prefixes
                or any(p.strip("/").startswith(prefix.strip("/")) for p in spec.source_prefixes)
            ]
            if spec.source_bucket == args.crawl_bucket
            else []
        )
        sources, outputs = job_tables(args.checked_tables, spec)
        pipelines.append(
            PipelineSpec(
                dag_id=f"job_{spec.name}",
                job=job_name,
                crawl_before=[*before, *sorted({t.crawler for t in sources})],
                gate=[t.evaluation() for t in sources],
                crawl_after=sorted({t.crawler for t in outputs}),
                quality=[t.evaluation() for t in outputs],
                schedule=args.dag_schedule,
            )
        )
    return pipelines
