"""A Snowflake-only team program with ingest resources plans without a traceback: the
rules and sections that need an AWS account report "not evaluated" (issue 18: it crashed
with `NotEvaluated: the AWS account id` in the plan's preflight section)."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.cli import main

PROGRAM = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "snowflake_only_program"


def test_a_snowflake_only_program_plans_with_the_aws_checks_not_evaluated(tmp_path, capsys):
    out = tmp_path / "plan.json"
    flags = ["--program", str(PROGRAM), "--config", str(PROGRAM / "Pulumi.team-dev.yaml")]
    code = main(["plan", *flags, "--format", "json", "--out", str(out)])
    assert code == 1, capsys.readouterr().err  # mandatory findings, not a crash (exit 2)
    assert "Traceback" not in capsys.readouterr().err
    document = json.loads(out.read_text())
    pending = {v["policy"] for v in document["notEvaluated"]}
    assert {"preflight-aws-data-paths-allowed", "journey-ingest-lands"} <= pending
    (journey,) = [
        j for j in document["preflight"]["journeys"] if j["rule"] == "journey-ingest-lands"
    ]
    assert journey["verdict"] == "not-evaluated"
    assert document["preflight"]["counts"]["flows"] == {"not-evaluated": 1}
