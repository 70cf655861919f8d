"""`dataplat diff --preview`: reading the JSON that `pulumi preview --json` prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.diff.changes import from_preview
from scripts.diff.command import main

FIXTURE = Path(__file__).parent / "fixtures" / "preview.json"


def _changes() -> dict[str, tuple[str, list[str], bool]]:
    preview = json.loads(FIXTURE.read_text())
    return {c.name: (c.op, c.keys, c.blocking) for c in from_preview(preview)}


def test_preview_steps_become_changes_without_same_and_refresh() -> None:
    assert _changes() == {
        "data-platform-lake-curated": ("update", ["tags", "tagsAll"], False),
        "data-platform-lake-raw": ("replace", ["bucket"], True),
        "data-platform-lake-landing-alias": ("create", [], False),
        "data-platform-glue-staged": ("delete", [], False),  # retainOnDelete
        "data-platform-raw-crm": ("delete", [], True),
    }


def test_preview_with_blocking_changes_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--preview", str(FIXTURE), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    blocking = sorted(c["name"] for c in report["changes"] if c["blocking"])
    assert blocking == ["data-platform-lake-raw", "data-platform-raw-crm"]


def test_acknowledged_preview_exits_0(tmp_path: Path) -> None:
    ack = tmp_path / "ack.json"
    ack.write_text(
        json.dumps(
            [
                {
                    "stack": "dev",
                    "resource": "data-platform-lake-raw",
                    "reason": "landing zone replaces raw",
                },
                {
                    "stacks": ["dev", "staging"],
                    "resource": "*raw-crm",
                    "reason": "CRM schema moved to DP_DEV_STAGED",
                },
            ]
        )
    )
    assert main(["--preview", str(FIXTURE), "--acknowledge", str(ack)]) == 0


def test_split_replacement_steps_are_one_replacement() -> None:
    urn = "urn:pulumi:dev::p::aws:kms/key:Key::k"
    steps = [
        {"op": "create-replacement", "urn": urn, "replaceReasons": ["keyUsage"]},
        {"op": "delete-replaced", "urn": urn, "oldState": {"type": "aws:kms/key:Key"}},
    ]
    [change] = from_preview({"steps": steps})
    assert (change.op, change.type, change.keys, change.blocking) == (
        "replace",
        "aws:kms/key:Key",
        ["keyUsage"],
        True,
    )


def test_a_protected_replacement_in_split_steps_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    urn = "urn:pulumi:dev::p::aws:iam/role:Role::r"
    old = {"type": "aws:iam/role:Role", "protect": True}
    steps = [
        {"op": "create-replacement", "urn": urn, "replaceReasons": ["name"]},
        {"op": "delete-replaced", "urn": urn, "oldState": old},
    ]
    [change] = from_preview({"steps": steps})
    assert (change.op, change.refused, change.blocking) == ("replace", True, True)
    preview = tmp_path / "preview.json"
    preview.write_text(json.dumps({"steps": steps}))
    assert main(["--preview", str(preview), "--acknowledge-resource", "r=renamed on purpose"]) == 1
    assert "set protect=False on it alone" in capsys.readouterr().out


def test_a_previewed_update_that_shortens_a_retention_blocks() -> None:
    urn = "urn:pulumi:dev::p::snowflake:index/database:Database::raw"
    state = {"type": "snowflake:index/database:Database", "custom": True}
    step = {
        "op": "update",
        "urn": urn,
        "diffReasons": ["dataRetentionTimeInDays"],
        "oldState": {**state, "inputs": {"dataRetentionTimeInDays": 30}},
        "newState": {**state, "inputs": {"dataRetentionTimeInDays": 1}},
    }
    [change] = from_preview({"steps": [step]})
    assert (change.op, change.blocking) == ("update", True), change.losses


@pytest.mark.parametrize("content", ["{}", "", json.dumps({"steps": [{"op": 1}]})])
def test_failed_or_malformed_preview_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    bad = tmp_path / "preview.json"
    bad.write_text(content)
    assert main(["--preview", str(bad)]) == 2
    assert str(bad) in capsys.readouterr().err


def test_preview_and_plans_together_are_bad_input(tmp_path: Path) -> None:
    assert main(["a.json", "b.json", "--preview", str(FIXTURE)]) == 2
