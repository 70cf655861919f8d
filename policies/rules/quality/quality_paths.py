"""What the data-quality rules share: rulesets, the schedules that start them, their
results as EventBridge delivers them, and the rules that route those to a topic.

Facts (sources in components/quality/quality_iam.py): a schedule starts a Glue Data
Quality run through the universal target `arn:aws:scheduler:::aws-sdk:glue:
startDataQualityRulesetEvaluationRun`, its `input` the API request (`RulesetNames`,
`Role`, `DataSource.GlueTable`); the results arrive as `aws.glue-dataquality` /
"Data Quality Evaluation Results Available" with `detail.context.databaseName`,
`.tableName`, `detail.rulesetNames`, `state`, `rulesFailed`
(https://docs.aws.amazon.com/glue/latest/dg/data-quality-alerts.html;
https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-glue-dataquality.html).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..alerts.alert_paths import EVENT_RULE, EVENT_TARGET, pattern_of
from ..core.index import StackIndex
from ..core.per_stack import once
from ..core.values import is_unknown
from ..core.view import ResourceView
from ..facts import arns
from ..facts.tokens import GLUE_CRAWLER, GLUE_DATA_QUALITY_RULESET, SCHEDULER_SCHEDULE
from .event_patterns import matches

RULESET = GLUE_DATA_QUALITY_RULESET
SCHEDULE = SCHEDULER_SCHEDULE
START_RUN_TARGET = arns.scheduler_sdk_target("glue", "startDataQualityRulesetEvaluationRun")
RESULTS_SOURCE = "aws.glue-dataquality"
RESULTS_DETAIL_TYPE = "Data Quality Evaluation Results Available"


@dataclass(frozen=True)
class ScheduledRun:
    """A schedule that starts an evaluation run: its view, role and request."""

    schedule: ResourceView
    role_arn: Any
    ruleset_names: tuple[str, ...]
    evaluation_role_arn: Any
    database: Any
    table: Any


def scheduled_runs(index: StackIndex) -> tuple[ScheduledRun, ...]:
    """Every schedule of the program whose target starts a Glue Data Quality run (an
    input that is unknown or not the request's JSON gives no ruleset names). Read once per
    stack index (`once`): every ruleset's journey and rule looks its runs up here."""
    return once(index, _scheduled_runs)


def _scheduled_runs(index: StackIndex) -> tuple[ScheduledRun, ...]:
    runs = []
    for schedule in index.of_type(SCHEDULE):
        target = schedule.get("target")
        if not isinstance(target, dict) or target.get("arn") != START_RUN_TARGET:
            continue
        request = _request(target.get("input"))
        table = (request.get("DataSource") or {}).get("GlueTable") or {}
        names = request.get("RulesetNames")
        runs.append(
            ScheduledRun(
                schedule,
                target.get("roleArn"),
                tuple(str(n) for n in names) if isinstance(names, list) else (),
                request.get("Role"),
                table.get("DatabaseName") if isinstance(table, dict) else None,
                table.get("TableName") if isinstance(table, dict) else None,
            )
        )
    return tuple(runs)


def runs_of(index: StackIndex, ruleset: ResourceView) -> list[ScheduledRun]:
    """The scheduled runs that evaluate `ruleset` (by its name)."""
    name = ruleset.get("name")
    return [r for r in scheduled_runs(index) if name in r.ruleset_names]


def failed_result(ruleset: ResourceView) -> dict[str, Any] | None:
    """The event a failed evaluation of `ruleset` sends (one rule failed), shaped as AWS's
    sample; None when its target table is not known."""
    target = ruleset.get("targetTable")
    if not isinstance(target, dict):
        return None
    database, table = target.get("databaseName"), target.get("tableName")
    if not isinstance(database, str) or not isinstance(table, str):
        return None
    return {
        "source": RESULTS_SOURCE,
        "detail-type": RESULTS_DETAIL_TYPE,
        "detail": {
            "context": {
                "contextType": "GLUE_DATA_CATALOG",
                "runId": "dqrun-sample",
                "databaseName": database,
                "tableName": table,
            },
            "resultID": "dqresult-sample",
            "rulesetNames": [ruleset.get("name")],
            "state": "SUCCEEDED",
            "score": 0.5,
            "rulesSucceeded": 1,
            "rulesFailed": 1,
            "rulesSkipped": 0,
        },
    }


def routed_rules(index: StackIndex, event: dict[str, Any]) -> list[ResourceView]:
    """The event rules of the program whose pattern matches `event`."""
    return [
        r
        for r in index.of_type(EVENT_RULE)
        if (pattern := pattern_of(r)) is not None and matches(pattern, event)
    ]


def targets_of(index: StackIndex, rule: ResourceView) -> list[ResourceView]:
    """The rule's event targets."""
    return index.referrers(rule, (EVENT_TARGET,), "rule")


def _request(raw: Any) -> dict[str, Any]:
    if is_unknown(raw) or not isinstance(raw, str):
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def table_location(index: StackIndex, database: Any, table: Any) -> tuple[str, str] | None:
    """(bucket, prefix) of the files of `database`.`table`: the S3 target of the crawler
    that creates it (its database, and its path's last folder in lowercase, the crawler's
    naming rule: stacks/contracts/datasets.py); None when no crawler of the program does."""
    for crawler in index.of_type(GLUE_CRAWLER):
        if crawler.get("databaseName") != database:
            continue
        for target in crawler.get("s3Targets") or []:
            path = target.get("path") if isinstance(target, dict) else None
            if not isinstance(path, str) or not path.startswith("s3://"):
                continue
            bucket, _, prefix = path[5:].partition("/")
            prefix = prefix if prefix.endswith("/") else f"{prefix}/"
            if prefix.strip("/").split("/")[-1].lower() == table:
                return bucket, prefix
    return None
