"""A domain's own Glue jobs (`jobs:` in its file), built with the platform's `GlueJobs`.

Built after orchestration: the scripts go to its DAG bucket like the platform's, and the
jobs' logs and bookmarks use its catalog key (both from the platform's refs). Each job
reads only `domains/<domain>/` of its source zone's bucket and the domain's Glue database
there, writes under `domains/<domain>/` of its target zone (its output in
`domains/<domain>/<job>/`) with that zone's key, is started by a SCHEDULED Glue trigger
(or, when a contract checks a table it reads, by its DAG behind the contract gate:
composition/pipeline_gates.py), and its failures reach the alerts topic through one
EventBridge rule per domain (the domain's filtered subscriptions match the job names:
`domain_job_names`, used by composition/alerts.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pulumi

from components.naming import Naming
from components.orchestration.airflow_dags import CheckedTable, tables_under
from components.orchestration.glue_jobs import GlueJobs, GlueJobsArgs, GlueJobSpec
from composition.context import StackContext
from composition.orchestration import REPOSITORY
from composition.platform_refs import PlatformRefs
from stacks.domain_spec import DomainJob, ResolvedDomain


def domain_job_key(domain: str, job: str) -> str:
    """The job's name inside `GlueJobs` (its Glue job is `naming.resource("job-<key>")`).

    Slugs have no `-`, so `<domain>-<job>` never equals a platform job's name."""
    return f"{domain}-{job}"


def domain_job_name(naming: Naming, domain: str, job: str) -> str:
    """The Glue job name of one of the domain's jobs, as `GlueJobs` names it."""
    return naming.resource(f"job-{domain_job_key(domain, job)}")


def domain_job_names(naming: Naming, domain: ResolvedDomain) -> tuple[str, ...]:
    """The Glue job names of the domain's jobs, as `GlueJobs` names them."""
    return tuple(domain_job_name(naming, domain.name, j.name) for j in domain.spec.jobs)


def gated_domain_jobs(
    naming: Naming, domain: ResolvedDomain, tables: Sequence[CheckedTable]
) -> dict[str, list[CheckedTable]]:
    """The domain's jobs whose source (`domains/<domain>/` of the source zone) holds a
    checked table, with those tables, by job name."""
    gated = {}
    for job in domain.spec.jobs:
        sources = tables_under(tables, naming.bucket(job.source_zone), [domain.spec.prefix()])
        if sources:
            gated[job.name] = sources
    return gated


def domain_job_spec(
    ctx: StackContext,
    domain: ResolvedDomain,
    job: DomainJob,
    lake_key_arns: Mapping[str, pulumi.Input[str]],
    gated: bool = False,
) -> GlueJobSpec:
    """The platform's job spec for one of the domain's jobs, confined to the domain;
    a `gated` job gets no Glue trigger (its DAG starts it behind the contract gate).
    Defaults to ungated."""
    naming, spec = ctx.naming, domain.spec
    return GlueJobSpec(
        name=domain_job_key(spec.name, job.name),
        script_path=str(REPOSITORY / job.script),
        source_bucket=naming.bucket(job.source_zone),
        source_kms_key_arn=lake_key_arns[job.source_zone],
        source_database=naming.glue_database(job.source_zone, spec.name),
        target_bucket=naming.bucket(job.target_zone),
        target_kms_key_arn=lake_key_arns[job.target_zone],
        target_database=naming.glue_database(job.target_zone, spec.name),
        source_prefixes=(spec.prefix(),),
        target_prefix=spec.prefix(),
        worker_type=job.worker_type,
        number_of_workers=job.number_of_workers,
        timeout_minutes=job.timeout_minutes,
        max_retries=job.max_retries,
        schedule=None if gated else job.schedule,
    )


def domain_glue_jobs(
    name: str,
    ctx: StackContext,
    domain: ResolvedDomain,
    refs: PlatformRefs,
    opts: pulumi.ResourceOptions,
    checked: Sequence[CheckedTable] = (),
) -> GlueJobs:
    """The domain's `GlueJobs`. `checked` are the lake tables contracts check
    (`pipeline_gates.checked_tables`): a job reading one has no trigger; defaults to none."""
    gated = gated_domain_jobs(ctx.naming, domain, checked)
    return GlueJobs(
        f"{name}-domain-{domain.name}-jobs",
        GlueJobsArgs(
            naming=ctx.naming,
            tags=ctx.tags_for(domain.spec.owner),
            jobs=[
                domain_job_spec(ctx, domain, j, refs.lake_key_arns, j.name in gated)
                for j in domain.spec.jobs
            ],
            scripts_bucket=refs.require("scripts_bucket"),
            catalog_kms_key_arn=refs.require("orchestration_key_arn"),
            alert_topic_arn=refs.alerts_topic_arn,
            scripts_kms_key_arn=refs.require("orchestration_key_arn"),
            data_classification=domain.spec.data_classification,
            failure_rule=f"glue-job-failures-{domain.name}",
            failure_description=(
                f"Glue jobs of domain {domain.name} that end FAILED, TIMEOUT or ERROR"
            ),
        ),
        opts,
    )
