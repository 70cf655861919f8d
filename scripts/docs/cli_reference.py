"""docs/reference/cli.md: every `dataplat` subcommand and flag, read from the parser itself.

Walking `scripts.cli.build_parser()` (argparse's actions) rather than copying `--help`
keeps the page true to the code: a new flag, default or choice shows up on the next
`dataplat docs`. Nothing terminal-dependent is used (no `format_help`, whose wrapping
follows $COLUMNS), and defaults that are paths are shown relative to the repository.
"""

from __future__ import annotations

import argparse
import inspect
from pathlib import Path
from typing import Any

from scripts import errors
from scripts.docs.markdown import generated_notice
from scripts.render.cells import cell, code
from scripts.render.markdown import table_block

ROOT = Path(__file__).resolve().parents[2]


def cli_markdown(parser: argparse.ArgumentParser, contract: str) -> str:
    """The CLI reference page of `parser` (the `dataplat` parser).

    `contract` is the docstring stating the exit-code contract (the `scripts.cli`
    module's); its first paragraph, a summary, is left out.
    """
    out = [
        "# `dataplat` command reference\n\n",
        generated_notice("`scripts.cli.build_parser()`"),
        "\n",
        _text(parser.description),
        "\n## Exit codes\n\n",
        _text(_after_summary(contract)),
        "\n",
        table_block(
            ["code", "constant in `scripts/errors.py`"],
            [
                (str(value), code(name))
                for name, value in sorted(vars(errors).items(), key=lambda kv: str(kv[1]))
                if name.startswith("EXIT_") and isinstance(value, int)
            ],
        ),
        "\nEach subcommand's own contract is in its description below.\n",
        "\n## Subcommands\n\n",
        table_block(
            ["command", "summary"],
            [
                (f"[`{p.prog}`](#{_anchor(p.prog)})", cell(h, markup=True))
                for p, h in _subcommands(parser)
            ],
        ),
    ]
    out.extend(_command(sub, summary) for sub, summary in _walk(parser))
    return "".join(out)


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    """The full names (`dataplat policies list`, ...) of every subcommand, nested ones too."""
    return [sub.prog for sub, _ in _walk(parser)]


def _walk(parser: argparse.ArgumentParser) -> list[tuple[argparse.ArgumentParser, str]]:
    found = []
    for sub, summary in _subcommands(parser):
        found.append((sub, summary))
        found.extend(_walk(sub))
    return found


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[argparse.ArgumentParser, str]]:
    found: list[tuple[argparse.ArgumentParser, str]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            found.extend((sub, helps.get(name, "")) for name, sub in action.choices.items())
    return found


def _command(parser: argparse.ArgumentParser, summary: str) -> str:
    out = [f"\n## {parser.prog}\n\n", f"{summary}\n\n" if summary else ""]
    if parser.description and parser.description.strip() != summary.strip():
        out.append(_text(parser.description) + "\n")
    rows = [_flag_row(a) for a in parser._actions if _documented(a)]
    if rows:
        out.append(table_block(["argument", "help", "default", "choices"], rows))
    sub_names = [sub.prog.rsplit(" ", 1)[-1] for sub, _ in _subcommands(parser)]
    if sub_names:
        out.append(f"\nActions: {', '.join(f'`{n}`' for n in sub_names)} (below).\n")
    return "".join(out)


def _documented(action: argparse.Action) -> bool:
    return not isinstance(action, argparse._HelpAction | argparse._SubParsersAction)


def _flag_row(action: argparse.Action) -> tuple[str, str, str, str]:
    if action.option_strings:
        names = ", ".join(action.option_strings)
        takes_value = action.nargs != 0
        metavar = action.metavar or action.dest.upper()
        label = f"{names} {metavar}" if takes_value else names
    else:
        label = str(action.metavar or action.dest)
    if action.nargs in ("*", "+"):
        label += " ..."
    if action.required and action.option_strings:
        label += " (required)"
    help_text = (action.help or "") % {**vars(action), "prog": ""} if action.help else ""
    choices = ", ".join(f"`{c}`" for c in action.choices) if action.choices else ""
    return code(label), cell(help_text, markup=True), _default(action), cell(choices, markup=True)


def _default(action: argparse.Action) -> str:
    value: Any = action.default
    if value is None or value is argparse.SUPPRESS or action.nargs == 0:
        return ""
    if isinstance(value, list | tuple):
        return code(" ".join(_plain(v) for v in value)) if value else ""
    return code(_plain(value))


def _plain(value: Any) -> str:
    if isinstance(value, Path) and value.is_absolute():
        try:
            return value.relative_to(ROOT).as_posix()
        except ValueError:
            return value.name
    return str(value)


def _after_summary(doc: str) -> str:
    doc = inspect.cleandoc(doc)
    return doc.split("\n\n", 1)[1] if "\n\n" in doc else doc


def _text(text: str | None) -> str:
    """A docstring as Markdown paragraphs (its line breaks kept, its indent removed)."""
    return inspect.cleandoc(text or "") + "\n" if text else ""


def _anchor(title: str) -> str:
    return title.lower().replace(" ", "-")
