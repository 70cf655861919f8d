"""The registry: the exact rule ids, every rule module registered, metadata complete, and the
generated catalogue current."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import policies.rules as rules_package
from policies.rules.catalogue import catalogue_markdown
from policies.rules.core.rule import Rule
from policies.rules.registry import RULES, rule_ids

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_IDS = [
    "s3-bucket-encrypted-with-kms",
    "s3-bucket-public-access-blocked",
    "s3-bucket-acls-disabled",
    "s3-bucket-no-public-acl",
    "s3-bucket-tls-only",
    "s3-bucket-policy-not-public",
    "s3-bucket-access-logging",
    "s3-bucket-versioning-enabled",
    "s3-bucket-lifecycle-configured",
    "s3-bucket-object-lock",
    "kms-key-rotation-enabled",
    "kms-key-policy-scoped",
    "kms-key-deletion-window",
    "iam-policy-no-admin-access",
    "iam-policy-no-wildcard-service-access",
    "iam-no-admin-managed-policy",
    "iam-role-trust-scoped",
    "secretsmanager-secret-cmk-encrypted",
    "secretsmanager-secret-rotated",
    "glue-security-configuration-encrypted",
    "glue-job-uses-security-configuration",
    "mwaa-webserver-private",
    "mwaa-customer-kms-key",
    "mwaa-logging-enabled",
    "security-group-no-public-ingress",
    "vpc-flow-logs-enabled",
    "vpc-default-security-group-closed",
    "cloudwatch-log-group-encrypted-and-retained",
    "sns-topic-encrypted",
    "resource-policy-not-public",
    "glue-data-catalog-encrypted",
    "glue-failures-alerted",
    "mwaa-environment-alarmed",
    "mwaa-alarm-metric-published",
    "cloudwatch-alarm-has-action",
    "alerts-topic-subscribed",
    "stack-budget-notifies",
    "snowflake-pipe-error-integration",
    "snowflake-alert-resumed",
    "pii-crawler-has-contract",
    "pii-pipe-has-contract",
    "quality-ruleset-scheduled",
    "quality-results-alerted",
    "quality-roles-least-privilege",
    "mandatory-tags-present",
    "pii-store-encrypted-and-logged",
    "prod-stateful-resources-protected",
    "prod-data-store-recoverable",
    "no-force-destroy-in-prod",
    "tls-private-key-strong",
    "cost-within-ceiling",
    "snowflake-warehouse-auto-suspend",
    "snowflake-warehouse-size-capped",
    "snowflake-warehouse-resource-monitor",
    "snowflake-resource-monitor-suspends",
    "snowflake-no-admin-role-grant",
    "snowflake-ownership-not-to-admin-roles",
    "snowflake-no-grant-to-public",
    "snowflake-no-all-privileges",
    "snowflake-service-user-key-pair-only",
    "snowflake-service-user-network-policy",
    "snowflake-network-policy-restricted",
    "snowflake-user-no-admin-default-role",
    "snowflake-pii-tag-allowed-values",
    "snowflake-masking-policy-masks",
    "snowflake-masking-tag-covers-data-types",
    "snowflake-storage-integration-explicit-locations",
    "snowflake-external-stage-uses-integration",
    "snowflake-dmf-enterprise-only",
    "snowflake-integration-role-trusted-exactly",
    "snowflake-stage-within-allowed-locations",
    "access-s3-bucket-policy-no-outside-access",
    "access-kms-key-policy-no-outside-access",
    "access-resource-policy-no-outside-access",
    "access-role-trust-no-outside-access",
    "access-snowflake-nothing-owned-by-public",
    "access-snowflake-user-no-password",
    "access-snowflake-network-not-world-open",
    "access-snowflake-domain-boundary",
    "access-no-key-material-in-plain-parameter",
    "access-no-key-material-in-plain-text",
    "access-no-secret-in-plain-output",
    "preflight-container-dependency",
    "preflight-upload-after-bucket-configuration",
    "preflight-replication-after-versioning",
    "preflight-snowflake-step-privileges",
    "preflight-provider-preview-features",
    "preflight-aws-data-paths-allowed",
    "journey-failure-alerted",
    "journey-budget-counts",
    "journey-ingest-lands",
    "journey-connection-logs-in",
    "journey-key-rotates",
    "journey-replication-replicates",
    "journey-quality-alerted",
    "journey-quality-failure-alerted",
    "journey-every-job-runs",
    "journey-engineer-opens-airflow-ui",
]


def test_the_pack_has_exactly_these_rule_ids():
    assert rule_ids() == EXPECTED_IDS


def test_every_rule_module_is_registered():
    registered = {id(rule) for rule in RULES}
    for info in pkgutil.walk_packages(rules_package.__path__, "policies.rules."):
        module = importlib.import_module(info.name)
        rule = getattr(module, "RULE", None)
        if isinstance(rule, Rule):
            assert id(rule) in registered, f"{info.name}: RULE is not in registry.RULES"


def test_every_rule_has_its_metadata():
    for rule in RULES:
        assert rule.description.endswith(".") and len(rule.description) > 20, rule.id
        assert rule.remediation and rule.resource_types, rule.id
        assert rule.severity in ("low", "medium", "high", "critical"), rule.id


def test_the_rules_import_nothing_from_the_program_or_tools():
    for path in (ROOT / "policies").rglob("*.py"):
        text = path.read_text()
        for forbidden in ("components", "stacks", "scripts"):
            assert f"import {forbidden}" not in text and f"from {forbidden}" not in text, path


def test_the_checked_in_catalogue_is_current():
    current = (ROOT / "docs" / "reference" / "policies.md").read_text()
    assert current == catalogue_markdown(), "run `dataplat docs`"
