"""Journey: a failed data-quality check on a Snowflake table reaches a person.

Built from what any program declares: each `snowflake.Execute` that attaches a data metric
function to a table (`ALTER TABLE t ADD DATA METRIC FUNCTION ...`) starts one journey,
followed hop by hop:
1. the DMF is attached: the Execute's role may do it (step model);
2. the table has a DATA_METRIC_SCHEDULE set by an Execute of the program, which the
   attaching one waits for (Snowflake evaluates associated DMFs on it);
3. a Snowflake alert reads the table's rows of
   SNOWFLAKE.LOCAL.DATA_QUALITY_MONITORING_EXPECTATION_STATUS (its condition names the
   view and the table), and its owner may read that view;
4. the alert runs: it has a schedule, is not disabled, and its owner holds EXECUTE ALERT
   and USAGE on its warehouse;
5. its action sends through a notification integration of the program, which its owner
   may use;
6. that integration's role publishes to the topic, and the topic has a subscriber (the
   same hops as a pipe's load errors, alert_journeys.py);
7. the domain owning the table's database (a domain's Snowflake database) is told: a
   subscription of that domain matches the message the alert's action sends (its literal
   JSON, with `domains`; owner_told.py, the failure journey's same hop). A platform
   table's journey ends at step 6.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..alerts.alert_paths import NOTIFICATION_INTEGRATION
from ..alerts.alert_samples import domain_of, literal_message
from ..core.index import StackIndex
from ..core.rule import Context
from ..core.view import NotEvaluated, ResourceView
from ..facts.tokens import SNOWFLAKE_ALERT, SNOWFLAKE_DATABASE, SNOWFLAKE_EXECUTE
from ..preflight.aws_alert_flows import snowflake_topics
from ..preflight.aws_resources import AwsResources
from ..preflight.aws_steps import Flow
from ..preflight.snowflake_objects import object_refs
from ..preflight.snowflake_steps import StepResult, Upstream, snowflake_steps
from ..snowflake.identifiers import ident
from .alert_journeys import subscribed
from .aws_account import aws_resources
from .iam_hops import request_hops
from .journey import Hop, Journey, broken, guarded, ok, unknown
from .owner_told import HOP, owner_hops

KIND = "journey-quality-alerted"
STATUS_VIEW = "DATA_QUALITY_MONITORING_EXPECTATION_STATUS"
_INTEGRATION = re.compile(r"SNOWFLAKE\.NOTIFICATION\.INTEGRATION\(\s*'([^']+)'", re.IGNORECASE)


def _table_of(view: ResourceView, key: str) -> str | None:
    """The table an Execute's DMF statement names under `key`, or None."""
    for refs in object_refs(view):
        if (ref := refs.get(key)) is not None:
            return ref[1]
    return None


def _step_hop(name: str, steps: Sequence[StepResult], resource: ResourceView) -> Hop:
    """`name` works when every step is allowed (the first denied or unknown one decides)."""
    for step in steps:
        if step.allowed is None:
            return unknown(name, f"{step.step}: {step.reason} is unknown", resource)
        if not step.allowed:
            detail = f"{step.step} runs as {step.role}, which lacks {' and '.join(step.missing)}"
            return broken(name, detail, resource)
    roles = sorted({s.role for s in steps if s.role})
    return ok(name, f"as {', '.join(roles)}" if roles else "", resource)


def _names_table(alert: ResourceView, table: str) -> bool:
    """Whether an alert's condition reads the expectation status of `table`."""
    condition = str(alert.get("condition") or "")
    if STATUS_VIEW not in condition.upper():
        return False
    database, schema, name = table.split(".")
    literals = {m.upper() for m in re.findall(r"'([^']*)'", condition)}
    return {database, schema, name} <= literals


def quality_journeys(index: StackIndex, ctx: Context) -> Iterator[Journey]:
    """One journey per DMF the program attaches to a table."""
    starts = []
    for execute in index.of_type(SNOWFLAKE_EXECUTE):
        try:
            if _table_of(execute, "dmf_table") is not None:
                starts.append(execute)
        except NotEvaluated:
            starts.append(execute)  # its journey says what is unknown
    if not starts:
        return
    res = aws_resources(
        index, KIND, starts, lambda s: f"a failed check of [{s.name}] reaches a person"
    )
    if isinstance(res, list):
        yield from res
        return
    steps: dict[str, list[StepResult]] = {}
    for step in snowflake_steps(index):
        steps.setdefault(step.urn, []).append(step)
    upstream = Upstream(index)
    for execute in starts:
        yield guarded(
            KIND,
            f"a failed check of [{execute.name}] reaches a person",
            execute,
            lambda execute=execute: _hops(index, res, steps, upstream, execute),  # type: ignore[misc]
        )


def _of(steps: dict[str, list[StepResult]], view: ResourceView, operation: str) -> list[StepResult]:
    return [s for s in steps.get(view.urn, []) if s.operation.startswith(operation)]


def _hops(
    index: StackIndex,
    res: AwsResources,
    steps: dict[str, list[StepResult]],
    upstream: Upstream,
    execute: ResourceView,
) -> list[Hop]:
    table = _table_of(execute, "dmf_table")
    if table is None:
        return [unknown("the DMF's table", "the Execute names no table", execute)]
    hops = [_step_hop(f"the DMF is attached to {table}", _of(steps, execute, "attach"), execute)]
    schedules = [
        e for e in index.of_type(SNOWFLAKE_EXECUTE) if _table_of(e, "schedule_table") == table
    ]
    if not schedules:
        return [*hops, broken("the table's DMF schedule", f"nothing sets it on {table}", execute)]
    schedule = schedules[0]
    if schedule.urn not in upstream.of(execute.urn):
        detail = f"the attaching Execute does not wait for [{schedule.name}]"
        return [*hops, broken("the table's DMF schedule", detail, execute)]
    hops.append(_step_hop("the table's DMF schedule", _of(steps, schedule, "set"), schedule))
    alerts = [a for a in index.of_type(SNOWFLAKE_ALERT) if _names_table(a, table)]
    if not alerts:
        detail = f"no alert reads the {STATUS_VIEW} rows of {table}"
        return [*hops, broken("an alert reads the results", detail, execute)]
    alert = alerts[0]
    hops.append(_step_hop("an alert reads the results", _of(steps, alert, "read"), alert))
    if not alert.get("alertSchedule") or alert.get("enabled") is False:
        return [*hops, broken("the alert runs", "it has no schedule or is disabled", alert)]
    hops.append(_step_hop("the alert runs", _of(steps, alert, "run"), alert))
    return [*hops, *_to_topic(index, res, steps, alert), *_owner(index, res, alert, table)]


def _owner(index: StackIndex, res: AwsResources, alert: ResourceView, table: str) -> list[Hop]:
    """The last hop: the owner of the table's database hears the alert's message."""
    found = _INTEGRATION.search(str(alert.get("action") or ""))
    integrations = [
        i
        for i in index.of_type(NOTIFICATION_INTEGRATION)
        if found and ident(i.get("name") or "") == ident(found[1])
    ]
    topic = res.topic(integrations[0].need("awsSnsTopicArn")) if integrations else None
    database = table.split(".")[0]
    domains = [
        d
        for db in index.of_type(SNOWFLAKE_DATABASE)
        if ident(db.get("name") or "") == database and (d := domain_of(db.name))
    ]
    if topic is None or not domains:
        return []
    message = literal_message(str(alert.get("action") or ""))
    if message is None:
        detail = "its action composes the message at run time: not evaluated"
        return [unknown(HOP, detail, alert)]
    return owner_hops(index, topic, alert.name, message, domains[0])


def _to_topic(
    index: StackIndex, res: AwsResources, steps: dict[str, list[StepResult]], alert: ResourceView
) -> list[Hop]:
    sent = _INTEGRATION.search(str(alert.get("action") or ""))
    integrations = [
        i
        for i in index.of_type(NOTIFICATION_INTEGRATION)
        if sent and ident(i.get("name") or "") == ident(sent[1])
    ]
    if not integrations:
        detail = f"its action names {sent[1] if sent else 'no integration'}, not one of the program"
        return [broken("a notification integration", detail, alert)]
    integration = integrations[0]
    hops = [_step_hop("a notification integration", _of(steps, alert, "send"), alert)]
    flows = [
        f for f in snowflake_topics(res) if isinstance(f, Flow) and f.owner.urn == integration.urn
    ]
    if not flows:
        detail = "no SNS topic and role of the program"
        return [*hops, broken("the integration's role publishes", detail, integration)]
    hops += [h for flow in flows for h in request_hops(flow)]
    topic = res.topic(integration.need("awsSnsTopicArn"))
    return [*hops, subscribed(index, topic)] if topic is not None else hops
