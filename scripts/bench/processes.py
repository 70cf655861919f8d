"""Fresh-process timings for `dataplat bench`: `dataplat plan` against the SDK's floor.

Each figure is a fresh Python process started the way a user or CI starts `dataplat`
(`python -m <module>` with the project's interpreter and the project root on PYTHONPATH),
timed from start to exit: wall seconds, and CPU seconds (user + system, from the child's
resource usage). On a machine shared with other work the wall time stretches with the load
while the CPU time barely moves, so both are printed and both ratios are given. Runs of the
two commands compared are interleaved, so that a busy machine slows both alike.

The floor (scripts/plan/floor.py) is captured once per measurement from a plan of the same
stacks: the SDK modules that plan had imported, and its registrations.

Both sides start from byte-compiled modules. pip compiles the SDKs when it installs them,
but the project is installed editable, and with PYTHONDONTWRITEBYTECODE set (as on the
machine these figures were first taken on) Python never caches its modules: every plan
compiled ~360 of them from source (about 0.15-0.2 CPU seconds), which the floor, importing
only the SDKs and a handful of ours, did not. `byte_compile_project` compiles them first, as
a default interpreter would have on the first run; `dataplat bench --from-source` skips it.
"""

from __future__ import annotations

import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.plan.program_modules import top_level_names
from scripts.project_root import project_root


@dataclass(frozen=True)
class Timing:
    """Seconds of one process (or the medians of several): wall clock and CPU."""

    wall: float
    cpu: float

    def ratio(self, base: Timing) -> Timing:
        """This timing over `base`, per measure."""
        return Timing(self.wall / base.wall, self.cpu / base.cpu)


def median(timings: Sequence[Timing]) -> Timing:
    """The median wall time and the median CPU time."""
    return Timing(
        statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)
    )


def best(timings: Sequence[Timing]) -> Timing:
    """The shortest wall time and the shortest CPU time: the estimator a shared machine
    disturbs least, since other work only ever adds time (Python's documentation of
    `timeit.Timer.repeat`: "the lowest value gives a lower bound for how fast your machine
    can run the given code snippet; higher values ... are typically ... caused by other
    processes interfering with your timing accuracy")."""
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


def byte_compile_project() -> int:
    """Compile the project's packages and modules (not its tests) into their __pycache__
    folders, as pip does for an installed package; the number of files looked at."""
    root = project_root()
    files = 0
    for name in sorted(top_level_names(root) - {"tests"}):
        path = root / name
        if path.is_dir():
            compileall.compile_dir(path, quiet=1, workers=1)
            files += sum(1 for _ in path.rglob("*.py"))
        elif (path := root / f"{name}.py").is_file():
            compileall.compile_file(path, quiet=1)
            files += 1
    return files


def timed_process(arguments: Sequence[str]) -> Timing:
    """Run `python <arguments>` in the project root; its wall and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *arguments],
        cwd=project_root(),
        env={**os.environ, "PYTHONPATH": str(project_root())},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def plan_arguments(stacks: Sequence[str], out_dir: Path) -> list[str]:
    """`-m scripts.cli plan ...` of `stacks`, JSON into `out_dir`."""
    command = ["-m", "scripts.cli", "plan", "--quiet", "--format", "json"]
    return [*command, *(a for s in stacks for a in ("--stack", s)), "--out-dir", str(out_dir)]


def floor_times(
    stacks: Sequence[str], repeat: int, tick: Callable[[], None]
) -> tuple[list[Timing], list[Timing]]:
    """Every timing of `dataplat plan` of `stacks` (one command) and of its floor, in run
    order (interleaved)."""
    plans, floors = [], []
    floor = ["-m", "scripts.plan.floor"]
    with tempfile.TemporaryDirectory(prefix="dataplat-floor-") as directory:
        captured, out = Path(directory, "captured"), Path(directory, "out")
        captured.mkdir()
        out.mkdir()
        timed_process([*floor, "capture", str(captured), *stacks])
        tick()
        for _ in range(repeat):
            plans.append(timed_process(plan_arguments(stacks, out)))
            tick()
            floors.append(
                timed_process(["-m", "scripts.plan.floor", "replay", str(captured), *stacks])
            )
            tick()
    return plans, floors


@dataclass(frozen=True)
class MultiStackRuns:
    """Every timing, in run order (interleaved), of `dataplat plan` for the first stack alone
    and for all the stacks in one command, and of the floors of the two."""

    one: list[Timing]
    many: list[Timing]
    floor_one: list[Timing]
    floor_many: list[Timing]


def multi_stack_times(
    stacks: Sequence[str], repeat: int, tick: Callable[[], None]
) -> MultiStackRuns:
    """`dataplat plan` of the first of `stacks` alone and of all of them in one command,
    each beside its floor."""
    runs = MultiStackRuns([], [], [], [])
    floor = ["-m", "scripts.plan.floor"]
    with tempfile.TemporaryDirectory(prefix="dataplat-bench-") as directory:
        out, first, every = (Path(directory, n) for n in ("out", "first", "every"))
        for made in (out, first, every):
            made.mkdir()
        timed_process([*floor, "capture", str(first), *stacks[:1]])
        timed_process([*floor, "capture", str(every), *stacks])
        tick()
        for _ in range(repeat):
            runs.one.append(timed_process(plan_arguments(stacks[:1], out)))
            runs.many.append(timed_process(plan_arguments(stacks, out)))
            tick()
            runs.floor_one.append(timed_process([*floor, "replay", str(first), *stacks[:1]]))
            runs.floor_many.append(timed_process([*floor, "replay", str(every), *stacks]))
            tick()
    return runs
