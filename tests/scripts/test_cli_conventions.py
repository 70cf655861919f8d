"""`dataplat` behaves like the tools people know: --version, and -C/--cwd on every command."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

from scripts.cli import SUBCOMMANDS, build_parser, main

REPO = Path(__file__).resolve().parents[2]


def test_version_is_the_installed_packages(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"dataplat {metadata.version('data-platform')}"


@pytest.mark.parametrize("where", ["before", "after"])
def test_cwd_is_accepted_before_and_after_the_command(where, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside any project: only -C finds it
    argv = ["-C", str(REPO), "validate"] if where == "before" else ["validate", "--cwd", str(REPO)]
    assert main(argv) == 0


def test_every_command_takes_cwd():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert set(commands) == {name for name, _, _ in SUBCOMMANDS}
    for name, command in commands.items():
        flags = {f for action in command._actions for f in action.option_strings}
        assert {"-C", "--cwd"} <= flags, f"dataplat {name} has no -C/--cwd"
