"""Progress of long commands (plan, bench, bench-domains) on standard error.

A rich progress display when standard error is a terminal; nothing at all when it is not
(CI logs, pipes, files) or with `--quiet`, so output files and captured streams never
carry spinner frames. Commands take a `Progress` and call `task(...)`; tests inject a
console (`rich.console.Console(force_terminal=True, file=StringIO())`).

rich is imported only when a display may be shown: `--quiet` (how CI and the benchmarks run
`dataplat plan`) never loads it (about 25 ms of imports).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress


class Task(Protocol):
    """One line of the display."""

    def update(self, description: str | None = None, completed: int | None = None) -> None:
        """Change the line's text or its count."""

    def advance(self, steps: int = 1) -> None:
        """Count `steps` more done."""


class Progress(Protocol):
    """What commands report through."""

    def task(self, description: str, total: int | None = None) -> Task:
        """A new line; `total` None shows a spinner and a count, not a bar."""

    def close(self) -> None:
        """Stop the display (idempotent)."""


class _Silent:
    def task(self, description: str, total: int | None = None) -> Task:
        return self

    def update(self, description: str | None = None, completed: int | None = None) -> None:
        return None

    def advance(self, steps: int = 1) -> None:
        return None

    def close(self) -> None:
        return None


class _RichTask:
    def __init__(self, progress: RichProgress, task_id: Any) -> None:
        self._progress = progress
        self._id = task_id

    def update(self, description: str | None = None, completed: int | None = None) -> None:
        self._progress.update(self._id, description=description, completed=completed)

    def advance(self, steps: int = 1) -> None:
        self._progress.advance(self._id, steps)


class _Rich:
    def __init__(self, console: Console) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn
        from rich.progress import Progress as RichProgress

        self._progress = RichProgress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=False,
            # Standard output stays untouched: rich would send it through this (stderr)
            # console, so `dataplat plan > plan.json` would lose its JSON to the terminal.
            redirect_stdout=False,
        )
        self._progress.start()
        self._closed = False

    def task(self, description: str, total: int | None = None) -> Task:
        return _RichTask(self._progress, self._progress.add_task(description, total=total))

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._progress.stop()


SILENT: Progress = _Silent()


def progress_for(quiet: bool, console: Console | None = None) -> Progress:
    """A display on `console` (default: standard error) if it is a terminal and not `quiet`."""
    if quiet:
        return SILENT
    if console is None:
        from rich.console import Console

        console = Console(stderr=True)
    if not console.is_terminal:
        return SILENT
    return _Rich(console)


@contextlib.contextmanager
def progress(quiet: bool, console: Console | None = None) -> Iterator[Progress]:
    """`progress_for` that always stops its display, also on errors."""
    shown = progress_for(quiet, console)
    try:
        yield shown
    finally:
        shown.close()
