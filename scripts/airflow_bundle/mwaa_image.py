"""What MWAA's Airflow image holds, taken from the sources AWS publishes for it.

AWS builds MWAA's images from github.com/aws/amazon-mwaa-docker-images. Two of its files
are facts the offline bundle depends on, kept in the Airflow source dir with the commit
they were read at (`# source: <repo>@<commit>:<path>`, the first line of each copy):

- `images/airflow/<version>/etc/airflow_constraints.txt`: the constraints MWAA installs
  Airflow with (a copy of Airflow's constraints-<version>/constraints-3.11.txt);
- `images/airflow/<version>/BillOfMaterials/<version>/Python-Packages-BOM.txt`: every
  Python package installed in the image (`pip-licenses --format=plain-vertical` output),
  so the bundle can leave out what MWAA already has.

`dataplat airflow-bundle --fetch-constraints` rewrites both copies from COMMIT; a test
checks that the committed copies name the same repository, commit and paths as this module.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path

from scripts.errors import UserError
from scripts.files import write_atomically
from stacks.orchestration_config import AirflowConfig

AIRFLOW_VERSION = str(AirflowConfig.model_fields["airflow_version"].default)
REPO = "aws/amazon-mwaa-docker-images"
# The commit both copies were read at (the repository's HEAD on 2026-08-20).
COMMIT = "9d2bebb5c7858e27a1c6afb20b7827840217e3a0"
IMAGE_DIR = f"images/airflow/{AIRFLOW_VERSION}"
CONSTRAINTS_SOURCE = f"{IMAGE_DIR}/etc/airflow_constraints.txt"
BOM_SOURCE = f"{IMAGE_DIR}/BillOfMaterials/{AIRFLOW_VERSION}/Python-Packages-BOM.txt"
BOM_TITLE = "This Docker image includes the following third-party software/licensing:"

_SOURCE_LINE = re.compile(r"^# source: (?P<repo>[^@\s]+)@(?P<commit>[0-9a-f]{40}):(?P<path>\S+)$")
_NAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
# A PEP 440 public version as pip-licenses prints it (release, pre, post, dev, local).
_VERSION = re.compile(
    r"^\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?(\+[A-Za-z0-9.]+)?$", re.IGNORECASE
)


def raw_url(path: str) -> str:
    """The download address of `path` at COMMIT (pinned, so a refresh is reproducible)."""
    return f"https://raw.githubusercontent.com/{REPO}/{COMMIT}/{path}"


def with_source(text: str, path: str) -> str:
    """`text` (the file at `path` in REPO) headed by the line that names where it came from."""
    return f"# source: {REPO}@{COMMIT}:{path}\n{text}"


def source_of(text: str) -> tuple[str, str, str] | None:
    """(repo, commit, path) from a copy's first line, or None when it names no source."""
    match = _SOURCE_LINE.match(text.split("\n", 1)[0])
    return (match["repo"], match["commit"], match["path"]) if match else None


def normalise(name: str) -> str:
    """The PEP 503 form of a project name (`Foo_Bar` and `foo-bar` are one project)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_bom(text: str, source: str) -> dict[str, str]:
    """The installed version of each package in a Python-Packages-BOM.txt, by normalised name.

    The BOM is pip-licenses' plain-vertical format: a title line, then per package its
    name, version, license, URL, license file, license text, notice file and notice text,
    each on its own line(s), and a blank line. Texts have blank lines too, so a package
    starts where a line after the title or a blank line is a project name, the next a
    version and the next (its license) not blank; a name seen twice means the format was
    misread, and is refused.

    Raises:
        UserError: no title line, no package, or a package listed twice; naming `source`.
    """
    lines = [line.rstrip("\r") for line in text.split("\n")]
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    if not lines or lines[0] != BOM_TITLE:
        raise UserError(f"{source}: not a pip-licenses BOM (its first line is not [{BOM_TITLE}])")
    packages: dict[str, str] = {}
    lines.append("")
    for number in range(1, len(lines) - 2):
        starts = number == 1 or lines[number - 1] == ""
        name, version, license_ = lines[number : number + 3]
        if not (starts and _NAME.match(name) and _VERSION.match(version) and license_):
            continue
        key = normalise(name)
        if key in packages:
            raise UserError(f"{source}:{number + 1}: package [{name}] listed twice")
        packages[key] = version
    if not packages:
        raise UserError(f"{source}: no package found")
    return packages


def in_image(name: str, version: str, image: Mapping[str, str]) -> bool:
    """Whether MWAA's image already has `name` at exactly `version`.

    The resolution pins one version per package, so "satisfies" is equality of the
    version strings: stricter than PEP 440 (`1.0` is `1.0.0` there), which can only make
    the bundle carry a wheel pip then leaves unused, never leave one out.
    """
    return image.get(normalise(name)) == version


def not_in_image(pins: Iterable[str], image: Mapping[str, str]) -> list[str]:
    """The `name==version` pins MWAA's image does not already have, sorted."""
    missing = []
    for pin in pins:
        name, _, version = pin.partition("==")
        if not in_image(name.strip(), version.strip(), image):
            missing.append(pin)
    return sorted(missing)


def fetch(path: str, target: Path) -> None:
    """Write the file at `path` in REPO at COMMIT to `target`, headed by its source line.

    Raises:
        UserError: the file could not be fetched.
    """
    url = raw_url(path)
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            text = response.read().decode("utf-8")
    except OSError as error:
        raise UserError(f"{url}: cannot fetch ({error})") from error
    write_atomically(target, with_source(text, path))
