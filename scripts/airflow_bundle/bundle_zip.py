"""A zip whose bytes depend only on its entries' names and contents.

`pulumi.FileArchive` of a directory leaves the zipping to the bridge; this builds the
file itself, so that the same inputs give the same bytes, hence the same S3 object
version, and MWAA does not update on a deploy that changed nothing. What would vary
otherwise, and is fixed here: entry order (sorted by name, not directory order),
timestamps (1980-01-01 00:00, the earliest a zip can hold), permissions (0644 regular
files, made on Unix), directory entries (none: unzip makes them), and the compressor
(entries are stored: the wheels are zips already, and stored bytes do not depend on
the zlib build).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from scripts.errors import UserError

EPOCH = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644  # a regular file, rw-r--r--
_UNIX = 3  # ZipInfo.create_system of Unix, so unzip applies FILE_MODE


def _checked(name: str) -> str:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise UserError(f"zip entry [{name}]: must be a relative POSIX path without `..`")
    return name


def deterministic_zip(entries: Mapping[str, Path | bytes], out: Path) -> str:
    """Write `entries` (archive name -> file or bytes) to `out`; return its sha256.

    The zip is written to a temporary file beside `out` and renamed, so a failure never
    leaves a partial zip.

    Raises:
        UserError: an archive name that is absolute, has `..` or a backslash.
    """
    names = sorted(_checked(name) for name in entries)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
            for name in names:
                source = entries[name]
                data = source if isinstance(source, bytes) else source.read_bytes()
                info = zipfile.ZipInfo(name, date_time=EPOCH)
                info.compress_type = zipfile.ZIP_STORED
                info.create_system = _UNIX
                info.external_attr = FILE_MODE << 16
                archive.writestr(info, data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return hashlib.sha256(out.read_bytes()).hexdigest()
