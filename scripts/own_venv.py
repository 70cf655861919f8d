"""The command line of a tool kept in its own virtualenv (Airflow, datacontract-cli).

Some judges pin packages the project cannot share (older duckdb and pydantic, Airflow's
constraints), so each lives in a virtualenv of its own under `.cache/`, created once by
`.ci/run` and reused by the tests. Each such module has an `ensure_venv(directory)` that
creates it when missing or stale; this is the one `main` that runs it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError


def venv_main(
    prog: str,
    doc: str | None,
    default_dir: Path,
    ensure_venv: Callable[[Path], Path],
    argv: list[str] | None = None,
) -> int:
    """Create (or reuse) the virtualenv at `--dir` (default `default_dir`) and print the
    path `ensure_venv` returns. Exit 0, or 2 with the reason when it cannot be built."""
    parser = argparse.ArgumentParser(
        prog=prog, description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dir", type=Path, default=default_dir, help="the virtualenv's directory")
    args = parser.parse_args(argv)
    try:
        print(ensure_venv(args.dir))
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
