"""The roles that run Glue Data Quality checks can do nothing beyond them.

Judged by the pack's IAM evaluator (preflight/iam_evaluation.py, the same reader and
evaluator as the data-path rules), with requests a least-privilege role must be DENIED:
- the **scheduler role** (the schedule's `roleArn`): starting a run of another ruleset,
  passing another role, passing the evaluation role to another service than Glue,
  changing or deleting its ruleset;
- the **evaluation role** (the request's `Role`): reading an object of the table's
  bucket outside the table's prefix, writing or deleting any object there, publishing
  results of or reading another ruleset, reading another database's tables, decrypting
  with a key of no checked table.
What the roles must be ALLOWED is the journey's part (`journey-quality-failure-alerted`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import is_unknown
from ..core.view import Finding, NotEvaluated
from ..facts import arns
from ..preflight.aws_resources import AwsResources, Role, default_key_policy, shared_aws_resources
from ..preflight.iam_evaluation import Document, Request, evaluate
from .quality_paths import SCHEDULE, ScheduledRun, scheduled_runs, table_location

PROBE = "outside-the-checks"
GLUE = "glue.amazonaws.com"


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Every probe request of each scheduled run's two roles is denied."""
    for schedule in index.of_type(SCHEDULE):
        if is_unknown(schedule.get("target")):
            yield schedule.not_evaluated("target")
    runs = scheduled_runs(index)
    if not runs:
        return
    try:
        res = shared_aws_resources(index)
    except NotEvaluated as exc:
        for run in runs:
            yield run.schedule.not_evaluated(exc.what)
        return
    for run in runs:
        if is_unknown(run.role_arn) or not run.ruleset_names:
            yield run.schedule.not_evaluated("target.roleArn or target.input")
            continue
        scheduler, evaluation = res.role(run.role_arn), res.role(run.evaluation_role_arn)
        if scheduler is None or evaluation is None:
            continue  # a role outside the program: nothing to read here
        allowed = [
            f"scheduler role [{scheduler.view.name}] may {_say(r)}"
            for r in scheduler_probes(res, scheduler, evaluation, run)
            if _allowed(res, r, scheduler.documents)
        ] + [
            f"evaluation role [{evaluation.view.name}] may {_say(r)}"
            for r in evaluation_probes(index, res, evaluation, run)
            if _allowed(res, r, evaluation.documents)
        ]
        if allowed:
            yield run.schedule.violation(
                f"the roles of quality schedule [{run.schedule.name}] are not least privilege: "
                + "; ".join(allowed)
            )


def scheduler_probes(
    res: AwsResources, scheduler: Role, evaluation: Role, run: ScheduledRun
) -> list[Request]:
    """What the scheduler role must not be allowed."""
    who = scheduler.arn
    other_ruleset = arns.glue_quality_ruleset(res.region, res.account, PROBE)
    own = [arns.glue_quality_ruleset(res.region, res.account, n) for n in run.ruleset_names]
    return [
        Request(who, "glue:StartDataQualityRulesetEvaluationRun", other_ruleset),
        Request(
            who,
            "iam:PassRole",
            arns.iam_role(res.account, PROBE),
            {"iam:PassedToService": GLUE},
        ),
        Request(who, "iam:PassRole", evaluation.arn, {"iam:PassedToService": "ec2.amazonaws.com"}),
        *[Request(who, "glue:DeleteDataQualityRuleset", arn) for arn in own],
        *[Request(who, "glue:UpdateDataQualityRuleset", arn) for arn in own],
    ]


def evaluation_probes(
    index: StackIndex, res: AwsResources, evaluation: Role, run: ScheduledRun
) -> list[Request]:
    """What the evaluation role must not be allowed."""
    who = evaluation.arn
    probes = [
        Request(
            who,
            "glue:PublishDataQuality",
            arns.glue_quality_ruleset(res.region, res.account, PROBE),
        ),
        Request(
            who,
            "glue:GetDataQualityRuleset",
            arns.glue_quality_ruleset(res.region, res.account, PROBE),
        ),
        Request(who, "glue:GetTable", arns.glue(res.region, res.account, f"table/{PROBE}/{PROBE}")),
        Request(who, "kms:Decrypt", arns.kms_key(res.region, res.account, PROBE)),
    ]
    location = table_location(index, run.database, run.table)
    if location is not None:
        bucket, prefix = location
        outside = f"{arns.s3_bucket(bucket)}/{PROBE}"
        inside = f"{arns.s3_bucket(bucket)}/{prefix}{PROBE}"
        probes += [
            Request(who, "s3:GetObject", outside),
            Request(who, "s3:PutObject", inside),
            Request(who, "s3:DeleteObject", inside),
        ]
    return probes


def _allowed(res: AwsResources, request: Request, identity: Sequence[Document]) -> bool:
    key_policy = None
    if request.action.startswith("kms:"):
        key_policy = Document("default key policy", default_key_policy(res.account), "resource")
    return evaluate(request, identity, key_policy).allowed


def _say(request: Request) -> str:
    passed = request.context.get("iam:PassedToService")
    to = f" to {passed}" if passed else ""
    return f"{request.action} on {request.resource}{to}"


RULE = Rule(
    id="quality-roles-least-privilege",
    description=(
        "The scheduler role of a Glue Data Quality schedule may start runs of its own "
        "rulesets and pass only the evaluation role, to Glue only; the evaluation role may "
        "read only the checked tables (files, catalog, keys) and use only its rulesets."
    ),
    severity="high",
    remediation=(
        "Scope the scheduler role to glue:StartDataQualityRulesetEvaluationRun on "
        "dataQualityRuleset/<its rulesets> and iam:PassRole on the evaluation role with "
        "iam:PassedToService glue.amazonaws.com; scope the evaluation role to the tables' "
        "prefixes, databases and keys and its rulesets (components/quality/quality_iam.py)."
    ),
    resource_types=(SCHEDULE,),
    check_stack=check,
)
