"""The virtualenv of datacontract-cli, the independent judge of `dataplat contract test`.

datacontract-cli 1.2.x with its `duckdb` extra pins an older DuckDB (`>=1.5,<1.6`) and
its own pydantic range, so it cannot share the project's environment: it lives in
`.cache/datacontract-venv` of the repository, created on first use from the package
index (about a minute; CI creates it once in `.ci/run` before the tests). The agreement
test (tests/scripts/contract/test_datacontract_agreement.py) calls `ensure_venv`.

Usage: `python -m scripts.contract.datacontract_venv [--dir DIR]`.

Exit codes: 0 the virtualenv is ready (its `datacontract` path printed); 2 it could not
be created (the reason printed).
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from scripts.errors import UserError
from scripts.own_venv import venv_main

ROOT = Path(__file__).resolve().parents[2]
VENV_DIR = ROOT / ".cache" / "datacontract-venv"
REQUIREMENT = "datacontract-cli[duckdb]>=1.2,<1.3"


def executable(directory: Path = VENV_DIR) -> Path:
    """The `datacontract` command of the virtualenv."""
    return directory / "bin" / "datacontract"


def ensure_venv(directory: Path = VENV_DIR) -> Path:
    """The `datacontract` command, installing it first when missing; UserError on failure."""
    command = executable(directory)
    if command.exists():
        return command
    try:
        venv.create(directory, with_pip=True, clear=True)
        subprocess.run(
            [str(directory / "bin" / "python"), "-m", "pip", "install", "--quiet", REQUIREMENT],
            check=True,
            capture_output=True,
            text=True,
            timeout=900,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        message = f"cannot install {REQUIREMENT} in {directory}: {detail.strip()[-500:]}"
        raise UserError(message) from None
    if not command.exists():
        raise UserError(f"{REQUIREMENT} installed no {command}")
    return command


def main(argv: list[str] | None = None) -> int:
    """Create the virtualenv when missing or stale; the exit code as documented above."""
    return venv_main(
        "python -m scripts.contract.datacontract_venv", __doc__, VENV_DIR, ensure_venv, argv
    )


if __name__ == "__main__":
    sys.exit(main())
