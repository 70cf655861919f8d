"""The DAG integrity test: the DAGs the dev plan uploads load in Airflow 2.10.3 as MWAA runs
it (its constraints, in its own virtualenv: scripts/airflow_bundle/airflow_venv.py), with no
import error and no cycle, and every connection, Glue job, crawler, ruleset and evaluation
role a task names exists in the plan; a gated job runs after its gate, which fails on failed
rules. The DAG folder is rebuilt from the plan's uploaded objects (a file's source path, or
the rendered config's content), so what is checked is what MWAA would receive.

The virtualenv comes from PyPI (about two minutes; `.ci/run` builds it before the tests).
If it cannot be built the test fails rather than skips: an unchecked DAG is what this test
exists to prevent, and CI has PyPI access.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from policies.rules.facts import arns, tokens
from scripts.airflow_bundle.airflow_venv import ensure_venv
from scripts.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
REPORT = HERE / "dag_report.py"
FIXTURES = HERE / "fixtures"
RULESET = "aws:glue/dataQualityRuleset:DataQualityRuleset"
GATE = "gate_acme-dp-dev-dq-marketing-raw-hubspot-contacts"
GATED = "job_marketing-hubspot_to_curated"  # marketing's job, behind its contract


@pytest.fixture(scope="module")
def airflow_python() -> Path:
    """The Airflow virtualenv's python; the test fails (never skips) when it cannot be built."""
    try:
        return ensure_venv()
    except UserError as exc:
        pytest.fail(f"the Airflow virtualenv could not be built: {exc}")


def dag_report(python: Path, folder: Path) -> dict[str, Any]:
    """What Airflow loads from `folder` (tests/pipeline_code/dag_report.py's document)."""
    done = subprocess.run(
        [str(python), str(REPORT), str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def uploaded_dags(plan: dict[str, Any], folder: Path) -> list[str]:
    """Write the objects the plan uploads under an MWAA environment's DAG folder into
    `folder`; their file names."""
    (environment,) = [r for r in plan["resources"] if r["type"] == tokens.MWAA_ENVIRONMENT]
    bucket = environment["inputs"]["sourceBucketArn"].rsplit(":", 1)[-1]
    prefix = environment["inputs"]["dagS3Path"].strip("/") + "/"
    written = []
    for resource in plan["resources"]:
        inputs = resource["inputs"]
        if resource["type"] != tokens.S3_BUCKET_OBJECTV2 or inputs.get("bucket") != bucket:
            continue
        key = str(inputs.get("key", ""))
        if not key.startswith(prefix):
            continue
        target = folder / key.removeprefix(prefix)
        if "content" in inputs:
            target.write_text(inputs["content"], encoding="utf-8")
        else:
            shutil.copyfile(ROOT / inputs["source"]["path"], target)
        written.append(target.name)
    return sorted(written)


def connections_prefix(plan: dict[str, Any]) -> str:
    """The name prefix of the Airflow connection secrets the execution role may read (the
    environment's own `secrets.backend_kwargs` is a secret input, hidden in the plan)."""
    (environment,) = [r for r in plan["resources"] if r["type"] == tokens.MWAA_ENVIRONMENT]
    role = environment["inputs"]["executionRoleArn"].rsplit("/", 1)[-1]
    for resource in plan["resources"]:
        if resource["type"] != tokens.IAM_ROLE_POLICY:
            continue
        policy = json.loads(resource["inputs"]["policy"])
        for statement in policy["Statement"]:
            if (
                statement.get("Sid") != "ReadAirflowSecretsOnly"
                or resource["inputs"].get("role") != role
            ):
                continue
            for arn in statement["Resource"]:
                if arn.endswith("/connections/*"):
                    return str(arn.split(":secret:", 1)[1].removesuffix("*"))
    raise AssertionError("no execution role policy reads the Airflow connection secrets")


def platform_names(plan: dict[str, Any]) -> dict[str, set[str]]:
    """The Airflow connections (secrets under the backend's connections prefix), Glue jobs,
    crawlers, rulesets and IAM roles (by ARN) of the plan."""
    prefix = connections_prefix(plan)
    (environment,) = [r for r in plan["resources"] if r["type"] == tokens.MWAA_ENVIRONMENT]
    account = str(arns.account_of(environment["inputs"]["executionRoleArn"]))

    def names(type_: str) -> set[str]:
        return {r["inputs"]["name"] for r in plan["resources"] if r["type"] == type_}

    return {
        "connections": {
            n.removeprefix(prefix)
            for n in names(tokens.SECRETSMANAGER_SECRET)
            if n.startswith(prefix)
        },
        "jobs": names(tokens.GLUE_JOB),
        "crawlers": names(tokens.GLUE_CRAWLER),
        "rulesets": names(RULESET),
        "roles": {arns.iam_role(account, n) for n in names(tokens.IAM_ROLE)},
    }


def problems(report: dict[str, Any], names: dict[str, set[str]]) -> list[str]:
    """Every import error, and every name a task uses that the platform does not have."""
    found = [f"{file}: import error: {error}" for file, error in report["import_errors"].items()]
    for dag_id, dag in report["dags"].items():
        for task_id, task in dag["tasks"].items():
            for kind, key in (
                ("connection", "connections"),
                ("Glue job", "jobs"),
                ("Glue crawler", "crawlers"),
                ("ruleset", "rulesets"),
                ("evaluation role", "roles"),
            ):
                for name in task[key]:
                    if name not in names[key]:
                        found.append(f"{dag_id}.{task_id}: {kind} [{name}] is not in the plan")
    return found


def test_the_platform_names_what_the_dags_may_use(plans):
    names = platform_names(plans["dev"])
    assert names["connections"] == {"snowflake_airflow_loader", "snowflake_marketing_loader"}
    assert "acme-dp-dev-job-crm_to_staged" in names["jobs"]
    # The platform's raw-zone crawler and the crawler of marketing's ingest source.
    assert {"acme-dp-dev-crawl-raw-crm", "acme-dp-dev-crawl-marketing-hubspot"} <= names["crawlers"]


def test_the_dev_plan_uploads_the_repositorys_dags_and_their_config(plans, tmp_path):
    written = uploaded_dags(plans["dev"], tmp_path)
    repository = sorted(p.name for p in (ROOT / "pipeline_code/airflow/dags").glob("*.py"))
    assert written == sorted([*repository, "platform_pipelines.json"])


def test_every_uploaded_dag_loads_and_names_only_what_the_platform_has(
    airflow_python, plans, tmp_path
):
    uploaded_dags(plans["dev"], tmp_path)
    report = dag_report(airflow_python, tmp_path)
    assert problems(report, platform_names(plans["dev"])) == []
    dag = report["dags"]["job_crm_to_staged"]
    # The platform's job reads `crm/` of the raw zone, which no contract checks: no gate.
    assert {t: (v["operator"], v["jobs"] + v["crawlers"]) for t, v in dag["tasks"].items()} == {
        "crawl_acme-dp-dev-crawl-raw-crm": (
            "GlueCrawlerOperator",
            ["acme-dp-dev-crawl-raw-crm"],
        ),
        "run_job": ("GlueJobOperator", ["acme-dp-dev-job-crm_to_staged"]),
    }
    assert {task["retries"] for task in dag["tasks"].values()} == {2}
    # Marketing's job reads its raw prefix, where its contract checks `hubspot`: the crawl,
    # then the contract's ruleset (failing on failed rules) as its evaluation role, then the job.
    dag = report["dags"][GATED]
    assert {t: (v["operator"], v["jobs"] + v["crawlers"]) for t, v in dag["tasks"].items()} == {
        "crawl_acme-dp-dev-crawl-marketing-hubspot": (
            "GlueCrawlerOperator",
            ["acme-dp-dev-crawl-marketing-hubspot"],
        ),
        GATE: ("GlueDataQualityRuleSetEvaluationRunOperator", []),
        "run_job": ("GlueJobOperator", ["acme-dp-dev-job-marketing-hubspot_to_curated"]),
    }
    gate = dag["tasks"][GATE]
    assert gate["upstream"] == ["crawl_acme-dp-dev-crawl-marketing-hubspot"]
    assert gate["rulesets"] == ["acme-dp-dev-dq-marketing-raw-hubspot-contacts"]
    assert gate["roles"] == ["arn:aws:iam::210987654321:role/acme-dp-dev-dq-eval-marketing"]
    assert gate["verify_result_status"] is True
    assert dag["tasks"]["run_job"]["upstream"] == [GATE]


def test_a_gate_naming_a_missing_ruleset_or_role_fails(airflow_python, plans, tmp_path):
    uploaded_dags(plans["dev"], tmp_path)
    config = tmp_path / "platform_pipelines.json"
    document = json.loads(config.read_text())
    (pipeline,) = [p for p in document["pipelines"] if p["dag_id"] == GATED]
    (gate,) = pipeline["gate"]
    gate.update(ruleset="acme-dp-dev-dq-missing", role="arn:aws:iam::210987654321:role/missing")
    config.write_text(json.dumps(document))
    report = dag_report(airflow_python, tmp_path)
    assert problems(report, platform_names(plans["dev"])) == [
        f"{GATED}.gate_acme-dp-dev-dq-missing: ruleset [acme-dp-dev-dq-missing] is not in the plan",
        f"{GATED}.gate_acme-dp-dev-dq-missing: evaluation role "
        "[arn:aws:iam::210987654321:role/missing] is not in the plan",
    ]


def test_a_dag_naming_a_missing_connection_or_job_fails(airflow_python, plans):
    report = dag_report(airflow_python, FIXTURES / "bad_dags")
    assert problems(report, platform_names(plans["dev"])) == [
        "names_what_the_platform_lacks.load: connection [snowflake_missing] is not in the plan",
        "names_what_the_platform_lacks.run: Glue job [acme-dp-dev-job-missing] is not in the plan",
    ]


def test_a_cyclic_dag_is_an_import_error(airflow_python, plans):
    report = dag_report(airflow_python, FIXTURES / "cyclic_dags")
    (problem,) = problems(report, platform_names(plans["dev"]))
    assert problem.startswith("cyclic.py: import error:")
    assert "Cycle detected" in problem
