"""Writing output files, and reading JSON input files, the way every `dataplat` command does."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scripts.errors import UserError


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


def read_json(path: Path, what: str) -> Any:
    """The JSON in `path`. Raises UserError naming the file and `what` it should hold
    ("plan", "policy config") when it cannot be read or is not JSON, so every command
    words these errors alike."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(f"{path}: cannot read the {what} ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not valid JSON (not UTF-8 text)") from None


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
