"""LakeQuality on a small synthetic domain: rulesets, schedules, roles, exact values."""

from __future__ import annotations

import json

import pytest

from components.quality import (
    LakeQuality,
    LakeQualityArgs,
)
from components.quality.quality_iam import START_RUN_TARGET
from tests.components.orchestration.conftest import (
    ACCOUNT,
    KEY,
    NAMING,
    RAW_KEY,
    REGION,
    plan,
)
from tests.components.quality.domain import BUCKET, DB, DOMAIN_TAGS, RULESET, TABLE


@pytest.fixture(scope="module")
def quality():
    def program() -> None:
        LakeQuality(
            "quality",
            LakeQualityArgs(NAMING, "sales", DOMAIN_TAGS, [TABLE], catalog_key_arn=KEY),
        )

    return plan(program)


def test_the_ruleset_targets_the_crawled_table_with_the_contract_checks(quality):
    ruleset = quality.one("DataQualityRuleset").inputs
    assert ruleset["name"] == RULESET
    assert ruleset["targetTable"] == {"databaseName": DB, "tableName": "orders"}
    assert ruleset["ruleset"] == TABLE.ruleset
    assert ruleset["tags"]["data-contract"] == "urn:acme:sales:orders"


def test_the_schedule_starts_an_evaluation_run_of_the_ruleset(quality):
    schedule = quality.one("Schedule").inputs
    assert schedule["scheduleExpression"] == "cron(0 4 * * ? *)"
    assert schedule["scheduleExpressionTimezone"] == "UTC"
    target = schedule["target"]
    assert target["arn"] == START_RUN_TARGET
    assert target["arn"] == "arn:aws:scheduler:::aws-sdk:glue:startDataQualityRulesetEvaluationRun"
    assert target["roleArn"].endswith(":role/acme-dp-prod-dq-schedule-sales")
    assert json.loads(target["input"]) == {
        "DataSource": {"GlueTable": {"DatabaseName": DB, "TableName": "orders"}},
        "Role": f"arn:aws:iam::{ACCOUNT}:role/acme-dp-prod-dq-eval-sales",
        "RulesetNames": [RULESET],
        "Timeout": 60,
        "AdditionalRunOptions": {"CloudWatchMetricsEnabled": False},
    }


def test_the_scheduler_role_starts_its_rulesets_and_passes_the_evaluation_role_to_glue(quality):
    trust = quality.policy("Role", "quality-scheduler", "assumeRolePolicy")
    assert trust["Statement"][0]["Principal"] == {"Service": "scheduler.amazonaws.com"}
    assert trust["Statement"][0]["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}
    statements = {
        s["Sid"]: s for s in quality.policy("RolePolicy", "quality-scheduler")["Statement"]
    }
    assert set(statements) == {"StartEvaluationRuns", "PassEvaluationRole"}
    assert statements["StartEvaluationRuns"]["Resource"] == [
        f"arn:aws:glue:{REGION}:{ACCOUNT}:dataQualityRuleset/{RULESET}"
    ]
    assert statements["PassEvaluationRole"]["Condition"] == {
        "StringEquals": {"iam:PassedToService": "glue.amazonaws.com"}
    }


def test_the_evaluation_role_reads_the_table_and_uses_its_rulesets_only(quality):
    statements = {
        s["Sid"]: s for s in quality.policy("RolePolicy", "quality-evaluation")["Statement"]
    }
    assert statements["TableData0Read"]["Resource"] == [
        f"arn:aws:s3:::{BUCKET}/domains/sales/orders/*"
    ]
    assert statements["DecryptTablesAndCatalog"]["Action"] == ["kms:Decrypt"]
    assert statements["DecryptTablesAndCatalog"]["Resource"] == sorted([KEY, RAW_KEY])
    assert statements["UseRulesets"]["Resource"] == [
        f"arn:aws:glue:{REGION}:{ACCOUNT}:dataQualityRuleset/{RULESET}"
    ]
    assert f"arn:aws:glue:{REGION}:{ACCOUNT}:table/{DB}/*" in statements["ReadTables"]["Resource"]
