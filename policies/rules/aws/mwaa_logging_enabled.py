"""MWAA environments send every Airflow log to CloudWatch at INFO or above."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import MWAA_ENVIRONMENT

MWAA = MWAA_ENVIRONMENT
LOGS = ("dagProcessingLogs", "schedulerLogs", "taskLogs", "webserverLogs", "workerLogs")
LEVELS = ("DEBUG", "INFO")


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """Each of the five logs must be enabled with logLevel INFO (or DEBUG)."""
    for log in LOGS:
        config = view.need(f"loggingConfiguration.{log}") or {}
        if config.get("enabled") is not True:
            yield view.violation(f"MWAA environment [{view.name}] {log} is not enabled")
        elif config.get("logLevel") not in LEVELS:
            yield view.violation(
                f"MWAA environment [{view.name}] {log} logs at {config.get('logLevel')!r}, not INFO"
            )


RULE = Rule(
    id="mwaa-logging-enabled",
    description=(
        "MWAA environments enable DAG processing, scheduler, task, webserver and worker logs at "
        "INFO."
    ),
    severity="medium",
    remediation="Set loggingConfiguration.<log>.enabled true and logLevel INFO for all five logs.",
    resource_types=(MWAA,),
    check=check,
    mapped=("CKV_AWS_242", "CKV_AWS_243", "CKV_AWS_244", "cdk-nag MWAAAllLoggingInfo"),
)
