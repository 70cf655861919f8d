"""`dataplat contract`: try a data contract (ODCS v3) on a sample, or draft one from it.

`dataplat contract test CONTRACT --sample FILE` reads the contract as the platform does
(ODCS's schema and model, no `type: local` servers, only checks the compilers know),
compiles its checks (the same list that becomes Glue DQDL and Snowflake SQL) and
measures each on the sample (CSV or Parquet) in DuckDB, freshness against the current
time (UTC). Every check is printed, PASS or FAIL, with its column and measured value.
A contract with several datasets needs `--dataset PHYSICAL_NAME`.

`dataplat contract new --from-sample FILE [--out PATH]` writes a draft contract with the
sample's columns and ODCS logical types (default path: `<sample name>.yaml` in the
current directory); it never overwrites a file.

Exit codes: `test`: 0 every check passes; 1 a check fails (each failing check named
with its column and measured value); 2 bad input (flags, an unreadable or invalid
contract, named with file, path and line; an unreadable sample). `new`: 0 written; 2 bad
input or the file exists (nothing written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.contract.draft import draft_contract
from scripts.contract.evaluate import evaluate
from scripts.contract.sample import columns, open_sample
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, UserError
from stacks.contracts.checks import Check
from stacks.contracts.loader import read_contract
from stacks.stack_file import ConfigError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The subcommands and flags of `dataplat contract`."""
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    test = sub.add_parser(
        "test",
        help="measure a contract's checks on a sample file in DuckDB",
        description="Exit 0: every check passes; 1: a check fails; 2: bad input.",
    )
    test.add_argument("contract", type=Path, help="the contract (ODCS v3 YAML)")
    test.add_argument("--sample", type=Path, required=True, help="a .csv or .parquet file")
    test.add_argument(
        "--dataset",
        help="the physicalName of the dataset the sample holds (needed with several)",
    )
    new = sub.add_parser(
        "new",
        help="write a draft contract with a sample's columns and types (never overwrites)",
        description="Exit 0: written; 2: bad input or the file exists.",
    )
    new.add_argument("--from-sample", type=Path, required=True, help="a .csv or .parquet file")
    new.add_argument("--out", type=Path, help="where to write (default: <sample name>.yaml)")


def run(args: argparse.Namespace) -> int:
    """Run `test` or `new` and return the exit code."""
    try:
        if args.action == "test":
            return contract_test(args.contract, args.sample, args.dataset)
        return contract_new(args.from_sample, args.out)
    except (UserError, ConfigError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT


def contract_test(contract: Path, sample: Path, dataset: str | None) -> int:
    """Measure the contract's checks on the sample and print each; the exit code."""
    loaded = read_contract(contract)
    checks = _checks_of(list(loaded.checks), dataset, contract)
    if not checks:
        raise UserError(f"{contract}: declares no checks to measure")
    connection = open_sample(sample, checks[0].dataset)
    try:
        outcomes = evaluate(connection, checks)
    finally:
        connection.close()
    for outcome in outcomes:
        print(outcome.line())
    failed = [o for o in outcomes if not o.passed]
    print(
        f"{len(outcomes)} checks on {sample}: {len(outcomes) - len(failed)} passed, "
        f"{len(failed)} failed"
    )
    return EXIT_VIOLATIONS if failed else EXIT_OK


def _checks_of(checks: list[Check], dataset: str | None, contract: Path) -> list[Check]:
    datasets = list(dict.fromkeys(c.dataset for c in checks))
    if dataset is None and len(datasets) > 1:
        raise UserError(f"{contract}: several datasets ({', '.join(datasets)}); pass --dataset")
    chosen = dataset if dataset is not None else (datasets[0] if datasets else None)
    if dataset is not None and dataset not in datasets:
        raise UserError(f"--dataset {dataset}: not in {contract} ({', '.join(datasets)})")
    return [c for c in checks if c.dataset == chosen]


def contract_new(sample: Path, out: Path | None) -> int:
    """Write the draft contract of `sample`; never overwrites."""
    path = out if out is not None else Path(f"{sample.stem}.yaml")
    if path.exists():
        raise UserError(f"{path}: already exists; edit it instead (nothing was changed)")
    table = sample.stem
    connection = open_sample(sample, table)
    try:
        text = draft_contract(sample.name, table, columns(connection, table))
    finally:
        connection.close()
    try:
        # "x": create only; a file that appeared meanwhile is never replaced.
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise UserError(f"{path}: already exists; edit it instead (nothing was changed)") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be written: {exc.strerror}") from None
    print(f"wrote {path}: a draft; complete it as its header says")
    return EXIT_OK
