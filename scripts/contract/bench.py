"""Benchmark of `dataplat contract test` on a generated 1-million-row Parquet file.

Issue 19 asks the local test to finish in under 2 s on a million rows. This writes such a
sample for the marketing contacts contract (every check passes on it), then times the
in-process test (`contract_test`: read the contract, compile, measure every check) and
the whole command in a fresh process (`dataplat contract test`, Python start-up and
imports included). It prints the figures and asserts nothing: a benchmark, not a test.

Usage: `python -m scripts.contract.bench [--rows N] [--repeat K]`.

Exit codes: 0 measured (whatever the figures); 2 bad input (a failing check on the
generated sample would mean the benchmark measured the wrong thing).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from scripts.contract.command import contract_test
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "stacks" / "domains" / "marketing" / "contracts" / "contacts.yaml"
TARGET_SECONDS = 2.0


def write_sample(path: Path, rows: int) -> None:
    """A Parquet sample of `rows` contacts on which every check of the contract passes."""
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute(
        "COPY (SELECT range AS id, 'contact' || range || '@example.com' AS email, "
        "['subscriber', 'lead', 'opportunity', 'customer'][range % 4 + 1] AS lifecycle_stage, "
        "(now() - INTERVAL 40 DAY)::TIMESTAMP AS created_at, "
        f"(now() - INTERVAL 1 HOUR)::TIMESTAMP AS updated_at FROM range({rows})) TO '{path}'"
    )
    connection.close()


def main(argv: list[str] | None = None) -> int:
    """Generate, time and print; the exit code as documented above."""
    parser = argparse.ArgumentParser(
        prog="python -m scripts.contract.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the sample")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (best is shown)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        sample = Path(directory) / "contacts.parquet"
        started = time.perf_counter()
        write_sample(sample, args.rows)
        print(
            f"sample: {args.rows:,} rows, {sample.stat().st_size / 1e6:.1f} MB, "
            f"written in {time.perf_counter() - started:.2f} s"
        )
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                code = contract_test(CONTRACT, sample, None)
            timings.append(time.perf_counter() - started)
            if code != EXIT_OK:
                print("a check failed on the generated sample", file=sys.stderr)
                return EXIT_BAD_INPUT
        started = time.perf_counter()
        command = [sys.executable, "-m", "scripts.cli", "contract", "test", str(CONTRACT)]
        subprocess.run([*command, "--sample", str(sample)], capture_output=True, cwd=ROOT)
        whole = time.perf_counter() - started
    print(
        f"contract test, in process: best {min(timings):.2f} s of {args.repeat} "
        f"(target {TARGET_SECONDS:.0f} s)"
    )
    print(f"dataplat contract test, fresh process: {whole:.2f} s")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
