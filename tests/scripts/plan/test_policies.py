"""`dataplat plan` evaluates the pack's rules: our stacks plan clean, the insecure example
fails naming each rule, policy config and suppressions apply, and every format holds."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from policies.rules.registry import RULES, rule_ids
from scripts.cli import main
from scripts.plan.render import MARKDOWN_LIMIT, render

ROOT = Path(__file__).resolve().parents[3]
INSECURE = ROOT / "tests" / "fixtures" / "insecure_program"
INSECURE_CONFIG = INSECURE / "Pulumi.insecure-prod.yaml"
# Every rule the insecure program breaks. Not evaluated: the integration's trust (its ARN is
# unknown) and, as the program uses the default Snowflake provider, every step's privileges.
PENDING = ["snowflake-integration-role-trusted-exactly", "preflight-snowflake-step-privileges"]
# Journeys the insecure program does not declare (no budget, no Airflow connection secret,
# its pipe's stage lives elsewhere, its Airflow webserver is public); each has its own broken
# and working programs in tests/policies/journeys. Nor does it attach a data metric function:
# the DMF rule and journey have theirs in tests/policies/test_dmf_enterprise_only.py and
# tests/policies/journeys/test_quality_journey.py. Nor does it declare data domains (the
# boundary rule's config): tests/policies/access/test_domain_boundary.py. pii-pipe-has-contract
# finds a pipe's source role through its stage, elsewhere too: tests/policies/quality/
# test_pii_pipe_has_contract.py.
NOT_DECLARED = {
    "access-snowflake-domain-boundary",
    "pii-pipe-has-contract",
    "journey-budget-counts",
    "journey-connection-logs-in",
    "journey-ingest-lands",
    "journey-quality-alerted",
    "snowflake-dmf-enterprise-only",
    "journey-engineer-opens-airflow-ui",
}
EXPECTED_VIOLATED = set(rule_ids()) - set(PENDING) - NOT_DECLARED


def _insecure(tmp_path: Path, *extra: str) -> tuple[int, dict]:
    out = tmp_path / "insecure.json"
    code = main(
        [
            "plan",
            "--program",
            str(INSECURE),
            "--config",
            str(INSECURE_CONFIG),
            "--format",
            "json",
            "--out",
            str(out),
            *extra,
        ]
    )
    return code, json.loads(out.read_text())


def test_our_stacks_have_no_mandatory_violation(plans):
    for stack, document in plans.items():
        mandatory = [v for v in document["violations"] if v["level"] == "mandatory"]
        assert mandatory == [], f"{stack}: {mandatory}"
        assert document["notEvaluated"] == [], stack


def test_the_insecure_program_exits_1_naming_each_rule(tmp_path, capsys):
    code = main(["plan", "--program", str(INSECURE), "--config", str(INSECURE_CONFIG)])
    text = capsys.readouterr().out
    assert code == 1
    for rule in EXPECTED_VIOLATED:
        assert f"] {rule}: " in text, f"{rule} not reported"
    assert "Not evaluated until apply:" in text
    assert "snowflake-integration-role-trusted-exactly" in text


def test_the_insecure_program_document_lists_violations_and_pending_checks(tmp_path):
    code, document = _insecure(tmp_path)
    assert code == 1
    assert {v["policy"] for v in document["violations"]} == EXPECTED_VIOLATED
    # journey-ingest-lands: the pipe's stage is outside the program.
    pending = sorted([*PENDING, "journey-ingest-lands"])
    assert sorted({v["policy"] for v in document["notEvaluated"]}) == pending
    assert set(document["violations"][0]) >= {"policy", "level", "urn", "message"}


def _suppressing_config(tmp_path, reason: str, expires: str):
    """All rules advisory but key rotation, whose findings on `weak-*` are suppressed."""
    config = tmp_path / "policy-config.json"
    suppression = {"resources": "weak-*", "reason": reason, "expires": expires}
    config.write_text(
        json.dumps(
            {
                "all": "advisory",
                "kms-key-rotation-enabled": {
                    "enforcementLevel": "mandatory",
                    "suppressions": [suppression],
                },
            }
        )
    )
    return config


def test_a_policy_config_lowers_levels_and_suppresses(tmp_path):
    config = _suppressing_config(tmp_path, "a test of suppressions", "2999-01-01")
    code, document = _insecure(tmp_path, "--policy-config", str(config))
    assert code == 0  # everything advisory, the only mandatory finding suppressed
    assert [s["policy"] for s in document["suppressions"]] == ["kms-key-rotation-enabled"]
    assert "a test of suppressions" in document["suppressions"][0]["message"]


def test_an_expired_suppression_fails_the_plan(tmp_path):
    config = _suppressing_config(tmp_path, "expired long ago", "2020-01-01")
    code, document = _insecure(tmp_path, "--policy-config", str(config))
    assert code == 1
    assert any("expired on 2020-01-01" in v["message"] for v in document["violations"])


def test_a_bad_policy_config_is_bad_input_naming_the_file_and_path(tmp_path, capsys):
    config = tmp_path / "policy-config.json"
    config.write_text(
        json.dumps(
            {
                "kms-key-rotation-enabled": {
                    "suppressions": [{"resources": "x", "reason": "short", "expires": "2030-01-01"}]
                }
            }
        )
    )
    code = main(["plan", "--stack", "dev", "--policy-config", str(config)])
    error = capsys.readouterr().err
    assert code == 2
    assert str(config) in error and "suppressions[0].reason" in error and "Traceback" not in error


def test_markdown_stays_under_the_comment_limit_and_says_what_it_left_out(tmp_path):
    _, document = _insecure(tmp_path)
    big = copy.deepcopy(document)
    big["violations"] = [
        dict(v, message=v["message"] + " x" * 200) for v in document["violations"] * 40
    ]
    text = render(big, "markdown")
    assert len(text) < MARKDOWN_LIMIT
    assert "more lines left out" in text
    assert "| Policy | Level | Violations |" in text  # the per-rule summary always stays
    small = render(document, "markdown")
    assert "more lines left out" not in small and "### Policy violations" in small


def test_sarif_has_the_required_shape(tmp_path):
    _, document = _insecure(tmp_path)
    log = json.loads(render(document, "sarif"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] and [r["id"] for r in driver["rules"]] == [r.id for r in RULES]
    assert len(run["results"]) == len(document["violations"])
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        location = result["locations"][0]
        assert location["physicalLocation"]["artifactLocation"]["uri"]
        assert location["logicalLocations"][0]["fullyQualifiedName"].startswith("urn:pulumi:")


def test_sarif_format_is_offered_by_the_cli(capsys):
    assert main(["plan", "--stack", "dev", "--format", "sarif"]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == "2.1.0"


def test_policies_catalogue_check_passes_on_the_checked_in_file(capsys):
    assert main(["policies", "catalogue", "--check"]) == 0


def test_the_data_path_rule_checks_the_deployers_the_stack_file_names():
    """The deployers are written once, in the stack file, and reach the data-path rule."""
    from scripts.plan.command import DATA_PATHS_RULE
    from scripts.plan.project import load_project, load_stack_config
    from scripts.project_root import project_root

    project = load_project(project_root(Path(__file__).parent))
    config = load_stack_config(project, project.stack_file("prod"), "prod", None, None)
    assert config.deployers and all(d.startswith("arn:aws:iam::") for d in config.deployers)
    assert DATA_PATHS_RULE == "preflight-aws-data-paths-allowed"
