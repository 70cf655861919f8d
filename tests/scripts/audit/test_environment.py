"""`dataplat audit --env E --plans-dir DIR`: the union of an environment's stacks audited
as one account equals the single-stack audit; each finding is counted under its stack."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from policies.rules.core.settings import PolicySettings
from scripts.audit.environment import environment_report
from scripts.audit.report import build_report
from scripts.cli import main
from scripts.env_plans import read_env_plans
from tests.scripts.migrate.env_plans import env_plan_dirs

TODAY = dt.date(2026, 12, 7)
SOURCE = {"kind": "test"}


@pytest.fixture(scope="module")
def split_dir(tmp_path_factory):
    return env_plan_dirs(tmp_path_factory, "dev")[1]


@pytest.fixture(scope="module")
def reports(tmp_path_factory, split_dir):
    single_dir = env_plan_dirs(tmp_path_factory, "dev")[0]
    single_plan = json.loads((single_dir / "plan-dev.json").read_text())
    single = build_report(single_plan, PolicySettings(), TODAY, SOURCE)
    plans_of_env = read_env_plans(split_dir, "dev")
    env = environment_report(plans_of_env, "dev", PolicySettings(), TODAY, SOURCE)
    return single, env


def findings(report: dict[str, Any]) -> list[tuple[str, ...]]:
    """The policy results less their URNs (a moved resource's URN names its new stack)."""
    keys = ("policy", "name", "status", "level", "severity", "message")
    return sorted(tuple(str(r[k]) for k in keys) for r in report["policy"]["results"])


def test_the_union_audit_of_the_split_equals_the_single_stack_audit(reports):
    single, env = reports
    assert env["summary"] == single["summary"]
    assert findings(env) == findings(single)
    assert env["policy"]["rules"] == single["policy"]["rules"]
    for section in ("pii", "access", "keys", "keyAges"):
        assert env[section] == single[section], section
    for kind, rows in single["outsideAccess"].items():
        if isinstance(rows, list):
            ordered = sorted(json.dumps(r, sort_keys=True) for r in rows)
            assert sorted(json.dumps(r, sort_keys=True) for r in env["outsideAccess"][kind]) == (
                ordered
            ), kind


def test_each_finding_and_pii_location_counts_under_its_stack(reports, split_dir):
    single, env = reports
    stacks = {f"{s['project']}/{s['stack']}": s for s in env["stacks"]}
    domain = stacks["data-platform-domain/dev.marketing"]
    names = {
        r["name"]
        for r in json.loads((split_dir / "plan-dev.marketing.json").read_text())["resources"]
    }
    pending = [r for r in single["policy"]["results"] if r["status"] == "not-evaluated"]
    assert domain["notEvaluated"] == len([r for r in pending if r["name"] in names]) > 0
    assert sum(s["notEvaluated"] for s in env["stacks"]) == len(pending)
    # The raw bucket stays with the platform; the domain's Glue databases went with it.
    glue = [g["resource"] for g in single["pii"]["glueDatabases"]]
    assert domain["piiLocations"] == len([g for g in glue if g in names]) > 0
    platform = len(single["pii"]["buckets"]) + len([g for g in glue if g not in names])
    assert stacks["data-platform/dev"]["piiLocations"] == platform
    assert stacks["data-platform-edges/dev"] == {
        "project": "data-platform-edges",
        "stack": "dev",
        "resources": 1,
        "mandatoryViolations": 0,
        "advisoryViolations": 0,
        "suppressed": 0,
        "notEvaluated": 0,
        "piiLocations": 0,
    }


def test_the_command_writes_the_environment_report(split_dir, tmp_path, capsys):
    argv = ["audit", "--env", "dev", "--plans-dir", str(split_dir), "--date", "2026-12-07"]
    assert main([*argv, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["title"] == "Compliance audit of environment dev (3 stacks)"
    assert [s["stack"] for s in report["stacks"]] == ["dev", "dev", "dev.marketing"]
    assert main(argv) == 0
    assert "## Findings per stack" in capsys.readouterr().out
    assert main(["audit", "--env", "dev"]) == 2
    assert "--env and --plans-dir go together" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["audit", "--env", "dev", "--plans-dir", str(empty)]) == 2
    assert f"{empty}/plan-dev.json: no such file" in capsys.readouterr().err
