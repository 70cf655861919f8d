"""The project is the one around the current directory (or `-C DIR`), planned with its code."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

import components.tags
from scripts.cli import main
from scripts.errors import UserError
from scripts.project_root import project_root

REPO = Path(__file__).resolve().parents[2]
COPY_MARKER = "pulumi/copy-with-other-code"
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", ".*_cache", "build", "plan-*.json"
)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository whose tag component writes another `managed-by` value."""
    root = tmp_path_factory.mktemp("copy") / "repo"
    shutil.copytree(REPO, root, ignore=IGNORED)
    tags = root / "components" / "tags.py"
    text = tags.read_text(encoding="utf-8")
    assert components.tags.MANAGED_BY_VALUE in text
    tags.write_text(text.replace(components.tags.MANAGED_BY_VALUE, COPY_MARKER), "utf-8")
    return root


def _plan_text(out: Path) -> str:
    assert out.is_file(), f"no plan written to {out}"
    return out.read_text(encoding="utf-8")


def test_plan_with_cwd_option_runs_the_copys_component_code(copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "plan.json"
    assert main(["-C", str(copy), "plan", "--stack", "dev", "--quiet", "--out", str(out)]) == 0
    assert COPY_MARKER in _plan_text(out), "the copy's components/tags.py did not reach the plan"


def test_plan_from_inside_the_copy_runs_its_code(copy, tmp_path, monkeypatch):
    monkeypatch.chdir(copy / "stacks" / "domains")  # found by walking up, as pulumi does
    out = tmp_path / "plan.json"
    assert main(["plan", "--stack", "dev", "--quiet", "--out", str(out)]) == 0
    assert COPY_MARKER in _plan_text(out), "the copy's components/tags.py did not reach the plan"


def test_the_installed_modules_are_back_after_planning_a_copy(copy, tmp_path):
    before = sys.modules["components.tags"]
    out = tmp_path / "plan.json"
    assert main(["plan", "--cwd", str(copy), "--stack", "dev", "--quiet", "--out", str(out)]) == 0
    assert sys.modules["components.tags"] is before
    assert components.tags.MANAGED_BY_VALUE != COPY_MARKER


def test_the_repository_plans_its_own_code(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    out = tmp_path / "plan.json"
    assert main(["plan", "--stack", "dev", "--quiet", "--out", str(out)]) == 0
    document = json.loads(_plan_text(out))
    assert COPY_MARKER not in json.dumps(document)


def test_the_root_is_the_nearest_directory_with_the_platforms_pulumi_yaml(tmp_path):
    (tmp_path / "Pulumi.yaml").write_text("name: data-platform\nruntime: python\n")
    inner = tmp_path / "stacks" / "domains"
    inner.mkdir(parents=True)
    assert project_root(inner) == tmp_path


def test_another_pulumi_project_inside_the_repository_is_passed_over(tmp_path):
    (tmp_path / "Pulumi.yaml").write_text("name: data-platform\nruntime: python\n")
    second = tmp_path / "domain-stacks"
    second.mkdir()
    (second / "Pulumi.yaml").write_text("name: data-platform-domains\nruntime: python\n")
    assert project_root(second) == tmp_path


def test_outside_any_project_the_error_names_the_directory_and_c(tmp_path):
    with pytest.raises(UserError, match=r"no Pulumi\.yaml .* give -C DIR") as caught:
        project_root(tmp_path)
    assert str(tmp_path.resolve()) in str(caught.value)


def test_a_command_outside_any_project_exits_2(tmp_path, capsys):
    assert main(["-C", str(tmp_path), "validate"]) == 2
    assert "give -C DIR" in capsys.readouterr().err


def test_cwd_naming_no_directory_exits_2(tmp_path, capsys):
    assert main(["-C", str(tmp_path / "missing"), "validate"]) == 2
    assert "not a directory" in capsys.readouterr().err


def test_a_copy_with_a_new_config_field_is_read_with_its_own_models(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=IGNORED)
    config = root / "stacks" / "config.py"
    text = config.read_text(encoding="utf-8")
    anchor = "    alerts: AlertsConfig = AlertsConfig()\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + "    motto: str | None = None\n"), "utf-8")
    stack = root / "stacks" / "Pulumi.dev.yaml"
    stack.write_text(
        stack.read_text().replace("environment: dev", "environment: dev\n    motto: hi")
    )
    monkeypatch.chdir(root)
    out = tmp_path / "plan.json"
    assert main(["plan", "--stack", "dev", "--quiet", "--out", str(out)]) == 0
    assert main(["validate", "--stack", "dev"]) == 0
    assert main(["-C", str(REPO), "validate", "--stack", "dev"]) == 0  # ours is untouched
