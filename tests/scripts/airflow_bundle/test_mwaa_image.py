"""MWAA's image facts: the BOM reader on small inputs, and the committed copies of AWS's files.

The committed copies are read from disk; nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.airflow_bundle import command as airflow_bundle
from scripts.airflow_bundle import mwaa_image
from scripts.airflow_bundle.command import parse_constraints, parse_requirements
from scripts.airflow_bundle.mwaa_image import (
    BOM_TITLE,
    in_image,
    not_in_image,
    parse_bom,
    source_of,
)
from scripts.errors import UserError

SOURCE = Path(__file__).resolve().parents[3] / airflow_bundle.SOURCE_DIR
# Two packages as pip-licenses prints them: fields on their own lines, texts with blank
# lines (one ending in a word and a number), a license that spans lines, a blank after each.
BOM = f"""{BOM_TITLE}
ConfigUpdater
3.2
MIT License
https://github.com/pyscaffold/configupdater
/site-packages/ConfigUpdater-3.2.dist-info/LICENSE.txt
The MIT License (MIT)

Version
2.0

UNKNOWN
UNKNOWN

fluent-logger
0.11.1
Copyright (C) 2011 FURUHASHI Sadayuki

   Licensed under the Apache License
https://github.com/fluent/fluent-logger-python
/site-packages/fluent_logger-0.11.1.dist-info/licenses/COPYING
text
UNKNOWN
UNKNOWN

anyio
4.6.2.post1
MIT License
UNKNOWN
UNKNOWN
UNKNOWN
UNKNOWN
UNKNOWN
"""


def test_the_bom_gives_each_package_its_version_by_normalised_name() -> None:
    assert parse_bom(f"# source: x\n{BOM}", "bom.txt") == {
        "configupdater": "3.2",
        "fluent-logger": "0.11.1",
        "anyio": "4.6.2.post1",
    }


def test_a_bom_without_its_title_is_refused_naming_the_file() -> None:
    with pytest.raises(UserError, match=r"^bom.txt: not a pip-licenses BOM"):
        parse_bom("anyio\n4.6.2\n", "bom.txt")


def test_a_package_listed_twice_is_refused_naming_the_line() -> None:
    text = f"{BOM_TITLE}\nanyio\n4.6.2\nMIT\n\nAnyIO\n4.7\nMIT\n"
    with pytest.raises(UserError, match=r"^bom.txt:6: package \[AnyIO\] listed twice"):
        parse_bom(text, "bom.txt")


def test_a_bom_with_no_package_is_refused() -> None:
    with pytest.raises(UserError, match="no package found"):
        parse_bom(f"{BOM_TITLE}\nsome text\n", "bom.txt")


def test_only_the_same_version_counts_as_in_the_image() -> None:
    image = {"flask-appbuilder": "4.5.2"}
    assert in_image("Flask_AppBuilder", "4.5.2", image)
    assert not in_image("flask-appbuilder", "4.5.3", image)
    assert not in_image("flask", "2.2.5", image)
    pins = ["z==1", "Flask-AppBuilder==4.5.2", "flask-appbuilder==4.5.3", "a==2"]
    assert not_in_image(pins, image) == ["a==2", "flask-appbuilder==4.5.3", "z==1"]


def test_the_source_line_round_trips() -> None:
    text = mwaa_image.with_source("body\n", "images/x.txt")
    assert source_of(text) == (mwaa_image.REPO, mwaa_image.COMMIT, "images/x.txt")
    assert text.endswith("\nbody\n")
    assert source_of("# From somewhere\n") is None


@pytest.mark.parametrize(
    ("name", "path"),
    [
        (airflow_bundle.CONSTRAINTS, mwaa_image.CONSTRAINTS_SOURCE),
        (airflow_bundle.MWAA_BOM, mwaa_image.BOM_SOURCE),
    ],
)
def test_each_committed_copy_names_the_source_the_code_fetches(name: str, path: str) -> None:
    text = (SOURCE / name).read_text(encoding="utf-8")
    assert source_of(text) == (mwaa_image.REPO, mwaa_image.COMMIT, path), (
        f"{SOURCE / name}: refresh it with `dataplat airflow-bundle --fetch-constraints`"
    )


def test_the_committed_constraints_and_bom_are_mwaa_airflow_and_agree() -> None:
    """Airflow's constraints pin its providers, not Airflow: the file names its version."""
    text = (SOURCE / airflow_bundle.CONSTRAINTS).read_text(encoding="utf-8")
    pins = parse_constraints(text)
    image = airflow_bundle.read_image(SOURCE)
    version = mwaa_image.AIRFLOW_VERSION
    assert f"apache/airflow/constraints-{version}/constraints-3.11.txt" in text
    assert image["apache-airflow"] == version
    assert pins["apache-airflow-providers-amazon"] == image["apache-airflow-providers-amazon"]
    assert len(image) > 150, "the whole image, not a fragment of the BOM"
    disagree = {n: (pins[n], v) for n, v in image.items() if n in pins and pins[n] != v}
    assert disagree == {}, "the image holds other versions than its constraints pin"


def test_the_requirements_are_consistent_with_the_committed_constraints() -> None:
    path = SOURCE / airflow_bundle.REQUIREMENTS_IN
    requirements = parse_requirements(path.read_text(encoding="utf-8"), str(path))
    pins = parse_constraints((SOURCE / airflow_bundle.CONSTRAINTS).read_text(encoding="utf-8"))
    for req in requirements:
        assert req.name in pins, f"{path}: [{req.line}] is not in the constraints"
        assert req.version in (None, pins[req.name]), f"{path}: [{req.line}] vs {pins[req.name]}"
