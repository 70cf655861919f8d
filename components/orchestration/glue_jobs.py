"""Glue ETL jobs from repository scripts, each with its own role, and failure alerts."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pulumi
import pulumi_aws as aws

from components.naming import Naming
from components.orchestration import orchestration_iam
from components.orchestration.glue_alerts import failure_alerts
from components.orchestration.glue_catalog import security_encryption
from components.tags import MandatoryTags
from policies.rules.facts import arns
from vocabulary.glue_schedule import glue_cron_problem

# The current Glue version at pulumi-aws 7.51 (Spark 3.5, Python 3.11).
GLUE_VERSION = "5.0"
WORKER_TYPES = ("G.025X", "G.1X", "G.2X", "G.4X", "G.8X", "R.1X", "R.2X", "R.4X", "R.8X")


@dataclass(frozen=True)
class GlueJobSpec:
    """One Spark ETL job, from a source zone to a target zone.

    Attributes:
        name: Short name, unique in the stack; part of the job's and role's names.
        script_path: The job's script in this repository (uploaded on every change).
        source_bucket: The bucket the job reads.
        source_kms_key_arn: The source zone's key.
        source_database: The catalog database of the source zone (read only).
        target_bucket: The bucket the job writes.
        target_kms_key_arn: The target zone's key: the job's security configuration
            encrypts its S3 writes with it, the key the target bucket's policy demands.
        target_database: The catalog database the job registers its output in.
        source_prefixes: Prefixes of the source bucket the job may read.
            Defaults to none: the whole bucket.
        worker_type: Glue worker type. Defaults to "G.1X".
        number_of_workers: Workers per run, at least 2. Defaults to 2.
        timeout_minutes: Run time after which Glue stops the run (TIMEOUT). Defaults to 60.
        max_retries: Automatic retries of a failed run, 0 to 10. Defaults to 1.
        target_prefix: The prefix of the target bucket the job writes under (its output
            goes to `<target_prefix><name>/`, and its role may write nothing else).
            Defaults to "": the whole bucket, output under `<name>/`.
        schedule: A Glue cron expression: a SCHEDULED Glue trigger starts the job on it.
            Defaults to None: no trigger (an Airflow DAG starts the platform's jobs).
    """

    name: str
    script_path: str
    source_bucket: str
    source_kms_key_arn: pulumi.Input[str]
    source_database: str
    target_bucket: str
    target_kms_key_arn: pulumi.Input[str]
    target_database: str
    source_prefixes: Sequence[str] = field(default_factory=tuple)
    worker_type: str = "G.1X"
    number_of_workers: int = 2
    timeout_minutes: int = 60
    max_retries: int = 1
    target_prefix: str = ""
    schedule: str | None = None

    def problems(self) -> list[str]:
        """What is wrong with this spec, each naming the job."""
        where, found = f"job [{self.name}]", []
        if self.worker_type not in WORKER_TYPES:
            found.append(f"{where}: worker_type must be one of {', '.join(WORKER_TYPES)}")
        if self.number_of_workers < 2:
            found.append(f"{where}: number_of_workers must be at least 2")
        if not 1 <= self.timeout_minutes <= 2880:
            found.append(f"{where}: timeout_minutes must be 1 to 2880")
        if not 0 <= self.max_retries <= 10:
            found.append(f"{where}: max_retries must be 0 to 10")
        if self.schedule is not None and (problem := glue_cron_problem(self.schedule)):
            found.append(f"{where}: schedule {problem}")
        if self.target_prefix and not self.target_prefix.endswith("/"):
            found.append(f"{where}: target_prefix {self.target_prefix} does not end in /")
        if not Path(self.script_path).is_file():
            found.append(f"{where}: script_path {self.script_path} is not a file")
        return found


class ScriptsBucket(Protocol):
    """Where job scripts are uploaded: a bucket's name, and what an upload waits for.

    The platform's DAG bucket (a `SecureBucket`: its encryption, versioning and public-access
    block) in the stack that creates it; in a domain stack the bucket named by the platform
    stack's output, complete before any domain stack runs, so `ready` is empty.
    """

    @property
    def name(self) -> pulumi.Output[str]: ...

    @property
    def ready(self) -> Sequence[pulumi.Resource]: ...


@dataclass(frozen=True)
class GlueJobsArgs:
    """Inputs of GlueJobs.

    Attributes:
        naming: The stack's naming scheme.
        tags: The stack's mandatory tags.
        jobs: The jobs; names unique. Required.
        scripts_bucket: The bucket the scripts are uploaded to; every upload waits for
            its encryption, versioning and public-access block. Required.
        catalog_kms_key_arn: The CMK of the catalog, and of each job's CloudWatch logs
            and bookmarks. Required.
        alert_topic_arn: The stack's alerts topic (`AlertsTopic.arn`), which job
            failures are published to. Required.
        scripts_kms_key_arn: The key of the scripts bucket, which each job role may
            decrypt with to read its script. Defaults to None (the bucket uses SSE-S3
            or the same key as `catalog_kms_key_arn`).
        data_classification: Tag value of the jobs' resources. Defaults to "confidential".
        failure_rule: The purpose naming the EventBridge rule of the jobs' failures,
            unique in the stack. Defaults to "glue-job-failures" (the platform's jobs).
        failure_description: That rule's description. Defaults to the platform's.
    """

    naming: Naming
    tags: MandatoryTags
    jobs: Sequence[GlueJobSpec]
    scripts_bucket: ScriptsBucket
    catalog_kms_key_arn: pulumi.Input[str]
    alert_topic_arn: pulumi.Input[str]
    scripts_kms_key_arn: pulumi.Input[str] | None = None
    data_classification: str = "confidential"
    failure_rule: str = "glue-job-failures"
    failure_description: str = "Glue jobs of this platform that end FAILED, TIMEOUT or ERROR"

    def __post_init__(self) -> None:
        names = [j.name for j in self.jobs]
        errors = [p for j in self.jobs for p in j.problems()]
        if not names or len(set(names)) != len(names):
            errors.insert(0, f"jobs: need at least one, names unique; got {names}")
        if errors:
            raise ValueError(f"GlueJobsArgs: {'; '.join(errors)}")


class GlueJobs(pulumi.ComponentResource):
    """Each job: its script uploaded from the repository, a role that reads the source
    zone and writes the target zone only, bookmarks on, and a security configuration
    of its own whose S3 key is the target zone's (a zone bucket refuses objects under
    any other key). Any FAILED, TIMEOUT or ERROR end of one of these jobs is published
    to the stack's alerts topic."""

    job_names: list[pulumi.Output[str]]
    alert_topic_arn: pulumi.Output[str]
    failure_rule_name: pulumi.Output[str]

    def __init__(
        self, name: str, args: GlueJobsArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:orchestration:GlueJobs", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        tags = args.tags.for_data(args.data_classification)
        naming = args.naming
        job_names = [naming.resource(f"job-{spec.name}") for spec in args.jobs]
        self.job_names = []
        self.triggers: list[aws.glue.Trigger] = []
        bucket = args.scripts_bucket
        for spec, job_name in zip(args.jobs, job_names, strict=True):
            key = f"glue/scripts/{spec.name}/{Path(spec.script_path).name}"
            script = aws.s3.BucketObjectv2(
                f"{name}-{spec.name}-script",
                bucket=bucket.name,
                key=key,
                source=pulumi.FileAsset(spec.script_path),
                # The bucket encrypts with SSE-KMS, so the ETag is no content hash:
                # source_hash is what makes a changed script upload again.
                source_hash=file_sha256(spec.script_path),
                content_type="text/x-python",
                tags=tags,
                opts=pulumi.ResourceOptions(parent=self, depends_on=list(bucket.ready)),
            )
            security = aws.glue.SecurityConfiguration(
                f"{name}-{spec.name}-security",
                name=naming.resource(f"glue-job-{spec.name}"),
                encryption_configuration=security_encryption(
                    spec.target_kms_key_arn, args.catalog_kms_key_arn
                ),
                opts=child,
            )
            role = self._role(name, args, spec, key, tags)
            job = aws.glue.Job(
                f"{name}-{spec.name}",
                name=job_name,
                role_arn=role.arn,
                glue_version=GLUE_VERSION,
                command={
                    "name": "glueetl",
                    "python_version": "3",
                    "script_location": pulumi.Output.concat("s3://", script.bucket, "/", key),
                },
                default_arguments={
                    **job_arguments(),
                    # The script reads its input and output locations from these.
                    "--source_path": f"s3://{spec.source_bucket}/"
                    + (spec.source_prefixes[0] if spec.source_prefixes else ""),
                    "--target_path": f"s3://{spec.target_bucket}/{spec.target_prefix}{spec.name}/",
                },
                worker_type=spec.worker_type,
                number_of_workers=spec.number_of_workers,
                timeout=spec.timeout_minutes,
                max_retries=spec.max_retries,
                # Bookmarks track one run's progress; concurrent runs would race on them.
                execution_property={"max_concurrent_runs": 1},
                security_configuration=security.name,
                tags=tags,
                opts=child,
            )
            self.job_names.append(job.name)
            if spec.schedule is not None:
                self.triggers.append(
                    schedule_trigger(f"{name}-{spec.name}", naming, spec, job, tags, self)
                )
        rule = failure_alerts(
            f"{name}-failures",
            naming,
            args.failure_rule,
            args.failure_description,
            orchestration_iam.job_failure_event_pattern(job_names),
            args.alert_topic_arn,
            tags,
            self,
        )
        self.alert_topic_arn = pulumi.Output.from_input(args.alert_topic_arn)
        self.failure_rule_name = rule.name
        self.register_outputs(
            {"job_names": self.job_names, "alert_topic_arn": self.alert_topic_arn}
        )

    def _role(
        self,
        name: str,
        args: GlueJobsArgs,
        spec: GlueJobSpec,
        script_key: str,
        tags: dict[str, str],
    ) -> aws.iam.Role:
        naming, child = args.naming, pulumi.ResourceOptions(parent=self)
        trust = orchestration_iam.service_trust_policy("glue.amazonaws.com", naming.account_id)
        role = aws.iam.Role(
            f"{name}-{spec.name}",
            name=naming.iam_role(f"glue-job-{spec.name}"),
            assume_role_policy=json.dumps(trust),
            tags=tags,
            opts=child,
        )
        keys = [args.catalog_kms_key_arn, spec.source_kms_key_arn, spec.target_kms_key_arn]
        if args.scripts_kms_key_arn is not None:
            keys.append(args.scripts_kms_key_arn)
        policy = pulumi.Output.all(*keys, args.scripts_bucket.name).apply(
            lambda resolved: json.dumps(
                orchestration_iam.job_policy(
                    naming.region,
                    naming.account_id,
                    spec.source_bucket,
                    spec.source_prefixes,
                    spec.target_bucket,
                    spec.source_database,
                    spec.target_database,
                    sorted(set(resolved[:-1])),
                    [f"{arns.s3_bucket(resolved[-1])}/{script_key}"],
                    spec.target_prefix,
                )
            )
        )
        aws.iam.RolePolicy(f"{name}-{spec.name}", role=role.id, policy=policy, opts=child)
        return role


def schedule_trigger(
    name: str,
    naming: Naming,
    spec: GlueJobSpec,
    job: aws.glue.Job,
    tags: dict[str, str],
    parent: pulumi.Resource,
) -> aws.glue.Trigger:
    """The SCHEDULED Glue trigger that starts `job` on `spec.schedule`, active once created.

    pulumi-aws `aws.glue.Trigger`: `type` SCHEDULED needs `schedule` (a cron expression);
    `start_on_creation` activates a SCHEDULED trigger when it is created (it starts
    deactivated otherwise); `actions[].job_name` names the job
    (pulumi_aws 7.x glue/trigger.py; AWS Glue API CreateTrigger,
    https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-jobs-trigger.html)."""
    return aws.glue.Trigger(
        f"{name}-schedule",
        name=naming.resource(f"trigger-{spec.name}"),
        type="SCHEDULED",
        schedule=spec.schedule,
        start_on_creation=True,
        actions=[{"job_name": job.name}],
        tags=tags,
        opts=pulumi.ResourceOptions(parent=parent),
    )


def job_arguments() -> dict[str, str]:
    """Default arguments of every job: bookmarks on.

    Glue 5.0 streams driver and executor logs to CloudWatch in real time by itself;
    `--enable-continuous-cloudwatch-log` is a Glue 4.0-and-earlier switch (AWS Glue
    "Job parameters": docs/research/issue-12-findings.md, item 9).
    """
    return {
        "--job-language": "python",
        "--job-bookmark-option": "job-bookmark-enable",
    }


def file_sha256(path: str) -> str:
    """The SHA-256 of a file's bytes, hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
