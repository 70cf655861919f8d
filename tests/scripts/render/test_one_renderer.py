"""The reports build their Markdown tables and folds through scripts/render/ only: no
command writes a table separator, a table row's pipes or a `<details>` block by hand."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[3] / "scripts"
# A table separator cell, a row's opening or closing pipe, an HTML fold.
HAND_MADE = re.compile(r"\|\s*-{3}|-{3}:?\s*\||^\| |<details>")


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """String literals (f-strings' literal parts too), docstrings left out."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def hand_made_markdown(root: Path) -> list[str]:
    """`file:line` of every string literal under `root` (outside render/) that draws a table
    or a fold itself."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "render" in path.relative_to(root).parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            f"{path.relative_to(root)}:{line}"
            for line, text in _strings(tree)
            if HAND_MADE.search(text)
        ]
    return found


def test_no_command_draws_a_markdown_table_or_fold_itself() -> None:
    assert hand_made_markdown(SCRIPTS) == []


def test_the_check_finds_a_hand_made_table_and_fold(tmp_path: Path) -> None:
    (tmp_path / "report.py").write_text(
        '"""A docstring may say <details> and | --- |."""\n'
        'SEP = "|---|---:|"\n'
        'ROW = f"| {1} | x |"\n'
        'FOLD = ["<details><summary>x</summary>"]\n',
        encoding="utf-8",
    )
    assert hand_made_markdown(tmp_path) == ["report.py:2", "report.py:3", "report.py:4"]
