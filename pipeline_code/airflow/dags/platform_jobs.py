"""One DAG per Glue job of the platform: crawl its input, run it, crawl its output, check it.

The Pulumi program renders the names of each stack's jobs, crawlers and Data Quality
rulesets into `platform_pipelines.json`, uploaded beside this file (see
components/orchestration/airflow_dags.py); this file holds no stack's names. Every task
calls AWS as MWAA's execution role (`aws_conn_id=None`: the provider then uses boto3's
default credentials), which may start and read only this platform's jobs and crawlers.

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


def load_pipelines(path: Path = CONFIG) -> list[dict[str, Any]]:
    """The pipelines the platform rendered; none when the file is absent (a DAG folder
    without its config parses to no DAG rather than an import error)."""
    if not path.is_file():
        return []
    return list(json.loads(path.read_text(encoding="utf-8"))["pipelines"])


def build_dag(pipeline: dict[str, Any]) -> DAG:
    """crawl_before (in parallel) >> run the job >> crawl_after >> quality evaluations."""
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
        checks = [
            GlueDataQualityRuleSetEvaluationRunOperator(
                task_id=f"quality_{check['ruleset']}",
                datasource={
                    "GlueTable": {"DatabaseName": check["database"], "TableName": check["table"]}
                },
                role=check["role"],
                rule_set_names=[check["ruleset"]],
                aws_conn_id=None,
            )
            for check in pipeline["quality"]
        ]
        for task in before:
            task >> job
        last = [job]
        for step in (after, checks):
            if step:
                for upstream in last:
                    upstream >> step
                last = step
    return dag


for _pipeline in load_pipelines():
    globals()[_pipeline["dag_id"]] = build_dag(_pipeline)
