"""`dataplat docs [--check]`: write the generated reference pages of docs/reference/.

The pages (cli.md, config.md, policies.md, stateful.md, and the JSON Schemas of stack and
domain files in schemas/) are rendered from code: the
`dataplat` parser, the config models and per-environment default tables, the rule
registry and the stateful-types table. Output is deterministic (sorted, no timestamps, no
absolute paths), so `--check` compares bytes; CI runs it. `dataplat policies catalogue`
writes policies.md alone.

Exit codes: 0 written (or, with --check, every page is current); 1 --check found stale
or missing pages (named on standard error, with the command that regenerates them);
2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.docs.pages import REFERENCE, ROOT, pages
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, UserError
from scripts.project_root import project_root


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat docs`."""
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 naming every page that differs from the generated one",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        help="the reference directory (default: docs/reference of the project, see -C)",
    )


def run(args: argparse.Namespace) -> int:
    """Write the pages, or check them."""
    # Imported here, not at the top: scripts.cli imports this module to register it.
    from scripts import cli

    try:
        root = project_root()
    except UserError as exc:
        if args.dir is None:
            print(f"dataplat docs: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        root = ROOT
    home = root / REFERENCE
    rendered = {
        name: render()
        for name, render in pages(cli.build_parser(), cli.__doc__ or "", root).items()
    }
    directory: Path = args.dir or home
    # The stacks' policy configs carry generated expected access (scripts/access/declaration.py).
    # They live beside the stacks, so only the project's own reference directory brings them.
    generated = _declarations(home) if directory.resolve() == home.resolve() else {}
    if args.check:
        stale = [name for name, text in rendered.items() if _current(directory / name) != text]
        stale_files = [path for path, text in generated.items() if _current(path) != text]
        for name in stale:
            print(f"{_shown(directory / name)} is stale or missing", file=sys.stderr)
        for path in stale_files:
            print(f"{_shown(path)} is stale or missing", file=sys.stderr)
        if stale or stale_files:
            command = "dataplat docs" + (
                "" if directory.resolve() == home.resolve() else f" --dir {directory}"
            )
            print(f"regenerate with `{command}` and commit the result", file=sys.stderr)
            return EXIT_VIOLATIONS
        print(f"{len(rendered)} reference pages and {len(generated)} policy configs are current")
        return EXIT_OK
    directory.mkdir(parents=True, exist_ok=True)
    changed = 0
    for name, text in rendered.items():
        path = directory / name
        if _current(path) != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed += 1
            print(f"wrote {_shown(path)}")
    for path, text in generated.items():
        if _current(path) != text:
            path.write_text(text, encoding="utf-8")
            changed += 1
            print(f"wrote {_shown(path)}")
    print(f"{len(rendered)} reference pages and {len(generated)} policy configs, {changed} changed")
    return EXIT_OK


def _declarations(home: Path) -> dict[Path, str]:
    """The stacks' policy configs, when the reference directory is the project's own."""
    from scripts.access.declaration import files

    root = home.parent.parent
    if not (root / "stacks").is_dir():
        return {}
    return files(root)


def _current(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
