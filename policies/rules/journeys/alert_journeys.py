"""Journey: every failure reaches a person.

Each pipeline resource that can fail (a Glue job or crawler, an MWAA environment, a
Snowpipe) and each budget is followed from its failure signal to a subscriber: the event
rule or alarm that sees it, its target, the topic policy as the publishing service really
calls it, the topic's key as SNS uses it for that service (service_requests.py: EventBridge
sends no `aws:Source*` keys), and a subscription. A Snowpipe's load errors go through its
error integration: Snowflake's IAM user assumes the integration's role, which publishes.
Where several paths exist, one that works is enough; otherwise the first is reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..alerts.alert_paths import (
    BUDGET,
    EVENT_RULE,
    EVENT_TARGET,
    METRIC_ALARM,
    MWAA,
    PIPE,
    SUBSCRIPTION,
    error_integrations,
    matches_failure,
    pattern_of,
)
from ..alerts.alert_samples import event_sample, pipe_error_sample
from ..core.index import StackIndex
from ..core.per_stack import once
from ..core.rule import Context
from ..core.values import as_list, is_unknown
from ..core.view import ResourceView
from ..facts.tokens import GLUE_CRAWLER, GLUE_JOB
from ..preflight.aws_alert_flows import publish_steps, snowflake_topics
from ..preflight.aws_resources import AwsResources, Keyed
from ..preflight.aws_steps import Flow
from .aws_account import aws_resources
from .iam_hops import request_hops
from .journey import Hop, Journey, broken, guarded, ok
from .owner_told import owner_hops

KIND = "journey-failure-alerted"
_ALARM_ACTIONS = ("alarmActions", "okActions", "insufficientDataActions")
Path = tuple[Hop, ...]


def best(paths: Sequence[Path], none: Hop) -> list[Hop]:
    """The first path that works, else the first not evaluated, else the first; `none`
    when there is no path at all."""
    if not paths:
        return [none]
    for wanted in ("works", "not-evaluated"):
        for path in paths:
            if _verdict(path) == wanted:
                return list(path)
    return list(paths[0])


def _verdict(path: Path) -> str:
    if any(h.verdict == "broken" for h in path):
        return "broken"
    return "not-evaluated" if any(h.verdict == "not-evaluated" for h in path) else "works"


def subscribed(index: StackIndex, topic: Keyed) -> Hop:
    """The topic has a subscription (email and HTTPS endpoints confirm once, by a person).

    Once per topic of the stack: every failure journey ends at one of a few topics, each
    with a subscription per domain (at 200 domains, 600 journeys times 200 subscriptions)."""
    if index.by_urn.get(topic.view.urn) is topic.view:
        return once(index, _subscribed, topic.view.urn)
    return _subscribed_hop(index, topic.view)


def _subscribed(index: StackIndex, urn: str) -> Hop:
    return _subscribed_hop(index, index.by_urn[urn])


def _subscribed_hop(index: StackIndex, topic: ResourceView) -> Hop:
    subscriptions = index.referrers(topic, (SUBSCRIPTION,), "topic")
    if not subscriptions:
        return broken("a subscriber", f"topic [{topic.name}] has no subscription", topic)
    endpoints = ", ".join(str(s.get("protocol")) for s in subscriptions)
    return ok("a subscriber", f"{len(subscriptions)} subscription(s): {endpoints}", topic)


def to_topic(
    index: StackIndex,
    res: AwsResources,
    service: str,
    topic_arn: object,
    source: dict[str, str],
    told: tuple[str, dict[str, Any]] | None = None,
) -> Path | None:
    """`service` publishing to the topic of `topic_arn`, then its subscribers (None: the ARN
    is not a topic of the program); with `told` (the start's name and its message), then
    the start's domain's own subscribers (owner_told.py)."""
    topic = res.topic(topic_arn)
    if topic is None:
        return None
    flow = Flow("publish", "", topic.view, (), publish_steps(res, service, topic, source))
    tail = owner_hops(index, topic, *told) if told else []
    return (*request_hops(flow), subscribed(index, topic), *tail)


def glue_journeys(index: StackIndex, res: AwsResources) -> Iterator[Journey]:
    """A Glue job or crawler failure: rule matching it → target → topic → subscriber."""
    rules = [(r, p) for r in index.of_type(EVENT_RULE) if (p := pattern_of(r)) is not None]
    for type_, what in ((GLUE_JOB, "job"), (GLUE_CRAWLER, "crawler")):
        for resource in index.of_type(type_):

            def build(resource: ResourceView = resource, type_: str = type_) -> list[Hop]:
                # Auto-named (no `name`): only a rule without a name filter can match it.
                name = str(resource.need("name") or "")
                paths: list[Path] = []
                for rule, pattern in rules:
                    if not matches_failure(pattern, type_, name):
                        continue
                    matched = ok("an event rule matches its failures", rule.name, rule)
                    rule_arn = str(rule.output("arn"))
                    message = failure_event(pattern, type_, name)
                    for target in index.referrers(rule, (EVENT_TARGET,), "rule"):
                        hop = ok("the rule's target", target.name, target)
                        path = to_topic(
                            index,
                            res,
                            "events.amazonaws.com",
                            target.need("arn"),
                            {"aws:SourceArn": rule_arn, "aws:SourceAccount": res.account},
                            (resource.name, message),
                        )
                        if path is not None:
                            paths.append((matched, hop, *path))
                none = broken(
                    "an event rule matches its failures",
                    f"no EventBridge rule with an SNS target of the program matches "
                    f"{name or 'it (auto-named: only a rule without a name filter could)'}",
                    resource,
                )
                return best(paths, none)

            yield guarded(
                KIND,
                f"a failure of Glue {what} [{resource.name}] reaches a person",
                resource,
                build,
            )


def failure_event(pattern: dict[str, Any], type_: str, name: str) -> dict[str, Any]:
    """The event the rule forwards for a failure of this job or crawler (its name in
    `detail.jobName` / `detail.crawlerName`, whatever names the pattern lists first)."""
    event = event_sample(pattern)
    if name:
        key = "jobName" if type_ == GLUE_JOB else "crawlerName"
        event.setdefault("detail", {})[key] = name
    return event


def mwaa_journeys(index: StackIndex, res: AwsResources) -> Iterator[Journey]:
    """An MWAA environment's alarm (AmazonMWAA, Environment = its name) → topic → subscriber."""
    for environment in index.of_type(MWAA):

        def build(environment: ResourceView = environment) -> list[Hop]:
            name = environment.need("name")
            watched = index.referrers(environment, (METRIC_ALARM,), "dimensions.Environment")
            paths: list[Path] = []
            for alarm in index.of_type(METRIC_ALARM):
                value = alarm.get("dimensions.Environment")
                if alarm.get("namespace") != "AmazonMWAA":
                    continue
                if value != name and not (is_unknown(value) and alarm in watched):
                    continue
                hop = ok("an alarm watches it", str(alarm.get("metricName")), alarm)
                alarm_arn = str(alarm.output("arn"))
                source = {"aws:SourceArn": alarm_arn, "aws:SourceAccount": res.account}
                for action in (a for p in _ALARM_ACTIONS for a in as_list(alarm.get(p))):
                    path = to_topic(index, res, "cloudwatch.amazonaws.com", action, source)
                    if path is not None:
                        paths.append((hop, *path))
            none = broken(
                "an alarm watches it",
                f"no AmazonMWAA alarm of environment {name} publishes to a topic of the program",
                environment,
            )
            return best(paths, none)

        yield guarded(
            KIND,
            f"a failure of MWAA environment [{environment.name}] reaches a person",
            environment,
            build,
        )


def budget_journeys(index: StackIndex, res: AwsResources) -> Iterator[Journey]:
    """A budget's notification → its SNS subscribers → subscriber."""
    for budget in index.of_type(BUDGET):

        def build(budget: ResourceView = budget) -> list[Hop]:
            source = {"aws:SourceArn": str(budget.output("arn")), "aws:SourceAccount": res.account}
            paths: list[Path] = []
            for notification in as_list(budget.need("notifications")):
                if not isinstance(notification, dict):
                    continue
                for arn in as_list(notification.get("subscriberSnsTopicArns")):
                    path = to_topic(index, res, "budgets.amazonaws.com", arn, source)
                    if path is not None:
                        paths.append(path)
            none = broken(
                "a notification to a topic",
                "no notification publishes to a topic of the program",
                budget,
            )
            return best(paths, none)

        yield guarded(
            KIND, f"a threshold of budget [{budget.name}] reaches a person", budget, build
        )


def pipe_journeys(index: StackIndex, res: AwsResources) -> Iterator[Journey]:
    """A pipe's load errors → its error integration → the integration's role publishes."""
    flows: dict[str, list[Flow]] = {}
    for item in snowflake_topics(res):
        if isinstance(item, Flow):
            flows.setdefault(item.owner.urn, []).append(item)
    for pipe in index.of_type(PIPE):

        def build(pipe: ResourceView = pipe) -> list[Hop]:
            found = error_integrations(index, pipe)
            if not found:
                named = pipe.get("errorIntegration")
                detail = (
                    f"names {named}, not an integration of the program"
                    if named
                    else "sets no errorIntegration"
                )
                return [broken("an error integration", detail, pipe)]
            integration = found[0]
            hop = ok("an error integration", integration.name, integration)
            if integration.get("enabled") is False:
                return [hop, broken("the integration is enabled", "it is disabled", integration)]
            paths = []
            for flow in flows.get(integration.urn, []):
                paths.append(tuple(request_hops(flow)))
            if not paths:
                return [
                    hop,
                    broken(
                        "the integration's role publishes",
                        "no SNS topic and role of the program",
                        integration,
                    ),
                ]
            steps = [h for path in paths for h in path]
            topic = res.topic(integration.need("awsSnsTopicArn"))
            tail = [subscribed(index, topic)] if topic is not None else []
            if topic is not None:
                message = pipe_error_sample(
                    str(pipe.get("database")), str(pipe.get("schema")), str(pipe.get("name"))
                )
                tail += owner_hops(index, topic, pipe.name, message)
            return [hop, *steps, *tail]

        yield guarded(KIND, f"a load error of pipe [{pipe.name}] reaches a person", pipe, build)


def failure_journeys(index: StackIndex, ctx: Context) -> Iterator[Journey]:
    """Every failure journey of the stack."""
    starts = index.of_type(GLUE_JOB, GLUE_CRAWLER, MWAA, PIPE, BUDGET)
    if not starts:
        return
    res = aws_resources(index, KIND, starts, lambda s: f"a failure of [{s.name}] reaches a person")
    if isinstance(res, list):
        yield from res
        return
    yield from glue_journeys(index, res)
    yield from mwaa_journeys(index, res)
    yield from pipe_journeys(index, res)
    yield from budget_journeys(index, res)
