"""Download the wheels MWAA installs offline: the explicit network step of `airflow-bundle`.

Nothing here runs at import or in tests; `dataplat airflow-bundle --download` calls it.
Why three pip runs and not one `pip download --platform`: Airflow 2.10.3 depends on
`python-nvd3`, which is published only as an sdist, and pip refuses `--platform` with
sdists unless `--no-deps` is given. So:

1. resolve: `pip install --dry-run --ignore-installed --report` of the requirements, the
   Airflow constraints and `apache-airflow==<version>` (MWAA's own Airflow, so the closure
   is the one MWAA has), on Linux x86_64 CPython 3.11 so environment markers match MWAA;
   the pins MWAA's image already has at the resolved version (its bill of materials,
   `scripts.airflow_bundle.mwaa_image`) are dropped: MWAA's pip keeps what is installed;
2. download every remaining pin that has a wheel, `--no-deps --only-binary=:all:` for
   MWAA's platform (manylinux up to glibc 2.34, x86_64, CPython 3.11);
3. build the remaining sdist-only pins into wheels (`pip wheel --no-deps`); they must come
   out pure (`-none-any`), since a wheel built here would not match MWAA's platform otherwise.

The wheels land in a temporary directory that replaces the wheels dir only on success,
so a failed download never leaves a half-filled dir.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scripts.airflow_bundle.mwaa_image import AIRFLOW_VERSION, not_in_image
from scripts.errors import UserError
from stacks.input_files import DOCUMENT, read_json

PYTHON_VERSION = "3.11"  # MWAA's interpreter for Airflow 2.10.x
# Its micro version matters to Requires-Python (e.g. `>=3.11.5`); aws-mwaa-local-runner's
# 2.10.3 image sets PYTHON_VERSION=3.11.7.
MWAA_PYTHON = "3.11.7"
# MWAA 2.10.x runs on Amazon Linux 2023 (glibc 2.34; aws-mwaa-local-runner's Dockerfile for
# 2.10.3 is `FROM amazonlinux:2023`): every manylinux tag up to glibc 2.34 installs there.
# pip takes each --platform literally, so all are listed (2_17 is manylinux2014).
MWAA_GLIBC_MINOR = 34
PLATFORMS = (
    *(f"manylinux_2_{minor}_x86_64" for minor in range(MWAA_GLIBC_MINOR, 16, -1)),
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
)


def resolve_command(requirements: Path, constraints: Path, report: Path) -> list[str]:
    """Step 1: the pip run that resolves the full closure into a JSON report."""
    return [
        *_pip("install", "--dry-run", "--ignore-installed", "--quiet", "--report", str(report)),
        *("-r", str(requirements), "-c", str(constraints), f"apache-airflow=={AIRFLOW_VERSION}"),
    ]


def pins_from_report(report: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The resolved `name==version` pins: (those resolved to a wheel, those to an sdist)."""
    wheels: list[str] = []
    sdists: list[str] = []
    for item in report.get("install", []):
        pin = f"{item['metadata']['name']}=={item['metadata']['version']}"
        (wheels if item["download_info"]["url"].endswith(".whl") else sdists).append(pin)
    return sorted(wheels), sorted(sdists)


def download_command(pins: Path, dest: Path) -> list[str]:
    """Step 2: the wheels of the pins for MWAA's platform, without resolving again."""
    platforms = [arg for tag in PLATFORMS for arg in ("--platform", tag)]
    return [
        *_pip("download", "--no-deps", "--only-binary=:all:", *platforms),
        *("--python-version", MWAA_PYTHON, "--implementation", "cp"),
        *("--dest", str(dest), "-r", str(pins)),
    ]


def build_command(pins: list[str], dest: Path) -> list[str]:
    """Step 3: pure wheels of the sdist-only pins."""
    return [*_pip("wheel", "--no-deps", "--wheel-dir", str(dest)), *pins]


def download_wheels(
    requirements: Path, constraints: Path, wheels_dir: Path, image: Mapping[str, str]
) -> None:
    """Fill `wheels_dir` with the wheels MWAA needs to install `requirements` offline.

    `image` is what MWAA's image has installed (name -> version); those pins are skipped.

    Raises:
        UserError: the wrong machine to resolve on, a missing input, or a failed pip step.
    """
    machine = (platform.system(), platform.machine(), sys.version_info[:2])
    if machine != ("Linux", "x86_64", (3, 11)):
        raise UserError(
            f"--download resolves on this interpreter, so it must match MWAA's: Linux x86_64 "
            f"CPython {PYTHON_VERSION}; this is {machine[0]} {machine[1]} Python "
            f"{'.'.join(map(str, machine[2]))}"
        )
    for path in (requirements, constraints):
        if not path.is_file():
            raise UserError(f"{path}: missing (see `dataplat airflow-bundle --help`)")
    wheels_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{wheels_dir.name}.", dir=wheels_dir.parent))
    try:
        report = staging / "report.json"
        _run("resolve", resolve_command(requirements, constraints, report))
        resolved = pins_from_report(read_json(report, DOCUMENT))
        wheels, sdists = (not_in_image(pins, image) for pins in resolved)
        report.unlink()
        if wheels:
            pins = staging / "pins.txt"
            pins.write_text("".join(f"{pin}\n" for pin in wheels), encoding="utf-8")
            _run("download", download_command(pins, staging))
            pins.unlink()
        downloaded = set(staging.glob("*.whl"))
        if sdists:
            _run("build", build_command(sdists, staging))
        impure = sorted(
            w.name for w in set(staging.glob("*.whl")) - downloaded if "-none-any" not in w.name
        )
        if impure:
            raise UserError(f"sdist-only pins built to platform wheels, not MWAA's: {impure}")
        shutil.rmtree(wheels_dir, ignore_errors=True)
        staging.rename(wheels_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _pip(*args: str) -> list[str]:
    return [sys.executable, "-m", "pip", *args]


def _run(step: str, command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-8:])
        raise UserError(f"{step} step failed: {' '.join(command)}\n{tail}")
