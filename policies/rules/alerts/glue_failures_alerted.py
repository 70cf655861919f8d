"""Every Glue job and crawler has a failure alert: an EventBridge rule with a target."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.view import Finding
from ..facts.tokens import GLUE_CRAWLER, GLUE_JOB
from .alert_paths import (
    EVENT_RULE,
    EVENT_TARGET,
    has_target,
    matches_failure,
    pattern_of,
)


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each job and crawler is matched by the failure pattern of a rule that has a target."""
    routed = [
        (pattern, rule)
        for rule in index.of_type(EVENT_RULE)
        if (pattern := pattern_of(rule)) is not None and has_target(index, rule)
    ]
    for type_, what in ((GLUE_JOB, "job"), (GLUE_CRAWLER, "crawler")):
        for resource in index.of_type(type_):
            name = resource.need("name")
            if not any(matches_failure(pattern, type_, str(name)) for pattern, _ in routed):
                yield resource.violation(
                    f"Glue {what} [{resource.name}] ({name}) has no failure alert: no "
                    "EventBridge rule with a target matches its failure events"
                )


RULE = Rule(
    id="glue-failures-alerted",
    description=(
        "Every Glue job and crawler is matched by an EventBridge rule on its failure events "
        "that has a target (the alerts topic)."
    ),
    severity="medium",
    remediation=(
        "Add the job or crawler's name to an EventRule on `Glue Job State Change` "
        "(FAILED, TIMEOUT, ERROR) or `Glue Crawler State Change` (Failed) whose EventTarget "
        "is the stack's alerts topic."
    ),
    resource_types=(GLUE_JOB, GLUE_CRAWLER, EVENT_RULE, EVENT_TARGET),
    check_stack=check,
    mapped=("FSBP Glue (operational)",),
)
