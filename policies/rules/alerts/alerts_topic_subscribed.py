"""A stack that runs pipelines has an encrypted alerts topic that somebody subscribes to."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import PROD_MANDATORY, Context, Rule
from ..core.values import is_unknown
from ..core.view import Finding
from .alert_paths import PIPELINE_TYPES, SUBSCRIPTION, TOPIC, is_pipeline_stack


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Some KMS-encrypted topic of the stack has at least one subscription."""
    if not is_pipeline_stack(index):
        return
    topics = [t for t in index.of_type(TOPIC) if t.get("kmsMasterKeyId")]
    if any(index.referrers(t, (SUBSCRIPTION,), "topic") for t in topics):
        return
    anchor = (index.of_type(TOPIC) or index.views)[0]
    pending = [t for t in index.of_type(TOPIC) if is_unknown(t.get("kmsMasterKeyId"))]
    pending += [s for s in index.of_type(SUBSCRIPTION) if is_unknown(s.get("topic"))]
    if pending:
        yield pending[0].not_evaluated("which topic is encrypted and subscribed")
    else:
        yield anchor.violation(
            "the stack runs pipelines but no KMS-encrypted SNS topic has a subscription: "
            "pipeline failures reach nobody"
        )


RULE = Rule(
    id="alerts-topic-subscribed",
    description=(
        "A stack that runs pipelines (Glue, MWAA, Snowpipe) has a KMS-encrypted SNS topic "
        "with at least one subscription."
    ),
    severity="medium",
    remediation="Set `alerts.emails` or `alerts.https_endpoints` in the stack file.",
    resource_types=(TOPIC, SUBSCRIPTION, *PIPELINE_TYPES),
    check_stack=check,
    levels=PROD_MANDATORY,
)
