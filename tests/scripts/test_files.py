"""The output helpers shared by the commands that write files."""

from __future__ import annotations

from pathlib import Path

from scripts.files import missing_directory, output_format

ALLOWED = {".md": "markdown", ".json": "json", ".html": "html"}


def test_an_explicit_format_wins_over_the_extension() -> None:
    assert output_format(Path("r.json"), "markdown", ALLOWED) == "markdown"


def test_the_extension_gives_the_format_case_insensitively() -> None:
    assert output_format(Path("out/R.JSON"), None, ALLOWED) == "json"
    assert output_format(Path("r.md"), None, ALLOWED) == "markdown"


def test_no_path_or_an_unknown_extension_leaves_the_commands_default() -> None:
    assert output_format(None, None, ALLOWED) is None
    assert output_format(Path("r.txt"), None, ALLOWED) is None


def test_a_missing_directory_is_refused_naming_it(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "r.md"
    assert missing_directory(target) == (
        f"{target}: the directory {target.parent} does not exist (create it first)"
    )
    assert missing_directory(tmp_path / "r.md") is None
