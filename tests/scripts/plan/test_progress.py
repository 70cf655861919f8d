"""Progress goes to a terminal's standard error only, and never with --quiet."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from rich.console import Console

from scripts.cli import build_parser
from scripts.plan import command
from scripts.plan.progress import SILENT, progress_for

ROOT = Path(__file__).resolve().parents[3]


def _terminal() -> tuple[Console, StringIO]:
    buffer = StringIO()
    return Console(force_terminal=True, file=buffer, width=120), buffer


def test_nothing_is_shown_when_stderr_is_not_a_terminal(capsys):
    assert progress_for(False) is SILENT
    args = build_parser().parse_args(["plan", "--stack", "dev", "--format", "json"])
    assert command.run(args) == 0
    assert capsys.readouterr().err == ""


def test_a_terminal_sees_each_stack_planned(tmp_path):
    console, buffer = _terminal()
    args = build_parser().parse_args(
        ["plan", "--stack", "dev", "--format", "json", "--out-dir", str(tmp_path)]
    )
    assert command.run(args, console=console) == 0
    shown = buffer.getvalue()
    assert "plan dev" in shown and "resources, done" in shown


def test_quiet_shows_nothing_even_on_a_terminal():
    console, buffer = _terminal()
    assert progress_for(True, console) is SILENT
    assert buffer.getvalue() == ""


def test_standard_output_never_goes_through_the_display(capsys):
    console, buffer = _terminal()
    args = build_parser().parse_args(["plan", "--stack", "dev", "--format", "json"])
    assert command.run(args, console=console) == 0
    assert json.loads(capsys.readouterr().out)["stack"] == "dev"
    assert '"resources"' not in buffer.getvalue()


def test_quiet_never_imports_rich():
    """`--quiet` (CI, the benchmarks) pays nothing for a display it never shows."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from scripts.cli import load\n"
        "progress = load('scripts.plan.command').progress\n"
        "with progress(True) as shown:\n"
        "    shown.task('plan dev').update('plan dev: registering resources', 1)\n"
        "print('rich' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "False"
