"""The metrics Amazon MWAA publishes in the AmazonMWAA namespace, with their dimensions.

From the Amazon MWAA User Guide, "Apache Airflow v2 environment metrics in CloudWatch"
(awsdocs/amazon-mwaa-user-guide, doc_source/access-metrics-cw-202.md and -220.md). Every
metric also carries `Environment`. A value of None means the dimension names something
of the environment (a DAG id, an operator): any value is published.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.values import is_unknown

Dimensions = Mapping[str, str | None]
_SCHEDULER: Dimensions = {"Function": "Scheduler"}
_DAG_PROCESSING: Dimensions = {"Function": "DAG Processing"}
_EXECUTOR: Dimensions = {"Function": "Executor"}
_ALL_TASKS: Dimensions = {"DAG": "All", "Task": "All"}
_BY_DAG: Dimensions = {"DAG": None}

PUBLISHED: dict[str, Dimensions] = {
    **dict.fromkeys(
        (
            "CriticalSectionBusy",
            "FailedSLAEmailAttempts",
            "SchedulerHeartbeat",
            "TasksKilledExternally",
            "OrphanedTasksAdopted",
            "OrphanedTasksCleared",
            "TasksExecutable",
            "TasksPending",
            "TasksRunning",
            "TasksStarving",
            "TasksWithoutDagRun",
            "CriticalSectionDuration",
        ),
        _SCHEDULER,
    ),
    **dict.fromkeys(
        (
            "DagBagSize",
            "ManagerStalls",
            "Processes",
            "DAGFileRefreshError",
            "ImportErrors",
            "TotalParseTime",
            "ProcessorTimeouts",
            "CollectDBDags",
        ),
        _DAG_PROCESSING,
    ),
    **dict.fromkeys(("OpenSlots", "QueuedTasks", "RunningTasks"), _EXECUTOR),
    "TaskTimeoutError": {"Function": "Celery"},
    **dict.fromkeys(
        (
            "TaskInstancePreviouslySucceeded",
            "TaskInstanceFailures",
            "TaskInstanceStarted",
            "TaskInstanceSuccesses",
            "ZombiesKilled",
        ),
        _ALL_TASKS,
    ),
    "DagCallbackExceptions": {"DAG": "All"},
    **dict.fromkeys(
        (
            "TaskRemovedFromDAG",
            "TaskRestoredToDAG",
            "DAGDependencyCheck",
            "DAGDurationFailed",
            "DAGDurationSuccess",
            "DAGScheduleDelay",
            "FirstTaskSchedulingDelay",
        ),
        _BY_DAG,
    ),
}


def unpublished(metric: str, dimensions: Mapping[str, object]) -> str | None:
    """Why MWAA publishes no data point for `metric` with `dimensions` (None: it does).

    A value unknown until apply counts as the documented one: only a known wrong value
    or a wrong set of dimension names is reported.
    """
    if metric not in PUBLISHED:
        return f"{metric} is not a metric MWAA publishes in AmazonMWAA"
    expected = PUBLISHED[metric]
    given = {k: v for k, v in dimensions.items() if k != "Environment"}
    if "Environment" not in dimensions:
        return f"{metric} needs the Environment dimension"
    if set(given) != set(expected) or any(
        want is not None and not is_unknown(given[key]) and given[key] != want
        for key, want in expected.items()
    ):
        wanted = ", ".join(f"{k}={v if v is not None else '<name>'}" for k, v in expected.items())
        found = ", ".join(f"{k}={v}" for k, v in given.items()) or "none"
        return f"{metric} is published with {wanted}; the alarm asks for {found}"
    return None
