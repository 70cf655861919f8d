"""Journey: every Glue job and crawler runs.

A job nothing starts is an orchestrator with nothing to orchestrate. Each Glue job and
crawler of the program is followed to what starts it, the first that works being enough:

- a schedule: the crawler's own `schedule`, a Glue trigger (SCHEDULED or CONDITIONAL,
  enabled) whose actions name it, or an EventBridge Scheduler schedule whose universal
  target (`arn:aws:scheduler:::aws-sdk:glue:startJobRun` / `:startCrawler`) names it in
  its input;
- a DAG: an MWAA environment's source bucket holds, under its `dagS3Path`, at least one
  DAG file (`*.py`) and a rendered DAG config (`*.json`, the `content` of the uploaded
  object, format of components/orchestration/airflow_dags.py) naming it; then the
  environment's execution role may make the calls the Amazon provider's operators make
  (judged by the IAM evaluator, as every data path). For a job, that includes the
  evaluations its DAG runs (the contract gate before it, the checks of its output after):
  for each ruleset, the calls of GlueDataQualityRuleSetEvaluationRunOperator and
  `iam:PassRole` of the evaluation role to Glue. Without them the gate fails and the job
  never runs.

The rendered config, not the DAG source, is read: the pack sees an uploaded file only as a
path, and the DAG integrity test (tests/pipeline_code/test_dag_integrity.py) proves that
the DAGs' tasks name exactly what the config names.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from typing import Any

from ..core.index import StackIndex
from ..core.rule import Context
from ..core.values import as_list, is_unknown
from ..core.view import ResourceView
from ..facts import arns
from ..facts.tokens import (
    GLUE_CRAWLER,
    GLUE_JOB,
    GLUE_TRIGGER,
    MWAA_ENVIRONMENT,
    S3_BUCKET_OBJECT,
    S3_BUCKET_OBJECTV2,
    SCHEDULER_SCHEDULE,
)
from ..preflight.aws_resources import AwsResources
from ..preflight.aws_steps import Step, role_flow
from ..preflight.iam_evaluation import Request
from .aws_account import aws_journeys
from .iam_hops import request_hops
from .journey import Hop, Journey, broken, ok

KIND = "journey-every-job-runs"
TYPES = (GLUE_JOB, GLUE_CRAWLER)
# What the Amazon provider 9.0.0 operators call for an existing job or crawler
# (GlueJobOperator: GlueJobHook.has_job, start_job_run, get_job_run;
# GlueCrawlerOperator: GlueCrawlerHook.get_crawler, start_crawler, get_crawler).
CALLS: dict[str, tuple[str, ...]] = {
    GLUE_JOB: ("glue:GetJob", "glue:StartJobRun", "glue:GetJobRun"),
    GLUE_CRAWLER: ("glue:GetCrawler", "glue:StartCrawler"),
}
ARN_KIND = {GLUE_JOB: "job", GLUE_CRAWLER: "crawler"}
# What the Amazon provider 9.0.0's GlueDataQualityRuleSetEvaluationRunOperator calls per
# ruleset (GlueDataQualityHook: get_data_quality_ruleset, start_data_quality_ruleset_
# evaluation_run, the waiter's get_data_quality_ruleset_evaluation_run, and
# batch_get_data_quality_result, authorized by glue:GetDataQualityResult).
EVALUATION_CALLS = (
    "glue:GetDataQualityRuleset",
    "glue:StartDataQualityRulesetEvaluationRun",
    "glue:GetDataQualityRulesetEvaluationRun",
    "glue:GetDataQualityResult",
)
EVALUATION_KEYS = ("gate", "quality")
GLUE_SERVICE = "glue.amazonaws.com"
SCHEDULER_TARGETS = {
    GLUE_JOB: ("arn:aws:scheduler:::aws-sdk:glue:startJobRun", "JobName"),
    GLUE_CRAWLER: ("arn:aws:scheduler:::aws-sdk:glue:startCrawler", "Name"),
}
TRIGGER_KEY = {GLUE_JOB: "jobName", GLUE_CRAWLER: "crawlerName"}
CONFIG_KEYS = {GLUE_JOB: ("job",), GLUE_CRAWLER: ("crawl_before", "crawl_after")}


def journey_name(view: ResourceView) -> str:
    """The journey's name for a job or crawler."""
    what = "Glue job" if view.type == GLUE_JOB else "Glue crawler"
    return f"{what} [{view.get('name') or view.name}] runs"


def schedule_hop(index: StackIndex, view: ResourceView, name: str) -> Hop | None:
    """The schedule that starts `view`, or None."""
    if view.type == GLUE_CRAWLER and view.get("schedule"):
        return ok("a schedule starts it", f"the crawler's schedule {view.get('schedule')}", view)
    key = TRIGGER_KEY[view.type]
    for trigger in index.of_type(GLUE_TRIGGER):
        runs_itself = trigger.get("type") in ("SCHEDULED", "CONDITIONAL")
        if not runs_itself or trigger.get("enabled") is False:
            continue
        if any(isinstance(a, dict) and a.get(key) == name for a in as_list(trigger.get("actions"))):
            return ok("a schedule starts it", f"Glue trigger [{trigger.name}]", trigger)
    target_arn, field = SCHEDULER_TARGETS[view.type]
    for schedule in index.of_type(SCHEDULER_SCHEDULE):
        if schedule.get("target.arn") != target_arn or schedule.get("state") == "DISABLED":
            continue
        if _json(schedule.get("target.input")).get(field) == name:
            return ok("a schedule starts it", f"Scheduler schedule [{schedule.name}]", schedule)
    return None


def dag_configs(index: StackIndex, environment: ResourceView) -> list[tuple[ResourceView, Any]]:
    """The rendered DAG configs in the environment's DAG folder, beside at least one DAG."""
    bucket = arns.bucket_name(str(environment.get("sourceBucketArn") or ""))
    folder = str(environment.get("dagS3Path") or "").strip("/") + "/"
    objects = [
        o
        for o in index.of_type(S3_BUCKET_OBJECTV2, S3_BUCKET_OBJECT)
        if bucket and o.get("bucket") == bucket and str(o.get("key") or "").startswith(folder)
    ]
    if not any(str(o.get("key")).endswith(".py") for o in objects):
        return []
    return [
        (o, _json(o.get("content")))
        for o in objects
        if str(o.get("key")).endswith(".json") and not is_unknown(o.get("content"))
    ]


def named_in(config: Any, view: ResourceView, name: str) -> dict[str, Any] | None:
    """The config's pipeline that names `name`, or None."""
    for pipeline in as_list(config.get("pipelines") if isinstance(config, dict) else None):
        if not isinstance(pipeline, dict):
            continue
        for key in CONFIG_KEYS[view.type]:
            value = pipeline.get(key)
            if value == name or (isinstance(value, list) and name in value):
                return pipeline
    return None


def evaluation_steps(res: AwsResources, role_arn: str, pipeline: dict[str, Any]) -> list[Step]:
    """The execution role's requests for each evaluation the pipeline runs (gate first)."""
    steps = []
    for key in EVALUATION_KEYS:
        for check in as_list(pipeline.get(key)):
            if not isinstance(check, dict):
                continue
            ruleset = arns.glue_quality_ruleset(res.region, res.account, str(check.get("ruleset")))
            steps += [Step(Request(role_arn, action, ruleset)) for action in EVALUATION_CALLS]
            steps.append(
                Step(
                    Request(
                        role_arn,
                        "iam:PassRole",
                        str(check.get("role")),
                        {"iam:PassedToService": GLUE_SERVICE},
                    )
                )
            )
    return steps


def dag_hops(
    index: StackIndex, res: AwsResources, view: ResourceView, name: str
) -> list[Hop] | None:
    """A DAG of an MWAA environment that names `view`, and its execution role's calls."""
    for environment in index.of_type(MWAA_ENVIRONMENT):
        for config_object, config in dag_configs(index, environment):
            pipeline = named_in(config, view, name)
            if pipeline is None:
                continue
            found = ok(
                "a DAG starts it",
                f"DAG {pipeline.get('dag_id')} of {config_object.get('key')} in MWAA "
                f"[{environment.name}]",
                config_object,
            )
            role = res.role(environment.need("executionRoleArn"))
            if role is None:
                return [found, broken("the execution role", "is not in the program", environment)]
            arn = arns.glue(res.region, res.account, f"{ARN_KIND[view.type]}/{name}")
            steps = [Step(Request(role.arn, action, arn)) for action in CALLS[view.type]]
            if view.type == GLUE_JOB:
                steps += evaluation_steps(res, role.arn, pipeline)
            flow = role_flow(KIND, journey_name(view), view, role, steps)
            return [found, *request_hops(flow)]
    return None


def job_journeys(index: StackIndex, ctx: Context) -> Iterator[Journey]:
    """One journey per Glue job and crawler."""
    yield from aws_journeys(
        index, KIND, index.of_type(*TYPES), journey_name, partial(_job_hops, index)
    )


def _job_hops(index: StackIndex, res: AwsResources, view: ResourceView) -> list[Hop]:
    """What starts the job or crawler: a schedule, else an uploaded DAG that may run it."""
    name = str(view.need("name"))
    scheduled = schedule_hop(index, view, name)
    if scheduled is not None:
        return [scheduled]
    hops = dag_hops(index, res, view, name)
    if hops is not None:
        return hops
    return [
        broken(
            "something starts it",
            f"no schedule (Glue trigger, crawler schedule, Scheduler schedule) and no "
            f"uploaded DAG config names {name}: it never runs",
            view,
        )
    ]


def _json(value: Any) -> Any:
    """A JSON document's value; {} when it is not one."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        return {}
    try:
        return json.loads(value)
    except ValueError:
        return {}
