"""Journey: a failed check reaches the domain owner (the AWS side).

Each Glue Data Quality ruleset is followed from its schedule to the alerts topic:
EventBridge Scheduler assumes the schedule's role (the trust as Scheduler calls it:
service_requests.py), the role starts an evaluation run of the ruleset and passes the
evaluation role to Glue, Glue assumes that role, which reads the table's files (listing
its prefix, reading an object, decrypting with the bucket's key through S3) and catalog
entry, publishes the results and, when the request names a `ResultsS3Prefix`, writes
them there (PutObject with no encryption header, so the bucket's default SSE-KMS
encrypts them: bucket policy and key policy judged as S3 calls KMS for the writer);
the results event of a failed evaluation (shaped as AWS's sample,
quality_paths.failed_result) is matched by an event rule, whose target
publishes to the topic (topic policy and key as EventBridge calls them) and the topic
has a subscription. Last hop: the domain owning the ruleset's database (its catalog
database is a domain's resource) has a subscription whose filter policy matches that
event (owner_told.py, the failure journey's same hop); a platform database's ruleset
ends at the topic's subscribers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from typing import Any

from ..alerts.alert_samples import glue_database_domains
from ..core.index import StackIndex
from ..core.per_stack import once
from ..core.rule import Context
from ..core.view import ResourceView
from ..facts import arns
from ..facts.tokens import GLUE_CATALOG_DATABASE
from ..preflight.aws_resources import AwsResources
from ..preflight.aws_steps import Flow, Step, assume, role_flow, s3_location, s3_read, s3_write
from ..preflight.iam_evaluation import Request
from ..quality.quality_paths import (
    RULESET,
    ScheduledRun,
    failed_result,
    routed_rules,
    runs_of,
    table_location,
    targets_of,
)
from .alert_journeys import Path, best, to_topic
from .aws_account import aws_journeys
from .iam_hops import request_hops
from .journey import Hop, Journey, broken, ok, unknown
from .owner_told import owner_hops
from .service_requests import context_for

KIND = "journey-quality-failure-alerted"
SCHEDULER = "scheduler.amazonaws.com"
GLUE = "glue.amazonaws.com"
START_RUN = "glue:StartDataQualityRulesetEvaluationRun"
# A results object the evaluation writes under its ResultsS3Prefix (a sample name).
RESULTS_SAMPLE = "sample/results.jsonl"


def quality_journeys(index: StackIndex, ctx: Context) -> Iterator[Journey]:
    """One journey per Glue Data Quality ruleset of the program."""
    yield from aws_journeys(
        index, KIND, index.of_type(RULESET), _name, partial(ruleset_hops, index)
    )


def _name(ruleset: ResourceView) -> str:
    return f"a failed check of ruleset [{ruleset.name}] reaches its owner"


def ruleset_hops(index: StackIndex, res: AwsResources, ruleset: ResourceView) -> list[Hop]:
    """Schedule → scheduler role → evaluation role → results rule → topic → subscribers."""
    runs = runs_of(index, ruleset)
    if not runs:
        return [broken("a schedule runs it", "no schedule names it in RulesetNames", ruleset)]
    run = runs[0]
    hops = [ok("a schedule runs it", run.schedule.name, run.schedule)]
    ruleset_arn = arns.glue_quality_ruleset(res.region, res.account, str(ruleset.need("name")))
    hops += _scheduler_hops(res, run, ruleset_arn)
    hops += _evaluation_hops(index, res, run, ruleset_arn)
    return hops + _results_hops(index, res, ruleset)


def _scheduler_hops(res: AwsResources, run: ScheduledRun, ruleset_arn: str) -> list[Hop]:
    scheduler, evaluation = res.role(run.role_arn), res.role(run.evaluation_role_arn)
    if scheduler is None or evaluation is None:
        return [
            unknown(
                "the roles of the run",
                f"role {run.role_arn} or {run.evaluation_role_arn} is not in the program",
                run.schedule,
            )
        ]
    schedule_arn = arns.scheduler_schedule(
        res.region, res.account, str(run.schedule.get("groupName") or "default"),
        str(run.schedule.need("name")),
    )  # fmt: skip
    source = {"aws:SourceAccount": res.account, "aws:SourceArn": schedule_arn}
    trust = assume(SCHEDULER, scheduler, context_for(SCHEDULER, "sts:AssumeRole", source))
    steps = [
        Step(Request(scheduler.arn, START_RUN, ruleset_arn)),
        Step(Request(scheduler.arn, "iam:PassRole", evaluation.arn, {"iam:PassedToService": GLUE})),
    ]
    label = f"schedule [{run.schedule.name}] starts a run"
    return [
        *request_hops(Flow("quality", label, run.schedule, (), (trust,))),
        *request_hops(role_flow("quality", label, run.schedule, scheduler, steps)),
    ]


def _evaluation_hops(
    index: StackIndex, res: AwsResources, run: ScheduledRun, ruleset_arn: str
) -> list[Hop]:
    evaluation = res.role(run.evaluation_role_arn)
    if evaluation is None:
        return []
    trust = assume(GLUE, evaluation, context_for(GLUE, "sts:AssumeRole", {}))
    table_arn = arns.glue(res.region, res.account, f"table/{run.database}/{run.table}")
    steps = [Step(Request(evaluation.arn, "glue:GetTable", table_arn))]
    location = table_location(index, run.database, run.table)
    bucket = res.bucket(location[0]) if location else None
    hops: list[Hop] = []
    if location is None or bucket is None:
        hops.append(
            unknown(
                "the table's files",
                f"no crawler of the program creates {run.database}.{run.table} from a bucket "
                "of the program",
                run.schedule,
            )
        )
    else:
        steps += s3_read(res, evaluation.arn, bucket, location[1])
    steps.append(Step(Request(evaluation.arn, "glue:PublishDataQuality", ruleset_arn)))
    results = s3_location(results_prefix(run))
    results_bucket = res.bucket(results[0]) if results else None
    if results is not None and results_bucket is None:
        hops.append(
            unknown("its results", f"bucket {results[0]} is not in the program", run.schedule)
        )
    elif results is not None and results_bucket is not None:
        # What Glue sends when it writes results is not documented: modelled as no SSE
        # header (the bucket's default encryption applies).
        obj = f"{results[1]}{RESULTS_SAMPLE}"
        steps += s3_write(res, evaluation.arn, results_bucket, obj, None, None)
    label = f"the evaluation of {run.database}.{run.table}"
    return [
        *request_hops(Flow("quality", label, run.schedule, (), (trust,))),
        *request_hops(role_flow("quality", label, run.schedule, evaluation, steps)),
        *hops,
    ]


def results_prefix(run: ScheduledRun) -> Any:
    """The `AdditionalRunOptions.ResultsS3Prefix` of the run's request, or None."""
    request = run.schedule.get("target.input")
    try:
        parsed = json.loads(request) if isinstance(request, str) else None
    except ValueError:
        return None
    options = parsed.get("AdditionalRunOptions") if isinstance(parsed, dict) else None
    return options.get("ResultsS3Prefix") if isinstance(options, dict) else None


def _database_domains(index: StackIndex) -> dict[str, str]:
    """Glue database name -> its domain, once per stack index (read for every ruleset)."""
    return glue_database_domains(
        (d.name, d.get("name")) for d in index.of_type(GLUE_CATALOG_DATABASE)
    )


def _results_hops(index: StackIndex, res: AwsResources, ruleset: ResourceView) -> list[Hop]:
    event = failed_result(ruleset)
    if event is None:
        return [unknown("its results event", "its target table is unknown", ruleset)]
    domain = once(index, _database_domains).get(event["detail"]["context"]["databaseName"])
    paths: list[Path] = []
    for rule in routed_rules(index, event):
        matched = ok("an event rule matches its failed results", rule.name, rule)
        source = {"aws:SourceArn": str(rule.output("arn")), "aws:SourceAccount": res.account}
        for target in targets_of(index, rule):
            path = to_topic(index, res, "events.amazonaws.com", target.need("arn"), source)
            topic = res.topic(target.need("arn"))
            if path is not None and topic is not None:
                told = owner_hops(index, topic, ruleset.name, event, domain)
                paths.append((matched, ok("the rule's target", target.name, target), *path, *told))
    none = broken(
        "an event rule matches its failed results",
        "no EventBridge rule with an SNS target of the program matches an "
        "aws.glue-dataquality results event with rulesFailed > 0 for its table",
        ruleset,
    )
    return best(paths, none)
