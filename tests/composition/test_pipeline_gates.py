"""The contract gate of a domain's job (issue 19): a job reading a table the domain's
contract checks is run by its DAG behind the table's ruleset, not by a Glue trigger; one
reading nothing a contract checks keeps its trigger and runs ungated."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from composition.pipeline_gates import airflow_cron
from stacks.domain_spec import DomainJob
from tests.test_self_service_guard import copy_of_the_project, planned

TRIGGER = "aws:glue/trigger:Trigger"
JOBS = """
jobs:
  - name: contacts
    script: pipeline_code/glue/crm_to_staged.py
    schedule: "cron(15 5 * * ? *)"
    source_zone: raw
    target_zone: curated
  - name: rollup
    script: pipeline_code/glue/crm_to_staged.py
    schedule: "cron(0 6 ? * MON *)"
    source_zone: curated
    target_zone: curated
"""


def without_jobs(text: str) -> str:
    """The domain file without its top-level `jobs:` block (these tests declare their own)."""
    return re.sub(r"(?m)^jobs:\n(?:[ #].*\n|\n)*", "", text)


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The dev plan with two jobs in the marketing domain: one reads its raw zone (where
    its contract checks `hubspot`), one its curated zone (nothing checked there)."""
    tmp = tmp_path_factory.mktemp("gates")
    project = copy_of_the_project(tmp)
    domain = project / "stacks" / "domains" / "marketing.yaml"
    domain.write_text(without_jobs(domain.read_text()) + JOBS)
    code, document = planned(project, "dev", tmp / "dev.json")
    assert document is not None, f"no plan (exit code {code})"
    return document


def _config(document: dict[str, Any]) -> dict[str, Any]:
    (config,) = [
        r["inputs"]["content"]
        for r in document["resources"]
        if r["inputs"].get("key") == "dags/platform_pipelines.json"
    ]
    return {p["dag_id"]: p for p in json.loads(config)["pipelines"]}


def test_a_job_reading_a_checked_table_runs_from_its_dag_behind_the_gate(document):
    pipeline = _config(document)["job_marketing-contacts"]
    assert pipeline == {
        "dag_id": "job_marketing-contacts",
        "job": "acme-dp-dev-job-marketing-contacts",
        "crawl_before": ["acme-dp-dev-crawl-marketing-hubspot"],
        "gate": [
            {
                "database": "acme_dp_dev_raw_marketing",
                "results": "s3://acme-dp-dev-raw-210987654321-eu-west-1/"
                "domains/marketing/_quality_results/",
                "role": "arn:aws:iam::210987654321:role/acme-dp-dev-dq-eval-marketing",
                "ruleset": "acme-dp-dev-dq-marketing-raw-hubspot-contacts",
                "table": "hubspot",
            }
        ],
        "crawl_after": [],
        "quality": [],
        "schedule": "15 5 * * *",
        "retries": 2,
    }


def test_only_the_ungated_job_keeps_a_glue_trigger(document):
    triggered = [
        a["jobName"]
        for r in document["resources"]
        if r["type"] == TRIGGER
        for a in r["inputs"]["actions"]
    ]
    assert "acme-dp-dev-job-marketing-rollup" in triggered
    assert "acme-dp-dev-job-marketing-contacts" not in triggered
    assert "job_marketing-rollup" not in _config(document)


def test_the_gated_plan_has_no_mandatory_violation(document):
    assert [v for v in document["violations"] if v["level"] == "mandatory"] == []


def test_the_execution_role_may_evaluate_the_gate(document):
    (policy,) = [
        json.loads(r["inputs"]["policy"])
        for r in document["resources"]
        if r["name"].endswith("airflow-execution-policy")
    ]
    statements = {s["Sid"]: s for s in policy["Statement"]}
    assert statements["EvaluateContractRulesets"]["Resource"] == [
        "arn:aws:glue:eu-west-1:210987654321:dataQualityRuleset/"
        "acme-dp-dev-dq-marketing-raw-hubspot-contacts"
    ]
    assert statements["PassEvaluationRolesToGlue"]["Resource"] == [
        "arn:aws:iam::210987654321:role/acme-dp-dev-dq-eval-marketing"
    ]


def _job(schedule: str) -> DomainJob:
    return DomainJob(
        name="j", script="pipeline_code/glue/crm_to_staged.py", schedule=schedule,
        source_zone="raw", target_zone="curated",
    )  # fmt: skip


def test_a_glue_cron_becomes_airflows():
    assert airflow_cron("d", _job("cron(15 5 * * ? *)")) == "15 5 * * *"
    assert airflow_cron("d", _job("cron(0 6 ? * MON-FRI *)")) == "0 6 * * MON-FRI"


@pytest.mark.parametrize(
    "schedule", ["cron(0 6 ? * 2 *)", "cron(0 6 L * ? *)", "cron(0 6 * * ? 2027)"]
)
def test_a_glue_cron_airflow_cannot_say_is_refused_naming_the_job(schedule):
    with pytest.raises(ValueError, match=r"domain \[d\] job \[j\]"):
        airflow_cron("d", _job(schedule))
