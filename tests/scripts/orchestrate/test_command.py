"""`dataplat up|preview|refresh|destroy`: the CLI edge over the runner (fake workspace)."""

from __future__ import annotations

from scripts.cli import build_parser
from scripts.orchestrate.command import run_command
from tests.scripts.orchestrate.fake_workspace import FakeWorkspace


def parse(*argv: str):
    return build_parser(argv[0]).parse_args(list(argv))


def test_up_prints_progress_and_the_summary_on_stderr(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    ws = FakeWorkspace()
    assert run_command(parse("up", "--env", "dev", "--parallel", "2"), ws) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "platform (dev): up started" in err
    assert "[marketing] up output line" in err
    assert err.rstrip().endswith("5 succeeded, 0 failed, 0 skipped, 0 blocked")


def test_a_failure_exits_one_after_every_stack_ran(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    ws = FakeWorkspace(failing={"finance"})
    assert run_command(parse("preview", "--env", "dev"), ws) == 1
    assert len(ws.calls) == 5


def test_bad_input_exits_two_and_runs_nothing(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    ws = FakeWorkspace()
    assert run_command(parse("destroy", "--env", "dev", "--except", "nope"), ws) == 2
    assert run_command(parse("up", "--env", "qa"), ws) == 2
    assert run_command(parse("up", "--env", "dev", "--parallel", "0"), ws) == 2
    assert ws.calls == []
    assert "--parallel 0: at least 1" in capsys.readouterr().err
