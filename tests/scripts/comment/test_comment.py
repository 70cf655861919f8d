"""`dataplat comment`: one comment for every stack, leading with the change, within a limit."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from policies.rules.facts.tokens import CLOUDWATCH_METRIC_ALARM, KMS_KEY, S3_BUCKET, SSM_PARAMETER
from scripts.cli import main
from scripts.comment.compose import compose
from scripts.comment.sections import stack_parts


def _write(directory: Path, documents: dict[str, dict[str, Any]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for stack, document in documents.items():
        (directory / f"plan-{stack}.json").write_text(json.dumps(document))
    return directory


@pytest.fixture(scope="module")
def change(plans):
    """A head of dev and prod that adds, updates, replaces and deletes one resource each."""
    heads = {}
    for stack in ("dev", "prod"):
        head = copy.deepcopy(plans[stack])
        resources = head["resources"]
        bucket = next(r for r in resources if r["type"] == S3_BUCKET)
        gone = next(r for r in resources if r["type"] == CLOUDWATCH_METRIC_ALARM)
        resources.remove(gone)
        key = next(r for r in resources if r["type"] == KMS_KEY)
        key["inputs"]["description"] += " (reworded)"
        bucket["inputs"]["bucket"] += "-renamed"
        added = copy.deepcopy(gone)
        added["urn"] += "-second"
        added["name"] += "-second"
        resources.append(added)
        heads[stack] = head
    return heads


def test_each_stack_leads_with_what_blocks_then_the_creates(plans, change):
    text = compose([stack_parts(s, change[s], plans[s], "cost") for s in ("dev", "prod")])
    first = text.splitlines()[:40]
    assert any(
        line.startswith("### `dev`: 1 to create, 1 to update, 1 to replace") for line in first
    )
    assert any("⛔" in line and "replace" in line for line in first), "what blocks comes first"
    assert text.index("**Blocks (would lose data):**") < text.index("**Creates 1:**")
    assert text.index("**Creates 1:**") < text.index("**Updates 1:**") < text.index("**Replaces:**")
    assert "`description`: " in text and "(reworded)" in text
    assert "`(none)` → `(none)`" not in text, "old and new values are found"
    assert "forced by `bucket`" in text
    assert "- PipelineAlarms data-platform-alarms: 1 (`…-queued-tasks-second`)" in text


def test_secrets_stay_redacted_in_the_values():
    head = {
        "stack": "dev",
        "resources": [
            {
                "urn": "urn:pulumi:dev::p::aws:ssm/parameter:Parameter::p",
                "type": SSM_PARAMETER,
                "name": "p",
                "custom": True,
                "inputs": {"value": "[secret]"},
            },
        ],
    }
    base = copy.deepcopy(head)
    base["resources"][0]["inputs"]["value"] = "[secret]x"
    text = compose([stack_parts("dev", head, base, "cost")])
    assert "`[secret]`" in text


def test_a_comment_over_the_limit_cuts_the_least_important_first_and_says_so(plans, change):
    full = compose([stack_parts(s, change[s], plans[s], "cost") for s in ("dev", "prod")])
    limit = len(full) - 200
    cut = compose([stack_parts(s, change[s], plans[s], "cost") for s in ("dev", "prod")], limit)
    assert len(cut) <= limit
    assert "Cut to fit GitHub's comment limit: passing checks and outputs" in cut
    assert "### `dev`" in cut and "### `prod`" in cut and "**Creates 1:**" in cut


def test_blocking_changes_and_headers_are_never_cut(plans, change):
    # So small that every part that may go is cut: what is left starts with dev's header
    # and what blocks in dev, and ends cut at the limit.
    tiny = compose([stack_parts(s, change[s], plans[s], "cost") for s in ("dev", "prod")], 600)
    assert len(tiny) <= 600 and tiny.endswith("…")
    assert "### `dev`: 1 to create" in tiny
    assert "**Blocks (would lose data):**\n- ⛔ " in tiny
    assert "**Creates" not in tiny.split("### `prod`")[0]
    assert "Passing checks" not in tiny.split("### `prod`")[0]


def test_the_command_writes_one_comment_for_every_stack(tmp_path, plans, change):
    base = _write(tmp_path / "base", {s: plans[s] for s in ("dev", "prod")})
    head = _write(tmp_path / "head", change)
    out = tmp_path / "comment.md"
    assert (
        main(["comment", "--head-dir", str(head), "--base-dir", str(base), "--out", str(out)]) == 0
    )
    text = out.read_text()
    assert text.index("### `dev`") < text.index("### `prod`")
    assert len(text) <= 65_536


def test_a_stack_without_a_base_plan_is_all_creates(tmp_path, plans):
    head = _write(tmp_path / "head", {"dev": plans["dev"]})
    out = tmp_path / "comment.md"
    assert main(["comment", "--head-dir", str(head), "--out", str(out)]) == 0
    assert "(no base plan: everything is new)" in out.read_text()


def test_no_plans_is_bad_input(tmp_path, capsys):
    assert main(["comment", "--head-dir", str(tmp_path)]) == 2
    assert "no plan-<stack>.json" in capsys.readouterr().err
