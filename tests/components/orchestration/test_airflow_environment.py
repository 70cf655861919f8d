"""The MWAA environment: pinned files, every log, Secrets Manager backend, a narrow role."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from parliament import analyze_policy_string

from components.orchestration.airflow_environment import (
    AirflowEnvironment,
    AirflowEnvironmentArgs,
    AirflowSettings,
    secrets_backend_options,
)
from components.orchestration.airflow_environment_iam import execution_role_policy
from composition.orchestration import AIRFLOW_FILES
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import run_callable

KEY = "arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555"
SECRETS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/99999999-2222-3333-4444-555555555555"


SETTINGS = AirflowSettings(
    airflow_version="2.10.3",
    environment_class="mw1.medium",
    min_workers=2,
    max_workers=10,
    private_webserver=True,
    maintenance_window="SUN:03:00",
    files=AIRFLOW_FILES,
)


def _args(**changes) -> AirflowEnvironmentArgs:
    values = dict(
        environment_name="acme-dp-prod-airflow",
        account_id="111122223333",
        region="eu-west-1",
        dag_bucket_name="airflow-acme-dp-prod-111122223333-eu-west-1",
        kms_key_arn=KEY,
        subnet_ids=["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
        security_group_ids=["sg-0ccccccccccccccccc"],
        settings=SETTINGS,
        secrets_prefix="acme-dp-prod/airflow",
        secrets_key_arn=SECRETS_KEY,
        glue_name_prefix="acme-dp-prod-",
        tags={"environment": "prod"},
        access_log_bucket="acme-dp-prod-access-logs",
    )
    values.update(changes)
    return AirflowEnvironmentArgs(**values)


def _register(args: AirflowEnvironmentArgs):
    def program() -> None:
        AirflowEnvironment("airflow", args)

    run = run_callable(
        program, project="p", stack="prod", mocks=PlausibleMocks("111122223333", "eu-west-1")
    )
    return run


@pytest.fixture(scope="module")
def registered():
    run = _register(_args())
    assert not [d for d in run.diagnostics if d.severity in ("warning", "error")]
    return {(r.type, r.name): r for r in run.registrations}


def _one(registered, type_):
    (found,) = [r for (t, _), r in registered.items() if t == type_]
    return found


def test_the_environment_is_private_encrypted_and_logs_everything(registered):
    env = _one(registered, "aws:mwaa/environment:Environment").inputs
    assert env["webserverAccessMode"] == "PRIVATE_ONLY"
    assert env["kmsKey"] == KEY
    assert env["airflowVersion"] == "2.10.3"
    assert env["weeklyMaintenanceWindowStart"] == "SUN:03:00"
    assert (env["environmentClass"], env["minWorkers"], env["maxWorkers"]) == ("mw1.medium", 2, 10)
    logs = env["loggingConfiguration"]
    assert set(logs) == {
        "dagProcessingLogs",
        "schedulerLogs",
        "taskLogs",
        "webserverLogs",
        "workerLogs",
    }
    assert all(v == {"enabled": True, "logLevel": "INFO"} for v in logs.values())


def test_files_are_uploaded_and_pinned_by_object_version(registered):
    env = _one(registered, "aws:mwaa/environment:Environment").inputs
    objects = {
        r.inputs["key"]: r.outputs["versionId"]
        for (t, _), r in registered.items()
        if t == "aws:s3/bucketObjectv2:BucketObjectv2"
    }
    assert env["requirementsS3ObjectVersion"] == objects["requirements.txt"]
    assert env["startupScriptS3ObjectVersion"] == objects["startup.sh"]
    assert env["pluginsS3ObjectVersion"] == objects["plugins.zip"]


def test_the_dag_bucket_is_a_secure_bucket_mwaa_accepts(registered):
    bucket = _one(registered, "aws:s3/bucket:Bucket").inputs
    assert bucket["bucket"].startswith("airflow-")
    versioning = _one(registered, "aws:s3/bucketVersioning:BucketVersioning").inputs
    assert versioning["versioningConfiguration"]["status"] == "Enabled"
    block = _one(registered, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs
    assert all(
        block[k]
        for k in (
            "blockPublicAcls",
            "blockPublicPolicy",
            "ignorePublicAcls",
            "restrictPublicBuckets",
        )
    )


def test_airflow_reads_connections_and_variables_from_secrets_manager(registered):
    # pulumi-aws declares the options sensitive, so the plan shows only the marker;
    # the value is the pure function's, checked here.
    env = _one(registered, "aws:mwaa/environment:Environment").inputs
    assert env["airflowConfigurationOptions"] == "[secret]"
    options = secrets_backend_options(
        "acme-dp-prod/airflow/connections", "acme-dp-prod/airflow/variables"
    )
    assert options["secrets.backend"].endswith("SecretsManagerBackend")
    assert json.loads(options["secrets.backend_kwargs"]) == {
        "connections_prefix": "acme-dp-prod/airflow/connections",
        "variables_prefix": "acme-dp-prod/airflow/variables",
    }


def test_the_execution_role_is_trusted_by_mwaa_for_this_environment_only(registered):
    trust = json.loads(_one(registered, "aws:iam/role:Role").inputs["assumeRolePolicy"])
    (statement,) = trust["Statement"]
    assert statement["Principal"]["Service"] == [
        "airflow.amazonaws.com",
        "airflow-env.amazonaws.com",
    ]
    assert statement["Condition"]["ArnLike"]["aws:SourceArn"].endswith(
        ":environment/acme-dp-prod-airflow"
    )


def test_the_execution_role_policy_is_narrow_and_lints_clean(registered):
    text = _one(registered, "aws:iam/rolePolicy:RolePolicy").inputs["policy"]
    policy = json.loads(text)
    statements = {s["Sid"]: s for s in policy["Statement"]}
    stars = {sid for sid, s in statements.items() if s["Resource"] == "*"}
    # Only actions without resource-level permissions; see airflow_environment_iam.py.
    assert stars == {
        "CheckAccountPublicAccessBlock",
        "FindLogGroups",
        "PutAirflowMetrics",
        "ReadCrawlerMetrics",
    }
    assert statements["ReadAirflowSecretsOnly"]["Resource"] == [
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:acme-dp-prod/airflow/connections/*",
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:acme-dp-prod/airflow/variables/*",
    ]
    assert statements["UseEnvironmentKeyThroughSqsAndS3"]["Resource"] == KEY
    assert all(
        r.startswith("arn:aws:glue:eu-west-1:111122223333:")
        for r in statements["RunThisPlatformsGlueJobsAndCrawlers"]["Resource"]
    )
    findings = analyze_policy_string(text).findings
    assert {f.issue for f in findings} <= {"RESOURCE_STAR"}, [(f.issue, f.detail) for f in findings]


def test_a_public_webserver_is_possible_outside_prod():
    run = _register(_args(settings=dataclasses.replace(SETTINGS, private_webserver=False)))
    env = next(r for r in run.registrations if r.type == "aws:mwaa/environment:Environment")
    assert env.inputs["webserverAccessMode"] == "PUBLIC_ONLY"


def test_the_backend_options_are_plain_strings():
    options = secrets_backend_options("a/connections", "a/variables")
    assert all(isinstance(v, str) for v in options.values())


def _small_policy() -> dict[str, Any]:
    """The execution role policy of environment `e` in account 1, without rulesets."""
    return execution_role_policy(
        account_id="1",
        region="r",
        environment_name="e",
        dag_bucket="airflow-b",
        kms_key_arn="k",
        secret_prefixes=("p/connections",),
        secrets_key_arn="s",
        glue_name_prefix="x-",
    )


def test_the_policy_has_no_statement_for_other_environments():
    policy = _small_policy()
    text = json.dumps(policy)
    assert "environment/e" in text and "airflow-e-*" in text


def test_the_program_uploads_what_the_bundle_command_builds():
    from composition.orchestration import REPOSITORY
    from scripts.airflow_bundle import command as airflow_bundle

    assert AIRFLOW_FILES.plugins_zip == REPOSITORY / airflow_bundle.PLUGINS_ZIP
    assert AIRFLOW_FILES.requirements == REPOSITORY / airflow_bundle.REQUIREMENTS
    assert AIRFLOW_FILES.startup_script.is_file()


def test_the_contract_gate_statements_name_the_rulesets_and_roles_and_lint_clean():
    role = "arn:aws:iam::111122223333:role/acme-dp-prod-dq-eval-marketing"
    policy = execution_role_policy(
        account_id="111122223333",
        region="eu-west-1",
        environment_name="acme-dp-prod-airflow",
        dag_bucket="airflow-b",
        kms_key_arn=KEY,
        secret_prefixes=("p/connections",),
        secrets_key_arn=KEY,
        glue_name_prefix="acme-dp-prod-",
        quality_rulesets=["acme-dp-prod-dq-marketing-raw-hubspot-contacts"],
        evaluation_role_arns=[role],
    )
    statements = {s["Sid"]: s for s in policy["Statement"]}
    ruleset = "arn:aws:glue:eu-west-1:111122223333:dataQualityRuleset/"
    assert statements["EvaluateContractRulesets"] == {
        "Sid": "EvaluateContractRulesets",
        "Effect": "Allow",
        "Action": [
            "glue:GetDataQualityRuleset",
            "glue:StartDataQualityRulesetEvaluationRun",
            "glue:GetDataQualityResult",
        ],
        "Resource": [f"{ruleset}acme-dp-prod-dq-marketing-raw-hubspot-contacts"],
    }
    assert statements["FollowEvaluationRuns"]["Resource"] == f"{ruleset}*"
    assert statements["PassEvaluationRolesToGlue"] == {
        "Sid": "PassEvaluationRolesToGlue",
        "Effect": "Allow",
        "Action": "iam:PassRole",
        "Resource": [role],
        "Condition": {"StringEquals": {"iam:PassedToService": "glue.amazonaws.com"}},
    }
    findings = analyze_policy_string(json.dumps(policy)).findings
    assert {f.issue for f in findings} <= {"RESOURCE_STAR"}, [(f.issue, f.detail) for f in findings]


def test_without_rulesets_the_execution_role_evaluates_nothing():
    policy = _small_policy()
    assert "DataQuality" not in json.dumps(policy) and "PassRole" not in json.dumps(policy)
