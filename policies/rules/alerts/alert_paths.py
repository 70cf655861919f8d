"""What the alert rules share: the resource types and how an event rule names its sources."""

from __future__ import annotations

import json
from typing import Any

from ..core.index import StackIndex
from ..core.values import as_list, is_unknown
from ..core.view import ResourceView
from ..facts.tokens import (
    BUDGETS_BUDGET,
    CLOUDWATCH_EVENT_RULE,
    CLOUDWATCH_EVENT_TARGET,
    CLOUDWATCH_METRIC_ALARM,
    GLUE_CRAWLER,
    GLUE_JOB,
    MWAA_ENVIRONMENT,
    SNOWFLAKE_NOTIFICATION_INTEGRATION,
    SNOWFLAKE_PIPE,
    SNS_TOPIC,
    SNS_TOPIC_SUBSCRIPTION,
)
from ..snowflake.identifiers import ident

MWAA = MWAA_ENVIRONMENT
EVENT_RULE = CLOUDWATCH_EVENT_RULE
EVENT_TARGET = CLOUDWATCH_EVENT_TARGET
METRIC_ALARM = CLOUDWATCH_METRIC_ALARM
TOPIC = SNS_TOPIC
SUBSCRIPTION = SNS_TOPIC_SUBSCRIPTION
BUDGET = BUDGETS_BUDGET
PIPE = SNOWFLAKE_PIPE
NOTIFICATION_INTEGRATION = SNOWFLAKE_NOTIFICATION_INTEGRATION
PIPELINE_TYPES = (GLUE_JOB, GLUE_CRAWLER, MWAA, PIPE)

# (Glue resource type, EventBridge detail-type, detail key naming it, its failure states)
GLUE_EVENTS = {
    GLUE_JOB: ("Glue Job State Change", "jobName", ("FAILED", "TIMEOUT", "ERROR")),
    GLUE_CRAWLER: ("Glue Crawler State Change", "crawlerName", ("Failed",)),
}


def pattern_of(rule: ResourceView) -> dict[str, Any] | None:
    """The rule's event pattern as a dict (None: absent, unknown or not JSON)."""
    raw = rule.get("eventPattern")
    if is_unknown(raw) or not isinstance(raw, str):
        return None
    try:
        parsed = json.loads(raw)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def matches_failure(pattern: dict[str, Any], type_: str, name: str) -> bool:
    """True if `pattern` matches a failure event of the Glue resource `name` of `type_`.

    A pattern without a name or state filter matches every one (exact values only:
    prefix and wildcard matchers count as no match, to stay on the safe side).
    """
    detail_type, name_key, states = GLUE_EVENTS[type_]
    if "aws.glue" not in as_list(pattern.get("source")):
        return False
    if detail_type not in as_list(pattern.get("detail-type")):
        return False
    detail = pattern.get("detail") or {}
    if not isinstance(detail, dict):
        return False
    names = detail.get(name_key)
    if names is not None and name not in as_list(names):
        return False
    wanted = detail.get("state")
    return wanted is None or any(s in as_list(wanted) for s in states)


def has_target(index: StackIndex, rule: ResourceView) -> bool:
    """True if an EventTarget of the stack names `rule` (by name, ARN or dependency)."""
    return bool(index.referrers(rule, (EVENT_TARGET,), "rule"))


def is_pipeline_stack(index: StackIndex) -> bool:
    """True if the stack runs pipelines (Glue, MWAA or Snowpipe) that can fail."""
    return bool(index.of_type(*PIPELINE_TYPES))


def error_integrations(index: StackIndex, pipe: ResourceView) -> list[ResourceView]:
    """The notification integrations of the program `pipe`'s `errorIntegration` names (by
    name; a name unknown until apply by what the property depends on)."""
    named = pipe.get("errorIntegration")
    return [
        i
        for i in index.of_type(NOTIFICATION_INTEGRATION)
        if (not is_unknown(named) and ident(i.get("name") or "") == ident(named))
        or pipe in index.referrers(i, (PIPE,), "errorIntegration")
    ]
