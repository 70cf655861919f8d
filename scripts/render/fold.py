"""Fitting Markdown into GitHub's comment limit: how much room there is, and which leading
lines of a section fit in what is left, keeping `<details>` blocks and code fences closed."""

from __future__ import annotations

from collections.abc import Sequence

# GitHub rejects an issue or PR comment above 65,536 characters.
GITHUB_COMMENT_LIMIT = 65_536
# What one report may take of it: a margin for what wraps it (a job summary, other stacks).
MARKDOWN_LIMIT = 60_000
_DETAILS = "<details>"


def fit(lines: Sequence[str], budget: int) -> tuple[list[str], int]:
    """The leading lines that fit in `budget` characters (each counted with its newline),
    and how many were left out.

    A `<details>` block (as `markdown.details` makes it) stays balanced: a table in one is
    cut between rows and the block closed after the last row kept (the table's header,
    separator and at least one row, or nothing); any other folded body (a code block) is
    kept whole or dropped whole, so its fence stays closed too.
    """
    if len(lines) > 4 and lines[0].startswith(_DETAILS) and lines[2].startswith("|"):
        opening, inner, closing = list(lines[:2]), list(lines[2:-2]), list(lines[-2:])
        room = budget - len("\n".join(opening + closing)) - 1
        rows, dropped = fit(inner, room)
        return ([*opening, *rows, *closing], dropped) if len(rows) > 2 else ([], len(lines))
    kept: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        if used + len(line) + 1 > budget:
            if lines[0].startswith(_DETAILS):
                return [], len(lines)
            return kept, len(lines) - i
        kept.append(line)
        used += len(line) + 1
    return kept, 0
