"""`dataplat diff --env E BASE_DIR HEAD_DIR`: the destroy guard per stack, a resource moving
between stacks with its aliases is a move, not a delete; without them it blocks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.cli import main
from scripts.diff.environment import compare_environment
from scripts.env_plans import read_env_plans
from tests.scripts.migrate.env_plans import env_plan_dirs, read_dir, without_aliases, write_dir

DOMAIN = "dev.marketing"
DB = "data-platform-domain-marketing-db"


@pytest.fixture(scope="module")
def dirs(tmp_path_factory):
    single, split = env_plan_dirs(tmp_path_factory, "dev")
    root = tmp_path_factory.mktemp("env")
    return {
        "single": single,
        "split": split,
        "no-alias": write_dir(root / "no-alias", without_aliases(read_dir(split))),
    }


def compared(base: Path, head: Path):
    return compare_environment(read_env_plans(base, "dev"), read_env_plans(head, "dev"), "dev")


def custom_count(path: Path) -> int:
    resources = json.loads(path.read_text())["resources"]
    return len([r for r in resources if r["custom"] and not r["type"].startswith("pulumi:prov")])


def test_the_split_with_its_aliases_is_moves_only(dirs):
    result = compared(dirs["single"], dirs["split"])
    assert result.changes == []
    assert result.moves == {
        ("data-platform/dev", "data-platform-domain/dev.marketing"): custom_count(
            dirs["split"] / "plan-dev.marketing.json"
        ),
        ("data-platform/dev", "data-platform-edges/dev"): 1,  # the raw bucket's notification
    }


def test_the_split_without_aliases_deletes_and_blocks_naming_the_move(dirs):
    result = compared(dirs["single"], dirs["no-alias"])
    deleted = {c.name: c for c in result.changes if c.op == "delete"}
    db = deleted[DB]
    assert db.blocking and db.urn.startswith("urn:pulumi:dev::data-platform::")
    assert db.note.startswith("moved to data-platform-domain/dev.marketing without an alias")
    assert "urn:pulumi:dev.marketing::data-platform-domain::dataplatform:index:DataPlatform$" in (
        db.note
    )
    created = {c.name for c in result.changes if c.op == "create"}
    assert DB in created and not result.moves


def test_unchanged_split_plans_have_no_change_and_no_move(dirs):
    result = compared(dirs["split"], dirs["split"])
    assert (result.changes, result.moves) == ([], {})


def test_an_input_changed_on_the_way_is_an_update_at_the_new_place(dirs, tmp_path):
    documents = read_dir(dirs["split"])
    domain = documents["plan-dev.marketing.json"]
    database = next(r for r in domain["resources"] if r["name"] == DB and r["custom"])
    database["inputs"]["comment"] = "changed while moving"
    head = write_dir(tmp_path / "head", documents)
    result = compared(dirs["single"], head)
    assert [(c.op, c.name) for c in result.changes] == [("update", DB)]
    assert result.changes[0].urn.startswith(f"urn:pulumi:{DOMAIN}::data-platform-domain::")


def test_a_delete_in_a_domain_stack_blocks_and_is_acknowledged_for_that_stack_only(
    dirs, tmp_path, capsys
):
    documents = read_dir(dirs["split"])
    domain = documents["plan-dev.marketing.json"]
    domain["resources"] = [r for r in domain["resources"] if r["name"] != f"{DB}-campaigns"]
    head = write_dir(tmp_path / "head", documents)
    argv = ["diff", "--env", "dev", str(dirs["split"]), str(head)]
    assert main(argv) == 1
    assert f"delete {DB}-campaigns (snowflake:index/schema:Schema)" in capsys.readouterr().out
    reason = "campaigns schema retired (ADR-40), data exported first"
    acks = tmp_path / "acks.yaml"
    acks.write_text(f"- stack: dev\n  resource: {DB}-campaigns\n  reason: {reason}\n")
    assert main([*argv, "--acknowledge", str(acks)]) == 1  # written for the platform's stack
    assert "Acknowledgements matching no blocking change" in capsys.readouterr().out
    acks.write_text(f"- stack: {DOMAIN}\n  resource: {DB}-campaigns\n  reason: {reason}\n")
    assert main([*argv, "--acknowledge", str(acks)]) == 0
    capsys.readouterr()


def test_the_command_reports_moves_and_exits_0(dirs, capsys):
    assert main(["diff", "--env", "dev", str(dirs["single"]), str(dirs["split"])]) == 0
    out = capsys.readouterr().out
    assert "Moved between stacks with their aliases" in out
    assert "1 from data-platform/dev to data-platform-edges/dev" in out
    argv = ["diff", "--env", "dev", str(dirs["single"]), str(dirs["no-alias"])]
    assert main([*argv, "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["moves"] == []


def test_bad_environment_input_exits_2_naming_the_file(dirs, tmp_path, capsys):
    assert main(["diff", "--env", "dev", str(dirs["split"])]) == 2
    assert "takes two directories" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["diff", "--env", "dev", str(empty), str(dirs["split"])]) == 2
    assert f"{empty}/plan-dev.json: no such file" in capsys.readouterr().err
    twice = read_dir(dirs["split"])
    twice["plan-dev.copy.json"] = twice["plan-dev.marketing.json"]
    again = write_dir(tmp_path / "twice", twice)
    assert main(["diff", "--env", "dev", str(again), str(dirs["split"])]) == 2
    assert "a second plan of data-platform-domain/dev.marketing" in capsys.readouterr().err
