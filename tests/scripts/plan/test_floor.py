"""The SDK floor `dataplat bench` compares plans with, and the plans' equality check."""

from __future__ import annotations

import atexit
import copy
import json
import sys
from typing import Any

from scripts.plan import exit_path
from scripts.plan.floor import python_args, replay, sdk_modules
from scripts.plan.plan_equality import differences, main


def test_the_floor_imports_only_sdk_modules_in_import_order():
    loaded = dict.fromkeys(
        [
            "sys",
            "pulumi",
            "pulumi_aws.s3",
            "components.storage.data_lake",
            "pulumiverse_time",
            "pydantic",
        ]
    )
    assert sdk_modules(loaded) == ["pulumi", "pulumi_aws.s3", "pulumiverse_time"]


def test_engine_inputs_become_sdk_arguments_tags_kept_as_given():
    inputs = {
        "bucketPrefix": "x",
        "serverSideEncryption": {"kmsKeyId": "k"},
        "tags": {"CostCenter": "a"},
    }
    assert python_args(inputs) == {
        "bucket_prefix": "x",
        "server_side_encryption": {"kms_key_id": "k"},
        "tags": {"CostCenter": "a"},
    }


def test_the_floor_replays_a_captured_stack(tmp_path, plans):
    (tmp_path / "sdk-modules.txt").write_text("pulumi\npulumi_aws\n")
    document = plans["dev"]
    (tmp_path / "plan-dev.json").write_text(json.dumps(document))
    assert replay(tmp_path, ["dev"]) == 0
    assert "pulumi_aws" in sys.modules


def test_the_floor_imports_the_sdks_inside_the_first_run_as_the_program_does(
    tmp_path, plans, monkeypatch
):
    from scripts.plan import floor, runtime

    (tmp_path / "sdk-modules.txt").write_text("pulumi\npulumi_aws\n")
    for stack in ("dev", "staging"):
        (tmp_path / f"plan-{stack}.json").write_text(json.dumps(plans[stack]))
    imported: list[tuple[str, int]] = []
    real_import = floor.importlib.import_module

    def recording(name: str) -> Any:
        imported.append((name, runtime._collector_depth))
        return real_import(name)

    monkeypatch.setattr(floor.importlib, "import_module", recording)
    assert replay(tmp_path, ["dev", "staging"]) == 0
    # `pulumi` comes only from the recorded list (the typed classes are looked up in its
    # sub-packages): imported once, inside the first run's collector settings (depth 1).
    assert [(n, d) for n, d in imported if n == "pulumi"] == [("pulumi", 1)]
    assert {d for _, d in imported} == {1}


def test_plan_and_floor_freeze_at_exit_once(monkeypatch):
    registered: list[Any] = []
    monkeypatch.setattr(exit_path, "_registered", False)
    monkeypatch.setattr(atexit, "register", registered.append)
    exit_path.freeze_at_exit()
    exit_path.freeze_at_exit()
    assert registered == [exit_path.gc.freeze]


def _document() -> dict[str, Any]:
    resource = {
        "urn": "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b",
        "type": "aws:s3/bucket:Bucket",
        "dependencies": ["urn:a", "urn:b"],
        "protect": False,
        "inputs": {"bucket": "b"},
    }
    other = {**copy.deepcopy(resource), "urn": "urn:pulumi:dev::p::aws:s3/bucket:Bucket::c"}
    violation = {"policy": "x", "level": "advisory", "urn": "urn:a", "message": "m"}
    return {"resources": [resource, other], "violations": [violation], "preflight": {}}


def test_order_of_resources_dependencies_and_results_does_not_matter():
    before = _document()
    after = copy.deepcopy(before)
    after["resources"].reverse()
    after["resources"][0]["dependencies"].reverse()
    assert differences(before, after) == []


def test_a_changed_input_option_or_violation_is_reported():
    before = _document()
    after = copy.deepcopy(before)
    after["resources"][0]["inputs"]["bucket"] = "renamed"
    after["resources"][1]["protect"] = True
    after["violations"] = []
    assert differences(before, after) == [
        "resource urn:pulumi:dev::p::aws:s3/bucket:Bucket::b: inputs differ",
        "resource urn:pulumi:dev::p::aws:s3/bucket:Bucket::c: protect differ",
        "section violations differs",
    ]


def test_the_comparison_exits_1_on_a_difference(tmp_path, capsys):
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text('{"resources": [{"urn": "u", "inputs": {"a": 1}}]}')
    after.write_text('{"resources": [{"urn": "u", "inputs": {"a": 2}}]}')
    assert main([str(before), str(before)]) == 0
    assert main([str(before), str(after)]) == 1
    assert "resource u: inputs differ" in capsys.readouterr().out


def test_the_floor_registers_each_resource_with_the_dependencies_of_the_plan(plans):
    """The same registrations: each cloud resource's request names the same resources as
    the plan's (by type and name: the floor's are flat, so their URNs differ)."""
    from scripts.plan.floor import replay_document

    document = plans["dev"]
    by_urn = {r["urn"]: r for r in document["resources"]}
    planned = {
        (r["type"], r["name"]): sorted(
            (by_urn[u]["type"], by_urn[u]["name"]) for u in r["dependencies"]
        )
        for r in document["resources"]
        if r["custom"]
    }
    run = replay_document(document)
    by_floor_urn = {r.urn: r for r in run.registrations}
    replayed = {
        (r.type, r.name): sorted(
            (by_floor_urn[u].type, by_floor_urn[u].name) for u in r.dependencies
        )
        for r in run.registrations
        if r.custom
    }
    assert sum(1 for deps in planned.values() if deps) > 100
    assert replayed == planned
