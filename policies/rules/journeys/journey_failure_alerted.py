"""Every failure reaches a person: Glue jobs and crawlers, MWAA, Snowpipe errors, budgets."""

from __future__ import annotations

from ..alerts.alert_paths import (
    BUDGET,
    EVENT_RULE,
    EVENT_TARGET,
    METRIC_ALARM,
    MWAA,
    PIPE,
)
from ..facts.tokens import GLUE_CRAWLER, GLUE_JOB
from .alert_journeys import KIND, failure_journeys
from .journey import journey_rule

RULE = journey_rule(
    KIND,
    (
        "Every Glue job and crawler failure, MWAA alarm, Snowpipe load error and budget "
        "threshold reaches a subscriber: the rule or alarm that sees it, its target, the topic "
        "policy and the topic's key as the publishing service really calls them, and a "
        "subscription."
    ),
    (
        "Change the resource the message names at the broken hop: add the rule, alarm or "
        "target; let the service publish in the topic policy; let it use the topic's key "
        "without conditions on keys it never sends (journeys/service_requests.py); subscribe "
        "someone."
    ),
    (GLUE_JOB, GLUE_CRAWLER, MWAA, PIPE, BUDGET, EVENT_RULE, EVENT_TARGET, METRIC_ALARM),
    failure_journeys,
)
