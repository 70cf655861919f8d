"""The DAG's evaluations run as the program's scheduled evaluations do: the DAG cannot
import the program, so the facts it repeats are compared here (no Airflow needed)."""

from __future__ import annotations

import ast
from pathlib import Path

from components.quality import quality_iam

DAG = Path(__file__).resolve().parents[2] / "pipeline_code/airflow/dags/platform_jobs.py"


def _constant(name: str) -> object:
    for node in ast.parse(DAG.read_text()).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [
            name
        ]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{DAG.name} defines no {name}")


def test_the_dags_evaluation_timeout_is_the_scheduled_runs():
    assert _constant("RUN_TIMEOUT_MINUTES") == quality_iam.RUN_TIMEOUT_MINUTES


def test_the_dags_run_options_are_the_scheduled_runs():
    source = DAG.read_text()
    options = quality_iam.run_options("s3://b/p/")
    assert '{"CloudWatchMetricsEnabled": False}' in source
    assert options == {"CloudWatchMetricsEnabled": False, "ResultsS3Prefix": "s3://b/p/"}
    assert 'options["ResultsS3Prefix"] = check["results"]' in source
