"""`dataplat contract test|new`: the exit-code contract, messages naming the failing
check's column and measured value, and drafts that never overwrite."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from scripts.cli import build_parser, main
from stacks.contracts.loader import read_contract
from tests.stacks.contracts.contract_texts import BASE, document, text

GOOD = (
    "SELECT range AS id, 'c' || range || '@x.io' AS email, "
    "(now() - INTERVAL 1 HOUR)::TIMESTAMP AS updated_at FROM range(5)"
)


def _write(directory: Path, select: str, name: str) -> Path:
    path = directory / name
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    fmt = "(FORMAT csv, HEADER)" if name.endswith(".csv") else ""
    connection.execute(f"COPY ({select}) TO '{path}' {fmt}")
    connection.close()
    return path


@pytest.fixture
def contract(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.yaml"
    path.write_text(text(BASE), encoding="utf-8")
    return path


def test_contract_is_a_registered_subcommand_with_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["contract", "test", "--help"])
    assert done.value.code == 0
    assert "--sample" in capsys.readouterr().out
    assert "contract" in build_parser(None).format_help()


@pytest.mark.parametrize("name", ["good.parquet", "good.csv"])
def test_every_check_passing_exits_0(
    contract: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = _write(tmp_path, GOOD, name)
    assert main(["contract", "test", str(contract), "--sample", str(sample)]) == 0
    assert "0 failed" in capsys.readouterr().out


def test_a_failing_check_exits_1_naming_its_column_and_measured_value(
    contract: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    select = GOOD.replace("'c' || range || '@x.io'", "IF(range < 2, NULL, 'c@x.io')")
    sample = _write(tmp_path, select, "bad.parquet")
    assert main(["contract", "test", str(contract), "--sample", str(sample)]) == 1
    failed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("FAIL")]
    assert failed == [
        "FAIL complete [hubspot.email]: 2 null values (must be = 0)",
        "FAIL unique [hubspot.email]: 1 duplicated values (must be = 0)",
    ]


def test_stale_rows_fail_freshness_against_the_current_time(
    contract: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = _write(tmp_path, GOOD.replace("1 HOUR", "25 HOUR"), "stale.parquet")
    assert main(["contract", "test", str(contract), "--sample", str(sample)]) == 1
    assert (
        "FAIL freshness [hubspot.updated_at]: 5 rows older than 24 hours or null (must be = 0)"
        in capsys.readouterr().out
    )


def test_a_missing_column_fails_its_checks(
    contract: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    select = GOOD.replace(", 'c' || range || '@x.io' AS email", "")
    sample = _write(tmp_path, select, "missing.parquet")
    assert main(["contract", "test", str(contract), "--sample", str(sample)]) == 1
    out = capsys.readouterr().out
    assert "FAIL column_exists [hubspot.email]: 0 columns named so (must be = 1)" in out
    assert "FAIL column_count [hubspot]: 2 columns (must be = 3)" in out


def test_a_bad_contract_exits_2_naming_file_path_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yaml"
    local = {"server": "laptop", "type": "local", "path": "x.csv", "format": "csv"}
    path.write_text(text(document(servers=[local])), encoding="utf-8")
    sample = _write(tmp_path, GOOD, "good.parquet")
    assert main(["contract", "test", str(path), "--sample", str(sample)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: 1 problem in the data contract" in err
    assert "servers[0].type (line 8)" in err


@pytest.mark.parametrize("name", ["missing.parquet", "sample.json"])
def test_a_sample_that_cannot_be_read_exits_2(
    contract: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sample.json").write_text("{}", encoding="utf-8")
    assert main(["contract", "test", str(contract), "--sample", str(tmp_path / name)]) == 2
    assert name in capsys.readouterr().err


def test_new_writes_a_valid_draft_with_the_samples_columns_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = _write(tmp_path, GOOD, "contacts.parquet")
    out = tmp_path / "draft.yaml"
    assert main(["contract", "new", "--from-sample", str(sample), "--out", str(out)]) == 0
    loaded = read_contract(out)
    [dataset] = loaded.contract.schema_ or []
    assert [(p.name, p.logicalType) for p in dataset.properties or []] == [
        ("id", "integer"),
        ("email", "string"),
        ("updated_at", "timestamp"),
    ]
    assert main(["contract", "test", str(out), "--sample", str(sample)]) == 0
    before = out.read_text(encoding="utf-8")
    assert main(["contract", "new", "--from-sample", str(sample), "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == before
