"""`dataplat plan`: documents, formats and the exit-code contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.cli import main
from tests.stack_data import replicated_zones

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
BAD_STACK = """\
config:
  data-platform:platform:
    environment: qa
    account_id: "111122223333"
    region: eu-west-1
    name_prefix: acme-dp
    owner: team
    cost_center: CC-1
    lake:
      zonez: []
"""


def test_plan_of_prod_as_json_has_the_documented_shape(tmp_path, capsys):
    out = tmp_path / "plan.json"
    assert main(["plan", "--stack", "prod", "--format", "json", "--out", str(out)]) == 0
    document = json.loads(out.read_text())
    assert set(document) >= {"project", "stack", "resources", "violations"}
    assert (document["project"], document["stack"]) == ("data-platform", "prod")
    # prod's only findings are advisory (object lock on the raw and staged zones)
    assert [v for v in document["violations"] if v["level"] == "mandatory"] == []
    resource = next(r for r in document["resources"] if r["type"] == "aws:s3/bucket:Bucket")
    assert set(resource) >= {
        "urn",
        "type",
        "name",
        "custom",
        "parent",
        "dependencies",
        "protect",
        "retainOnDelete",
        "inputs",
    }
    assert f"Plan of data-platform/prod: {len(document['resources'])} resources" in (
        capsys.readouterr().out
    )


def test_the_same_stack_plans_to_the_same_bytes(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        assert main(["plan", "--stack", "dev", "--format", "json", "--out", str(out)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_text_format_with_tree_shows_the_tree_and_counts(capsys):
    assert main(["plan", "--stack", "prod", "--tree"]) == 0
    text = capsys.readouterr().out
    assert "└─ dataplatform:index:DataPlatform  data-platform" in text
    assert "aws:s3/bucket:Bucket  data-platform-lake-raw [protect] [retain]" in text
    # 4 lake buckets, the DAG bucket, and per replicated zone a replica plus the replica
    # region's log bucket.
    replicas = len(replicated_zones("prod"))
    count = 5 + replicas + (1 if replicas else 0)
    assert f"{count:>7}  aws:s3/bucket:Bucket" in text


def test_markdown_format_has_a_count_table(capsys):
    assert main(["plan", "--stack", "dev", "--format", "markdown"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("## Plan: `data-platform/dev`")
    assert "| `aws:kms/key:Key` | 6 |" in text  # 3 zone keys, orchestration, secrets, alerts


def test_bad_stack_config_exits_2_with_file_and_paths_and_writes_nothing(tmp_path, capsys):
    config, out = tmp_path / "Pulumi.qa.yaml", tmp_path / "plan.json"
    config.write_text(BAD_STACK)
    code = main(["plan", "--program", str(ROOT), "--config", str(config), "--out", str(out)])
    assert code == 2
    error = capsys.readouterr().err
    assert str(config) in error
    assert "platform.environment (line 3)" in error and "'dev', 'staging' or 'prod'" in error
    assert (
        "platform.lake.zonez (line 10): unknown key; allowed keys: replica_region, retention, zones"
        in error
    )
    assert "Traceback" not in error
    assert not out.exists() and list(tmp_path.iterdir()) == [config]


def test_unknown_stack_lists_the_known_ones(capsys):
    assert main(["plan", "--stack", "qa"]) == 2
    assert "stacks with a config: dev, prod, staging" in capsys.readouterr().err


def test_bad_flags_exit_2():
    with pytest.raises(SystemExit) as caught:
        main(["plan", "--stack", "dev", "--format", "yaml"])
    assert caught.value.code == 2


def test_missing_stack_and_program_is_bad_input(capsys):
    assert main(["plan"]) == 2
    assert "give --stack NAME" in capsys.readouterr().err


def test_a_teams_own_program_plans_with_secret_placeholders_and_its_account(tmp_path):
    out = tmp_path / "team.json"
    program = FIXTURES / "team_program"
    code = main(
        [
            "plan",
            "--program",
            str(program),
            "--config",
            str(program / "Pulumi.test.yaml"),
            "--format",
            "json",
            "--out",
            str(out),
        ]
    )
    # The policies apply to any program: the team's bare bucket breaks the S3 rules.
    assert code == 1
    document = json.loads(out.read_text())
    assert (document["project"], document["stack"]) == ("team-app", "test")
    bucket = next(r for r in document["resources"] if r["type"] == "aws:s3/bucket:Bucket")
    assert bucket["inputs"]["tags"] == {"team": "growth"}
    parameter = next(r for r in document["resources"] if r["type"] == "aws:ssm/parameter:Parameter")
    assert parameter["inputs"]["value"] == "[secret]"
    assert document["outputs"]["replicas"] == 3
    assert document["outputs"]["bucket_arn"].startswith("arn:aws:s3:::team-data-")


def test_a_failing_program_exits_2_naming_the_program_and_line(capsys):
    program = FIXTURES / "broken_program"
    code = main(["plan", "--program", str(program), "--config", str(program / "Pulumi.test.yaml")])
    assert code == 2
    error = capsys.readouterr().err
    assert f"{program / '__main__.py'}:6" in error
    assert "ValueError: replicas must be positive, got -1" in error
    assert "Traceback" not in error


def test_a_directory_without_a_project_is_bad_input(tmp_path, capsys):
    assert main(["plan", "--program", str(tmp_path), "--config", str(tmp_path / "x.yaml")]) == 2
    assert "Pulumi.yaml: not found" in capsys.readouterr().err


def test_the_console_entry_point_runs_as_a_separate_process(tmp_path):
    out = tmp_path / "dev.md"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.cli",
            "plan",
            "--stack",
            "dev",
            "--format",
            "markdown",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("## Plan")


def test_plans_log_no_warnings_such_as_deprecations(stack_plan):
    assert stack_plan["diagnostics"] == []


def test_cost_base_dir_states_the_change_against_each_stacks_base(plans, tmp_path, capsys):
    from scripts.cost.report import monthly_bound

    base = {**plans["dev"], "resources": list(plans["dev"]["resources"])}
    dropped = next(
        r for r in base["resources"] if r["type"] == "snowflake:index/warehouse:Warehouse"
    )
    base["resources"].remove(dropped)
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "plan-dev.json").write_text(json.dumps(base))
    out = tmp_path / "plan-dev.md"
    argv = ["plan", "--stack", "dev", "--out", str(out), "--cost-base-dir", str(tmp_path / "base")]
    assert main([*argv, "--quiet"]) == 0
    item = next(i for i in monthly_bound(plans["dev"]).bound.items if i.urn == dropped["urn"])
    text = out.read_text()
    assert f"+${item.bound_usd:,.2f} against the base branch" in text
    assert f"| `{dropped['name']}` | snowflake warehouses | - | {item.bound_usd:,.2f} |" in text


def test_an_invalid_cost_base_exits_2_naming_the_file_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "plan-dev.json"
    bad.write_text("not json")
    out = tmp_path / "plan.md"
    assert main(["plan", "--stack", "dev", "--out", str(out), "--cost-base", str(bad)]) == 2
    assert f"{bad} (line 1): not valid JSON" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--cost-base", "a.json", "--cost-base-dir", "."], "not both"),
        (["--stack", "prod", "--out-dir", ".", "--cost-base", "a.json"], "--cost-base-dir DIR"),
        (["--cost-base-dir", "no-such-dir"], "--cost-base-dir: the directory no-such-dir"),
    ],
)
def test_cost_base_flags_are_checked_before_planning(flags, message, capsys):
    assert main(["plan", "--stack", "dev", *flags]) == 2
    assert message in capsys.readouterr().err


def test_the_markdown_limit_has_a_floor(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["plan", "--stack", "dev", "--markdown-limit", "100"])
    assert raised.value.code == 2
    assert "below the minimum of 2000" in capsys.readouterr().err
