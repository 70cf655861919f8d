"""`dataplat affected`: the changed paths from a file, stdin or git; the three formats."""

from __future__ import annotations

import io
import json
import subprocess

from scripts.affected.command import run
from scripts.cli import build_parser


def parse(*argv: str):
    return build_parser("affected").parse_args(["affected", *argv])


def test_github_format_gives_the_platform_matrix_and_the_shards(project, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("components/a.py\n"))
    assert run(parse("--files", "-", "--format", "github", "--shard-size", "2")) == 0
    lines = dict(line.split("=", 1) for line in capsys.readouterr().out.splitlines())
    assert json.loads(lines["platform"]) == {"include": [{"env": "dev"}, {"env": "staging"}]}
    assert json.loads(lines["shards"]) == {
        "include": [
            {"shard": "dev-1", "env": "dev", "only": "finance marketing"},
            {"shard": "dev-2", "env": "dev", "only": "sales support"},
        ]
    }
    assert json.loads(lines["edges"]) == {"include": [{"env": "dev"}]}
    counts = ("platform_count", "shard_count", "edges_count", "stack_count")
    assert [lines[c] for c in counts] == ["2", "2", "1", "7"]


def test_a_domain_change_has_no_platform_preview_in_the_split_environment(project, tmp_path):
    changed = tmp_path / "changed.txt"
    changed.write_text("stacks/domains/sales.yaml\n")
    out = tmp_path / "affected.json"
    assert run(parse("--files", str(changed), "--format", "json", "--out", str(out))) == 0
    data = json.loads(out.read_text())
    assert data["platform"] == {"include": [{"env": "staging"}]}
    assert data["shards"] == {"include": [{"shard": "dev-1", "env": "dev", "only": "sales"}]}
    assert data["edges"] == {"include": [{"env": "dev"}]}
    assert data["environments"][0]["stacks"]["sales"] == [
        "stacks/domains/sales.yaml (its domain file or contracts)"
    ]


def test_text_format_and_the_git_diff_source(project, capsys):
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.email=a@b", "-c", "user.name=a", "add", "-A")
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "base")
    (project / "docs").mkdir()
    (project / "docs" / "x.md").write_text("x\n")
    (project / "stacks" / "domains" / "support.yaml").write_text("name: support\nowner: y\n")
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qam", "head")
    git("-c", "user.email=a@b", "-c", "user.name=a", "add", "docs")
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "docs")
    assert run(parse("--base", "HEAD~2")) == 0
    assert capsys.readouterr().out.splitlines() == [
        "dev (domain stacks): support, edges",
        "  support: stacks/domains/support.yaml (its domain file or contracts)",
        "  edges: stacks/domains/support.yaml (its domain file or contracts)",
        "staging (one stack): platform",
        "  platform: stacks/domains/support.yaml (its domain file or contracts)",
        "3 stacks; platform stacks first: 1; then domain shards: 1 (at most 4 stacks each); "
        "edges stacks: 1",
    ]


def test_bad_input_exits_two(project, capsys):
    assert run(parse("--base", "no-such-ref")) == 2
    assert "git diff --name-only no-such-ref...HEAD" in capsys.readouterr().err
    assert run(parse("--files", "missing.txt")) == 2
    assert run(parse("--files", "-", "--shard-size", "0")) == 2
    assert "--shard-size 0: at least 1" in capsys.readouterr().err


def test_all_selects_every_stack_of_the_named_environments(project, capsys):
    assert run(parse("--all", "--env", "dev", "--format", "github")) == 0
    lines = dict(line.split("=", 1) for line in capsys.readouterr().out.splitlines())
    assert json.loads(lines["platform"]) == {"include": [{"env": "dev"}]}
    assert json.loads(lines["shards"]) == {
        "include": [{"shard": "dev-1", "env": "dev", "only": "finance marketing sales support"}]
    }
    assert json.loads(lines["edges"]) == {"include": [{"env": "dev"}]}
    assert run(parse("--all", "--env", "qa")) == 2
    assert "Pulumi.qa.yaml: no such stack file" in capsys.readouterr().err
