"""Every CloudWatch alarm notifies somebody: it has an alarm action and actions are enabled."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding, ResourceView
from .alert_paths import METRIC_ALARM


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """alarmActions must be non-empty and actionsEnabled not false."""
    if view.need("actionsEnabled") is False:
        yield view.violation(f"alarm [{view.name}] has actionsEnabled false: it tells nobody")
    elif not as_list(view.need("alarmActions")):
        yield view.violation(
            f"alarm [{view.name}] has no alarmActions: it changes state and tells nobody"
        )


RULE = Rule(
    id="cloudwatch-alarm-has-action",
    description="CloudWatch alarms have at least one alarm action, with actions enabled.",
    severity="low",
    remediation="Set alarmActions (and okActions) to the stack's alerts topic.",
    resource_types=(METRIC_ALARM,),
    check=check,
    mapped=("CKV_AWS_319", "FSBP CloudWatch.17"),
)
