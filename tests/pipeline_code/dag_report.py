"""What a DAG folder holds, as Airflow itself loads it: run with the Airflow virtualenv's
python (scripts/airflow_bundle/airflow_venv.py), never imported by the project's tests.

`python dag_report.py DAG_FOLDER` prints one JSON document: the import errors of
`DagBag(include_examples=False)` (a cycle is one: DagBag checks every DAG's cycles as it
bags it), and for every DAG its tasks with the connection ids they use (every attribute
ending in `conn_id` that holds a string), the Glue jobs, crawlers and Data Quality
rulesets and evaluation roles they name, their upstream tasks, and whether an evaluation
fails on failed rules (`verify_result_status`). The DAG integrity test compares that with the plan.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from typing import Any


def glue_names(task: Any) -> dict[str, list[str]]:
    """The Glue jobs, crawlers and rulesets a task of the Amazon provider names."""
    kind = type(task).__name__
    jobs = [task.job_name] if kind in ("GlueJobOperator", "GlueJobSensor") else []
    crawlers = []
    if kind == "GlueCrawlerOperator":
        crawlers = [task.config["Name"]]
    elif kind == "GlueCrawlerSensor":
        crawlers = [task.crawler_name]
    rulesets = list(getattr(task, "rule_set_names", None) or [])
    roles = [task.role] if kind == "GlueDataQualityRuleSetEvaluationRunOperator" else []
    return {"jobs": jobs, "crawlers": crawlers, "rulesets": rulesets, "roles": roles}


def connections(task: Any) -> list[str]:
    """The connection ids the task uses: its `*conn_id` attributes that hold a string."""
    found = set()
    for name in dir(task):
        if name.endswith("conn_id") and not name.startswith("__"):
            value = getattr(task, name, None)
            if isinstance(value, str) and value:
                found.add(value)
    return sorted(found)


def report(folder: str) -> dict[str, Any]:
    """The import errors and the tasks of every DAG in `folder`."""
    from airflow.models import DagBag

    bag = DagBag(dag_folder=folder, include_examples=False, safe_mode=False)
    dags = {}
    for dag_id, dag in sorted(bag.dags.items()):
        dags[dag_id] = {
            "file": os.path.basename(dag.fileloc),
            "tasks": {
                task.task_id: {
                    "operator": type(task).__name__,
                    "connections": connections(task),
                    "retries": task.retries,
                    "upstream": sorted(task.upstream_task_ids),
                    "verify_result_status": getattr(task, "verify_result_status", None),
                    **glue_names(task),
                }
                for task in dag.tasks
            },
        }
    errors = {os.path.basename(k): v for k, v in sorted(bag.import_errors.items())}
    return {"import_errors": errors, "dags": dags}


def main() -> int:
    """Print the report of the folder named by the first argument."""
    with tempfile.TemporaryDirectory() as home:
        os.environ.update(
            AIRFLOW_HOME=home,
            AIRFLOW__CORE__LOAD_EXAMPLES="False",
            AIRFLOW__CORE__UNIT_TEST_MODE="True",
        )
        print(json.dumps(report(sys.argv[1]), sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
