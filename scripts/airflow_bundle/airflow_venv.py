"""The virtualenv of Apache Airflow as MWAA runs it, for the DAG integrity test.

The DAGs import Airflow 2.10.3 and its providers, which pin hundreds of packages through
MWAA's constraints (pipeline_code/airflow/constraints.txt, a copy of AWS's file): they
cannot share the project's environment. This module installs `apache-airflow==<version>`
and the requirements MWAA installs (pipeline_code/airflow/requirements.in) under those
constraints into `.cache/airflow-venv` of the repository, with the Python MWAA uses (3.11,
the constraints' `constraints-3.11.txt`). About two minutes from PyPI; CI creates it once
in `.ci/run` before the tests. A stamp file records the inputs' hash: the virtualenv is
rebuilt when the version, the constraints or the requirements change, and reused otherwise.

Usage: `python -m scripts.airflow_bundle.airflow_venv [--dir DIR]`.

Exit codes: 0 the virtualenv is ready (its python printed); 2 it could not be created
(the reason printed).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import venv
from pathlib import Path

from scripts.airflow_bundle.command import CONSTRAINTS, REQUIREMENTS_IN, parse_requirements
from scripts.airflow_bundle.mwaa_image import AIRFLOW_VERSION
from scripts.errors import UserError
from scripts.own_venv import venv_main

ROOT = Path(__file__).resolve().parents[2]
VENV_DIR = ROOT / ".cache" / "airflow-venv"
AIRFLOW_SOURCE = ROOT / "pipeline_code" / "airflow"
PYTHON = (3, 11)  # MWAA 2.10.3's Python; the constraints are constraints-3.11.txt
STAMP = "inputs.sha256"


def requirements(source: Path = AIRFLOW_SOURCE) -> list[str]:
    """What to install: Airflow at MWAA's version, then requirements.in's lines."""
    lines = parse_requirements((source / REQUIREMENTS_IN).read_text(), str(source))
    return [f"apache-airflow=={AIRFLOW_VERSION}", *(r.line for r in lines)]


def inputs_hash(source: Path = AIRFLOW_SOURCE) -> str:
    """The hash of everything the virtualenv is built from."""
    digest = hashlib.sha256()
    for part in (*requirements(source), (source / CONSTRAINTS).read_text()):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def python(directory: Path = VENV_DIR) -> Path:
    """The virtualenv's interpreter."""
    return directory / "bin" / "python"


def ensure_venv(directory: Path = VENV_DIR, source: Path = AIRFLOW_SOURCE) -> Path:
    """The virtualenv's python, (re)built first when missing or stale; UserError on failure."""
    if sys.version_info[:2] != PYTHON:
        raise UserError(
            f"the Airflow virtualenv needs Python {PYTHON[0]}.{PYTHON[1]} (MWAA's, and the "
            f"constraints'); this is {sys.version.split()[0]}"
        )
    wanted = inputs_hash(source)
    stamp = directory / STAMP
    if python(directory).exists() and stamp.is_file() and stamp.read_text() == wanted:
        return python(directory)
    command = [
        str(python(directory)),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--constraint",
        str(source / CONSTRAINTS),
        *requirements(source),
    ]
    try:
        venv.create(directory, with_pip=True, clear=True)
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=1200)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        raise UserError(
            f"cannot install Airflow {AIRFLOW_VERSION} in {directory}: {detail.strip()[-800:]}"
        ) from None
    stamp.write_text(wanted)
    return python(directory)


def main(argv: list[str] | None = None) -> int:
    """Create the virtualenv when missing or stale; the exit code as documented above."""
    return venv_main(
        "python -m scripts.airflow_bundle.airflow_venv", __doc__, VENV_DIR, ensure_venv, argv
    )


if __name__ == "__main__":
    sys.exit(main())
