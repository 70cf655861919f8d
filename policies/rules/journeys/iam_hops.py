"""The IAM part of a journey: each request of a data path as one hop, judged by the same
evaluator and the same "what to change" as the data-path rule (one model, two readers)."""

from __future__ import annotations

from ..preflight.aws_data_paths_allowed import holder_to_change
from ..preflight.aws_steps import Flow
from ..preflight.iam_evaluation import evaluate
from .journey import Hop, broken, ok, unknown


def request_hops(flow: Flow) -> list[Hop]:
    """One hop per request of `flow`: ok when allowed; broken naming the statement (or the
    missing allow) and the resource to change; not evaluated when only identity policies
    outside the program could allow it."""
    hops = []
    for step in flow.steps:
        request = step.request
        name = f"{request.action} by {_who(request.principal)}"
        decision = evaluate(request, flow.identity, step.resource)
        where = f"on {request.resource}"
        if decision.allowed:
            hops.append(ok(name, f"{where} {decision.explain()}", step.holder))
        elif flow.external and decision.outcome == "implicit-deny":
            detail = f"{where}: identity policies outside the program ({', '.join(flow.external)})"
            hops.append(unknown(name, detail, flow.principal_holder))
        else:
            holder = holder_to_change(flow, step, decision)
            hops.append(broken(name, f"{where} {decision.explain()}", holder))
    return hops


def _who(principal: str) -> str:
    """`events.amazonaws.com`, or the role name of a role ARN."""
    return principal.rsplit("/", 1)[-1] if principal.startswith("arn:") else principal
