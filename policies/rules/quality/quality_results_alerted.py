"""The failed results of every Glue Data Quality ruleset reach a topic.

A failed check must reach someone: an EventBridge rule whose pattern matches the
results event a failed evaluation of the ruleset sends (`quality_paths.failed_result`,
shaped as AWS's sample: `aws.glue-dataquality`, "Data Quality Evaluation Results
Available", the table in `detail.context`, `rulesFailed` > 0) and that has an SNS
topic target. Whether the topic admits EventBridge and someone is subscribed is the
journey's part (`journey-quality-failure-alerted`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..alerts.alert_paths import EVENT_RULE, EVENT_TARGET
from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import is_unknown
from ..core.view import Finding
from .quality_paths import RULESET, failed_result, routed_rules, targets_of

SNS_ARN_PREFIX = "arn:aws:sns:"


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each ruleset's failed result is matched by a rule with an SNS target."""
    for ruleset in index.of_type(RULESET):
        event = failed_result(ruleset)
        if event is None:
            yield ruleset.not_evaluated("targetTable")
            continue
        routed = [
            rule
            for rule in routed_rules(index, event)
            if any(
                is_unknown(t.get("arn")) or str(t.get("arn")).startswith(SNS_ARN_PREFIX)
                for t in targets_of(index, rule)
            )
        ]
        if not routed:
            context = event["detail"]["context"]
            yield ruleset.violation(
                f"failed results of Glue Data Quality ruleset [{ruleset.name}] (table "
                f"{context['databaseName']}.{context['tableName']}) reach no topic: no "
                "EventBridge rule with an SNS target matches its results event"
            )


RULE = Rule(
    id="quality-results-alerted",
    description=(
        "The failed results of every Glue Data Quality ruleset (aws.glue-dataquality, "
        "Data Quality Evaluation Results Available, rulesFailed > 0) are matched by an "
        "EventBridge rule with an SNS topic target."
    ),
    severity="medium",
    remediation=(
        "Add one EventRule per stack on source aws.glue-dataquality, detail-type "
        '"Data Quality Evaluation Results Available", detail.rulesFailed numeric > 0 (and '
        "the stack's databases in detail.context.databaseName), targeting the alerts topic."
    ),
    resource_types=(RULESET, EVENT_RULE, EVENT_TARGET),
    check_stack=check,
)
