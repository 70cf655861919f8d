"""Every data path the program wires up is allowed end to end by IAM.

Each flow (aws_flows.py) is a list of requests; each request is judged by the same-account
evaluator (iam_evaluation.py) against the principal's identity policies and the resource
policy on its way (bucket, key, secret, topic, trust policy). A flow with a denied request is
a violation naming the flow, the request, the statement that denies it (or "no statement
allows it") and the resource to change. A role with managed policies outside the program
cannot be judged on an implicit deny: that flow is not evaluated.

Configuration (`stacks/policy.<stack>.json`): `{"preflight-aws-data-paths-allowed":
{"deployers": ["arn:aws:iam::<acct>:role/ci-deployer", "arn:aws:iam::<acct>:role/aws-reserved/
sso.amazonaws.com/*/AWSReservedSSO_Admin_*"]}}`; each pattern is judged as one sample
principal (`*` and `?` become `x`). No deployers configured: the deployer flows are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..core.index import StackIndex
from ..core.per_stack import once
from ..core.rule import Context, Rule
from ..core.view import Finding, NotEvaluated, ResourceView
from .aws_flows import SOURCE_TYPES, all_flows
from .aws_resources import TYPES, shared_aws_resources
from .aws_steps import Flow, Step
from .iam_catalogue import is_known
from .iam_evaluation import Decision, evaluate

RULE_ID = "preflight-aws-data-paths-allowed"


def judge(flow: Flow) -> list[tuple[Step, Decision]]:
    """The denied steps of a flow, each with its decision."""
    denied = []
    for step in flow.steps:
        decision = evaluate(step.request, flow.identity, step.resource)
        if not decision.allowed:
            denied.append((step, decision))
    return denied


def holder_to_change(flow: Flow, step: Step, decision: Decision) -> ResourceView | None:
    """The resource whose document must change: the denying statement's; for a missing allow
    the side the evaluator names, else the resource policy (services) or the role."""
    if decision.statement is not None and step.resource is not None:
        denied_by_resource = decision.statement.document == step.resource.name
        return step.holder if denied_by_resource else flow.principal_holder
    if decision.fix == "identity":
        return flow.principal_holder
    if decision.fix == "resource" or step.request.is_service:
        return step.holder
    return flow.principal_holder or step.holder


def _to_change(flow: Flow, step: Step, decision: Decision) -> str:
    holder = holder_to_change(flow, step, decision)
    if holder is None:
        return "the policy that should allow it"
    return f"{holder.type.split(':')[-1]} [{holder.name}]"


def _message(flow: Flow, denied: list[tuple[Step, Decision]]) -> str:
    parts = []
    for step, decision in denied:
        request = step.request
        why = decision.explain()
        unknown = is_known(request.action) is False
        parts.append(
            f"{request.action} on {request.resource} {why}"
            + (" (the IAM catalogue does not know this action)" if unknown else "")
            + f"; change {_to_change(flow, step, decision)}"
        )
    return f"data path [{flow.label}] is denied: " + "; ".join(parts)


@dataclass(frozen=True)
class FlowResult:
    """One flow as the rule judged it (the plan's preflight section lists them).

    `status`: allowed, denied, blocked, not-evaluated; `finding`: what the rule reports for
    it (None when allowed); `flow` is None for a source whose values are unknown until apply.
    """

    status: str
    label: str
    flow: Flow | None
    denied: tuple[tuple[Step, Decision], ...] = ()
    finding: Finding | None = None


def flow_results(index: StackIndex, ctx: Context) -> Iterator[FlowResult]:
    """Every flow of the stack with its outcome, in the order the rule reports them.

    Computed once per stack index and context: the rule and the plan's preflight section
    read the same results (core/per_stack.py).
    """
    return iter(once(index, _all_flow_results, ctx))


def _all_flow_results(index: StackIndex, ctx: Context) -> tuple[FlowResult, ...]:
    return tuple(_flow_results(index, ctx))


def _flow_results(index: StackIndex, ctx: Context) -> Iterator[FlowResult]:
    sources = index.of_type(*SOURCE_TYPES)
    if not sources:
        return
    try:
        res = shared_aws_resources(index)
    except NotEvaluated as exc:
        # A program with no AWS account in sight (a Snowflake-only program's ingest, say):
        # no data path can be judged, and none may stop the plan.
        finding = sources[0].not_evaluated(f"every AWS data path: {exc.what}")
        yield FlowResult("not-evaluated", finding.message, None, finding=finding)
        return
    for item in all_flows(res, ctx):
        if isinstance(item, Finding):
            yield FlowResult("not-evaluated", item.message, None, finding=item)
            continue
        flow = item
        if flow.blocked:
            finding = flow.owner.violation(f"data path [{flow.label}] cannot work: {flow.blocked}")
            yield FlowResult("blocked", flow.label, flow, finding=finding)
            continue
        denied = tuple(judge(flow))
        if not denied:
            yield FlowResult("allowed", flow.label, flow)
            continue
        implicit = [d for _, d in denied if d.outcome == "implicit-deny"]
        if flow.external and len(implicit) == len(denied):
            finding = flow.owner.not_evaluated(
                f"data path [{flow.label}]: identity policies outside the program "
                f"({', '.join(flow.external)})"
            )
            yield FlowResult("not-evaluated", flow.label, flow, denied, finding)
            continue
        yield FlowResult(
            "denied", flow.label, flow, denied, flow.owner.violation(_message(flow, list(denied)))
        )


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each flow's requests must all be allowed."""
    for result in flow_results(index, ctx):
        if result.finding is not None:
            yield result.finding


RULE = Rule(
    id=RULE_ID,
    description=(
        "Every data path the program wires up (Snowpipe and crawler reads, Glue job reads and "
        "writes with their security configuration's keys, MWAA files and secrets, S3 access log "
        "delivery, S3 replication, VPC flow logs, EventBridge to SNS, the configured deployers) "
        "is allowed by the identity policy and every resource, key, secret, topic and trust "
        "policy on its way."
    ),
    severity="high",
    remediation=(
        "Change the statement the message names (or add one that allows the request): the "
        "resource's policy for an explicit deny, the role's policy or the key policy for a "
        "missing allow. Configure `deployers` (role ARNs or ARN patterns) to check the deploying "
        "principals."
    ),
    resource_types=TYPES + SOURCE_TYPES,
    check_stack=check,
    config_schema={"deployers": {"type": "array", "items": {"type": "string"}}},
)
