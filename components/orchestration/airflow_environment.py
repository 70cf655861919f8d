"""A managed Airflow (MWAA) environment, its DAG bucket, files and execution role."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pulumi
import pulumi_aws as aws

from components.orchestration.airflow_environment_iam import (
    execution_role_policy,
    mwaa_trust_policy,
)
from components.protection import Protection
from components.storage.s3_lifecycle import LifecyclePolicy
from components.storage.secure_bucket import SecureBucket, SecureBucketArgs

SECRETS_BACKEND = "airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend"


@dataclass(frozen=True)
class AirflowFiles:
    """Repository files MWAA installs, each uploaded and pinned by object version.

    Attributes:
        requirements: requirements.txt (pin versions; MWAA installs at start-up).
        startup_script: A shell script run on every Airflow container at start.
        plugins_zip: The plugins archive, built deterministically beforehand (by
            `dataplat airflow-bundle`: plugins, the requirements' wheels, constraints),
            uploaded as a file so the same inputs give the same object.
    """

    requirements: Path
    startup_script: Path
    plugins_zip: Path


@dataclass(frozen=True)
class AirflowSettings:
    """What the environment runs: version, size, access, maintenance, files.

    Attributes:
        airflow_version: A pinned Airflow version MWAA supports.
        environment_class: `mw1.small` ... `mw1.xlarge`.
        min_workers: Workers always running.
        max_workers: Workers under load.
        private_webserver: PRIVATE_ONLY (reachable from the VPC) rather than public.
        maintenance_window: Weekly start, e.g. `SUN:03:00`.
        files: Requirements, start-up script and plugins to install.
        schedulers: Scheduler count (2 or more for availability). Defaults to 2.
    """

    airflow_version: str
    environment_class: str
    min_workers: int
    max_workers: int
    private_webserver: bool
    maintenance_window: str
    files: AirflowFiles
    schedulers: int = 2


@dataclass(frozen=True)
class AirflowEnvironmentArgs:
    """Arguments of `AirflowEnvironment`.

    Attributes:
        environment_name: The MWAA environment's name (environment-prefixed).
        account_id: The account of the environment.
        region: Its region.
        dag_bucket_name: The DAG bucket; MWAA requires the `airflow-` prefix.
        kms_key_arn: The customer-managed key of the environment and DAG bucket.
        subnet_ids: Two private subnets in different AZs.
        security_group_ids: The MWAA security group.
        settings: Version, size, access, maintenance window and files.
        secrets_prefix: Prefix of the Airflow connections and variables secrets.
        secrets_key_arn: The key the Airflow secrets are encrypted with.
        glue_name_prefix: Names of the platform's Glue jobs and crawlers start with it.
        tags: The mandatory tags.
        access_log_bucket: Receives the DAG bucket's access logs.
        protection: Deletion safeguards of the environment and its DAG bucket.
            Defaults to none.
        quality_rulesets: Glue Data Quality rulesets the DAGs evaluate (the contract
            gate): the execution role may start and follow their runs. Defaults to none.
        evaluation_role_arns: The roles those runs use: the execution role may pass
            them to Glue. Defaults to none.
    """

    environment_name: str
    account_id: str
    region: str
    dag_bucket_name: str
    kms_key_arn: pulumi.Input[str]
    subnet_ids: pulumi.Input[list[str]]
    security_group_ids: pulumi.Input[list[str]]
    settings: AirflowSettings
    secrets_prefix: str
    secrets_key_arn: pulumi.Input[str]
    glue_name_prefix: str
    tags: dict[str, str]
    access_log_bucket: pulumi.Input[str]
    protection: Protection = field(default_factory=Protection)
    quality_rulesets: Sequence[str] = ()
    evaluation_role_arns: Sequence[str] = ()


class AirflowEnvironment(pulumi.ComponentResource):
    """MWAA with a customer-managed key, every log type, and Secrets Manager as its backend.

    Airflow reads connections and variables from Secrets Manager under
    `<secrets_prefix>/connections` and `/variables`; the execution role may read
    nothing else.
    """

    environment: aws.mwaa.Environment
    role: aws.iam.Role
    dag_bucket: SecureBucket

    def __init__(
        self, name: str, args: AirflowEnvironmentArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:orchestration:AirflowEnvironment", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.dag_bucket = SecureBucket(
            f"{name}-dags",
            SecureBucketArgs(
                bucket_name=args.dag_bucket_name,
                tags=args.tags,
                kms_key_arn=args.kms_key_arn,
                access_log_bucket=args.access_log_bucket,
                lifecycle=LifecyclePolicy(noncurrent_version_days=30),
                protection=args.protection,
            ),
            opts=child,
        )
        uploads = {
            key: aws.s3.BucketObjectv2(
                f"{name}-{key.split('.')[0]}",
                bucket=self.dag_bucket.name,
                key=key,
                source=source,
                tags=args.tags,
                # MWAA pins each file by its version id: it must land versioned,
                # encrypted and private.
                opts=pulumi.ResourceOptions(parent=self, depends_on=self.dag_bucket.ready),
            )
            for key, source in (
                ("requirements.txt", pulumi.FileAsset(str(args.settings.files.requirements))),
                ("startup.sh", pulumi.FileAsset(str(args.settings.files.startup_script))),
                ("plugins.zip", pulumi.FileAsset(str(args.settings.files.plugins_zip))),
            )
        }
        connections, variables = (
            f"{args.secrets_prefix}/connections",
            f"{args.secrets_prefix}/variables",
        )
        self.role = aws.iam.Role(
            f"{name}-execution",
            name=f"{args.environment_name}-execution",
            assume_role_policy=json.dumps(
                mwaa_trust_policy(args.account_id, args.region, args.environment_name)
            ),
            description=f"Execution role of MWAA environment {args.environment_name}",
            tags=args.tags,
            opts=child,
        )
        policy = aws.iam.RolePolicy(
            f"{name}-execution-policy",
            role=self.role.id,
            policy=pulumi.Output.all(args.kms_key_arn, args.secrets_key_arn).apply(
                lambda keys: json.dumps(
                    execution_role_policy(
                        account_id=args.account_id,
                        region=args.region,
                        environment_name=args.environment_name,
                        dag_bucket=args.dag_bucket_name,
                        kms_key_arn=str(keys[0]),
                        secret_prefixes=(connections, variables),
                        secrets_key_arn=str(keys[1]),
                        glue_name_prefix=args.glue_name_prefix,
                        quality_rulesets=args.quality_rulesets,
                        evaluation_role_arns=args.evaluation_role_arns,
                    )
                )
            ),
            opts=child,
        )
        every_log: aws.mwaa.EnvironmentLoggingConfigurationTaskLogsArgsDict = {
            "enabled": True,
            "log_level": "INFO",
        }
        logging: aws.mwaa.EnvironmentLoggingConfigurationArgsDict = {
            "dag_processing_logs": every_log,
            "scheduler_logs": every_log,
            "task_logs": every_log,
            "webserver_logs": every_log,
            "worker_logs": every_log,
        }
        self.environment = aws.mwaa.Environment(
            name,
            name=args.environment_name,
            airflow_version=args.settings.airflow_version,
            environment_class=args.settings.environment_class,
            min_workers=args.settings.min_workers,
            max_workers=args.settings.max_workers,
            schedulers=args.settings.schedulers,
            execution_role_arn=self.role.arn,
            kms_key=args.kms_key_arn,
            source_bucket_arn=self.dag_bucket.arn,
            dag_s3_path="dags/",
            requirements_s3_path="requirements.txt",
            requirements_s3_object_version=uploads["requirements.txt"].version_id,
            startup_script_s3_path="startup.sh",
            startup_script_s3_object_version=uploads["startup.sh"].version_id,
            plugins_s3_path="plugins.zip",
            plugins_s3_object_version=uploads["plugins.zip"].version_id,
            network_configuration={
                "subnet_ids": args.subnet_ids,
                "security_group_ids": args.security_group_ids,
            },
            webserver_access_mode="PRIVATE_ONLY"
            if args.settings.private_webserver
            else "PUBLIC_ONLY",
            weekly_maintenance_window_start=args.settings.maintenance_window,
            logging_configuration=logging,
            airflow_configuration_options=secrets_backend_options(connections, variables),
            tags=args.tags,
            # The role's policy must be in place before MWAA validates the environment.
            # It holds Airflow's metadata database (run history, connections' state):
            # protected like every stateful resource.
            opts=pulumi.ResourceOptions.merge(
                args.protection.options(self), pulumi.ResourceOptions(depends_on=[policy])
            ),
        )
        self.register_outputs({"arn": self.environment.arn})


def secrets_backend_options(connections_prefix: str, variables_prefix: str) -> dict[str, str]:
    """Airflow configuration that reads connections and variables from Secrets Manager."""
    return {
        "secrets.backend": SECRETS_BACKEND,
        "secrets.backend_kwargs": json.dumps(
            {"connections_prefix": connections_prefix, "variables_prefix": variables_prefix},
            sort_keys=True,
        ),
    }
