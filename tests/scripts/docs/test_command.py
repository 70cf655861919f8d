"""`dataplat docs`: the checked-in reference pages are current, a hand edit is caught, and
the pages cover every subcommand and every per-environment default."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from scripts.cli import build_parser, main
from scripts.docs.cli_reference import command_names
from scripts.docs.config_reference import SECTION_DEFAULTS

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = ROOT / "docs" / "reference"
PAGES = (
    "cli.md",
    "config.md",
    "modules.md",
    "policies.md",
    "replacements.md",
    "schemas/domain.schema.json",
    "schemas/stack.schema.json",
    "stateful.md",
)


def test_check_passes_on_the_committed_pages(capsys):
    assert main(["docs", "--check"]) == 0, capsys.readouterr().err


@pytest.fixture
def copy_of_reference(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE, target)
    return target


@pytest.mark.parametrize("page", PAGES)
def test_check_fails_after_a_page_is_edited(copy_of_reference: Path, page: str, capsys):
    path = copy_of_reference / page
    path.write_text(path.read_text() + "\nedited by hand\n")
    assert main(["docs", "--check", "--dir", str(copy_of_reference)]) == 1
    err = capsys.readouterr().err
    assert page in err and "stale" in err, err
    assert "dataplat docs" in err, err


def test_check_fails_when_a_page_is_missing(copy_of_reference: Path, capsys):
    (copy_of_reference / "stateful.md").unlink()
    assert main(["docs", "--check", "--dir", str(copy_of_reference)]) == 1
    assert "stateful.md" in capsys.readouterr().err


def test_writing_then_checking_round_trips(tmp_path: Path, capsys):
    assert main(["docs", "--dir", str(tmp_path)]) == 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.*"))
    assert written == sorted(PAGES)
    assert main(["docs", "--check", "--dir", str(tmp_path)]) == 0


def test_pages_hold_no_absolute_path():
    for page in PAGES:
        assert str(ROOT) not in (REFERENCE / page).read_text(), page


def test_every_subcommand_appears_in_the_cli_page():
    text = (REFERENCE / "cli.md").read_text()
    names = command_names(build_parser())
    assert "dataplat docs" in names and "dataplat policies catalogue" in names
    for name in names:
        assert f"## {name}\n" in text, f"{name} missing from docs/reference/cli.md"


@pytest.mark.parametrize(
    ("label", "defaults"), SECTION_DEFAULTS, ids=[s[0] for s in SECTION_DEFAULTS]
)
def test_every_default_table_field_appears_in_the_config_page(label, defaults):
    text = (REFERENCE / "config.md").read_text()
    assert f"### {label}\n" in text
    for environment, values in defaults.items():
        for field in dataclasses.fields(values):
            row_start = f"| `{field.name}` |"
            assert row_start in text, f"{label}: {field.name} missing from config.md"
        assert f"| {environment} " in text or f"| {environment} |" in text
