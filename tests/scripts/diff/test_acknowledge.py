"""Acknowledgements act only on the stacks they name, and never wave everything through."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scripts.diff.acknowledge import load_file
from scripts.diff.command import main
from tests.scripts.diff.synthetic_plans import plan, resource

BUCKET = "aws:s3/bucket:Bucket"
KEY = "aws:kms/key:Key"
REASON = "data copied to the landing bucket first (ADR-12)"


def _resource(stack: str, type_: str, logical: str, **inputs: Any) -> dict[str, Any]:
    return resource(type_, logical, stack, **inputs)


def _plan(stack: str, *resources: dict[str, Any]) -> dict[str, Any]:
    return plan(*resources, stack=stack)


def _diff_deleting(tmp_path: Path, stack: str, names: list[str], ack: str) -> int:
    """Diff a plan of `stack` whose head deletes the buckets `names`, with `ack` as the file."""
    kept = _resource(stack, BUCKET, "kept", bucket="acme-kept")
    gone = [_resource(stack, BUCKET, n, bucket=f"acme-{n}") for n in names]
    (tmp_path / "base.json").write_text(json.dumps(_plan(stack, kept, *gone)))
    (tmp_path / "head.json").write_text(json.dumps(_plan(stack, kept)))
    (tmp_path / "ack.yaml").write_text(ack)
    return main(
        [
            str(tmp_path / "base.json"),
            str(tmp_path / "head.json"),
            "--acknowledge",
            str(tmp_path / "ack.yaml"),
        ]
    )


def test_an_acknowledgement_for_dev_unblocks_dev(tmp_path: Path) -> None:
    ack = f"- stack: dev\n  resource: raw\n  reason: {REASON}\n"
    assert _diff_deleting(tmp_path, "dev", ["raw"], ack) == 0


def test_an_acknowledgement_for_dev_does_not_unblock_staging(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ack = f"- stack: dev\n  resource: raw\n  reason: {REASON}\n"
    assert _diff_deleting(tmp_path, "staging", ["raw"], ack) == 1
    out = capsys.readouterr().out
    assert "raw" in out and REASON not in out, "the dev entry must not show in staging's diff"


def test_an_entry_for_several_stacks_acts_on_each_of_them(tmp_path: Path) -> None:
    ack = f"- stacks: [dev, staging]\n  resource: raw\n  reason: {REASON}\n"
    assert _diff_deleting(tmp_path, "dev", ["raw"], ack) == 0
    assert _diff_deleting(tmp_path, "staging", ["raw"], ack) == 0
    assert _diff_deleting(tmp_path, "prod", ["raw"], ack) == 1


def test_an_entry_of_another_stack_is_not_reported_as_unused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ack = f"- stack: prod\n  resource: ghost\n  reason: {REASON}\n"
    assert _diff_deleting(tmp_path, "dev", [], ack) == 0
    assert "ghost" not in capsys.readouterr().out


def test_an_entry_without_its_stack_is_bad_input_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ack = f"- stack: dev\n  resource: a\n  reason: {REASON}\n- resource: raw\n  reason: {REASON}\n"
    assert _diff_deleting(tmp_path, "dev", ["raw"], ack) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'ack.yaml'}:4: [1]: name the stack it is written for" in err


@pytest.mark.parametrize("stacks", ["stack: []", "stacks: []", "stack: 'dev prod'", "stacks: dev"])
def test_malformed_stacks_are_bad_input(tmp_path: Path, stacks: str) -> None:
    ack = f"- {stacks}\n  resource: raw\n  reason: {REASON}\n"
    assert _diff_deleting(tmp_path, "dev", ["raw"], ack) == 2


def test_stack_and_stacks_together_are_bad_input(tmp_path: Path) -> None:
    ack = f"- stack: dev\n  stacks: [dev]\n  resource: raw\n  reason: {REASON}\n"
    assert _diff_deleting(tmp_path, "dev", ["raw"], ack) == 2


@pytest.mark.parametrize("pattern", ["'*'", "'urn:*'", "'data-*'", "'*a*'"])
def test_a_wildcard_matching_every_blocking_change_is_refused_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pattern: str
) -> None:
    ack = f"# reviewed\n- stack: dev\n  resource: {pattern}\n  reason: {REASON}\n"
    names = ["data-raw", "data-staged"]
    assert _diff_deleting(tmp_path, "dev", names, ack) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'ack.yaml'}:2: [0]: resource {pattern.strip(chr(39))!r}" in err
    assert "matches every blocking change of stack dev (2)" in err


def test_a_wildcard_matching_the_only_blocking_change_is_refused(tmp_path: Path) -> None:
    ack = f"- stack: dev\n  resource: '*raw'\n  reason: {REASON}\n"
    assert _diff_deleting(tmp_path, "dev", ["raw"], ack) == 2


def test_a_wildcard_matching_some_of_the_blocking_changes_acknowledges_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ack = f"- stack: dev\n  resource: 'crm-*'\n  reason: {REASON}\n"
    assert _diff_deleting(tmp_path, "dev", ["crm-a", "crm-b", "raw"], ack) == 1
    out = capsys.readouterr().out
    assert "raw" in out


def test_a_wildcard_written_for_another_stack_is_not_judged_here(tmp_path: Path) -> None:
    ack = f"- stack: prod\n  resource: '*'\n  reason: {REASON}\n"
    assert _diff_deleting(tmp_path, "dev", ["raw"], ack) == 1


def test_a_wildcard_flag_matching_every_blocking_change_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stack = "dev"
    base = _plan(stack, _resource(stack, KEY, "k1"), _resource(stack, KEY, "k2"))
    (tmp_path / "base.json").write_text(json.dumps(base))
    (tmp_path / "head.json").write_text(json.dumps(_plan(stack)))
    flag = f"*={REASON}"
    args = [str(tmp_path / "base.json"), str(tmp_path / "head.json")]
    assert main([*args, "--acknowledge-resource", flag]) == 2
    assert "--acknowledge-resource" in capsys.readouterr().err


def test_the_repository_file_is_valid() -> None:
    path = Path(__file__).resolve().parents[3] / ".github" / "acknowledged-changes.yaml"
    assert all(entry.stacks for entry in load_file(path))


def test_a_preview_reads_its_stack_from_the_urns(tmp_path: Path) -> None:
    preview = Path(__file__).parent / "fixtures" / "preview.json"
    for stack, code in (("staging", 1), ("dev", 0)):
        ack = tmp_path / f"{stack}.yaml"
        ack.write_text(
            f"- stack: {stack}\n  resource: data-platform-lake-raw\n  reason: {REASON}\n"
            f"- stack: {stack}\n  resource: data-platform-raw-crm\n  reason: {REASON}\n"
        )
        assert main(["--preview", str(preview), "--acknowledge", str(ack)]) == code, stack
