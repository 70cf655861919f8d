"""Writing output files, and reading JSON input files, the way every `dataplat` command does."""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scripts.errors import UserError
from stacks.input_files import DOCUMENT, InputKind, InputRefused
from stacks.input_files import read_json as read_input_json


def write_output(out: Path | None, text: str) -> None:
    """A command's output: to `out` (written atomically) when given, else standard output."""
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomically(out, text)


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a failure never leaves a partial file.

    A file replaced keeps its mode (a 0600 report stays 0600); a new file gets the mode a
    plain `open(path, "w")` would give it (0o666 less the umask): `mkstemp` creates its
    file 0600, which would hide plans and reports from the group. Raises UserError when
    `path` is a directory or a special file (`output_refusal`), before writing anything.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if refusal := output_refusal(path):
        raise UserError(refusal)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~current_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def output_refusal(path: Path) -> str | None:
    """The message refusing `path` as an output file, else None: its directory does not
    exist (commands never create directories), or it is a directory or a special file (a
    FIFO, socket or device, which a rename would silently replace by a regular file).
    Commands call it before their work, so a bad `--out` costs nothing."""
    parent = path.parent
    if not parent.is_dir():
        return f"{path}: the directory {parent} does not exist (create it first)"
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"{path}: cannot write there ({exc.strerror})"
    if stat.S_ISDIR(mode):
        return f"{path}: a directory; give a file name to write"
    if not stat.S_ISREG(mode):
        return f"{path}: not a regular file (a FIFO, socket or device); give a file name to write"
    return None


# Pulumi's rule for stack names: "alphanumeric characters, hyphens, underscores, or periods".
STACK_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")


def stack_name_refusal(name: str) -> str | None:
    """The message refusing `name` as a stack name, else None. Checked before a stack name
    becomes part of a file name (`Pulumi.<stack>.yaml`, `plan-<stack>.json`), so
    `--stack ../../x` never reaches outside the directory it names a file in."""
    if STACK_NAME.fullmatch(name):
        return None
    return (
        f"--stack {name!r}: a stack name is 1-100 letters, digits, _ . or -, not starting "
        "with . or - (Pulumi's rule)"
    )


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


def current_umask() -> int:
    """The process's umask (reading it means setting it: it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
