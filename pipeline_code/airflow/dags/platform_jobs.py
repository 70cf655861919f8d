"""One DAG per Glue job: crawl its input, check it (the contract gate), run the job, crawl
its output, check that.

The Pulumi program renders the names of each stack's jobs, crawlers and Data Quality
rulesets into `platform_pipelines.json`, uploaded beside this file (see
components/orchestration/airflow_dags.py); this file holds no stack's names. Every task
calls AWS as MWAA's execution role (`aws_conn_id=None`: the provider then uses boto3's
default credentials), which may start and read only this platform's jobs, crawlers and
Data Quality rulesets, and pass only its evaluation roles to Glue.

The contract gate: a job whose source tables a contract checks (`gate`, rendered by the
program) runs only when every rule of their rulesets passes: each evaluation task fails
on a failed or erroring rule (`verify_result_status=True`), and the job waits for all of
them (Airflow's default trigger rule, all_success). A job whose source no contract
covers has an empty `gate` and runs ungated.

Operators of apache-airflow-providers-amazon 9.0.0, the version MWAA 2.10.3's constraints
pin (pipeline_code/airflow/constraints.txt).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from airflow import DAG
from airflow.providers.amazon.aws.operators.glue import (
    GlueDataQualityRuleSetEvaluationRunOperator,
    GlueJobOperator,
)
from airflow.providers.amazon.aws.operators.glue_crawler import GlueCrawlerOperator

CONFIG = Path(__file__).with_name("platform_pipelines.json")
# Minutes an evaluation may run, as the scheduled evaluations' request
# (components/quality/quality_iam.py RUN_TIMEOUT_MINUTES).
RUN_TIMEOUT_MINUTES = 60


def load_pipelines(path: Path = CONFIG) -> list[dict[str, Any]]:
    """The pipelines the platform rendered; none when the file is absent (a DAG folder
    without its config parses to no DAG rather than an import error)."""
    if not path.is_file():
        return []
    return list(json.loads(path.read_text(encoding="utf-8"))["pipelines"])


def evaluation(task_id: str, check: dict[str, str]) -> GlueDataQualityRuleSetEvaluationRunOperator:
    """One evaluation of one ruleset on its table, failing on any failed or erroring rule.

    `timeout` (minutes) bounds the run's workers as the program's scheduled runs do;
    the waiter polls every minute for up to `waiter_max_attempts` minutes. The run's
    options are the scheduled runs' (components/quality/quality_iam.py `run_options`):
    no CloudWatch metrics, results written under `results` when the config names it.
    """
    options: dict[str, Any] = {"CloudWatchMetricsEnabled": False}
    if check.get("results"):
        options["ResultsS3Prefix"] = check["results"]
    return GlueDataQualityRuleSetEvaluationRunOperator(
        task_id=task_id,
        datasource={"GlueTable": {"DatabaseName": check["database"], "TableName": check["table"]}},
        role=check["role"],
        rule_set_names=[check["ruleset"]],
        timeout=RUN_TIMEOUT_MINUTES,
        verify_result_status=True,
        show_results=True,
        waiter_delay=60,
        waiter_max_attempts=RUN_TIMEOUT_MINUTES + 5,
        rule_set_evaluation_run_kwargs={"AdditionalRunOptions": options},
        aws_conn_id=None,
    )


def chain_steps(steps: list[list[Any]]) -> None:
    """Each non-empty step after every task of the previous non-empty step."""
    last: list[Any] = []
    for step in steps:
        if not step:
            continue
        for upstream in last:
            upstream >> step
        last = step


def build_dag(pipeline: dict[str, Any]) -> DAG:
    """crawl_before (in parallel) >> gate evaluations >> run the job >> crawl_after >>
    quality evaluations."""
    dag = DAG(
        dag_id=pipeline["dag_id"],
        schedule=pipeline["schedule"],
        start_date=datetime(2026, 1, 1),
        catchup=False,
        max_active_runs=1,  # the job allows one concurrent run (its bookmarks)
        default_args={
            "retries": pipeline["retries"],
            "retry_delay": timedelta(minutes=5),
            "retry_exponential_backoff": True,
        },
        tags=["platform", "glue"],
    )
    with dag:
        before = [
            GlueCrawlerOperator(
                task_id=f"crawl_{name}", config={"Name": name}, aws_conn_id=None, poll_interval=30
            )
            for name in pipeline["crawl_before"]
        ]
        job = GlueJobOperator(
            task_id="run_job",
            job_name=pipeline["job"],
            aws_conn_id=None,
            wait_for_completion=True,
            verbose=False,
        )
        after = [
            GlueCrawlerOperator(
                task_id=f"crawl_{name}", config={"Name": name}, aws_conn_id=None, poll_interval=30
            )
            for name in pipeline["crawl_after"]
        ]
        gate = [evaluation(f"gate_{c['ruleset']}", c) for c in pipeline.get("gate", [])]
        checks = [evaluation(f"quality_{c['ruleset']}", c) for c in pipeline["quality"]]
        chain_steps([before, gate, [job], after, checks])
    return dag


for _pipeline in load_pipelines():
    globals()[_pipeline["dag_id"]] = build_dag(_pipeline)
