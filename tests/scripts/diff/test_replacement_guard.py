"""The destroy guard labels an update a replacement from the provider facts, for every type,
and shows each changed input old -> new, secrets masked."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from policies.rules.facts.replacements import Replacement
from policies.rules.facts.tokens import (
    EC2_FLOW_LOG,
    GLUE_JOB,
    IAM_ROLE,
    S3_BUCKET,
    SNOWFLAKE_GRANT_OWNERSHIP,
    SNOWFLAKE_PIPE,
    SNOWFLAKE_SERVICE_USER,
    SNOWFLAKE_WAREHOUSE,
    SNS_TOPIC,
)
from scripts.diff import replacements as guard_replacements
from scripts.diff.changes import Change, compare_plans, from_preview
from scripts.diff.command import main
from scripts.diff.values import ValueChange, differences

Plan = dict[str, Any]


@pytest.fixture(scope="module")
def staging(plans: dict[str, Plan]) -> Plan:
    """The staging plan."""
    return plans["staging"]


def _first(p: Plan, token: str) -> dict[str, Any]:
    return next(r for r in p["resources"] if r["type"] == token)


def _only(base: Plan, head: Plan) -> Change:
    [change] = compare_plans(base, head)
    return change


def _run(tmp_path: Path, base: Plan, head: Plan, *flags: str) -> int:
    (tmp_path / "base.json").write_text(json.dumps(base))
    (tmp_path / "head.json").write_text(json.dumps(head))
    return main([str(tmp_path / "base.json"), str(tmp_path / "head.json"), *flags])


def test_a_forcing_input_of_a_non_stateful_type_is_a_replacement_reported_not_blocking(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = copy.deepcopy(staging)
    grant = _first(head, SNOWFLAKE_GRANT_OWNERSHIP)
    was = grant["inputs"]["accountRoleName"]
    grant["inputs"]["accountRoleName"] = "SECURITYADMIN"
    change = _only(staging, head)
    assert (change.name, change.op, change.keys, change.blocking) == (
        grant["name"],
        "replace",
        ["accountRoleName"],
        False,
    )
    assert _run(tmp_path, staging, head) == 0
    out = capsys.readouterr().out
    assert (
        f"replace {grant['name']} ({SNOWFLAKE_GRANT_OWNERSHIP}); forced by accountRoleName" in out
    )
    assert f"accountRoleName: {was} -> SECURITYADMIN" in out


def test_a_nested_forcing_input_is_named_by_its_path(staging: Plan) -> None:
    head = copy.deepcopy(staging)
    _first(head, SNOWFLAKE_GRANT_OWNERSHIP)["inputs"]["on"]["objectName"] = "OTHER_WH"
    change = _only(staging, head)
    assert (change.op, change.keys) == ("replace", ["on.objectName"])
    assert [v.path for v in change.values] == ["on.objectName"]


def test_a_pipe_copy_statement_change_is_a_blocking_replacement_showing_both_statements(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = copy.deepcopy(staging)
    pipe = _first(head, SNOWFLAKE_PIPE)
    pipe["inputs"]["copyStatement"] += " ON_ERROR = CONTINUE"
    change = _only(staging, head)
    assert (change.op, change.keys, change.blocking) == ("replace", ["copyStatement"], True)
    assert _run(tmp_path, staging, head, "--format", "markdown") == 1
    out = capsys.readouterr().out
    # The blocking table names the forcing input with its values, once.
    assert f"| `{SNOWFLAKE_PIPE}` | `copyStatement`: `…AT = (TYPE = 'JSON')` → " in out
    # The statements share a long beginning: both are cut to show where they differ.
    assert (
        "`copyStatement`: `…AT = (TYPE = 'JSON')` → `…AT = (TYPE = 'JSON') ON_ERROR = CONTINUE`"
        in out
    )


def test_an_update_shows_each_changed_input_old_to_new_in_text_and_markdown(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = copy.deepcopy(staging)
    warehouse = _first(head, SNOWFLAKE_WAREHOUSE)
    was = warehouse["inputs"]["autoSuspend"]
    warehouse["inputs"]["autoSuspend"] = was + 60
    change = _only(staging, head)
    assert (change.op, change.values) == ("update", [ValueChange("autoSuspend", was, was + 60)])
    assert _run(tmp_path, staging, head) == 0
    assert f"      autoSuspend: {was} -> {was + 60}\n" in capsys.readouterr().out
    assert _run(tmp_path, staging, head, "--format", "markdown") == 0
    assert f"  - `autoSuspend`: `{was}` → `{was + 60}`" in capsys.readouterr().out


def test_a_secret_input_is_masked_on_both_sides_even_when_made_plain(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = copy.deepcopy(staging)
    user = _first(head, SNOWFLAKE_SERVICE_USER)
    assert user["inputs"]["loginName"] == "[secret]", "the plan records the secret marker"
    user["inputs"]["loginName"] = "now-plain-login"
    assert _run(tmp_path, staging, head) == 0
    out = capsys.readouterr().out
    assert "loginName: [secret] -> [secret]" in out
    assert "now-plain-login" not in out


def test_differences_descend_objects_and_lists_and_mark_absent_values() -> None:
    old = {"a": {"b": 1, "c": [1, 2]}, "gone": "x"}
    new = {"a": {"b": 2, "c": [1, 3]}, "added": True}
    assert differences(old, new) == [
        ValueChange("a.b", 1, 2),
        ValueChange("a.c[1]", 2, 3),
        ValueChange("added", None, True),
        ValueChange("gone", "x", None),
    ]
    assert ValueChange("gone", "x", None).shown() == ("x", "(absent)")
    assert ValueChange("s", "x" * 100, "y").shown()[0] == "x" * 79 + "…"


def test_a_to_empty_helper_replaces_only_when_a_value_is_emptied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    facts = Replacement("t", (), {"comment": "ForceNewIfChangeToEmptyString"})
    monkeypatch.setattr(guard_replacements, "replacement", lambda token: facts)
    assert guard_replacements.forcing_inputs("t", {"comment": "a"}, {"comment": ""}) == ["comment"]
    assert guard_replacements.forcing_inputs("t", {"comment": "a"}, {"comment": "b"}) == []
    assert guard_replacements.forcing_inputs("t", {}, {"comment": "b"}) == []


def test_a_renamed_iam_role_is_a_replacement_that_does_not_block(
    staging: Plan, tmp_path: Path
) -> None:
    head = copy.deepcopy(staging)
    role = _first(head, IAM_ROLE)
    role["inputs"]["name"] = role["inputs"]["name"] + "-v2"
    change = _only(staging, head)
    assert (change.op, change.keys, change.blocking) == ("replace", ["name"], False), role["name"]
    assert _run(tmp_path, staging, head) == 0


def test_a_preview_replacement_shows_its_replace_reasons_old_to_new() -> None:
    urn = f"urn:pulumi:dev::data-platform::{SNOWFLAKE_PIPE}::p"
    step = {
        "op": "replace",
        "urn": urn,
        "replaceReasons": ["copyStatement"],
        "oldState": {"type": SNOWFLAKE_PIPE, "custom": True, "inputs": {"copyStatement": "A"}},
        "newState": {"type": SNOWFLAKE_PIPE, "custom": True, "inputs": {"copyStatement": "B"}},
    }
    [change] = from_preview({"steps": [step]})
    assert change.values == [ValueChange("copyStatement", "A", "B")]


# Crafted heads of the staging plan that change an AWS input the provider's source marks
# ForceNew (replacements.json, extracted from terraform-provider-aws v6.58.0).


@pytest.mark.parametrize(
    ("token", "key", "suffix"),
    [(SNS_TOPIC, "name", "-v2"), (GLUE_JOB, "name", "-v2"), (EC2_FLOW_LOG, "trafficType", "")],
)
def test_a_forcing_aws_input_change_is_a_replacement_reported_not_blocking(
    staging: Plan,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    token: str,
    key: str,
    suffix: str,
) -> None:
    head = copy.deepcopy(staging)
    resource = _first(head, token)
    was = resource["inputs"][key]
    resource["inputs"][key] = (was + suffix) if suffix else "REJECT"
    change = _only(staging, head)
    assert (change.op, change.keys, change.blocking) == ("replace", [key], False)
    assert _run(tmp_path, staging, head) == 0
    assert f"replace {resource['name']} ({token}); forced by {key}" in capsys.readouterr().out


def test_an_in_place_aws_input_change_stays_an_update(staging: Plan) -> None:
    head = copy.deepcopy(staging)
    job = _first(head, GLUE_JOB)
    job["inputs"]["description"] = "another description"
    change = _only(staging, head)
    assert (change.op, change.keys) == ("update", ["description"])


def test_a_renamed_bucket_is_a_blocking_replacement(staging: Plan, tmp_path: Path) -> None:
    head = copy.deepcopy(staging)
    bucket = next(
        r for r in head["resources"] if r["type"] == S3_BUCKET and r["inputs"].get("bucket")
    )
    bucket["inputs"]["bucket"] += "-moved"
    change = _only(staging, head)
    assert (change.op, change.keys, change.blocking) == ("replace", ["bucket"], True)
    assert _run(tmp_path, staging, head) == 1
