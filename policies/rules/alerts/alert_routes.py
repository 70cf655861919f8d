"""Where each source of alerts sends its messages, and who of the topic's subscribers
receives them: one model for `dataplat alerts` and the failure journey.

A source is a resource that publishes to an SNS topic of the program (an EventBridge rule
through its targets, a Snowflake pipe or alert through a notification integration, a
CloudWatch alarm, a budget), with a sample of the message it sends (alert_samples.py). A
subscription receives the message when it has no filter policy (the platform team's) or
when its policy, applied to the body, matches the sample (sns_filter.py). Everything here
reads plain resource dicts (`type`, `name`, `urn`, `inputs`, `outputs`), as the plan
document and the pack's views both hold them.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..facts.tokens import (
    BUDGETS_BUDGET,
    CLOUDWATCH_EVENT_RULE,
    CLOUDWATCH_EVENT_TARGET,
    CLOUDWATCH_METRIC_ALARM,
    GLUE_CATALOG_DATABASE,
    GLUE_CRAWLER,
    SNOWFLAKE_ALERT,
    SNOWFLAKE_NOTIFICATION_INTEGRATION,
    SNOWFLAKE_PIPE,
    SNS_TOPIC,
    SNS_TOPIC_SUBSCRIPTION,
)
from ..quality.event_patterns import matches
from .alert_samples import (
    credit_alert_sample,
    domain_of,
    event_sample,
    glue_database_domains,
    literal_message,
    message_domains,
    pipe_error_sample,
)
from .sns_filter import UnsupportedOperator, matches_body

BODY_SCOPE = "MessageBody"
# The credit alert's watched warehouses: ('<WAREHOUSE>', quota, percent, NULL | '<domain>').
_WATCHED = re.compile(r"\('([A-Z0-9_]+)', \d+, \d+, (?:NULL|'([a-z][a-z0-9_]*)')\)")
_INTEGRATION = re.compile(r"NOTIFICATION\.INTEGRATION\('([^']+)'\)")
# What AWS Budgets sends to SNS is text, not JSON (the body filter matches none of it).
BUDGET_SAMPLE = "AWS Budget Notification: the actual or forecasted cost exceeded a threshold"


@dataclass(frozen=True)
class Resource:
    """The fields of one resource this model reads."""

    type: str
    name: str
    urn: str
    inputs: Mapping[str, Any]
    outputs: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, item: Mapping[str, Any]) -> Resource:
        """From a plan document's resource."""
        return cls(
            str(item["type"]),
            str(item["name"]),
            str(item.get("urn", "")),
            item.get("inputs") or {},
            item.get("outputs") or {},
        )


@dataclass(frozen=True)
class Source:
    """One publisher of alerts, for one case (the credit alert has one per domain).

    `domain` is the data domain whose resources it reports (None: the platform's);
    `topic_arns` the topics it publishes to; `message` a sample body.
    """

    kind: str
    resource: Resource
    domain: str | None
    topic_arns: tuple[str, ...]
    message: dict[str, Any] | str


@dataclass(frozen=True)
class Delivery:
    """A subscription of the topic and whether the source's message reaches it."""

    subscription: Resource
    filtered: bool
    receives: bool
    domain: str | None
    note: str = ""


def receives(subscription: Mapping[str, Any], message: Mapping[str, Any] | str) -> tuple[bool, str]:
    """Whether SNS delivers `message` to a subscription with these inputs, and why not."""
    raw = subscription.get("filterPolicy")
    if not raw:
        return True, ""
    policy = json.loads(raw) if isinstance(raw, str) else raw
    if subscription.get("filterPolicyScope") != BODY_SCOPE:
        # No source of the platform sets message attributes: an attribute policy drops all.
        return False, "its policy reads message attributes, which no source sets"
    body = message if isinstance(message, str) else json.dumps(message)
    try:
        return matches_body(policy, body), ""
    except UnsupportedOperator as exc:
        return False, f"not evaluated: {exc}"


def sources(resources: Sequence[Resource]) -> list[Source]:
    """Every source of alerts among `resources`, in the order of the program."""
    by_type: dict[str, list[Resource]] = {}
    for r in resources:
        by_type.setdefault(r.type, []).append(r)
    integrations = {
        str(i.inputs.get("name")): str(i.inputs.get("awsSnsTopicArn") or "")
        for i in by_type.get(SNOWFLAKE_NOTIFICATION_INTEGRATION, [])
    }
    found: list[Source] = []
    for r in resources:
        found += list(_of(r, by_type, integrations))
    return found


def _of(
    r: Resource, by_type: Mapping[str, list[Resource]], integrations: Mapping[str, str]
) -> Iterator[Source]:
    domain = domain_of(r.name)
    if r.type == CLOUDWATCH_EVENT_RULE:
        pattern = _json(r.inputs.get("eventPattern"))
        topics = tuple(
            str(t.inputs.get("arn"))
            for t in by_type.get(CLOUDWATCH_EVENT_TARGET, [])
            if t.inputs.get("rule") == r.inputs.get("name")
        )
        if isinstance(pattern, dict) and topics:
            sample = event_sample(pattern)
            cases: list[tuple[str | None, dict[str, Any]]] = []
            if domain is None:
                cases += _domain_cases(pattern, sample, by_type)
            for owner, message in cases or [(domain, sample)]:
                yield Source("event rule", r, owner, topics, message)
    elif r.type == SNOWFLAKE_PIPE:
        topic = integrations.get(str(r.inputs.get("errorIntegration")), "")
        if topic:
            sample = pipe_error_sample(
                str(r.inputs.get("database")), str(r.inputs.get("schema")), str(r.inputs["name"])
            )
            yield Source("pipe load errors", r, domain, (topic,), sample)
    elif r.type == SNOWFLAKE_ALERT:
        found = _INTEGRATION.search(str(r.inputs.get("action") or ""))
        topic = integrations.get(found[1], "") if found else ""
        if not topic:
            return
        literal = literal_message(str(r.inputs.get("action") or ""))
        if literal is not None:
            named: list[str | None] = list(message_domains(literal))
            for owner in named or [domain]:
                yield Source("snowflake alert", r, owner, (topic,), literal)
            return
        watched = _WATCHED.findall(str(r.inputs.get("condition") or ""))
        owners: dict[str | None, list[str]] = {}
        for warehouse, owner in watched:
            owners.setdefault(owner or None, []).append(warehouse)
        for owner, warehouses in owners.items() or [(None, [])]:
            sample = credit_alert_sample(warehouses, [owner] if owner else [])
            yield Source("snowflake alert", r, owner, (topic,), sample)
    elif r.type == CLOUDWATCH_METRIC_ALARM:
        topics = tuple(str(a) for a in r.inputs.get("alarmActions") or ())
        if topics:
            yield Source("cloudwatch alarm", r, domain, topics, _alarm_sample(r))
    elif r.type == BUDGETS_BUDGET:
        topics = tuple(
            dict.fromkeys(
                str(arn)
                for n in r.inputs.get("notifications") or ()
                if isinstance(n, dict)
                for arn in n.get("subscriberSnsTopicArns") or ()
            )
        )
        if topics:
            yield Source("budget", r, domain, topics, BUDGET_SAMPLE)


def _domain_cases(
    pattern: Mapping[str, Any], sample: dict[str, Any], by_type: Mapping[str, list[Resource]]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """A stack-wide rule whose events name a domain's resource (a Glue Data Quality result
    of a domain's database, a failure of a domain's crawler): one case per domain, its
    sample naming the domain's first database or crawler the rule accepts. A database's
    domain is its catalog database's; a crawler's, the domain of the database it fills."""
    databases = glue_database_domains(
        (d.name, d.inputs.get("name")) for d in by_type.get(GLUE_CATALOG_DATABASE, [])
    )
    detail = sample.get("detail")
    if not isinstance(detail, dict):
        return
    if isinstance(detail.get("context"), dict) and "databaseName" in detail["context"]:
        named = [(name, domain) for name, domain in databases.items()]
        field: tuple[str, ...] = ("context", "databaseName")
    elif "crawlerName" in detail:
        named = [
            (str(c.inputs.get("name")), databases[str(c.inputs.get("databaseName"))])
            for c in by_type.get(GLUE_CRAWLER, [])
            if str(c.inputs.get("databaseName")) in databases
        ]
        field = ("crawlerName",)
    else:
        return
    seen: set[str] = set()
    for name, domain in named:
        event = copy.deepcopy(sample)
        place = event["detail"]
        for key in field[:-1]:
            place = place[key]
        place[field[-1]] = name
        if domain not in seen and matches(pattern, event):
            seen.add(domain)
            yield domain, event


def _alarm_sample(r: Resource) -> dict[str, Any]:
    """CloudWatch's alarm notification to SNS (JSON with AlarmName, NewStateValue, Trigger),
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html ."""
    return {
        "AlarmName": r.inputs.get("name"),
        "NewStateValue": "ALARM",
        "Trigger": {
            "MetricName": r.inputs.get("metricName"),
            "Namespace": r.inputs.get("namespace"),
        },
    }


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def topic_name(resources: Sequence[Resource], arn: str) -> str:
    """The name of the program's topic with this ARN (by output, else by name), or the ARN."""
    for t in resources:
        if t.type == SNS_TOPIC and (
            t.outputs.get("arn") == arn or arn.endswith(f":{t.inputs.get('name')}")
        ):
            return str(t.inputs.get("name"))
    return arn


def deliveries(resources: Sequence[Resource], source: Source) -> list[Delivery]:
    """Every subscription of the source's topics, and whether its message reaches it."""
    found = []
    for s in resources:
        if s.type != SNS_TOPIC_SUBSCRIPTION or s.inputs.get("topic") not in source.topic_arns:
            continue
        ok, note = receives(s.inputs, source.message)
        filtered = bool(s.inputs.get("filterPolicy"))
        found.append(Delivery(s, filtered, ok, domain_of(s.name), note))
    return found


def owner_told(source: Source, found: Sequence[Delivery]) -> bool:
    """A domain's source reaches a subscription of that domain (True for the platform's)."""
    if source.domain is None:
        return True
    return any(d.receives and d.domain == source.domain for d in found)
