"""`dataplat` imports a subcommand's module only when that subcommand runs or shows its help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import cli

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pulumi", "boto3", "scripts.plan.command", "scripts.audit.command", "policies.rules")


def imported_after(argv: list[str]) -> set[str]:
    """The modules of HEAVY that `dataplat ARGV` has imported, run in a fresh interpreter."""
    probe = (
        "import json, sys\n"
        "from scripts import cli\n"
        "try:\n"
        f"    cli.main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_top_level_help_imports_no_subcommand_module() -> None:
    assert imported_after(["--help"]) == set()


def test_a_subcommands_help_imports_its_module_only() -> None:
    found = imported_after(["graph", "--help"])
    assert "scripts.plan.command" not in found and "pulumi" not in found, found
    assert "scripts.audit.command" in imported_after(["audit", "--help"])


def test_top_level_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for name, _module, summary in cli.SUBCOMMANDS:
        assert name in out and summary.split()[0] in out, name


def test_an_unknown_subcommand_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["plann"])
    assert exit_.value.code == 2
    assert "invalid choice: 'plann'" in capsys.readouterr().err


def test_the_full_parser_has_every_subcommands_flags() -> None:
    parser = cli.build_parser()
    args = parser.parse_args(["graph", "--plan", "p.json", "--format", "mermaid"])
    assert args.format == "mermaid" and callable(args.handler)


def test_the_chosen_command_is_the_first_word_that_is_not_an_option() -> None:
    assert cli.chosen_command(["--help"]) is None
    assert cli.chosen_command(["-h", "plan", "--stack", "dev"]) == "plan"
