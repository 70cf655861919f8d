"""`dataplat contract test` agrees with datacontract-cli on the marketing contract.

An independent implementation reads the same ODCS file: datacontract-cli 1.2.x (duckdb
extra) in its own virtualenv (`scripts.contract.datacontract_venv`; created on first use,
about a minute). Its copy of the contract gets a `servers` entry of `type: local` for
the sample and loses `physicalName`: datacontract-cli 1.2.8 names a local file's view
after `schema[].name` (engines/ibis/connections/duckdb_connection.py) but reads the
table named by `physicalName` (engines/checks/create_checks.py `to_schema_name`), so with
both set it finds no table. Every sample is generated here: a good one, and one per
broken check. Both tools must pass the good sample and fail each broken one.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
import yaml

from scripts.contract.command import contract_test
from scripts.contract.datacontract_venv import ensure_venv
from scripts.errors import UserError

ROOT = Path(__file__).resolve().parents[3]
CONTRACT = ROOT / "stacks" / "domains" / "marketing" / "contracts" / "contacts.yaml"
ROWS = 200
# Each case's SELECT over range(ROWS), and whether the contract holds on it.
COLUMNS = {
    "id": "range",
    "email": "'contact' || range || '@example.com'",
    "lifecycle_stage": "'lead'",
    "created_at": "(now() - INTERVAL 40 DAY)::TIMESTAMP",
    "updated_at": "(now() - INTERVAL 1 HOUR)::TIMESTAMP",
}
CASES = {
    "good": ({}, ROWS, True),
    "null in a required column": (
        {"email": "IF(range = 7, NULL, 'c' || range || '@x.io')"},
        ROWS,
        False,
    ),
    "duplicate key": ({"id": "IF(range = 7, 6, range)"}, ROWS, False),
    "too few rows": ({}, 40, False),
    "missing column": ({"lifecycle_stage": None}, ROWS, False),
    "stale rows": ({"updated_at": "(now() - INTERVAL 3 DAY)::TIMESTAMP"}, ROWS, False),
}


@pytest.fixture(scope="module")
def datacontract() -> Path:
    """The datacontract command, or a skip naming why it could not be installed."""
    try:
        return ensure_venv()
    except UserError as exc:
        pytest.skip(f"datacontract-cli could not be installed: {exc}")


def _sample(directory: Path, case: str) -> Path:
    changes, rows, _ = CASES[case]
    columns = {**COLUMNS, **changes}
    select = ", ".join(f"{expr} AS {name}" for name, expr in columns.items() if expr)
    path = directory / (case.replace(" ", "_") + ".parquet")
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute(f"COPY (SELECT {select} FROM range({rows})) TO '{path}'")
    connection.close()
    return path


def _ours(sample: Path) -> int:
    with contextlib.redirect_stdout(io.StringIO()):
        return contract_test(CONTRACT, sample, None)


def _theirs(command: Path, sample: Path) -> int:
    document = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    document["servers"] = [
        {"server": "sample", "type": "local", "path": str(sample), "format": "parquet"}
    ]
    for obj in document["schema"]:
        obj.pop("physicalName", None)
    copy = sample.with_suffix(".contract.yaml")
    copy.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    done = subprocess.run(
        [str(command), "test", str(copy)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode in (0, 1), f"datacontract test {copy} crashed: {done.stderr[-800:]}"
    return done.returncode


def test_contract_test_agrees_with_datacontract_cli(datacontract: Path, tmp_path: Path) -> None:
    samples = {case: _sample(tmp_path, case) for case in CASES}
    with ThreadPoolExecutor(max_workers=3) as pool:
        verdicts = pool.map(lambda s: _theirs(datacontract, s), samples.values())
        theirs = dict(zip(samples, verdicts, strict=True))
    ours = {case: _ours(path) for case, path in samples.items()}
    expected = {case: 0 if holds else 1 for case, (_, _, holds) in CASES.items()}
    assert theirs == expected, f"datacontract-cli's verdicts (0 pass, 1 fail): {theirs}"
    assert ours == theirs, f"dataplat {ours} != datacontract-cli {theirs}"
