"""Writing output files, and reading JSON input files, the way every `dataplat` command does."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scripts.errors import UserError
from stacks.input_files import DOCUMENT, InputKind, InputRefused
from stacks.input_files import read_json as read_input_json


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a failure never leaves a partial file.

    The file gets the mode a plain `open(path, "w")` would give it (0o666 less the umask):
    `mkstemp` creates its file 0600, which would hide plans and reports from the group.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path, what: str, kind: InputKind = DOCUMENT) -> Any:
    """The JSON in `path`, read by the project's one input reader (`stacks.input_files`:
    size, UTF-8, duplicate keys, depth). Raises UserError naming the file, the line where
    there is one, and `what` it should hold ("plan", "policy config"), so every command
    words these errors alike."""
    try:
        return read_input_json(path, kind)
    except InputRefused as exc:
        raise UserError(f"{exc} (reading the {what})") from None


def output_format(
    path: Path | None, explicit: str | None, allowed: Mapping[str, str]
) -> str | None:
    """The format to write: `explicit` (a `--format` flag) when given, else the one
    `allowed` maps the `--out` path's extension to (`{".md": "markdown", ...}`), else None
    (the command's default). Pure: the file system is not read."""
    if explicit is not None:
        return explicit
    if path is None:
        return None
    return allowed.get(path.suffix.lower())


def missing_directory(path: Path) -> str | None:
    """The message refusing `path` when the directory it would be written in does not
    exist (commands never create directories), else None."""
    parent = path.parent
    if parent.is_dir():
        return None
    return f"{path}: the directory {parent} does not exist (create it first)"


def current_umask() -> int:
    """The process's umask (reading it means setting it: it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
