"""The data-quality journey and least-privilege rule on the real dev program: it works,
and defects re-introduced into the components are caught at the right hop."""

from __future__ import annotations

import dataclasses
from typing import Any

from components.alerts import domain_alerts
from components.quality import quality_iam
from components.storage import secure_bucket_iam
from composition import domain_owned
from scripts.plan.command import plan

JOURNEY = "journey-quality-failure-alerted"
LEAST = "quality-roles-least-privilege"
RULESET = "data-platform-quality-marketing-raw-hubspot-contacts"


def dev() -> dict[str, Any]:
    return plan(None, "dev", None)


def violations(document: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [v for v in document["violations"] if v["policy"] == rule]


def test_the_marketing_check_reaches_the_marketing_owner_and_its_roles_are_least_privilege(
    plans: dict[str, dict[str, Any]],
) -> None:
    document = plans["dev"]  # unpatched: the session's plan (tests/conftest.py)
    (journey,) = [j for j in document["preflight"]["journeys"] if j["rule"] == JOURNEY]
    assert journey["verdict"] == "works"
    hops = [h["name"] for h in journey["hops"]]
    assert hops[0] == "a schedule runs it"
    for hop in (
        "sts:AssumeRole by scheduler.amazonaws.com",
        "glue:StartDataQualityRulesetEvaluationRun by acme-dp-dev-dq-schedule-marketing",
        "iam:PassRole by acme-dp-dev-dq-schedule-marketing",
        "sts:AssumeRole by glue.amazonaws.com",
        "s3:GetObject by acme-dp-dev-dq-eval-marketing",
        "kms:Decrypt by acme-dp-dev-dq-eval-marketing",
        "glue:PublishDataQuality by acme-dp-dev-dq-eval-marketing",
        "an event rule matches its failed results",
        "sns:Publish by events.amazonaws.com",
        "a subscriber",
    ):
        assert hop in hops, hop
    last = journey["hops"][-1]
    assert (last["name"], last["verdict"]) == ("the domain's owner is told", "ok")
    assert last["detail"] == "domain marketing: email marketing-data@acme.example"
    assert violations(document, LEAST) == []


def test_a_filter_without_the_domain_databases_is_a_violation_naming_the_ruleset(monkeypatch):
    original = domain_alerts.domain_filter_policy

    def no_databases(routes: domain_alerts.DomainRoutes) -> dict[str, Any]:
        return original(dataclasses.replace(routes, glue_databases=()))

    monkeypatch.setattr(domain_alerts, "domain_filter_policy", no_databases)
    (found,) = violations(dev(), JOURNEY)
    assert f"[{RULESET}] of domain marketing reaches only the platform team" in found["message"]
    assert "data-platform-domain-marketing-alerts-email-0" in found["message"]
    assert '"databaseName": "acme_dp_dev_raw_marketing"' in found["message"]


def test_a_domain_without_subscriptions_is_a_violation_naming_the_ruleset(monkeypatch):
    monkeypatch.setattr(domain_owned, "DomainAlerts", lambda *args, **kwargs: None)
    (found,) = violations(dev(), JOURNEY)
    assert f"[{RULESET}] of domain marketing reaches only the platform team" in found["message"]
    assert "no subscription of the topic" in found["message"]


def test_a_scheduler_role_that_cannot_pass_the_evaluation_role_is_caught(monkeypatch):
    original = quality_iam.scheduler_policy

    def no_pass(*args: Any) -> dict[str, Any]:
        document = original(*args)
        document["Statement"] = [
            s for s in document["Statement"] if s["Sid"] != "PassEvaluationRole"
        ]
        return document

    monkeypatch.setattr(quality_iam, "scheduler_policy", no_pass)
    (found,) = violations(dev(), JOURNEY)
    assert "hop [iam:PassRole by acme-dp-dev-dq-schedule-marketing]" in found["message"]


def test_results_matched_for_another_stacks_databases_are_caught(monkeypatch):
    original = quality_iam.results_event_pattern
    monkeypatch.setattr(quality_iam, "results_event_pattern", lambda _: original("acme_dp_prod_"))
    (found,) = violations(dev(), JOURNEY)
    assert found["name"] == RULESET
    assert "hop [an event rule matches its failed results]" in found["message"]


def test_a_scheduler_role_that_may_start_any_ruleset_is_not_least_privilege(monkeypatch):
    original = quality_iam.scheduler_policy

    def any_ruleset(*args: Any) -> dict[str, Any]:
        document = original(*args)
        document["Statement"][0]["Resource"] = "*"
        return document

    monkeypatch.setattr(quality_iam, "scheduler_policy", any_ruleset)
    (found,) = violations(dev(), LEAST)
    assert "scheduler role [data-platform-quality-marketing-scheduler] may " in found["message"]
    assert (
        "glue:StartDataQualityRulesetEvaluationRun on arn:aws:glue:eu-west-1:210987654321:"
        in found["message"]
    )


def test_an_evaluation_role_that_may_write_the_zone_is_not_least_privilege(monkeypatch):
    original = quality_iam.evaluation_policy

    def writer(*args: Any) -> dict[str, Any]:
        document = original(*args)
        document["Statement"].append(
            {
                "Sid": "Write",
                "Effect": "Allow",
                "Action": "s3:PutObject",
                "Resource": "arn:aws:s3:::*/*",
            }
        )
        return document

    monkeypatch.setattr(quality_iam, "evaluation_policy", writer)
    (found,) = violations(dev(), LEAST)
    assert (
        "evaluation role [data-platform-quality-marketing-evaluation] may s3:PutObject"
        in found["message"]
    )


def _without_statement(monkeypatch: Any, sid: str) -> None:
    original = quality_iam.evaluation_policy

    def without(*args: Any) -> dict[str, Any]:
        document = original(*args)
        document["Statement"] = [s for s in document["Statement"] if s["Sid"] != sid]
        return document

    monkeypatch.setattr(quality_iam, "evaluation_policy", without)


def test_the_results_are_written_encrypted_under_the_domains_results_prefix():
    document = dev()
    (journey,) = [j for j in document["preflight"]["journeys"] if j["rule"] == JOURNEY]
    hops = {h["name"]: h for h in journey["hops"]}
    put = hops["s3:PutObject by acme-dp-dev-dq-eval-marketing"]
    assert put["detail"].startswith(
        "on arn:aws:s3:::acme-dp-dev-raw-210987654321-eu-west-1/domains/marketing/_quality_results/"
    )
    assert "kms:GenerateDataKey by acme-dp-dev-dq-eval-marketing" in hops


def test_an_evaluation_role_that_cannot_write_its_results_is_caught(monkeypatch):
    _without_statement(monkeypatch, "WriteResults")
    (found,) = violations(dev(), JOURNEY)
    assert "hop [s3:PutObject by acme-dp-dev-dq-eval-marketing]" in found["message"]


def test_an_evaluation_role_that_cannot_encrypt_its_results_is_caught(monkeypatch):
    _without_statement(monkeypatch, "EncryptResults")
    (found,) = violations(dev(), JOURNEY)
    assert "hop [kms:GenerateDataKey by acme-dp-dev-dq-eval-marketing]" in found["message"]


def test_a_zone_refusing_header_less_uploads_refuses_the_results(monkeypatch):
    original = secure_bucket_iam.kms_upload_statements

    def strict(bucket_name: str, kms_key_arn: str, deny: bool = False) -> list[Any]:
        return original(bucket_name, kms_key_arn, True)

    monkeypatch.setattr(secure_bucket_iam, "kms_upload_statements", strict)
    found = violations(dev(), JOURNEY)
    assert found, "a zone bucket that denies header-less uploads must break the results write"
    assert "hop [s3:PutObject by acme-dp-dev-dq-eval-marketing]" in found[0]["message"]
    assert "DenyUploadsWithoutEncryptionHeader" in found[0]["message"]
