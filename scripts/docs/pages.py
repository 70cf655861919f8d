"""The generated reference pages: where each lives and the function that renders it."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path

from policies.rules.catalogue import catalogue_markdown
from policies.rules.common.stateful_types import STATEFUL_TYPES
from scripts.docs.cli_reference import cli_markdown
from scripts.docs.config_reference import config_markdown
from scripts.docs.module_map import module_map_markdown
from scripts.docs.replacements_reference import replacements_markdown
from scripts.docs.stateful_reference import stateful_markdown
from scripts.schema.config_schema import KINDS, schema_text

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path("docs") / "reference"
REFERENCE_DIR = ROOT / REFERENCE
POLICIES_PAGE = REFERENCE_DIR / "policies.md"


def pages(
    parser: argparse.ArgumentParser, contract: str, root: Path = ROOT
) -> dict[str, Callable[[], str]]:
    """File name (in docs/reference/) -> renderer, sorted by name; `root` is the project
    whose modules the module map lists.

    The CLI page needs the `dataplat` parser and its exit-code docstring; they are passed
    in because `scripts.cli` registers the `docs` command, which imports this module.
    """
    table: dict[str, Callable[[], str]] = {
        "cli.md": lambda: cli_markdown(parser, contract),
        "config.md": config_markdown,
        "modules.md": lambda: module_map_markdown(root),
        "policies.md": catalogue_markdown,
        **{
            f"schemas/{kind}.schema.json": functools.partial(schema_text, kind)
            for kind in sorted(KINDS)
        },
        "replacements.md": replacements_markdown,
        "stateful.md": lambda: stateful_markdown(STATEFUL_TYPES),
    }
    return dict(sorted(table.items()))
