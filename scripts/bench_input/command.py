"""`dataplat bench-input`: the input reader's time and memory, accepting and refusing.

Writes, in a temporary directory, the largest files the reader accepts (a dense config
YAML just under 1 MiB, a plan-shaped JSON document of 1.1 MB like today's prod plan, and
optionally one just under the document limit) and the hostile inputs it refuses (an
anchor bomb, nesting 10,000 deep, a duplicate key at the end of a 1 MiB file, a bad
byte at its end, a 50 MB comment, a directory, a FIFO, a dangling symlink and one out of
the project). Each is read by `stacks.input_files` in a fresh interpreter, and one line
per file prints the outcome, the reader's seconds and the process's peak resident memory
(the interpreter and its imports alone are printed first, for reference). A benchmark: it
prints figures and asserts nothing. Exit code 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from policies.rules.facts.tokens import S3_BUCKET
from scripts.project_root import project_root
from stacks.input_files import CONFIG, DOCUMENT, MIB

# Run in a fresh interpreter per file, so each peak memory is that file's alone.
CHILD = """
import sys, time
from pathlib import Path
from stacks import input_files as reader
kind = {"config": reader.CONFIG, "document": reader.DOCUMENT}[sys.argv[1]]
path, inside = Path(sys.argv[2]), Path(sys.argv[3])
read = reader.read_json if path.suffix == ".json" else reader.read_yaml
start = time.perf_counter()
try:
    read(path, kind, inside) if sys.argv[2] != "-" else None
    outcome = "accepted"
except reader.InputRefused as exc:
    outcome = "refused: " + exc.message[:70]
seconds = time.perf_counter() - start
# VmHWM, not ru_maxrss: Linux carries the parent's peak across exec into ru_maxrss.
status = Path("/proc/self/status").read_text().splitlines()
peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) / 1024
print(f"{seconds:.3f}\\t{peak:.0f}\\t{outcome}")
"""


def anchor_bomb(levels: int = 9) -> str:
    """The billion-laughs YAML document: about 1 KB, 9**levels strings once expanded."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def dense_config(limit: int = CONFIG.max_bytes - 1024) -> str:
    """A YAML list of small flow mappings just under `limit` bytes (the most nodes a
    config file of that size holds in practice)."""
    lines = ["name: big", "items:"]
    size, index = 0, 0
    while size < limit - 64:
        line = f"  - {{name: item_{index}, size: XSMALL, credit_quota: 10}}"
        lines.append(line)
        size += len(line) + 1
        index += 1
    return "\n".join(lines) + "\n"


def plan_document(target_bytes: int) -> str:
    """A plan-shaped JSON document of about `target_bytes`."""
    resource = {
        "urn": "urn:pulumi:prod::data-platform::aws:s3/bucket:Bucket::acme-dp-prod-raw",
        "type": S3_BUCKET,
        "inputs": {"bucket": "acme-dp-prod-raw", "tags": {"owner": "data-platform"}},
        "dependencies": ["urn:pulumi:prod::data-platform::aws:kms/key:Key::acme-dp-prod"],
    }
    one = len(json.dumps(resource)) + 2
    return json.dumps({"project": "data-platform", "resources": [resource] * (target_bytes // one)})


def _cases(directory: Path, huge: bool) -> list[tuple[str, str, Path, Callable[[Path], object]]]:
    """(label, kind, file, how to make it)."""

    def text(content: str) -> Callable[[Path], object]:
        return lambda path: path.write_text(content, encoding="utf-8")

    dense = dense_config()
    plan = plan_document(1_150_000)
    cases: list[tuple[str, str, Path, Callable[[Path], object]]] = [
        ("interpreter and imports only", "config", Path("-"), lambda _: None),
        (
            "prod stack file",
            "config",
            project_root() / "stacks" / "Pulumi.prod.yaml",
            lambda _: None,
        ),
        ("config YAML just under 1 MiB", "config", directory / "dense.yaml", text(dense)),
        (
            "plan JSON of 1.1 MB",
            "document",
            directory / "plan.json",
            text(plan_document(1_150_000)),
        ),
        ("anchor bomb (1 KB, 9 levels)", "config", directory / "bomb.yaml", text(anchor_bomb())),
        (
            "YAML nested 10,000 deep",
            "config",
            directory / "deep.yaml",
            text("a: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        ),
        (
            "JSON nested 100,000 deep",
            "document",
            directory / "deep.json",
            text("[" * 100_000 + "]" * 100_000),
        ),
        (
            "duplicate key at the end of 1 MiB",
            "config",
            directory / "dup.yaml",
            text(dense + "name: again\n"),
        ),
        (
            "duplicate key at the end of a 1.1 MB plan",
            "document",
            directory / "dup.json",
            text(plan[:-1] + ', "project": "again"}'),
        ),
        (
            "bad byte at the end of 1 MiB",
            "config",
            directory / "latin1.yaml",
            lambda path: path.write_bytes(dense.encode() + b"owner: Jos\xe9\n"),
        ),
        (
            "50 MB comment",
            "config",
            directory / "comment.yaml",
            text("# " + "x" * 50_000_000 + "\n"),
        ),
        ("a directory", "config", directory / "folder.yaml", lambda path: path.mkdir()),
        ("a FIFO", "config", directory / "fifo.yaml", lambda path: os.mkfifo(path)),
        (
            "a dangling symlink",
            "config",
            directory / "gone.yaml",
            lambda path: path.symlink_to(directory / "nowhere.yaml"),
        ),
        (
            "a symlink out of the project",
            "config",
            directory / "out.yaml",
            lambda path: path.symlink_to("/etc/hostname"),
        ),
    ]
    if huge:
        size = DOCUMENT.max_bytes - MIB
        cases.insert(4, ("plan JSON just under 64 MiB", "document", directory / "huge.json",
                         text(plan_document(size))))  # fmt: skip
    return cases


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat bench-input`."""
    parser.add_argument(
        "--huge",
        action="store_true",
        help="also read a plan just under the document limit (64 MiB; about 1 GB of memory)",
    )


def run(args: argparse.Namespace) -> int:
    """Write each file, read it in a fresh interpreter, print one line per file."""
    with tempfile.TemporaryDirectory(prefix="dataplat-bench-input-") as tmp:
        directory = Path(tmp)
        print(f"{'file':<44} {'seconds':>8} {'peak MB':>8}  outcome")
        for label, kind, path, make in _cases(directory, args.huge):
            make(path)
            done = subprocess.run(
                [sys.executable, "-c", CHILD, kind, str(path), str(directory)],
                capture_output=True,
                text=True,
                cwd=project_root(),
                timeout=600,
                check=False,
            )
            if done.returncode != 0:
                print(f"{label:<44} {'-':>8} {'-':>8}  crashed: {done.stderr.strip()[-200:]}")
                continue
            seconds, peak, outcome = done.stdout.strip().split("\t", 2)
            print(f"{label:<44} {seconds:>8} {peak:>8}  {outcome}")
    return 0
