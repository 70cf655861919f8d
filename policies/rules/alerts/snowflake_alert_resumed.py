"""Every Snowflake alert runs: it is resumed, on a schedule, and its action tells somebody."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import is_set
from ..core.view import Finding, ResourceView
from ..facts.tokens import SNOWFLAKE_ALERT

ALERT = SNOWFLAKE_ALERT


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """Snowflake creates an alert suspended (CREATE ALERT: "Newly created or cloned alerts are
    suspended upon creation"), and the provider leaves it so unless `enabled` is true."""
    if view.need("enabled") is not True:
        yield view.violation(
            f"alert [{view.name}] is not enabled: Snowflake creates alerts suspended, so it "
            "never runs"
        )
    schedule = view.need("alertSchedule")
    if not (is_set(schedule) and (schedule.get("cron") or schedule.get("interval"))):
        yield view.violation(f"alert [{view.name}] has no schedule: it never runs")
    if not str(view.need("action") or "").strip():
        yield view.violation(f"alert [{view.name}] has no action: it tells nobody")


RULE = Rule(
    id="snowflake-alert-resumed",
    description="Snowflake alerts are enabled (resumed), scheduled and have an action.",
    severity="medium",
    remediation=(
        "Set enabled: true (Snowflake creates alerts suspended), an alert_schedule (cron or "
        "interval) and an action, e.g. SYSTEM$SEND_SNOWFLAKE_NOTIFICATION to the alerts topic."
    ),
    resource_types=(ALERT,),
    check=check,
)
