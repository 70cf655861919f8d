"""`dataplat access` and the generated expected access: the three stacks list only what their
policy config declares; a row nothing declares fails the command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from scripts.access.declaration import RULES, declaration, rendered
from scripts.cli import main
from scripts.errors import UserError
from stacks.stack_file import load_stack_file

ROOT = Path(__file__).resolve().parents[3]
STACKS = ("dev", "staging", "prod")


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("plans")
    found = {}
    for stack in STACKS:
        path = out / f"{stack}.json"
        main(["plan", "--stack", stack, "--format", "json", "--out", str(path)])
        found[stack] = path
    return found


def listing(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["access", *args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("stack", STACKS)
def test_each_stack_lists_only_declared_access(plans, stack, capsys):
    code, found = listing(["--plan", str(plans[stack])], capsys)
    assert (code, found["unexpected"], found["declared"]) == (0, 0, True), stack
    principals = {r["principal"] for r in found["aws"]}
    assert "service glue.amazonaws.com" in principals
    assert any(p.startswith("principal arn:aws:iam::999999999999:user/") for p in principals)
    assert {r["role"] for r in found["snowflake"]} >= {"SYSADMIN"}


def test_without_the_declaration_every_row_is_unexpected_and_the_command_fails(
    plans, tmp_path, capsys
):
    empty = tmp_path / "policy.json"
    empty.write_text("{}")
    code, found = listing(["--plan", str(plans["dev"]), "--policy-config", str(empty)], capsys)
    assert code == 1
    assert found["declared"] is False
    assert found["unexpected"] == len(found["aws"]) + len(found["snowflake"]) > 0


def test_the_declaration_comes_from_the_stack_config():
    platform = load_stack_file(ROOT / "stacks" / "Pulumi.dev.yaml").platform
    declared = declaration(platform)
    principals = {e["principal"]: e["resources"] for e in declared["principals"]}
    assert declared["account"] == "210987654321"
    assert principals["arn:aws:iam::210987654321:root"] == "*"
    for deployer in platform.deployers:
        assert principals[deployer] == "*"
    assert principals["logs.eu-west-1.amazonaws.com"] == "*"
    assert principals["arn:aws:iam::*:user/*"] == "acme-dp-dev-snowflake-*"
    assert declared["snowflakeRoles"] == [
        "ACCOUNTADMIN",
        "ACME_DP_DEV_*",
        "GOVERNANCE_ADMIN",
        "SECURITYADMIN",
        "SYSADMIN",
    ]


def test_regenerating_keeps_the_hand_written_suppressions_and_sets_every_access_rule():
    written = json.loads((ROOT / "stacks" / "policy.prod.json").read_text())
    regenerated = json.loads(rendered(ROOT, "prod"))
    assert regenerated["s3-bucket-object-lock"] == written["s3-bucket-object-lock"]
    assert len(regenerated["s3-bucket-object-lock"]["suppressions"]) == 4
    for rule in RULES:
        assert regenerated[rule]["expectedAccess"]["account"] == "410987654321"


def test_regenerating_refuses_a_rule_given_twice_rather_than_dropping_one(tmp_path: Path):
    """The policy config is hand-edited too: a rule given twice is refused by the project's
    input reader, as the plan refuses it, instead of `dataplat docs` silently rewriting the
    file with only the last one."""
    for part in ("stacks/domains", "stacks/Pulumi.prod.yaml", "stacks/policy.prod.json"):
        source, target = ROOT / part, tmp_path / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.write_text(source.read_text())
    policy = tmp_path / "stacks" / "policy.prod.json"
    policy.write_text('{"s3-bucket-object-lock": "advisory", ' + policy.read_text().lstrip()[1:])
    with pytest.raises(UserError, match=r'duplicate key "s3-bucket-object-lock"'):
        rendered(tmp_path, "prod")
