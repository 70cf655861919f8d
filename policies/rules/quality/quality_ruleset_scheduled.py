"""Every Glue Data Quality ruleset is run by a schedule.

A ruleset nothing evaluates reads as passing. A ruleset is run when an EventBridge
Scheduler schedule, enabled, with a role, starts evaluation runs of it through the
universal target `...:aws-sdk:glue:startDataQualityRulesetEvaluationRun` on its target
table, passing an evaluation role (`quality_paths.scheduled_runs`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.view import Finding
from .quality_paths import RULESET, SCHEDULE, START_RUN_TARGET, ScheduledRun, runs_of


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each ruleset is named by an enabled schedule's run, on its own table, with roles."""
    for ruleset in index.of_type(RULESET):
        runs = runs_of(index, ruleset)
        if not runs:
            yield ruleset.violation(
                f"Glue Data Quality ruleset [{ruleset.name}] is run by no schedule: no "
                f"EventBridge Scheduler schedule targets {START_RUN_TARGET} with it in "
                "RulesetNames"
            )
            continue
        target = ruleset.get("targetTable") or {}
        problems = [_problems(run, target) for run in runs]
        if all(problems):
            yield ruleset.violation(
                f"Glue Data Quality ruleset [{ruleset.name}] is not run: "
                + "; ".join(p for found in problems for p in found)
            )


def _problems(run: ScheduledRun, target: Any) -> list[str]:
    """Why `run` does not evaluate the ruleset (empty: it does)."""
    where = f"schedule [{run.schedule.name}]"
    problems = []
    if run.schedule.get("state") == "DISABLED":
        problems.append(f"{where} is DISABLED")
    if not run.role_arn:
        problems.append(f"{where} has no role")
    if not run.evaluation_role_arn:
        problems.append(f"{where} passes no evaluation Role")
    wanted = (
        (target.get("databaseName"), target.get("tableName")) if isinstance(target, dict) else None
    )
    if wanted is not None and (run.database, run.table) != wanted:
        problems.append(
            f"{where} evaluates {run.database}.{run.table}, not the ruleset's target table "
            f"{wanted[0]}.{wanted[1]}"
        )
    return problems


RULE = Rule(
    id="quality-ruleset-scheduled",
    description=(
        "Every Glue Data Quality ruleset is evaluated by an enabled EventBridge Scheduler "
        "schedule (universal target StartDataQualityRulesetEvaluationRun) on its target "
        "table, with a scheduler role and an evaluation role."
    ),
    severity="medium",
    remediation=(
        "Add an aws.scheduler.Schedule whose target ARN is "
        f"{START_RUN_TARGET}, with roleArn and an input naming the ruleset in RulesetNames, "
        "its target table in DataSource.GlueTable and the evaluation Role."
    ),
    resource_types=(RULESET, SCHEDULE),
    check_stack=check,
)
