"""A domain's own Glue jobs (`jobs:`, issue 19) in a dev plan: a synthetic domain `finance`
with one job, the exact resources the platform's `GlueJobs` builds for it, what starts it,
and that its failures reach the domain's owner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from composition import alerts
from scripts.bench_domains.command import synthetic_project
from scripts.cli import main
from tests.plan_helpers import of_type

AWS = "aws:"
RAW = "acme-dp-dev-raw-210987654321-eu-west-1"
CURATED = "acme-dp-dev-curated-210987654321-eu-west-1"
JOB = "nightly"
SCHEDULE = "cron(15 5 * * ? *)"
# The job's logical name: the domain's GlueJobs component, then `<domain>-<job>`.
LOGICAL = "data-platform-domain-finance-jobs-finance-nightly"
FINANCE = f"""\
name: finance
owner: finance-data@acme.example
description: Ledger entries and their daily reconciliation.
data_classification: confidential
zones: [raw, curated]
schemas:
  - {{name: ledger}}
warehouses:
  - {{name: finance, size: XSMALL, credit_quota: 10}}
jobs:
  - name: {JOB}
    script: pipeline_code/glue/crm_to_staged.py
    schedule: "{SCHEDULE}"
    source_zone: raw
    target_zone: curated
    timeout_minutes: 30
"""


def _plan(tmp_path: Path, text: str = FINANCE, exit_code: int = 0) -> dict[str, Any]:
    project = synthetic_project(tmp_path, 0)
    (project / "stacks" / "domains" / "finance.yaml").write_text(text)
    out = tmp_path / "plan.json"
    code = main(
        ["plan", "--program", str(project), "--stack", "dev", "--format", "json", "--out", str(out)]
    )
    assert code == exit_code
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _plan(tmp_path_factory.mktemp("finance"))


def _one(document: dict[str, Any], token: str, name: str) -> dict[str, Any]:
    (found,) = [r for r in of_type(document, token) if r["inputs"].get("name") == name]
    return found["inputs"]


def _job_name(document: dict[str, Any]) -> str:
    (job,) = [
        r for r in of_type(document, f"{AWS}glue/job:Job") if "-domain-finance-jobs-" in r["name"]
    ]
    return str(job["inputs"]["name"])


def test_the_job_is_the_platforms_kind_confined_to_the_domains_prefixes(document):
    name = _job_name(document)
    assert name == "acme-dp-dev-job-finance-nightly"
    job = _one(document, f"{AWS}glue/job:Job", name)
    arguments = job["defaultArguments"]
    assert arguments["--source_path"] == f"s3://{RAW}/domains/finance/"
    assert arguments["--target_path"] == (f"s3://{CURATED}/domains/finance/finance-nightly/")
    assert (job["timeout"], job["maxRetries"], job["workerType"]) == (30, 1, "G.1X")


def test_a_scheduled_trigger_active_on_creation_starts_it(document):
    trigger = _one(document, f"{AWS}glue/trigger:Trigger", "acme-dp-dev-trigger-finance-nightly")
    assert trigger["type"] == "SCHEDULED"
    assert trigger["schedule"] == SCHEDULE
    assert trigger["startOnCreation"] is True
    assert trigger["actions"] == [{"jobName": "acme-dp-dev-job-finance-nightly"}]


def _statements(document: dict[str, Any]) -> dict[str, Any]:
    (policy,) = [
        r
        for r in of_type(document, f"{AWS}iam/rolePolicy:RolePolicy")
        if r["name"] == "data-platform-domain-finance-jobs-finance-nightly"
    ]
    return {s["Sid"]: s for s in json.loads(policy["inputs"]["policy"])["Statement"]}


def test_its_role_reads_and_writes_only_the_domains_prefix_and_databases(document):
    statements = _statements(document)
    assert statements["SourceRead"]["Resource"] == [f"arn:aws:s3:::{RAW}/domains/finance/*"]
    assert statements["SourceList"]["Condition"] == {
        "StringLike": {"s3:prefix": ["domains/finance/*"]}
    }
    assert statements["TargetWrite"]["Resource"] == (f"arn:aws:s3:::{CURATED}/domains/finance/*")
    assert statements["TargetList"]["Condition"] == {
        "StringLike": {"s3:prefix": ["domains/finance/*"]}
    }
    source = " ".join(statements["SourceCatalog"]["Resource"])
    target = " ".join(statements["TargetCatalog"]["Resource"])
    assert "database/acme_dp_dev_raw_finance" in source and "curated" not in source
    assert "database/acme_dp_dev_curated_finance" in target and "_raw_" not in target


def test_its_failures_have_a_rule_of_the_domain_and_the_domains_filter_names_it(document):
    rule = _one(
        document, f"{AWS}cloudwatch/eventRule:EventRule", "acme-dp-dev-glue-job-failures-finance"
    )
    pattern = json.loads(rule["eventPattern"])
    assert pattern["detail"]["jobName"] == ["acme-dp-dev-job-finance-nightly"]
    (subscription,) = [
        r
        for r in of_type(document, f"{AWS}sns/topicSubscription:TopicSubscription")
        if r["name"].startswith("data-platform-domain-finance-alerts-")
    ]
    branches = json.loads(subscription["inputs"]["filterPolicy"])["$or"]
    assert {"detail": {"jobName": ["acme-dp-dev-job-finance-nightly"]}} in branches


def _journey(document: dict[str, Any], name: str) -> dict[str, Any]:
    (journey,) = [j for j in document["preflight"]["journeys"] if j["name"] == name]
    return journey


def test_journey_every_job_runs_counts_the_trigger(document):
    journey = _journey(document, "Glue job [acme-dp-dev-job-finance-nightly] runs")
    (hop,) = journey["hops"]
    assert (hop["name"], hop["verdict"]) == ("a schedule starts it", "ok")
    assert "data-platform-domain-finance-jobs-finance-nightly-schedule" in hop["detail"]


def test_the_plan_is_clean(document):
    assert document["violations"] == []
    # The copied program's one deferred check is the platform's loader key, not the domain's.
    assert not [n for n in document["notEvaluated"] if "finance" in json.dumps(n)]


def test_the_failure_journey_ends_at_the_domain_owner(document):
    journey = _journey(
        document,
        f"a failure of Glue job [{LOGICAL}] reaches a person",
    )
    last = journey["hops"][-1]
    assert (last["name"], last["verdict"]) == ("the domain's owner is told", "ok")
    assert last["detail"] == "domain finance: email finance-data@acme.example"
    assert not [v for v in document["violations"] if "finance" in v["message"]]


def test_without_the_job_names_in_its_filter_the_owner_is_not_told(tmp_path, monkeypatch):
    monkeypatch.setattr(alerts, "domain_job_names", lambda naming, domain: ())
    document = _plan(tmp_path, exit_code=1)  # a mandatory violation
    failures = [v for v in document["violations"] if v["policy"] == "journey-failure-alerted"]
    assert any(
        "[data-platform-domain-finance-jobs-finance-nightly] of domain finance reaches only "
        "the platform team" in v["message"]
        for v in failures
    )
