"""The contract gate of every Glue job's DAG: which checked tables gate which jobs.

Issue 19: a job whose source tables a contract checks runs only after their Glue Data
Quality rulesets pass (crawl source → evaluate → job → crawl target → evaluate). The
names the DAGs need (rulesets, tables, evaluation roles, crawlers) are all known from the
resolved domains before anything is built, so they are worked out here, once, and given
to `Orchestration` (which renders the DAG config) as plain names; `composition/quality.py`
builds the rulesets under the same names (`ruleset_name`, `evaluation_role_name`).

A domain's job whose source has a checked table is run by its DAG instead of a Glue
trigger (a trigger would start it ungated); a job whose source no contract covers keeps
its trigger and runs ungated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from components.orchestration.airflow_dags import CheckedTable, PipelineSpec, tables_under
from components.quality.domain_crawlers import crawler_name
from components.quality.lake_quality import evaluation_role_name
from components.quality.quality_iam import RESULTS_FOLDER
from composition.context import StackContext
from composition.domain_jobs import domain_job_key, domain_job_name, gated_domain_jobs
from policies.rules.facts import arns
from stacks.contracts.lake_checks import LakeCheck, lake_checks
from stacks.domain_spec import DomainJob, ResolvedDomain

# Glue cron fields that have no Airflow (5-field cron) equivalent.
_GLUE_ONLY = re.compile(r"[LW#]")


def ruleset_purpose(domain: str, check: LakeCheck) -> str:
    """The naming purpose of a check's ruleset and schedule
    (`dq-<domain>-<zone>-<table>-<contract>`)."""
    return f"dq-{domain}-{check.crawled.zone}-{check.crawled.table}-{contract_slug(check)}"


def contract_slug(check: LakeCheck) -> str:
    """The contract file's stem as a slug (`contacts`)."""
    stem = re.split(r"[\\/]", check.contract_file)[-1].rsplit(".", 1)[0]
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")


def results_prefix(domain: ResolvedDomain) -> str:
    """Where a domain's evaluations write their results in a zone bucket
    (`domains/<domain>/_quality_results/`)."""
    return domain.spec.prefix(RESULTS_FOLDER)


def checked_tables(ctx: StackContext, domains: Sequence[ResolvedDomain]) -> list[CheckedTable]:
    """Every lake table a contract checks in this environment, with the names the DAGs use."""
    naming = ctx.naming
    found = []
    for domain in domains:
        role = arns.iam_role(naming.account_id, naming.iam_role(evaluation_role_name(domain.name)))
        for check in lake_checks(domain, ctx.environment):
            crawled = check.crawled
            found.append(
                CheckedTable(
                    bucket=naming.bucket(crawled.zone),
                    prefix=crawled.prefix,
                    crawler=crawler_name(naming, domain.name, crawled.source),
                    ruleset=naming.resource(ruleset_purpose(domain.name, check)),
                    database=naming.glue_database(crawled.zone, domain.name),
                    table=crawled.table,
                    role=role,
                    results=f"s3://{naming.bucket(crawled.zone)}/{results_prefix(domain)}",
                )
            )
    return found


def domain_pipelines(
    ctx: StackContext, domains: Sequence[ResolvedDomain], tables: Sequence[CheckedTable]
) -> list[PipelineSpec]:
    """One DAG per gated domain job, on the job's own schedule (its Glue cron, as Airflow's)."""
    naming, pipelines = ctx.naming, []
    for domain in domains:
        gated = gated_domain_jobs(naming, domain, tables)
        for job in domain.spec.jobs:
            if job.name not in gated:
                continue
            key = domain_job_key(domain.name, job.name)
            outputs = tables_under(
                tables, naming.bucket(job.target_zone), [f"{domain.spec.prefix()}{key}/"]
            )
            pipelines.append(
                PipelineSpec(
                    dag_id=f"job_{key}",
                    job=domain_job_name(naming, domain.name, job.name),
                    crawl_before=sorted({t.crawler for t in gated[job.name]}),
                    gate=[t.evaluation() for t in gated[job.name]],
                    crawl_after=sorted({t.crawler for t in outputs}),
                    quality=[t.evaluation() for t in outputs],
                    schedule=airflow_cron(domain.name, job),
                )
            )
    return pipelines


def airflow_cron(domain: str, job: DomainJob) -> str:
    """The job's Glue cron `cron(M H DoM Mon DoW Y)` as Airflow's five-field cron (UTC both).

    `?` becomes `*`; the year must be `*`. Glue-only forms (`L`, `W`, `#`) and numeric
    days of the week (Glue counts 1-7 from Sunday, cron 0-6) are refused, naming the job:
    use day names (MON-FRI), which both accept.
    """
    fields = job.schedule.removeprefix("cron(").removesuffix(")").split()
    minute, hour, day, month, weekday, year = fields
    where = f"domain [{domain}] job [{job.name}]: schedule {job.schedule}"
    if year not in ("*", "?"):
        raise ValueError(f"{where}: a gated job runs from Airflow, whose cron has no year")
    if any(_GLUE_ONLY.search(f) for f in fields) or re.search(r"\d", weekday):
        raise ValueError(
            f"{where}: a gated job runs from Airflow; use day names (MON-FRI) and no L, W or #"
        )
    return " ".join(f.replace("?", "*") for f in (minute, hour, day, month, weekday))
