"""Every `dataplat` command is one package of the same shape: `scripts/<package>/command.py`
with `add_arguments(parser)` and `run(args) -> int`, its helpers beside it in the package."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

from scripts.cli import SUBCOMMANDS

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
COMMAND_MODULE = re.compile(r"scripts\.([a-z_]+)\.command")


def test_every_subcommand_is_the_command_module_of_a_package() -> None:
    """Each SUBCOMMANDS entry names `scripts.<package>.command`, never a loose module."""
    loose = [(name, path) for name, path, _ in SUBCOMMANDS if not COMMAND_MODULE.fullmatch(path)]
    assert loose == []


def test_every_command_module_has_add_arguments_and_run() -> None:
    """The CLI calls exactly these two functions, with these parameters."""
    for name, path, _ in SUBCOMMANDS:
        module = importlib.import_module(path)
        for function, parameters in (("add_arguments", ["parser"]), ("run", ["args"])):
            found = getattr(module, function, None)
            assert callable(found), f"{name}: {path} has no {function}()"
            assert list(inspect.signature(found).parameters)[:1] == parameters, (
                f"{name}: {path}.{function} takes {inspect.signature(found)}"
            )


def test_no_top_level_module_of_scripts_is_a_command() -> None:
    """A module beside cli.py that defines `add_arguments` is a command outside its package."""
    commands = sorted(
        path.name
        for path in SCRIPTS.glob("*.py")
        if path.name != "cli.py"
        and any(
            isinstance(node, ast.FunctionDef) and node.name == "add_arguments"
            for node in ast.parse(path.read_text(encoding="utf-8")).body
        )
    )
    assert commands == []


def test_every_package_holding_a_command_module_is_a_subcommand() -> None:
    """No orphan `command.py`: each one is reachable from `dataplat`."""
    listed = {path for _, path, _ in SUBCOMMANDS}
    on_disk = {f"scripts.{path.parent.name}.command" for path in SCRIPTS.glob("*/command.py")}
    assert on_disk - listed == set()
