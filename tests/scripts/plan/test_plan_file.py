"""Plan files read back, and the base plan of a stack: missing is fine, invalid is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.errors import UserError
from scripts.plan.plan_file import cost_base, cost_base_path, read_plan

PLAN = {"formatVersion": 1, "project": "data-platform", "stack": "dev", "resources": []}


def test_a_missing_base_file_is_a_base_without_a_document(tmp_path):
    base = cost_base(tmp_path / "plan-dev.json", "dev")
    assert (base.path, base.document, base.found) == (tmp_path / "plan-dev.json", None, False)


def test_a_base_plan_is_read(tmp_path):
    path = tmp_path / "plan-dev.json"
    path.write_text(json.dumps(PLAN))
    assert cost_base(path, "dev").document == PLAN


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"stack":', "(line 1): not valid JSON"),
        ('{"stack": "dev"}', "not a plan document (no `resources` list)"),
        ("[]", "not a plan document"),
        (json.dumps({**PLAN, "stack": "prod"}), "a plan of stack 'prod', not 'dev'"),
    ],
)
def test_an_invalid_base_names_the_file(tmp_path, text, message):
    path = tmp_path / "plan-dev.json"
    path.write_text(text)
    with pytest.raises(UserError) as raised:
        cost_base(path, "dev")
    assert str(raised.value).startswith(f"{path}")
    assert message in str(raised.value)


def test_an_unreadable_plan_names_the_file(tmp_path):
    with pytest.raises(UserError, match=r"a directory; a file expected \(reading the plan\)"):
        read_plan(tmp_path)  # a directory


def test_the_base_path_is_the_file_else_the_stacks_file_in_the_directory():
    assert cost_base_path(Path("b.json"), None, "dev") == Path("b.json")
    assert cost_base_path(None, Path("base"), "prod") == Path("base/plan-prod.json")
    assert cost_base_path(None, None, "dev") is None
