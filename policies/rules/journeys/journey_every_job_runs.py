"""Every Glue job and crawler is started by a schedule or by an uploaded DAG."""

from __future__ import annotations

from .job_runs import KIND, TYPES, job_journeys
from .journey import journey_rule

RULE = journey_rule(
    KIND,
    (
        "Every Glue job and crawler runs: a schedule starts it (the crawler's schedule, a Glue "
        "trigger, an EventBridge Scheduler schedule), or a DAG config uploaded beside a DAG in "
        "an MWAA environment's DAG folder names it and the environment's execution role may "
        "get, start and follow it."
    ),
    (
        "Give the job a schedule (a Glue trigger or a Scheduler schedule), or name it in the "
        "rendered DAG config (components/orchestration/airflow_dags.py) and allow the MWAA "
        "execution role glue:GetJob, glue:StartJobRun and glue:GetJobRun on it (GetCrawler and "
        "StartCrawler for a crawler)."
    ),
    TYPES,
    job_journeys,
)
