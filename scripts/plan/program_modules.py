"""The program's own modules: a project planned by `dataplat` runs its code, not ours.

`dataplat` imports `components`, `stacks`, `policies` and the rest from where it is
installed, and Python caches them in `sys.modules`. A program run from another copy of the
repository (`-C DIR`, or the current directory) would find those cached modules first and
plan the installed code with the copy's YAML. `project_modules(directory)` hides, for the
run, every cached module whose top-level package the project directory also holds, so the
copy's imports load its own files; afterwards the copy's modules are dropped and ours put
back, so the command's own code is unchanged. For the project `dataplat` is installed
from nothing is hidden (same files, same cache, imports paid once per process).
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType


def top_level_names(directory: Path) -> set[str]:
    """The top-level names `directory` provides: regular packages (this project has no
    namespace packages; a folder of YAML files such as a bench's `stacks/` is none) and
    modules."""
    names = {p.parent.name for p in directory.glob("*/__init__.py") if p.parent.name.isidentifier()}
    return names | {p.stem for p in directory.glob("*.py") if p.stem.isidentifier()}


def is_installed_from(directory: Path) -> bool:
    """Whether `dataplat` itself runs from the project at `directory` (same files)."""
    return Path(__file__).resolve().is_relative_to(directory.resolve())


@contextlib.contextmanager
def project_modules(directory: Path) -> Iterator[None]:
    """While inside, imports of the project's top-level packages load its own files.

    Nothing changes for the project `dataplat` runs from. For any other, every cached
    module of a top-level name the project provides is hidden for the run (so each run
    imports the project's code afresh, never a previous run's or ours) and put back after;
    the run's own imports of those names are dropped.
    """
    if is_installed_from(directory):
        yield
        return
    names = top_level_names(directory.resolve())
    hidden = _of(names, sys.modules)
    for name in hidden:
        del sys.modules[name]
    try:
        yield
    finally:
        for name in _of(names, sys.modules):
            del sys.modules[name]
        sys.modules.update(hidden)


def _of(names: set[str], modules: dict[str, ModuleType]) -> dict[str, ModuleType]:
    return {n: m for n, m in modules.items() if n.partition(".")[0] in names}


@contextlib.contextmanager
def project_imports(directory: Path) -> Iterator[Callable[[str], ModuleType]]:
    """Inside, the function given imports a module of the project at `directory` (its own
    files, first on sys.path; for the installed project simply ours)."""
    if is_installed_from(directory):
        yield importlib.import_module
        return
    previous_path = list(sys.path)
    sys.path.insert(0, str(directory.resolve()))
    try:
        with project_modules(directory):
            yield importlib.import_module
    finally:
        sys.path[:] = previous_path
