"""`dataplat diff BASE HEAD`: which plan changes block a merge, and which pass."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from scripts.diff.changes import compare_plans
from scripts.diff.command import main
from tests.scripts.diff.synthetic_plans import plan, resource

BUCKET = "aws:s3/bucket:Bucket"
KEY = "aws:kms/key:Key"


def _run(tmp_path: Path, base: dict[str, Any], head: dict[str, Any], *flags: str) -> int:
    (tmp_path / "base.json").write_text(json.dumps(base))
    (tmp_path / "head.json").write_text(json.dumps(head))
    return main([str(tmp_path / "base.json"), str(tmp_path / "head.json"), *flags])


RAW = resource(BUCKET, "raw", bucket="acme-raw", tags={"env": "dev"})


def test_renamed_bucket_is_a_blocking_replacement(tmp_path: Path) -> None:
    renamed = resource(BUCKET, "raw", bucket="acme-landing", tags={"env": "dev"})
    [change] = compare_plans(plan(RAW), plan(renamed))
    assert (change.op, change.keys, change.blocking) == ("replace", ["bucket"], True)
    assert _run(tmp_path, plan(RAW), plan(renamed)) == 1


def test_added_tag_passes_as_an_update(tmp_path: Path) -> None:
    tagged = resource(BUCKET, "raw", bucket="acme-raw", tags={"env": "dev", "team": "crm"})
    [change] = compare_plans(plan(RAW), plan(tagged))
    assert (change.op, change.keys, change.blocking) == ("update", ["tags"], False)
    assert _run(tmp_path, plan(RAW), plan(tagged)) == 0


def test_deleted_kms_key_blocks(tmp_path: Path) -> None:
    key = resource(KEY, "raw-key", enableKeyRotation=True)
    [change] = compare_plans(plan(RAW, key), plan(RAW))
    assert (change.op, change.name, change.blocking) == ("delete", "raw-key", True)
    assert _run(tmp_path, plan(RAW, key), plan(RAW)) == 1


def test_changed_key_spec_replaces_the_key() -> None:
    old = resource(KEY, "k", customerMasterKeySpec="SYMMETRIC_DEFAULT")
    new = resource(KEY, "k", customerMasterKeySpec="RSA_2048")
    [change] = compare_plans(plan(old), plan(new))
    assert (change.op, change.keys) == ("replace", ["customerMasterKeySpec"])


def test_snowflake_schema_rename_is_in_place() -> None:
    schema = "snowflake:index/schema:Schema"
    old = resource(schema, "crm", database="RAW", name="CRM")
    new = resource(schema, "crm", database="RAW", name="CRM_V2")
    [change] = compare_plans(plan(old), plan(new))
    assert (change.op, change.blocking) == ("update", False), "ALTER SCHEMA ... RENAME TO"


def test_deleting_a_stateless_resource_passes() -> None:
    alias = resource("aws:kms/alias:Alias", "raw-alias", name="alias/raw")
    [change] = compare_plans(plan(RAW, alias), plan(RAW))
    assert (change.op, change.blocking) == ("delete", False)


def test_retained_delete_does_not_block() -> None:
    kept = dict(resource(KEY, "old-key"), retainOnDelete=True)
    [change] = compare_plans(plan(RAW, kept), plan(RAW))
    assert (change.op, change.retained, change.blocking) == ("delete", True, False)


def test_logical_rename_is_a_blocking_delete_with_an_aliases_hint() -> None:
    moved = resource(BUCKET, "landing", bucket="acme-raw", tags={"env": "dev"})
    changes = {c.op: c for c in compare_plans(plan(RAW), plan(moved))}
    assert changes["delete"].blocking
    assert "aliases" in changes["delete"].note


def test_acknowledged_replacement_passes(tmp_path: Path) -> None:
    renamed = resource(BUCKET, "raw", bucket="acme-landing", tags={"env": "dev"})
    ack = tmp_path / "ack.yaml"
    ack.write_text(
        "- stack: dev\n  resource: raw\n  reason: data copied to acme-landing first (ADR-12)\n"
    )
    assert _run(tmp_path, plan(RAW), plan(renamed), "--acknowledge", str(ack)) == 0


def test_acknowledgement_by_flag_and_urn_glob_passes(tmp_path: Path) -> None:
    key, old = resource(KEY, "raw-key"), resource(KEY, "old-key")
    flags = [
        "--acknowledge-resource",
        "*::raw-key=key retired after re-encryption to the zone key",
        "--acknowledge-resource",
        "old-key=key retired after re-encryption to the zone key",
    ]
    assert _run(tmp_path, plan(RAW, key, old), plan(RAW), *flags) == 0


def test_unknown_acknowledgement_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flag = "ghost-bucket=this bucket is no longer in the plan"
    assert _run(tmp_path, plan(RAW), plan(RAW), "--acknowledge-resource", flag) == 0
    assert "ghost-bucket" in capsys.readouterr().out


def test_short_reason_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path, plan(RAW), plan(RAW), "--acknowledge-resource", "raw=ok") == 2
    assert "at least 10 characters" in capsys.readouterr().err


def test_malformed_acknowledgements_file_names_the_file_and_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ack = tmp_path / "ack.yaml"
    ack.write_text(
        "- stack: dev\n  resource: raw\n  reason: fine reason here\n"
        "- {stack: dev, resource: x, why: y}\n"
    )
    assert _run(tmp_path, plan(RAW), plan(RAW), "--acknowledge", str(ack)) == 2
    assert f"{ack}:4: [1]" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content",
    ["not json", json.dumps({"steps": []}), json.dumps({"formatVersion": 1, "resources": [{}]})],
)
def test_not_a_plan_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    (tmp_path / "bad.json").write_text(content)
    (tmp_path / "head.json").write_text(json.dumps(plan(RAW)))
    assert main([str(tmp_path / "bad.json"), str(tmp_path / "head.json")]) == 2
    assert "bad.json" in capsys.readouterr().err


def test_missing_file_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "absent.json"), str(tmp_path / "absent.json")]) == 2
    assert "absent.json: cannot read" in capsys.readouterr().err


def test_plans_of_different_stacks_are_bad_input(tmp_path: Path) -> None:
    assert _run(tmp_path, plan(RAW), dict(plan(RAW), stack="prod")) == 2


def test_one_plan_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "base.json").write_text(json.dumps(plan(RAW)))
    assert main([str(tmp_path / "base.json")]) == 2


def test_real_plan_with_a_renamed_bucket_blocks(
    plans: dict[str, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = plans["dev"]
    head = copy.deepcopy(base)
    bucket = next(r for r in head["resources"] if r["type"] == BUCKET)
    bucket["inputs"]["bucket"] += "-v2"
    key = next(r for r in head["resources"] if r["type"] == KEY)
    key["inputs"]["tags"] = {**key["inputs"].get("tags", {}), "team": "platform"}
    assert _run(tmp_path, base, head, "--format", "markdown") == 1
    out = capsys.readouterr().out
    assert f"`{bucket['name']}`" in out and "BLOCKED: 1 change" in out
    assert len(out) < 60_000


def test_real_plan_against_itself_has_no_changes(plans: dict[str, dict[str, Any]]) -> None:
    assert compare_plans(plans["dev"], plans["dev"]) == []
