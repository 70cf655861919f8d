"""`dataplat airflow-bundle`: build MWAA's plugins.zip and requirements.txt for an offline install.

Prod MWAA has no internet egress, so it cannot install from the package index. This
command does what AWS documents for private environments: the wheels of every requirement
go into plugins.zip (MWAA extracts it to /usr/local/airflow/plugins), with the Airflow
constraints file beside them, and the requirements.txt MWAA reads installs from there:
`--find-links /usr/local/airflow/plugins`, `--no-index`, a local `--constraint`. Wheels of
a package MWAA's image already has at that version are left out: MWAA's pip keeps what is
installed, and Airflow's own closure would otherwise make up most of the zip.

Inputs: the Airflow source dir (default pipeline_code/airflow: requirements.in, plugins/,
and constraints.txt and mwaa-python-packages-bom.txt, copies of AWS's files for MWAA's
image, see `scripts.airflow_bundle.mwaa_image`) and a wheels dir (default build/airflow/wheels).
`--download` first fills the wheels dir from the package index (the only step that uses
the network; never run by tests). Outputs, in --out (default build/airflow): plugins.zip,
deterministic (sorted entries, fixed 1980-01-01 timestamps and permissions, stored, so the
same inputs give the same bytes and the S3 object version does not change), and
requirements.txt. Each is written to a temporary file and renamed, and nothing is written
unless every requirement has its wheel or MWAA's image has its version.

Exit codes: 0 bundle written; 1 the bundle is incomplete (a requirement has no wheel, or a
wheel contradicts a pin), nothing written; 2 bad input (missing file, unparsable line,
download refused or failed).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scripts.airflow_bundle import mwaa_image
from scripts.airflow_bundle.bundle_zip import deterministic_zip
from scripts.airflow_bundle.mwaa_image import in_image, normalise, parse_bom
from scripts.airflow_bundle.wheels import download_wheels
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, UserError
from scripts.files import write_atomically
from scripts.project_root import project_root

SOURCE_DIR = Path("pipeline_code/airflow")
REQUIREMENTS_IN = "requirements.in"
CONSTRAINTS = "constraints.txt"
MWAA_BOM = "mwaa-python-packages-bom.txt"
PLUGINS = "plugins"
BUNDLE_DIR = Path("build/airflow")
PLUGINS_ZIP = BUNDLE_DIR / "plugins.zip"
REQUIREMENTS = BUNDLE_DIR / "requirements.txt"
WHEELS_DIR = BUNDLE_DIR / "wheels"
# Where MWAA extracts plugins.zip on every container (AWS MWAA user guide, "Python
# dependencies", option two: Python wheels). The constraints ship in the same zip, so
# they change only with the wheels they were resolved with.
MWAA_PLUGINS = "/usr/local/airflow/plugins"
MWAA_CONSTRAINTS = f"{MWAA_PLUGINS}/{CONSTRAINTS}"

_REQUIREMENT = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(==\s*(?P<version>[^\s;,]+))?"
    r"\s*([<>=!~][^;]*)?(;.*)?$"
)
_WHEEL = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$")


@dataclass(frozen=True)
class Requirement:
    """One requirement line: its normalised project name and its `==` pin, if any."""

    name: str
    version: str | None
    line: str


def parse_requirements(text: str, source: str) -> list[Requirement]:
    """The requirement lines of a requirements.in; comments and blank lines are skipped.

    Raises:
        UserError: a pip option or an unparsable line, naming `source` and the line number.
    """
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        match = _REQUIREMENT.match(line)
        if line.startswith("-") or match is None:
            raise UserError(
                f"{source}:{number}: [{line}] is not a requirement (`name`, `name==1.2`, "
                "`name>=1`); pip options are added by `dataplat airflow-bundle`"
            )
        found.append(Requirement(normalise(match["name"]), match["version"], line))
    return found


def parse_constraints(text: str) -> dict[str, str]:
    """The `name==version` pins of a constraints file, by normalised name."""
    pins = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].split(";", 1)[0].strip()
        if "==" in line:
            name, version = (part.strip() for part in line.split("==", 1))
            pins[normalise(name)] = version
    return pins


def wheel_pin(wheel: Path) -> tuple[str, str]:
    """The (normalised name, version) of a wheel file.

    Raises:
        UserError: the file name is not a wheel's.
    """
    match = _WHEEL.match(wheel.name)
    if match is None:
        raise UserError(f"{wheel}: not a wheel file name (name-version-py-abi-platform.whl)")
    return normalise(match["name"]), match["version"]


def wheel_versions(wheels: list[Path]) -> dict[str, set[str]]:
    """The versions of each project present as a wheel, by normalised name."""
    versions: dict[str, set[str]] = {}
    for wheel in wheels:
        name, version = wheel_pin(wheel)
        versions.setdefault(name, set()).add(version)
    return versions


def wheels_to_bundle(wheels: list[Path], image: Mapping[str, str]) -> list[Path]:
    """The wheels MWAA's image does not already have at their version, in their order.

    A wheels dir filled before the image's packages were known holds them all; this is
    what keeps them out of plugins.zip.
    """
    return [wheel for wheel in wheels if not in_image(*wheel_pin(wheel), image)]


def missing_wheels(
    requirements: list[Requirement],
    pins: Mapping[str, str],
    wheels: Mapping[str, set[str]],
    image: Mapping[str, str],
) -> list[str]:
    """Why the bundle would not install offline, one message per problem (empty: it would).

    A requirement needs a wheel of its own pin, else of the constraints' pin, else any
    wheel, unless MWAA's image (`image`) already has that version (or, with no pin at all,
    any version); a requirement pinned differently from the constraints can never install.
    """
    problems = []
    for req in requirements:
        constrained = pins.get(req.name)
        if req.version and constrained and req.version != constrained:
            problems.append(
                f"requirement [{req.line}] contradicts the constraints' pin "
                f"[{req.name}=={constrained}]"
            )
            continue
        wanted = req.version or constrained
        installed = image.get(req.name)
        if installed and (wanted is None or wanted == installed):
            continue
        have = wheels.get(req.name, set())
        if not have or (wanted and wanted not in have):
            found = f" (found {', '.join(sorted(have))})" if have else ""
            problems.append(
                f"requirement [{req.line}] has no wheel"
                + (f" of version {wanted}" if wanted else "")
                + found
            )
    for name, versions in sorted(wheels.items()):
        if name in pins and pins[name] not in versions:
            problems.append(
                f"wheel [{name}] {', '.join(sorted(versions))} contradicts the constraints' "
                f"pin [{name}=={pins[name]}]"
            )
    return problems


def mwaa_requirements(requirements_in: str, source: str) -> str:
    """The requirements.txt MWAA reads: offline options first, then the source lines."""
    header = (
        f"# Generated by `dataplat airflow-bundle` from {source}: edit that file, not this.\n"
        f"# MWAA installs offline from the wheels in plugins.zip, extracted to {MWAA_PLUGINS}.\n"
        f"--find-links {MWAA_PLUGINS}\n"
        "--no-index\n"
        f'--constraint "{MWAA_CONSTRAINTS}"\n'
    )
    return header + requirements_in.rstrip("\n") + "\n"


def plugin_entries(plugins_dir: Path) -> dict[str, Path]:
    """The plugins dir's files by archive name (relative, POSIX), without bytecode caches."""
    return {
        path.relative_to(plugins_dir).as_posix(): path
        for path in plugins_dir.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def bundle_entries(plugins_dir: Path, wheels: list[Path], constraints: Path) -> dict[str, Path]:
    """What plugins.zip holds: the plugins, every wheel and constraints.txt, all at its root.

    pip's `--find-links DIR` reads only DIR itself, so the wheels sit at the root.

    Raises:
        UserError: a plugin file has the name of a wheel or of constraints.txt.
    """
    entries = plugin_entries(plugins_dir)
    for name, path in [*((w.name, w) for w in wheels), (CONSTRAINTS, constraints)]:
        if name in entries:
            raise UserError(f"{plugins_dir}/{name}: clashes with the bundle's {name}")
        entries[name] = path
    return entries


def build_bundle(source_dir: Path, wheels_dir: Path, out_dir: Path) -> list[str]:
    """Check the inputs, then write plugins.zip and requirements.txt into `out_dir`.

    Returns:
        The problems that kept the bundle from being written (empty when it was written).

    Raises:
        UserError: a missing input file or an unparsable line.
    """
    paths = {
        name: source_dir / name for name in (REQUIREMENTS_IN, CONSTRAINTS, MWAA_BOM, PLUGINS)
    } | {"wheels": wheels_dir}
    for name, path in paths.items():
        if not path.exists():
            raise UserError(f"{path}: missing ({name} of the Airflow bundle)")
    requirements_in = paths[REQUIREMENTS_IN].read_text(encoding="utf-8")
    requirements = parse_requirements(requirements_in, str(paths[REQUIREMENTS_IN]))
    pins = parse_constraints(paths[CONSTRAINTS].read_text(encoding="utf-8"))
    image = read_image(source_dir)
    wheels = wheels_to_bundle(sorted(wheels_dir.glob("*.whl")), image)
    problems = missing_wheels(requirements, pins, wheel_versions(wheels), image)
    if problems:
        return problems
    entries = bundle_entries(paths[PLUGINS], wheels, paths[CONSTRAINTS])
    deterministic_zip(entries, out_dir / PLUGINS_ZIP.name)
    write_atomically(
        out_dir / REQUIREMENTS.name, mwaa_requirements(requirements_in, _shown(source_dir))
    )
    return []


def read_image(source_dir: Path) -> dict[str, str]:
    """What MWAA's image has installed, from the BOM copy in `source_dir`.

    Raises:
        UserError: the BOM is missing or cannot be read as one.
    """
    path = source_dir / MWAA_BOM
    if not path.is_file():
        raise UserError(f"{path}: missing (MWAA's package list of the Airflow bundle)")
    return parse_bom(path.read_text(encoding="utf-8"), str(path))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat airflow-bundle`."""
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help=f"the Airflow source dir with {REQUIREMENTS_IN}, {CONSTRAINTS}, {MWAA_BOM} and "
        f"{PLUGINS}/ (default: {SOURCE_DIR} of the project)",
    )
    parser.add_argument(
        "--wheels",
        type=Path,
        default=None,
        help=f"the dir of wheels to bundle (default: <out>/{WHEELS_DIR.name})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"output dir (default: {BUNDLE_DIR} of the project)",
    )
    parser.add_argument(
        "--download",
        action="store_true",
        help="first download into the wheels dir the wheels for MWAA's platform that MWAA's "
        f"image lacks (per {MWAA_BOM}; network; needs Linux x86_64 CPython 3.11, like MWAA's, "
        "to resolve the environment markers)",
    )
    parser.add_argument(
        "--fetch-constraints",
        action="store_true",
        help=f"first (re)write <source>/{CONSTRAINTS} and <source>/{MWAA_BOM} from AWS's "
        f"{mwaa_image.REPO} at commit {mwaa_image.COMMIT[:12]} (network; commit the result: "
        "the bundle is built from the committed files)",
    )


def run(args: argparse.Namespace) -> int:
    """Download (if asked), then bundle, or say why not.

    Unset paths are the project's (the one around the current directory or `-C DIR`),
    never the tree `dataplat` was installed from.
    """
    try:
        if args.source is None or args.out is None:
            root = project_root()
            args.source = args.source or root / SOURCE_DIR
            args.out = args.out or root / BUNDLE_DIR
        wheels_dir: Path = args.wheels or args.out / WHEELS_DIR.name
        if args.fetch_constraints:
            mwaa_image.fetch(mwaa_image.CONSTRAINTS_SOURCE, args.source / CONSTRAINTS)
            mwaa_image.fetch(mwaa_image.BOM_SOURCE, args.source / MWAA_BOM)
        if args.download:
            download_wheels(
                args.source / REQUIREMENTS_IN,
                args.source / CONSTRAINTS,
                wheels_dir,
                read_image(args.source),
            )
        problems = build_bundle(args.source, wheels_dir, args.out)
    except UserError as error:
        print(f"airflow-bundle: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for problem in problems:
        print(f"airflow-bundle: {problem}", file=sys.stderr)
    if problems:
        print(
            f"airflow-bundle: nothing written; fill {_shown(wheels_dir)} "
            "(`dataplat airflow-bundle --download`) and run again",
            file=sys.stderr,
        )
        return EXIT_VIOLATIONS
    print(f"wrote {_shown(args.out / PLUGINS_ZIP.name)} and {_shown(args.out / REQUIREMENTS.name)}")
    return EXIT_OK


def _shown(path: Path) -> str:
    """A path relative to the current directory when inside it (messages stay
    machine-independent)."""
    resolved, here = path.resolve(), Path.cwd().resolve()
    return str(resolved.relative_to(here)) if resolved.is_relative_to(here) else str(path)
