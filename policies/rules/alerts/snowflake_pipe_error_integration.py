"""Every Snowpipe reports load errors through a notification integration to an SNS topic."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import is_set, is_unknown
from ..core.view import Finding, ResourceView
from .alert_paths import NOTIFICATION_INTEGRATION, PIPE, error_integrations


def _reaches_a_topic(integration: ResourceView) -> str | None:
    """Why `integration` delivers no alert (None: it publishes to an SNS topic)."""
    if integration.get("enabled") is False:
        return "is disabled"
    if str(integration.get("notificationProvider") or "").upper() != "AWS_SNS":
        return "does not publish to Amazon SNS"
    topic, role = integration.get("awsSnsTopicArn"), integration.get("awsSnsRoleArn")
    if not (is_set(topic) or is_unknown(topic)) or not (is_set(role) or is_unknown(role)):
        return "names no SNS topic and role"
    return None


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """A pipe passes when its `errorIntegration` names (or refers to) an enabled SNS
    notification integration of the program with a topic and a role."""
    for pipe in index.of_type(PIPE):
        named = pipe.get("errorIntegration")
        if not (is_set(named) or is_unknown(named)):
            yield pipe.violation(
                f"pipe [{pipe.name}] sets no errorIntegration: its load errors reach nobody"
            )
            continue
        found = error_integrations(index, pipe)
        if not found:
            yield pipe.violation(
                f"pipe [{pipe.name}] reports errors to {named}, a notification integration "
                "this program does not create, so its path to the alerts topic is unchecked"
            )
            continue
        reason = _reaches_a_topic(found[0])
        if reason is not None:
            yield pipe.violation(
                f"pipe [{pipe.name}] reports errors to notification integration "
                f"[{found[0].name}], which {reason}"
            )


RULE = Rule(
    id="snowflake-pipe-error-integration",
    description=(
        "Every Snowflake pipe sets errorIntegration to an enabled SNS notification "
        "integration of the stack, so load errors reach the alerts topic."
    ),
    severity="medium",
    remediation=(
        "Create a Snowflake notification integration to the stack's alerts topic (with its "
        "IAM role and trust; components/integration/snowflake_notifications.py) and set it as each "
        "pipe's errorIntegration."
    ),
    resource_types=(PIPE, NOTIFICATION_INTEGRATION),
    check_stack=check,
)
