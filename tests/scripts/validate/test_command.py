"""`dataplat validate`: every problem of the stack and domain files, fast, with no plan."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.cli import main

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project of the repository's Pulumi.yaml, stack files and domain files."""
    shutil.copy(REPO / "Pulumi.yaml", tmp_path / "Pulumi.yaml")
    shutil.copy(REPO / "__main__.py", tmp_path / "__main__.py")
    shutil.copytree(REPO / "stacks", tmp_path / "stacks", ignore=shutil.ignore_patterns("*.py"))
    return tmp_path


def test_the_repositorys_files_are_valid(capsys):
    assert main(["-C", str(REPO), "validate"]) == 0
    assert "files are valid" in capsys.readouterr().out


def test_every_problem_is_reported_with_its_file_and_line(project, capsys):
    domain = next((project / "stacks" / "domains").glob("*.yaml"))
    domain.write_text(domain.read_text() + "colour: blue\n")
    stack = project / "stacks" / "Pulumi.dev.yaml"
    stack.write_text(stack.read_text().replace("environment: dev", "environment: dev\n    x: 1"))
    assert main(["-C", str(project), "validate"]) == 2
    err = capsys.readouterr().err
    assert f"{domain}" in err and "colour" in err, err
    assert f"{stack}" in err and "(line " in err, err
    assert err.count("colour") == 1, "a domain problem found by several stacks is reported once"


def test_a_domain_file_with_the_old_pipelines_key_exits_2_naming_the_new_key(project, capsys):
    domain = project / "stacks" / "domains" / "marketing.yaml"
    text = domain.read_text()
    assert "\nservice_users:\n" in text
    domain.write_text(text.replace("\nservice_users:\n", "\npipelines:\n"))
    line = domain.read_text().splitlines().index("  - {name: loader, warehouse: marketing}") + 1
    assert main(["-C", str(project), "validate", "--stack", "dev"]) == 2
    err = capsys.readouterr().err
    assert f"{domain}" in err, err
    assert f"  - pipelines (line {line}): the key `pipelines` was renamed to `service_users`" in err


def test_one_stack_is_checked_with_stack(project, capsys):
    other = project / "stacks" / "Pulumi.prod.yaml"
    other.write_text(other.read_text() + "  unknown: 1\n")
    assert main(["-C", str(project), "validate", "--stack", "dev"]) == 0
    assert "2 files are valid" in capsys.readouterr().out


def test_an_unknown_stack_exits_2_naming_the_stacks(project, capsys):
    assert main(["-C", str(project), "validate", "--stack", "qa"]) == 2
    assert "dev, prod, staging" in capsys.readouterr().err


def test_validate_takes_under_a_second_in_a_fresh_process():
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "scripts.cli", "validate"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    elapsed = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    # Interpreter start and imports included; the margin absorbs a loaded CI machine.
    assert elapsed < 5, f"validate took {elapsed:.2f} s"
