"""`dataplat airflow-bundle` builds an offline-installable, byte-stable MWAA bundle.

Offline: the wheel is written by hand in tmp_path, and pip runs with `--no-index`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scripts import cli
from scripts.airflow_bundle import command as airflow_bundle
from scripts.airflow_bundle import wheels as airflow_wheels
from scripts.airflow_bundle.bundle_zip import EPOCH, FILE_MODE, deterministic_zip
from scripts.airflow_bundle.command import (
    MWAA_CONSTRAINTS,
    MWAA_PLUGINS,
    PLUGINS_ZIP,
    REQUIREMENTS,
    build_bundle,
    parse_requirements,
)
from scripts.airflow_bundle.mwaa_image import BOM_TITLE
from scripts.errors import UserError

WHEEL = "tiny_pkg-1.0-py3-none-any.whl"


def _bom(*packages: tuple[str, str]) -> str:
    """A Python-Packages-BOM.txt in pip-licenses' plain-vertical format listing `packages`."""
    rows = [
        f"{name}\n{version}\nMIT License\nUNKNOWN\n/x/LICENSE\nMIT text\n\nmore\nUNKNOWN\nUNKNOWN\n"
        for name, version in packages
    ]
    return BOM_TITLE + "\n" + "\n".join(rows)


def _tiny_wheel(directory: Path, name: str = "tiny_pkg", version: str = "1.0") -> Path:
    """A minimal valid wheel: one module, METADATA, WHEEL and a RECORD with hashes."""
    dist = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": b"VALUE = 42\n",
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        f"{dist}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n",
    }
    record = [
        f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}"
        for path, data in files.items()
    ]
    files[f"{dist}/RECORD"] = ("\n".join([*record, f"{dist}/RECORD,,"]) + "\n").encode()
    path = directory / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in files.items():
            archive.writestr(member, data)
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """An Airflow source dir: a requirement, its constraint pin, a plugin package."""
    src = tmp_path / "airflow"
    (src / "plugins" / "helpers").mkdir(parents=True)
    (src / "plugins" / "__init__.py").write_text("")
    (src / "plugins" / "helpers" / "names.py").write_text("PREFIX = 'dp'\n")
    (src / "requirements.in").write_text("# the one package\ntiny-pkg\n")
    (src / "constraints.txt").write_text("# pins\nTiny_Pkg==1.0\nother==2.0\n")
    (src / "mwaa-python-packages-bom.txt").write_text(_bom(("other", "2.0")))
    return src


@pytest.fixture
def wheels(tmp_path: Path) -> Path:
    """A wheels dir holding the tiny wheel."""
    directory = tmp_path / "wheels"
    directory.mkdir()
    _tiny_wheel(directory)
    return directory


def test_the_zip_holds_plugins_wheel_and_constraints_at_its_root(
    source: Path, wheels: Path, tmp_path: Path
) -> None:
    assert build_bundle(source, wheels, tmp_path / "out") == []
    with zipfile.ZipFile(tmp_path / "out" / PLUGINS_ZIP.name) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == [
        "__init__.py",
        "constraints.txt",
        "helpers/names.py",
        WHEEL,
    ]
    for info in infos:
        assert info.date_time == EPOCH, info.filename
        assert info.external_attr >> 16 == FILE_MODE, info.filename
        assert info.compress_type == zipfile.ZIP_STORED, info.filename


def test_bytecode_caches_stay_out_of_the_zip(source: Path, wheels: Path, tmp_path: Path) -> None:
    (source / "plugins" / "__pycache__").mkdir()
    (source / "plugins" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    build_bundle(source, wheels, tmp_path / "out")
    names = zipfile.ZipFile(tmp_path / "out" / PLUGINS_ZIP.name).namelist()
    assert not [n for n in names if "pycache" in n or n.endswith(".pyc")], names


def test_two_builds_give_identical_bytes(source: Path, wheels: Path, tmp_path: Path) -> None:
    build_bundle(source, wheels, tmp_path / "a")
    build_bundle(source, wheels, tmp_path / "b")
    assert (tmp_path / "a/plugins.zip").read_bytes() == (tmp_path / "b/plugins.zip").read_bytes()
    assert (tmp_path / "a/requirements.txt").read_text() == (
        tmp_path / "b/requirements.txt"
    ).read_text()


def test_mtimes_and_creation_order_do_not_change_the_bytes(
    source: Path, wheels: Path, tmp_path: Path
) -> None:
    build_bundle(source, wheels, tmp_path / "a")
    # The same files made again in the opposite order, with other mtimes and modes.
    other = tmp_path / "other"
    (other / "plugins").mkdir(parents=True)
    for rel in sorted(
        (p.relative_to(source) for p in source.rglob("*") if p.is_file()), reverse=True
    ):
        (other / rel).parent.mkdir(parents=True, exist_ok=True)
        (other / rel).write_bytes((source / rel).read_bytes())
        os.utime(other / rel, (2_000_000_000, 2_000_000_000))
        (other / rel).chmod(0o600)
    build_bundle(other, wheels, tmp_path / "b")
    assert (tmp_path / "a/plugins.zip").read_bytes() == (tmp_path / "b/plugins.zip").read_bytes()


def test_deterministic_zip_sorts_entries_whatever_the_mapping_order(tmp_path: Path) -> None:
    first = deterministic_zip({"b.txt": b"2", "a.txt": b"1"}, tmp_path / "1.zip")
    second = deterministic_zip({"a.txt": b"1", "b.txt": b"2"}, tmp_path / "2.zip")
    assert first == second
    assert zipfile.ZipFile(tmp_path / "1.zip").namelist() == ["a.txt", "b.txt"]


@pytest.mark.parametrize("name", ["/etc/passwd", "../up.txt", "a\\b.txt", ""])
def test_deterministic_zip_refuses_unsafe_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(UserError, match="relative POSIX path"):
        deterministic_zip({name: b"x"}, tmp_path / "bad.zip")
    assert list(tmp_path.iterdir()) == []


def test_requirements_install_offline_from_the_local_constraints(
    source: Path, wheels: Path, tmp_path: Path
) -> None:
    build_bundle(source, wheels, tmp_path / "out")
    text = (tmp_path / "out" / REQUIREMENTS.name).read_text()
    options = [line for line in text.splitlines() if line.startswith("--")]
    assert options == [
        f"--find-links {MWAA_PLUGINS}",
        "--no-index",
        f'--constraint "{MWAA_CONSTRAINTS}"',
    ]
    assert MWAA_CONSTRAINTS == "/usr/local/airflow/plugins/constraints.txt"
    assert "://" not in text
    assert text.rstrip().endswith("# the one package\ntiny-pkg")


def test_the_repository_requirements_keep_the_snowflake_pin_and_no_url() -> None:
    source = Path(__file__).resolve().parents[3] / airflow_bundle.SOURCE_DIR
    path = source / airflow_bundle.REQUIREMENTS_IN
    text = path.read_text()
    names = {r.name: r.version for r in parse_requirements(text, str(path))}
    assert names["apache-airflow-providers-snowflake"] == "5.8.0"
    assert "://" not in text, f"{path}: no URL, MWAA has no internet"
    assert "private_key_content" in text, "the comment on why the pin holds"


def test_a_missing_wheel_fails_naming_the_requirement_and_writes_nothing(
    source: Path, wheels: Path, tmp_path: Path
) -> None:
    (source / "requirements.in").write_text("tiny-pkg\napache-airflow-providers-snowflake==5.8.0\n")
    problems = build_bundle(source, wheels, tmp_path / "out")
    assert problems == [
        "requirement [apache-airflow-providers-snowflake==5.8.0] has no wheel of version 5.8.0"
    ]
    assert not (tmp_path / "out").exists()


def test_a_wheel_of_another_version_than_the_pin_fails(
    source: Path, wheels: Path, tmp_path: Path
) -> None:
    (source / "requirements.in").write_text("tiny-pkg==2.0\n")
    (source / "constraints.txt").write_text("")
    assert build_bundle(source, wheels, tmp_path / "out") == [
        "requirement [tiny-pkg==2.0] has no wheel of version 2.0 (found 1.0)"
    ]


def test_a_requirement_contradicting_the_constraints_fails(
    source: Path, wheels: Path, tmp_path: Path
) -> None:
    (source / "requirements.in").write_text("tiny-pkg==1.0\n")
    (source / "constraints.txt").write_text("tiny-pkg==1.1\n")
    problems = build_bundle(source, wheels, tmp_path / "out")
    assert problems[0] == (
        "requirement [tiny-pkg==1.0] contradicts the constraints' pin [tiny-pkg==1.1]"
    )


def test_a_pip_option_in_the_source_list_is_refused_with_its_line(source: Path) -> None:
    path = source / "requirements.in"
    with pytest.raises(UserError, match=r"requirements.in:2: \[--constraint https://x\]"):
        parse_requirements("tiny-pkg\n--constraint https://x\n", str(path))


def test_a_wheel_mwaa_image_has_at_its_version_stays_out_of_the_zip(
    source: Path, wheels: Path, tmp_path: Path
) -> None:
    _tiny_wheel(wheels, "other", "2.0")
    (source / "requirements.in").write_text("tiny-pkg\nother\n")
    assert build_bundle(source, wheels, tmp_path / "out") == []
    names = zipfile.ZipFile(tmp_path / "out" / PLUGINS_ZIP.name).namelist()
    assert WHEEL in names
    assert "other-2.0-py3-none-any.whl" not in names


def test_a_requirement_mwaa_image_has_needs_no_wheel(
    source: Path, wheels: Path, tmp_path: Path
) -> None:
    (source / "requirements.in").write_text("tiny-pkg\nother==2.0\n")
    assert build_bundle(source, wheels, tmp_path / "out") == []


def test_a_requirement_on_another_version_than_the_image_has_needs_its_wheel(
    source: Path, wheels: Path, tmp_path: Path
) -> None:
    (source / "requirements.in").write_text("other==2.1\n")
    (source / "constraints.txt").write_text("")
    assert build_bundle(source, wheels, tmp_path / "out") == [
        "requirement [other==2.1] has no wheel of version 2.1"
    ]


def test_the_command_exits_2_on_a_missing_bom(
    source: Path, wheels: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (source / "mwaa-python-packages-bom.txt").unlink()
    argv = ["airflow-bundle", "--source", str(source), "--wheels", str(wheels)]
    assert cli.main([*argv, "--out", str(tmp_path / "out")]) == 2
    assert "mwaa-python-packages-bom.txt: missing" in capsys.readouterr().err


def test_the_command_exits_1_and_names_the_requirement(
    source: Path, wheels: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (source / "requirements.in").write_text("missing-pkg\n")
    argv = ["airflow-bundle", "--source", str(source), "--wheels", str(wheels)]
    assert cli.main([*argv, "--out", str(tmp_path / "out")]) == 1
    assert "requirement [missing-pkg] has no wheel" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_command_exits_2_on_a_missing_input(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (source / "constraints.txt").unlink()
    argv = ["airflow-bundle", "--source", str(source), "--out", str(tmp_path / "out")]
    assert cli.main(argv) == 2
    assert "constraints.txt: missing" in capsys.readouterr().err


def test_the_command_exits_0_and_writes_both_files(
    source: Path, wheels: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    argv = ["airflow-bundle", "--source", str(source), "--wheels", str(wheels), "--out", str(out)]
    assert cli.main(argv) == 0
    assert sorted(p.name for p in out.iterdir()) == ["plugins.zip", "requirements.txt"]


def test_the_unzipped_bundle_installs_offline_with_pip(
    source: Path, wheels: Path, tmp_path: Path
) -> None:
    """What MWAA does, with its plugins dir replaced by the unzipped bundle."""
    out, plugins, target = tmp_path / "out", tmp_path / "plugins", tmp_path / "site"
    build_bundle(source, wheels, out)
    zipfile.ZipFile(out / PLUGINS_ZIP.name).extractall(plugins)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(
        (out / REQUIREMENTS.name).read_text().replace(MWAA_PLUGINS, str(plugins))
    )
    # No user or machine pip configuration (extra indexes, find-links, constraints).
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--disable-pip-version-check"),
            *("--no-compile", "--target", str(target), "-r", str(requirements)),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "tiny_pkg" / "__init__.py").read_text() == "VALUE = 42\n"


def test_pins_from_the_resolve_report_split_wheels_from_sdists() -> None:
    report = {
        "install": [
            {"metadata": {"name": n, "version": v}, "download_info": {"url": f"https://x/{f}"}}
            for n, v, f in (
                ("b", "1", "b-1-py3-none-any.whl"),
                ("a", "2", "a-2-cp311-cp311-manylinux2014_x86_64.whl"),
                ("python-nvd3", "0.16.0", "python-nvd3-0.16.0.tar.gz"),
            )
        ]
    }
    assert airflow_wheels.pins_from_report(report) == (["a==2", "b==1"], ["python-nvd3==0.16.0"])


def test_the_download_targets_mwaa_platform_without_resolving_again(tmp_path: Path) -> None:
    command = airflow_wheels.download_command(tmp_path / "pins.txt", tmp_path)
    joined = " ".join(command)
    for flag in (
        "--no-deps",
        "--only-binary=:all:",
        "--platform manylinux2014_x86_64",
        "--python-version 3.11.7",
        "--implementation cp",
    ):
        assert flag in joined, flag
    resolve = " ".join(airflow_wheels.resolve_command(tmp_path / "r", tmp_path / "c", tmp_path))
    assert f"apache-airflow=={airflow_wheels.AIRFLOW_VERSION}" in resolve
    assert airflow_wheels.AIRFLOW_VERSION == "2.10.3"


def test_download_refuses_another_platform_before_any_pip_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(airflow_wheels.platform, "system", lambda: "Darwin")
    monkeypatch.setattr(airflow_wheels.subprocess, "run", pytest.fail)
    with pytest.raises(UserError, match=r"must match MWAA's: Linux x86_64 CPython 3\.11"):
        airflow_wheels.download_wheels(tmp_path / "r", tmp_path / "c", tmp_path / "w", {})
    assert not (tmp_path / "w").exists()


def test_download_fetches_only_the_pins_mwaa_image_lacks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """pip is replaced: the resolve writes a report, the download records its pins."""
    for name in ("r", "c"):
        (tmp_path / name).write_text("")
    monkeypatch.setattr(airflow_wheels.platform, "system", lambda: "Linux")
    monkeypatch.setattr(airflow_wheels.platform, "machine", lambda: "x86_64")
    monkeypatch.setattr(airflow_wheels.sys, "version_info", (3, 11, 7))
    resolved = [
        ("apache-airflow", "2.10.3", "whl"),
        ("snowflake", "1.0", "whl"),
        ("nvd3", "0.1", "tar.gz"),
    ]
    steps: dict[str, list[str]] = {}

    def fake_run(step: str, command: list[str]) -> None:
        if step == "resolve":
            report = Path(command[command.index("--report") + 1])
            install = [
                {
                    "metadata": {"name": n, "version": v},
                    "download_info": {"url": f"https://x/{n}.{f}"},
                }
                for n, v, f in resolved
            ]
            report.write_text(json.dumps({"install": install}))
        if step == "download":
            pins = Path(command[command.index("-r") + 1])
            steps[step] = pins.read_text().split()
        if step == "build":
            steps[step] = command[command.index("--wheel-dir") + 2 :]

    monkeypatch.setattr(airflow_wheels, "_run", fake_run)
    image = {"apache-airflow": "2.10.3", "nvd3": "0.1"}
    airflow_wheels.download_wheels(tmp_path / "r", tmp_path / "c", tmp_path / "w", image)
    assert steps == {"download": ["snowflake==1.0"]}
    assert (tmp_path / "w").is_dir()


def test_default_paths_are_the_projects_not_the_installed_trees(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run in another project (here, one without Airflow sources), the bundle reads that
    project's `pipeline_code/airflow`, not the tree `dataplat` was installed from."""
    (tmp_path / "Pulumi.yaml").write_text("name: data-platform\nruntime: python\n")
    assert cli.main(["-C", str(tmp_path), "airflow-bundle"]) == 2
    err = capsys.readouterr().err
    assert "pipeline_code/airflow" in err
    assert str(Path(__file__).resolve().parents[3]) not in err
