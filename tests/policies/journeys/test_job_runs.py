"""journey-every-job-runs on the real plans, each way of breaking it made by one edit of the
planned resources (the plans are made once per session, then edited in a deep copy)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from policies.rules.core.index import StackIndex
from policies.rules.core.rule import Context
from policies.rules.core.values import as_list
from policies.rules.journeys.job_runs import job_journeys
from scripts.plan.policy import views

OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2"
JOB = "Glue job [acme-dp-dev-job-crm_to_staged] runs"
# Marketing's own job: it reads the domain's raw prefix, where its contract checks the
# hubspot table, so its DAG runs the contract's checks first (the gate).
GATED = "Glue job [acme-dp-dev-job-marketing-hubspot_to_curated] runs"
CRAWLER = "Glue crawler [acme-dp-dev-crawl-raw-crm] runs"


def verdicts(document: dict[str, Any], edit: Callable[[dict[str, Any]], None]) -> dict[str, str]:
    """Journey name -> verdict, or `broken at <hop>`, after `edit` of every resource."""
    changed = copy.deepcopy(document)
    for resource in changed["resources"]:
        edit(resource)
    return {
        j.name: j.verdict
        if j.verdict != "broken" or j.deciding_hop is None
        else f"broken at {j.deciding_hop.name}"
        for j in job_journeys(StackIndex(views(changed)), Context(document["stack"]))
    }


def test_every_job_and_crawler_of_every_stack_runs(stack_plan):
    found = verdicts(stack_plan, lambda r: None)
    glue = [
        r
        for r in stack_plan["resources"]
        if r["type"].startswith("aws:glue/")
        and (r["type"].endswith(":Job") or r["type"].endswith(":Crawler"))
    ]
    assert len(found) == len(glue) > 0
    assert set(found.values()) == {"works"}, found


def test_the_platform_job_is_reached_by_the_uploaded_dag(plans):
    changed = StackIndex(views(plans["dev"]))
    (journey,) = [j for j in job_journeys(changed, Context("dev")) if j.name == JOB]
    # It reads only `crm/` of the raw zone, which no contract checks: no gate.
    assert [h.name for h in journey.hops] == [
        "a DAG starts it",
        "glue:GetJob by acme-dp-dev-airflow-execution",
        "glue:StartJobRun by acme-dp-dev-airflow-execution",
        "glue:GetJobRun by acme-dp-dev-airflow-execution",
    ]
    assert "DAG job_crm_to_staged of dags/platform_pipelines.json" in journey.hops[0].detail


def test_a_domain_job_behind_its_contract_is_reached_through_the_gate(plans):
    changed = StackIndex(views(plans["dev"]))
    (journey,) = [j for j in job_journeys(changed, Context("dev")) if j.name == GATED]
    assert [h.name for h in journey.hops] == [
        "a DAG starts it",
        "glue:GetJob by acme-dp-dev-airflow-execution",
        "glue:StartJobRun by acme-dp-dev-airflow-execution",
        "glue:GetJobRun by acme-dp-dev-airflow-execution",
        "glue:GetDataQualityRuleset by acme-dp-dev-airflow-execution",
        "glue:StartDataQualityRulesetEvaluationRun by acme-dp-dev-airflow-execution",
        "glue:GetDataQualityRulesetEvaluationRun by acme-dp-dev-airflow-execution",
        "glue:GetDataQualityResult by acme-dp-dev-airflow-execution",
        "iam:PassRole by acme-dp-dev-airflow-execution",
    ]
    assert journey.hops[-1].detail.startswith(
        "on arn:aws:iam::210987654321:role/acme-dp-dev-dq-eval-marketing"
    )
    assert "DAG job_marketing-hubspot_to_curated of dags/platform_pipelines.json" in (
        journey.hops[0].detail
    )


def _drop_key(key: str) -> Callable[[dict[str, Any]], None]:
    def edit(resource: dict[str, Any]) -> None:
        if resource["type"] == OBJECT and resource["inputs"].get("key") == key:
            resource["inputs"]["bucket"] = "some-other-bucket"

    return edit


def test_a_job_no_dag_config_names_never_runs(plans):
    found = verdicts(plans["dev"], _drop_key("dags/platform_pipelines.json"))
    assert found[JOB] == "broken at something starts it"
    assert found[CRAWLER] == "works"  # its own schedule


def test_a_dag_config_without_a_dag_beside_it_runs_nothing(plans):
    found = verdicts(plans["dev"], _drop_key("dags/platform_jobs.py"))
    assert found[JOB] == "broken at something starts it"


def _edit_execution_policy(
    change: Callable[[dict[str, Any]], None],
) -> Callable[[dict[str, Any]], None]:
    """An edit applying `change` to every statement of the execution role's policy."""

    def edit(resource: dict[str, Any]) -> None:
        if resource["type"] == "aws:iam/rolePolicy:RolePolicy" and resource["name"].endswith(
            "airflow-execution-policy"
        ):
            policy = json.loads(resource["inputs"]["policy"])
            for statement in policy["Statement"]:
                change(statement)
            resource["inputs"]["policy"] = json.dumps(policy)

    return edit


def test_an_execution_role_that_cannot_find_the_job_breaks_the_journey(plans):
    def no_get_job(statement: dict[str, Any]) -> None:
        if isinstance(statement["Action"], list) and "glue:GetJob" in statement["Action"]:
            statement["Action"].remove("glue:GetJob")

    found = verdicts(plans["dev"], _edit_execution_policy(no_get_job))
    assert found[JOB] == "broken at glue:GetJob by acme-dp-dev-airflow-execution"


def _without_execution_statement(sid: str, action: str) -> Callable[[dict[str, Any]], None]:
    """Remove `action` from the execution role policy's statement `sid`."""

    def change(statement: dict[str, Any]) -> None:
        if statement.get("Sid") != sid:
            return
        actions = as_list(statement["Action"])
        assert action in actions, (sid, action)
        actions.remove(action)
        statement["Action"] = actions or ["glue:GetTags"]

    return _edit_execution_policy(change)


def test_a_gate_the_execution_role_cannot_start_breaks_the_journey(plans):
    edit = _without_execution_statement(
        "EvaluateContractRulesets", "glue:StartDataQualityRulesetEvaluationRun"
    )
    found = verdicts(plans["dev"], edit)
    assert found[GATED] == (
        "broken at glue:StartDataQualityRulesetEvaluationRun by acme-dp-dev-airflow-execution"
    )


def test_a_gate_whose_evaluation_role_cannot_be_passed_breaks_the_journey(plans):
    found = verdicts(
        plans["dev"], _without_execution_statement("PassEvaluationRolesToGlue", "iam:PassRole")
    )
    assert found[GATED] == "broken at iam:PassRole by acme-dp-dev-airflow-execution"


def test_a_gate_passing_its_role_to_another_service_breaks_the_journey(plans):
    def to_lambda(statement: dict[str, Any]) -> None:
        if statement.get("Sid") == "PassEvaluationRolesToGlue":
            statement["Condition"]["StringEquals"]["iam:PassedToService"] = "lambda.amazonaws.com"

    found = verdicts(plans["dev"], _edit_execution_policy(to_lambda))
    assert found[GATED] == "broken at iam:PassRole by acme-dp-dev-airflow-execution"


def test_a_scheduler_schedule_naming_the_job_is_enough(plans):
    document = copy.deepcopy(plans["dev"])
    document["resources"].append(
        {
            "urn": "urn:pulumi:dev::data-platform::aws:scheduler/schedule:Schedule::nightly",
            "type": "aws:scheduler/schedule:Schedule",
            "name": "nightly",
            "custom": True,
            "parent": None,
            "dependencies": [],
            "protect": False,
            "retainOnDelete": False,
            "inputs": {
                "scheduleExpression": "cron(0 4 * * ? *)",
                "target": {
                    "arn": "arn:aws:scheduler:::aws-sdk:glue:startJobRun",
                    "roleArn": "arn:aws:iam::210987654321:role/scheduler",
                    "input": json.dumps({"JobName": "acme-dp-dev-job-crm_to_staged"}),
                },
            },
        }
    )
    found = verdicts(document, _drop_key("dags/platform_pipelines.json"))
    assert found[JOB] == "works"


def test_a_crawler_without_schedule_or_dag_never_runs(plans):
    def unscheduled(resource: dict[str, Any]) -> None:
        if resource["type"] == "aws:glue/crawler:Crawler":
            resource["inputs"].pop("schedule", None)

    found = verdicts(plans["dev"], unscheduled)
    # The DAG still crawls it before the job: reached through the DAG.
    assert found[CRAWLER] == "works"
    found = verdicts(
        plans["dev"], lambda r: (unscheduled(r), _drop_key("dags/platform_pipelines.json")(r))
    )
    assert found[CRAWLER] == "broken at something starts it"
