"""Running a command under a CPU-time and address-space limit (tests that feed bombs)."""

from __future__ import annotations

import resource
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_limited(
    argv: list[str], seconds: int = 60, memory: int = 4 << 30
) -> subprocess.CompletedProcess[str]:
    """`argv` run from the repository root, killed past `seconds` of CPU or wall time, its
    address space capped at `memory` bytes (an unguarded bomb takes minutes and GBs)."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=limits,
        cwd=ROOT,
        check=False,
    )
