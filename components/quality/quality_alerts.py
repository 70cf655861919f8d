"""The stack's alerts of the lake's data quality: failed results, failed domain crawls.

One EventBridge rule per stack for every domain's results, never one per domain: a bus
holds 300 rules (100 in some regions; https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html),
and 200 domains would exhaust it. The event reaches the alerts topic unchanged (no
input transformer), so per-domain SNS subscriptions can filter on its native fields
(`detail.context.databaseName`, `detail.context.tableName`, `detail.rulesetNames`).
A second rule sends the domain crawlers' failures the same way the platform's go
(`components/orchestration/glue_alerts.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi

from components.naming import Naming
from components.orchestration.glue_alerts import failure_alerts
from components.orchestration.orchestration_iam import crawler_failure_event_pattern
from components.quality import quality_iam


@dataclass(frozen=True)
class QualityAlertsArgs:
    """Inputs of QualityAlerts.

    Attributes:
        naming: The stack's naming scheme.
        tags: The stack's tags.
        topic_arn: The stack's alerts topic. Required.
        database_prefix: What every domain Glue database of the stack starts with
            (`acme_dp_dev_`). Required.
        crawler_names: The domain crawlers whose failures are alerted. Defaults to none.
        results: Whether any ruleset exists (else no results rule). Defaults to True.
    """

    naming: Naming
    tags: dict[str, str]
    topic_arn: pulumi.Input[str]
    database_prefix: str
    crawler_names: Sequence[str] = ()
    results: bool = True


class QualityAlerts(pulumi.ComponentResource):
    """The failed-results rule and the domain-crawler failure rule, to the alerts topic.

    Attributes:
        results_rule_name: The results rule's name, or None without rulesets.
        crawler_failure_rule_name: The crawler rule's name, or None without crawlers.
    """

    results_rule_name: pulumi.Output[str] | None
    crawler_failure_rule_name: pulumi.Output[str] | None

    def __init__(
        self, name: str, args: QualityAlertsArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:quality:QualityAlerts", name, None, opts)
        self.results_rule_name = None
        self.crawler_failure_rule_name = None
        if args.results:
            self.results_rule_name = failure_alerts(
                f"{name}-results",
                args.naming,
                "data-quality-failures",
                "Glue Data Quality results of this stack's domain tables with a failed rule",
                quality_iam.results_event_pattern(args.database_prefix),
                args.topic_arn,
                args.tags,
                self,
            ).name
        if args.crawler_names:
            self.crawler_failure_rule_name = failure_alerts(
                f"{name}-crawler-failures",
                args.naming,
                "domain-crawler-failures",
                "Glue crawlers of this stack's data domains that end Failed",
                crawler_failure_event_pattern(args.crawler_names),
                args.topic_arn,
                args.tags,
                self,
            ).name
        self.register_outputs({})
