"""A foreign team's program (tests/fixtures/team_mistakes_program) makes the deployment
mistakes of issue 12's classes; `dataplat plan` names each one under its preflight rule.

The program is planned the way a team would plan it: `dataplat plan --program DIR --config
FILE`, with the deployers read from the policy config beside the stack file
(`policy.team-prod.json`, found by the stack's name). Each preflight rule reports exactly the
resource its mistake is on, and nothing else: no false positive on a program the platform
did not write. The pack's other rules find plenty more (no tags, no lifecycle, ...); they
are not this test's concern.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scripts.cli import main

ROOT = Path(__file__).resolve().parents[3]
PROGRAM = ROOT / "tests" / "fixtures" / "team_mistakes_program"
CONFIG = PROGRAM / "Pulumi.team-prod.yaml"
DEPLOYER = "arn:aws:iam::444455556666:role/growth-ci-deployer"

# rule -> {resource: what its message must say}
EXPECTED: dict[str, dict[str, tuple[str, ...]]] = {
    "preflight-container-dependency": {
        "reports-readme": (
            "names its bucket by the plain value 'growth-reports'",
            "does not depend on aws:s3/bucket:Bucket [reports]",
        ),
    },
    "preflight-upload-after-bucket-configuration": {
        "artifacts-settings": (
            "may be uploaded into bucket [artifacts]",
            "encryption [artifacts-encryption]",
            "versioning [artifacts-versioning]",
        ),
    },
    "preflight-snowflake-step-privileges": {
        "growth-wh": (
            "assign a resource monitor to a warehouse (WAREHOUSE GROWTH_WH)",
            "runs as SYSADMIN, which lacks the ACCOUNTADMIN role",
        ),
    },
    "preflight-aws-data-paths-allowed": {
        "etl": (
            "Glue job [etl] writes --target_path s3://growth-curated/daily/",
            'denied by statement "OnlyTheDataKey" of the bucket policy of bucket [curated]',
            "change BucketPolicy [curated-policy]",
        ),
        "api-token": (
            f"deployer {DEPLOYER} manages secret [api-token]",
            "secretsmanager:GetSecretValue",
            'denied by statement "OnlyTheApp" of the secret policy of secret [api-token]',
            "change SecretPolicy [api-token-policy]",
        ),
    },
}


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any]]:
    out = tmp_path_factory.mktemp("team-mistakes") / "plan.json"
    flags = ["--program", str(PROGRAM), "--config", str(CONFIG), "--format", "json"]
    code = main(["plan", *flags, "--out", str(out)])
    return code, json.loads(out.read_text())


def test_the_plan_fails_with_every_check_evaluated(planned):
    code, document = planned
    assert code == 1
    assert document["notEvaluated"] == []


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_preflight_rule_names_the_resource_of_its_mistake(planned, rule):
    _, document = planned
    found: dict[str, list[str]] = {}
    for v in document["violations"]:
        if v["policy"] == rule:
            assert v["level"] == "mandatory", v
            found.setdefault(v["name"], []).append(v["message"])
    assert set(found) == set(EXPECTED[rule]), found
    for name, fragments in EXPECTED[rule].items():
        (message,) = found[name]
        for fragment in fragments:
            assert fragment in message, message


def test_no_other_preflight_rule_reports_anything(planned):
    _, document = planned
    preflight = {v["policy"] for v in document["violations"] if v["policy"].startswith("preflight")}
    assert preflight == set(EXPECTED)


def test_the_text_output_shows_each_mistake(capsys):
    assert main(["plan", "--program", str(PROGRAM), "--config", str(CONFIG)]) == 1
    text = capsys.readouterr().out
    for rule, names in EXPECTED.items():
        assert f"] {rule}: " in text, rule
        for name in names:
            assert f"[{name}]" in text, name
