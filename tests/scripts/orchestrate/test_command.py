"""`dataplat up|preview|refresh|destroy`: the CLI edge over the runner (fake workspace)."""

from __future__ import annotations

import json

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
    assert err.rstrip().endswith("6 succeeded, 0 failed, 0 skipped, 0 blocked")


def test_a_failure_exits_one_after_every_stack_ran(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    ws = FakeWorkspace(failing={"finance"})
    assert run_command(parse("preview", "--env", "dev"), ws) == 1
    assert len(ws.calls) == 6  # a failed domain preview blocks nothing: edges previews too


def test_bad_input_exits_two_and_runs_nothing(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    ws = FakeWorkspace()
    assert run_command(parse("destroy", "--env", "dev", "--except", "nope"), ws) == 2
    assert run_command(parse("up", "--env", "qa"), ws) == 2
    assert run_command(parse("up", "--env", "dev", "--parallel", "0"), ws) == 2
    assert ws.calls == []
    assert "--parallel 0: at least 1" in capsys.readouterr().err


def test_results_are_written_as_json_for_the_pr_comment(project, monkeypatch, tmp_path):
    monkeypatch.chdir(project)
    ws = FakeWorkspace(failing={"sales"})
    out = tmp_path / "out" / "results.json"
    out.parent.mkdir()
    argv = ("preview", "--env", "dev", "--only", "sales", "--only", "edges", "--results", str(out))
    assert run_command(parse(*argv), ws) == 1
    document = json.loads(out.read_text())
    assert document["operation"] == "preview" and document["env"] == "dev"
    assert document["split"] is True
    assert document["stacks"] == [
        {
            "key": "sales",
            "stack": "dev.sales",
            "status": "failed",
            "detail": "preview of sales failed",
            "changes": {},
        },
        {
            "key": "edges",
            "stack": "dev",
            "status": "succeeded",
            "detail": "",
            "changes": {"create": 1, "same": 2},
        },
    ]


def test_a_single_stack_environment_runs_its_platform_stack_and_says_so(
    single_stack_project, monkeypatch, capsys
):
    monkeypatch.chdir(single_stack_project)
    ws = FakeWorkspace()
    assert run_command(parse("up", "--env", "dev"), ws) == 0
    assert ws.calls == [("platform", "up")]
    err = capsys.readouterr().err
    assert "dev has domain_stacks: false; its platform stack holds every domain" in err
    assert run_command(parse("up", "--env", "dev", "--only", "marketing"), ws) == 2
    assert "domain_stacks is false" in capsys.readouterr().err


def test_an_invalid_stack_file_exits_two_naming_file_and_line(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    path = project / "stacks" / "Pulumi.dev.yaml"
    path.write_text(path.read_text().replace("domain_stacks: true", "domain_stacks: maybe"))
    ws = FakeWorkspace()
    assert run_command(parse("up", "--env", "dev"), ws) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "platform.domain_stacks (line 7)" in err
    assert ws.calls == []


def test_policy_packs_reach_up_and_preview_as_absolute_paths(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    (project / "policies").mkdir()
    (project / "stacks" / "policy.dev.json").write_text("{}")
    ws = FakeWorkspace()
    argv = ("preview", "--env", "dev", "--only", "sales", "--policy-pack", "policies")
    argv += ("--policy-pack-config", "stacks/policy.dev.json")
    assert run_command(parse(*argv), ws) == 0
    assert ws.policies["sales"] == (
        [str(project / "policies")],
        [str(project / "stacks" / "policy.dev.json")],
    )
    assert run_command(parse("up", "--env", "dev", "--policy-pack", "nope"), ws) == 2
    assert "--policy-pack nope: no such file or directory" in capsys.readouterr().err
