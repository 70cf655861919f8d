"""The output helpers shared by the commands that write files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scripts.errors import UserError
from scripts.files import output_format, output_refusal, stack_name_refusal, write_atomically

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
    assert output_refusal(target) == (
        f"{target}: the directory {target.parent} does not exist (create it first)"
    )
    assert output_refusal(tmp_path / "r.md") is None


def test_a_directory_is_refused_as_an_output_file(tmp_path: Path) -> None:
    assert output_refusal(tmp_path) == f"{tmp_path}: a directory; give a file name to write"


def test_a_fifo_is_refused_as_an_output_file_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert "not a regular file" in str(output_refusal(fifo))
    with pytest.raises(UserError, match="not a regular file"):
        write_atomically(fifo, "text")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_overwriting_keeps_the_files_mode(tmp_path: Path) -> None:
    secret = tmp_path / "plan.json"
    secret.write_text("old")
    secret.chmod(0o600)
    write_atomically(secret, "new")
    assert secret.read_text() == "new"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_a_new_file_gets_the_umasks_mode(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        write_atomically(tmp_path / "r.md", "x")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "r.md").stat().st_mode) == 0o640


@pytest.mark.parametrize("name", ["dev", "prod-eu", "team_a.v2"])
def test_stack_names_of_pulumis_alphabet_are_accepted(name: str) -> None:
    assert stack_name_refusal(name) is None


@pytest.mark.parametrize("name", ["../../x", "a/b", "..", ".hidden", "-x", "", "a b"])
def test_a_stack_name_that_would_leave_its_directory_is_refused(name: str) -> None:
    assert "a stack name is 1-100 letters" in str(stack_name_refusal(name))
