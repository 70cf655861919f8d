"""Run one operation over an environment's selected stacks, in dependency order.

`up`, `preview` and `refresh` run the platform stack first, then the domain stacks in
parallel (at most `parallel` at once); `destroy` runs the domain stacks first and the
platform last, as Terragrunt's `run --all destroy` reverses its order. A domain stack's
failure is reported and the others go on; a platform failure blocks the stacks that read
it (they would read stale or missing outputs), and a failed domain `destroy` blocks the
platform's (its resources still depend on the platform). The exit code is non-zero when
any stack failed or was blocked, after every runnable stack ran.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from scripts.orchestrate.fingerprint import TAG, code_digest, domain_config, inputs_digest
from scripts.orchestrate.targets import Environment, StackTarget
from scripts.orchestrate.workspace import StackSession, Workspace
from scripts.render.text import columns


class Operation(StrEnum):
    """The Pulumi operation a run performs on every selected stack."""

    UP = "up"
    PREVIEW = "preview"
    REFRESH = "refresh"
    DESTROY = "destroy"


class Status(StrEnum):
    """How one stack's part of a run ended."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    SKIPPED = "skipped"  # inputs and referenced outputs unchanged since its last `up`
    BLOCKED = "blocked"  # not run: a stack it depends on (or that depends on it) failed


# After these, the stored digest no longer says "state matches the program": a destroy
# emptied the stack, a refresh may have written drift into state that only an `up` reverts.
UNSET = {Operation.DESTROY: "destroyed", Operation.REFRESH: "refreshed"}
# Only these may be skipped; a refresh exists to see what changed outside the program.
SKIPPABLE = (Operation.UP, Operation.PREVIEW)


@dataclass(frozen=True)
class StackResult:
    """One stack's outcome: its key, its stack name, the status and a one-line reason."""

    key: str
    stack: str
    status: Status
    detail: str = ""


@dataclass
class Run:
    """One run's settings.

    Attributes:
        operation: What to do to each stack.
        env: The environment's stacks.
        selected: The stacks to run (platform first), from `targets.select`.
        workspace: Selects each stack (the Automation API, or a fake in tests).
        root: The platform project's root (code digest, input paths).
        parallel: Most domain stacks run at once. Defaults to 4.
        force: Never skip a domain stack. Defaults to False.
        progress: Receives one line per event (the CLI prints to standard error).
    """

    operation: Operation
    env: Environment
    selected: Sequence[StackTarget]
    workspace: Workspace
    root: Path
    parallel: int = 4
    force: bool = False
    progress: Callable[[str], None] = field(default=lambda line: None)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def say(self, line: str) -> None:
        """One progress line (whole lines, even from parallel stacks)."""
        with self._lock:
            self.progress(line)


def run(settings: Run) -> list[StackResult]:
    """Every selected stack's result, platform first (see the module docstring)."""
    platform = settings.env.platform
    run_platform = platform in settings.selected
    domains = [t for t in settings.selected if t.domain is not None]
    results: dict[str, StackResult] = {}
    if settings.operation is not Operation.DESTROY and run_platform:
        results[platform.key] = _platform(settings)
    upstream_failed = run_platform and results.get(platform.key, _ok()).status is Status.FAILED
    if domains:
        if upstream_failed:
            reason = f"platform stack {platform.stack} failed"
            for t in domains:
                results[t.key] = StackResult(t.key, t.stack, Status.BLOCKED, reason)
        else:
            results.update(_domains(settings, domains))
    if settings.operation is Operation.DESTROY and run_platform:
        failed = [t.key for t in domains if results[t.key].status is not Status.SUCCEEDED]
        results[platform.key] = (
            StackResult(
                platform.key,
                platform.stack,
                Status.BLOCKED,
                f"domain stacks not destroyed: {', '.join(failed)}",
            )
            if failed
            else _platform(settings)
        )
    return [results[t.key] for t in settings.selected]


def _ok() -> StackResult:
    return StackResult("", "", Status.SUCCEEDED)


def _platform(settings: Run) -> StackResult:
    target = settings.env.platform
    try:
        session = settings.workspace.select(target)
        _operate(settings, target, session)
    except Exception as exc:  # any engine or CLI error: the summary names it
        return _failed(settings, target, exc)
    settings.say(f"{target.key} ({target.stack}): {settings.operation} succeeded")
    return StackResult(target.key, target.stack, Status.SUCCEEDED)


def _domains(settings: Run, domains: Sequence[StackTarget]) -> dict[str, StackResult]:
    """Each domain stack, at most `parallel` at once; one failure stops no other."""
    try:
        platform = settings.workspace.select(settings.env.platform)
        config = dict(platform.get_all_config())
        outputs = dict(platform.outputs())
    except Exception as exc:
        reason = f"cannot read platform stack {settings.env.platform.stack}: {_first_line(exc)}"
        settings.say(reason)
        return {t.key: StackResult(t.key, t.stack, Status.BLOCKED, reason) for t in domains}
    code = code_digest(settings.root)
    with ThreadPoolExecutor(max_workers=settings.parallel) as pool:
        futures = {t.key: pool.submit(_domain, settings, t, config, outputs, code) for t in domains}
        return {key: future.result() for key, future in futures.items()}


def _domain(
    settings: Run,
    target: StackTarget,
    platform_config: Mapping[str, Any],
    platform_outputs: Mapping[str, Any],
    code: str,
) -> StackResult:
    assert target.domain is not None
    try:
        session = settings.workspace.select(target)
        config = domain_config(platform_config, target.domain)
        session.set_all_config(config)
        digest = inputs_digest(target.inputs, settings.root, config, code, platform_outputs)
        skippable = settings.operation in SKIPPABLE and not settings.force
        if skippable and session.list_tags().get(TAG) == digest:
            settings.say(f"{target.key} ({target.stack}): unchanged since its last up, skipped")
            return StackResult(target.key, target.stack, Status.SKIPPED, "inputs unchanged")
        _operate(settings, target, session)
        if settings.operation is Operation.UP:
            session.set_tag(TAG, digest)
        elif settings.operation in UNSET:
            session.set_tag(TAG, UNSET[settings.operation])
    except Exception as exc:
        return _failed(settings, target, exc)
    settings.say(f"{target.key} ({target.stack}): {settings.operation} succeeded")
    return StackResult(target.key, target.stack, Status.SUCCEEDED)


def _operate(settings: Run, target: StackTarget, session: StackSession) -> None:
    settings.say(f"{target.key} ({target.stack}): {settings.operation} started")

    def on_output(line: str) -> None:
        settings.say(f"[{target.key}] {line.rstrip()}")

    operations = {
        Operation.UP: session.up,
        Operation.PREVIEW: session.preview,
        Operation.REFRESH: session.refresh,
        Operation.DESTROY: session.destroy,
    }
    operations[settings.operation](on_output=on_output)


def _failed(settings: Run, target: StackTarget, exc: Exception) -> StackResult:
    reason = _first_line(exc)
    settings.say(f"{target.key} ({target.stack}): {settings.operation} FAILED: {reason}")
    return StackResult(target.key, target.stack, Status.FAILED, reason)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def summary(operation: Operation, env: str, results: Sequence[StackResult]) -> str:
    """The table printed after a run: every stack, its status and reason, then the counts."""
    rows = [
        (r.key, r.stack, f"{r.status}" + (f"  {r.detail}" if r.detail else "")) for r in results
    ]
    lines = [f"dataplat {operation} --env {env}:", *columns(rows, indent="  ")]
    counts = {s: sum(r.status is s for r in results) for s in Status}
    lines.append("  " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    return "\n".join(lines)


def exit_code(results: Sequence[StackResult]) -> int:
    """0 when every stack succeeded or was skipped, 1 otherwise."""
    bad = {Status.FAILED, Status.BLOCKED}
    return 1 if any(r.status in bad for r in results) else 0
