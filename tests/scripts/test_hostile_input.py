"""Hostile and careless input on the command line: exit 2, the file named, nothing written,
and no work done first."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from scripts.bench_input.command import anchor_bomb
from scripts.cli import main
from tests.limits import run_limited

ROOT = Path(__file__).resolve().parents[2]
DATAPLAT = Path(sys.executable).with_name("dataplat")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's data (the program imports this repository's packages)."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("Pulumi.yaml", "__main__.py"):
        shutil.copy(ROOT / name, copy / name)
    shutil.copytree(
        ROOT / "stacks", copy / "stacks", ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    return copy


@pytest.fixture
def no_planning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a command starts planning: its refusal must come first."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the command planned before refusing its output")

    monkeypatch.setattr("scripts.plan.command.plan_target", refuse)


def test_an_anchor_bomb_in_a_stack_file_exits_2_at_its_line_and_writes_nothing(project, tmp_path):
    stack = project / "stacks" / "Pulumi.dev.yaml"
    bomb = "".join(f"  other:{line}\n" for line in anchor_bomb(9).splitlines())
    stack.write_text(stack.read_text() + bomb)
    out = tmp_path / "plan.json"
    argv = ["plan", "--program", str(project), "--stack", "dev", "--out", str(out)]
    done = run_limited([str(DATAPLAT), *argv])
    code, err = done.returncode, done.stderr
    assert code == 2, err
    assert f"{stack}: 1 problem in the stack config" in err
    assert "(file) (line " in err and "aliases expand to more than 10,000 nodes" in err
    assert "Traceback" not in err and not out.exists()


def test_a_duplicate_unmask_in_a_domain_file_stops_the_plan(project, tmp_path, capsys):
    domain = project / "stacks" / "domains" / "marketing.yaml"
    domain.write_text(domain.read_text() + "unmask:\n  analyst: [email]\n")
    out = tmp_path / "plan.json"
    assert main(["plan", "--program", str(project), "--stack", "dev", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{domain}: 1 problem in the domain spec" in err and "duplicate key `unmask`" in err
    assert not out.exists()


def test_out_as_a_directory_is_refused_before_planning(tmp_path, capsys, no_planning):
    assert main(["plan", "--stack", "dev", "--out", str(tmp_path)]) == 2
    assert f"--out: {tmp_path}: a directory" in capsys.readouterr().err


def test_out_as_a_fifo_is_refused_and_stays_a_fifo(tmp_path, capsys, no_planning):
    fifo = tmp_path / "plan.md"
    os.mkfifo(fifo)
    assert main(["plan", "--stack", "dev", "--out", str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("command", ["graph", "cost"])
def test_other_commands_refuse_a_directory_as_out_before_planning(
    tmp_path, capsys, no_planning, command
):
    assert main([command, "--stack", "dev", "--out", str(tmp_path)]) == 2
    assert f"{tmp_path}: a directory" in capsys.readouterr().err


@pytest.mark.parametrize("flags", [[], ["--out-dir", "OUT"]])
def test_a_stack_name_that_climbs_is_refused_before_it_names_a_file(
    tmp_path, capsys, no_planning, flags
):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    argv = ["plan", "--stack", "../../x", *[str(out_dir) if f == "OUT" else f for f in flags]]
    assert main(argv) == 2
    assert "--stack '../../x': a stack name is" in capsys.readouterr().err
    assert not list(tmp_path.rglob("plan-*"))
