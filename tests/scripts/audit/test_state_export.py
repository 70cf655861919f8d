"""Auditing a `pulumi stack export`: the same report as the plan it was deployed from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scripts.audit.inputs import load_state, state_document
from scripts.errors import UserError

from .conftest import audit_plan
from .state_export import to_state_export


@pytest.fixture(scope="module")
def state_file(plans: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("state") / "prod.json"
    path.write_text(json.dumps(to_state_export(plans["prod"])), encoding="utf-8")
    return path


def test_the_export_reads_as_the_plan_resources(state_file: Path, plans: dict[str, Any]) -> None:
    document = load_state(state_file)
    assert (document["project"], document["stack"]) == ("data-platform", "prod")
    assert [r["urn"] for r in document["resources"]] == [
        r["urn"] for r in plans["prod"]["resources"]
    ]
    by_urn = {r["urn"]: r for r in document["resources"]}
    for r in plans["prod"]["resources"]:
        mine = by_urn[r["urn"]]
        assert mine["provider"] == r["provider"], r["urn"]  # `urn::id` back to the URN
        assert mine["name"] == r["name"]


def test_secrets_become_the_secret_marker(state_file: Path) -> None:
    users = [
        r
        for r in load_state(state_file)["resources"]
        if r["type"] == "snowflake:index/serviceUser:ServiceUser"
    ]
    assert users and all(u["inputs"]["loginName"] == "[secret]" for u in users)
    assert "AAABAKx0c2VjcmV0" in state_file.read_text(encoding="utf-8")  # the fixture had them


def test_the_audit_of_the_export_equals_the_audit_of_the_plan(
    state_file: Path, prod_report: dict[str, Any]
) -> None:
    report = audit_plan(load_state(state_file), "prod")
    for section in ("policy", "pii", "access", "keys"):
        assert report[section] == prod_report[section], section


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": 2, "deployment": {}}, "only deployment version 3"),
        ({"resources": []}, "not a stack export"),
        ({"version": 3, "deployment": {"resources": [{"type": "x"}]}}, r"resources\[0\] lacks urn"),
    ],
)
def test_a_bad_export_names_the_file_and_the_problem(data: Any, message: str) -> None:
    with pytest.raises(UserError, match=message) as info:
        state_document(data, "state.json")
    assert str(info.value).startswith("state.json: ")
