"""Every IAM and resource policy document of the orchestration components passes parliament.

No finding is accepted unless listed in EXPLAINED with its reason.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from parliament import analyze_policy_string

from components.orchestration import GlueCatalog, GlueJobs, MwaaNetwork

from . import test_glue, test_mwaa_network
from .conftest import plan

# (issue, marker in the finding's detail) -> why it is not a bug. Empty: no finding of
# any severity is accepted.
EXPLAINED: dict[tuple[str, str | None], str] = {}
# Parliament lints identity and resource policies, and stops at a statement without a
# Resource; a role trust policy has none (the role is the resource). So a trust policy
# is linted as the resource policy it is: each statement gets the role's ARN.
TRUST_POLICY_RESOURCE = "arn:aws:iam::410987654321:role/trust-policy-under-lint"


def _lintable(name: str, text: str) -> str:
    if not name.endswith(".assumeRolePolicy"):
        return text
    document = json.loads(text)
    for statement in document["Statement"]:
        statement.setdefault("Resource", TRUST_POLICY_RESOURCE)
    return json.dumps(document)


def _unexplained(name: str, text: str) -> list[tuple[str, object]]:
    findings = analyze_policy_string(_lintable(name, text)).findings
    return [
        (f.issue, f.detail)
        for f in findings
        if not any(
            f.issue == issue and (marker is None or marker in json.dumps(f.detail))
            for issue, marker in EXPLAINED
        )
    ]


def _all_documents(jobs_args) -> list[tuple[str, str]]:
    documents = []
    for program in (
        lambda: MwaaNetwork("net", test_mwaa_network.CREATED),
        lambda: MwaaNetwork(
            "nat",
            dataclasses.replace(
                test_mwaa_network.CREATED, egress_mode="nat", nat_allocation_ids=("eipalloc-0a",)
            ),
        ),
        lambda: GlueCatalog("glue", test_glue.CATALOG),
        lambda: GlueJobs("etl", jobs_args()),
    ):
        documents += plan(program).documents()
    # The scripts bucket belongs to the jobs' test program; bucket policies are linted
    # over the real stacks in tests/components/test_policy_documents_lint.py.
    return [(name, text) for name, text in documents if not name.startswith("scripts-")]


def test_every_document_lints_clean(jobs_args):
    documents = _all_documents(jobs_args)
    # flow-log role + policy (x2 plans), crawler role + policy, job role + policy (the
    # alerts topic's policy is linted in tests/components/alerts)
    assert len(documents) == 8, [name for name, _ in documents]
    for name, text in documents:
        assert not _unexplained(name, text), f"{name}: {_unexplained(name, text)}"


def test_the_linter_still_finds_a_misspelt_action_in_a_trust_policy():
    bad = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "sts:AssumeRoel",
                "Principal": {"Service": "glue.amazonaws.com"},
            }
        ],
    }
    issues = [issue for issue, _ in _unexplained("x.assumeRolePolicy", json.dumps(bad))]
    assert "UNKNOWN_ACTION" in issues


def test_no_document_grants_on_a_star_resource(jobs_args):
    for name, text in _all_documents(jobs_args):
        for statement in json.loads(text)["Statement"]:
            resources = statement.get("Resource", [])
            resources = [resources] if isinstance(resources, str) else resources
            assert "*" not in resources, f"{name}: {statement.get('Sid')}"


@pytest.fixture(scope="module")
def jobs_args(script):
    return test_glue.jobs_args.__wrapped__(script)


@pytest.fixture(scope="module")
def script(tmp_path_factory):
    return test_glue.script.__wrapped__(tmp_path_factory)
