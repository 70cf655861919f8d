"""`dataplat schema [--kind stack|domain] [--out FILE]`: write the JSON Schema of a kind of
config file, generated from the pydantic models (scripts/schema/config_schema.py).

Point an editor at it (yaml-language-server: a first line `# yaml-language-server:
$schema=PATH`, which `dataplat new-domain` writes) to have unknown keys and wrong types
flagged as they are typed. The committed copies are docs/reference/schemas/
<kind>.schema.json (`dataplat docs` writes them, `--check` compares them).

Exit codes: 0 written; 2 bad input (an `--out` that is a directory, a special file or in a
missing directory), with nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.errors import EXIT_BAD_INPUT, EXIT_OK
from scripts.files import output_refusal, write_atomically
from scripts.schema.config_schema import KINDS, schema_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat schema`."""
    parser.add_argument(
        "--kind",
        choices=sorted(KINDS),
        default="domain",
        help="which file the schema describes: a stack file or a domain file (default: domain)",
    )
    parser.add_argument(
        "--out", type=Path, help="write the schema to this file (default: standard output)"
    )


def run(args: argparse.Namespace) -> int:
    """Write the schema."""
    text = schema_text(args.kind)
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    if refusal := output_refusal(args.out):
        print(f"dataplat schema: --out: {refusal}", file=sys.stderr)
        return EXIT_BAD_INPUT
    write_atomically(args.out, text)
    print(f"wrote the {args.kind} schema to {args.out}")
    return EXIT_OK
