"""Run one operation over an environment's selected stacks, layer by layer.

`up`, `preview` and `refresh` run the platform stack first, then the domain stacks in
parallel (at most `parallel` at once), then the edges stack; `destroy` runs the layers in
reverse (edges, domains, platform), as Terragrunt's `run --all destroy` reverses its
order. With `domain_stacks: false` the platform stack is the only one.

What blocks what (a blocked stack is not run; the summary names why):
- a failed platform blocks the domain stacks and edges (they would read stale or missing
  outputs);
- a failed or blocked domain `up` blocks edges' `up`: edges writes each zone bucket's one
  notification configuration from every domain stack's outputs (their pipes' queues), and
  a domain whose update failed may hold outputs that match neither its old nor its new
  pipes. `preview` and `refresh` of edges still run: they change nothing, and edges'
  preview reads the outputs the domains already deployed (a preview writes none);
- in `destroy`, a failed edges destroy blocks the domain stacks (the notification
  configuration still targets their queues), and a failed domain destroy blocks the
  platform's (its resources still depend on the platform).
A domain stack's failure is reported and the other domain stacks go on. The exit code is
non-zero when any stack failed or was blocked, after every runnable stack ran.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from scripts.orchestrate.fingerprint import (
    TAG,
    code_digest,
    domain_config,
    edges_config,
    edges_outputs,
    inputs_digest,
)
from scripts.orchestrate.targets import Environment, Layer, StackTarget
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
# What counts as done for a stack another one waits on.
DONE = (Status.SUCCEEDED, Status.SKIPPED)


@dataclass(frozen=True)
class StackResult:
    """One stack's outcome: its key, its stack name, the status, a one-line reason and
    the engine's count of resources per operation (`create`, `same`, ...; empty when the
    stack did not run or the engine reported none)."""

    key: str
    stack: str
    status: Status
    detail: str = ""
    changes: Mapping[str, int] = field(default_factory=dict)


@dataclass
class Run:
    """One run's settings.

    Attributes:
        operation: What to do to each stack.
        env: The environment's stacks.
        selected: The stacks to run (layer order), from `targets.select`.
        workspace: Selects each stack (the Automation API, or a fake in tests).
        root: The platform project's root (code digest, input paths).
        parallel: Most domain stacks run at once. Defaults to 4.
        force: Never skip a domain or edges stack. Defaults to False.
        progress: Receives one line per event (the CLI prints to standard error).
        policy_packs: Policy pack directories `up` and `preview` enforce (absolute: each
            stack runs in its own project's directory). Defaults to none.
        policy_pack_configs: Their config files, one per pack, in the same order.
    """

    operation: Operation
    env: Environment
    selected: Sequence[StackTarget]
    workspace: Workspace
    root: Path
    parallel: int = 4
    force: bool = False
    progress: Callable[[str], None] = field(default=lambda line: None)
    policy_packs: Sequence[str] = ()
    policy_pack_configs: Sequence[str] = ()
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def say(self, line: str) -> None:
        """One progress line (whole lines, even from parallel stacks)."""
        with self._lock:
            self.progress(line)

    def layer(self, layer: Layer) -> list[StackTarget]:
        """The selected stacks of one layer."""
        return [t for t in self.selected if t.layer is layer]


@dataclass(frozen=True)
class PlatformView:
    """What the domain and edges stacks read of the platform: its config and outputs."""

    config: Mapping[str, Any]
    outputs: Mapping[str, Any]
    code: str


def run(settings: Run) -> list[StackResult]:
    """Every selected stack's result, in layer order (see the module docstring)."""
    destroy = settings.operation is Operation.DESTROY
    results = _destroy(settings) if destroy else _forward(settings)
    return [results[t.key] for t in settings.selected]


def _forward(settings: Run) -> dict[str, StackResult]:
    """Platform, then domains, then edges."""
    results: dict[str, StackResult] = {}
    for target in settings.layer(Layer.PLATFORM):
        results[target.key] = _platform(settings)
    failed = [r.stack for r in results.values() if r.status not in DONE]
    domains, edges = settings.layer(Layer.DOMAINS), settings.layer(Layer.EDGES)
    if failed:
        reason = f"platform stack {failed[0]} failed"
        return results | _blocked([*domains, *edges], reason)
    view = _platform_view(settings) if domains or edges else None
    if isinstance(view, str):
        return results | _blocked([*domains, *edges], view)
    if domains:
        assert view is not None
        results.update(_domains(settings, domains, view))
    for target in edges:
        assert view is not None
        not_done = [t.key for t in domains if results[t.key].status not in DONE]
        if settings.operation is Operation.UP and not_done:
            reason = f"domain stacks not deployed: {', '.join(not_done)}"
            results |= _blocked([target], reason)
        else:
            results[target.key] = _edges(settings, target, view)
    return results


def _destroy(settings: Run) -> dict[str, StackResult]:
    """Edges, then domains, then the platform; each layer only if the one after it is gone."""
    results: dict[str, StackResult] = {}
    domains, edges = settings.layer(Layer.DOMAINS), settings.layer(Layer.EDGES)
    view = _platform_view(settings) if domains or edges else None
    if isinstance(view, str):
        results |= _blocked([*edges, *domains], view)
    else:
        for target in edges:
            assert view is not None
            results[target.key] = _edges(settings, target, view)
        kept = [r.stack for r in results.values() if r.status is not Status.SUCCEEDED]
        if kept:
            results |= _blocked(domains, f"edges stack {kept[0]} not destroyed")
        elif domains:
            assert view is not None
            results.update(_domains(settings, domains, view))
    for target in settings.layer(Layer.PLATFORM):
        left = [k for k, r in results.items() if r.status is not Status.SUCCEEDED]
        results[target.key] = (
            StackResult(
                target.key, target.stack, Status.BLOCKED, f"stacks not destroyed: {', '.join(left)}"
            )
            if left
            else _platform(settings)
        )
    return results


def _blocked(targets: Sequence[StackTarget], reason: str) -> dict[str, StackResult]:
    return {t.key: StackResult(t.key, t.stack, Status.BLOCKED, reason) for t in targets}


def _platform(settings: Run) -> StackResult:
    target = settings.env.platform
    try:
        session = settings.workspace.select(target)
        changes = _operate(settings, target, session)
    except Exception as exc:  # any engine or CLI error: the summary names it
        return _failed(settings, target, exc)
    settings.say(f"{target.key} ({target.stack}): {settings.operation} succeeded")
    return StackResult(target.key, target.stack, Status.SUCCEEDED, changes=changes)


def _platform_view(settings: Run) -> PlatformView | str:
    """The platform's config and outputs, or why they cannot be read."""
    try:
        platform = settings.workspace.select(settings.env.platform)
        config = dict(platform.get_all_config())
        outputs = dict(platform.outputs())
    except Exception as exc:
        reason = f"cannot read platform stack {settings.env.platform.stack}: {_first_line(exc)}"
        settings.say(reason)
        return reason
    return PlatformView(config, outputs, code_digest(settings.root))


def _domains(
    settings: Run, domains: Sequence[StackTarget], view: PlatformView
) -> dict[str, StackResult]:
    """Each domain stack, at most `parallel` at once; one failure stops no other."""
    with ThreadPoolExecutor(max_workers=settings.parallel) as pool:
        futures = {t.key: pool.submit(_domain, settings, t, view) for t in domains}
        return {key: future.result() for key, future in futures.items()}


def _domain(settings: Run, target: StackTarget, view: PlatformView) -> StackResult:
    assert target.domain is not None
    config = domain_config(view.config, target.domain)
    return _digested(settings, target, config, view.code, view.outputs)


def _edges(settings: Run, target: StackTarget, view: PlatformView) -> StackResult:
    """The edges stack, its digest over the platform's and every domain stack's outputs
    (all domains of the environment, selected or not: it reads them all)."""
    try:
        with ThreadPoolExecutor(max_workers=settings.parallel) as pool:
            read = {
                t.key: pool.submit(lambda t: dict(settings.workspace.select(t).outputs()), t)
                for t in settings.env.domains
            }
            domain_outputs = {key: future.result() for key, future in read.items()}
    except Exception as exc:
        return _failed(settings, target, exc, "cannot read the domain stacks' outputs: ")
    outputs = edges_outputs(view.outputs, domain_outputs)
    return _digested(settings, target, edges_config(view.config), view.code, outputs)


def _digested(
    settings: Run,
    target: StackTarget,
    config: dict[str, Any],
    code: str,
    read_outputs: Mapping[str, Any],
) -> StackResult:
    """Write the stack's config, skip it when its digest is the stored one, else run it
    and store (or unset) the digest."""
    try:
        session = settings.workspace.select(target)
        session.set_all_config(config)
        digest = inputs_digest(target.inputs, settings.root, config, code, read_outputs)
        skippable = settings.operation in SKIPPABLE and not settings.force
        if skippable and session.list_tags().get(TAG) == digest:
            settings.say(f"{target.key} ({target.stack}): unchanged since its last up, skipped")
            return StackResult(target.key, target.stack, Status.SKIPPED, "inputs unchanged")
        changes = _operate(settings, target, session)
        if settings.operation is Operation.UP:
            session.set_tag(TAG, digest)
        elif settings.operation in UNSET:
            session.set_tag(TAG, UNSET[settings.operation])
    except Exception as exc:
        return _failed(settings, target, exc)
    settings.say(f"{target.key} ({target.stack}): {settings.operation} succeeded")
    return StackResult(target.key, target.stack, Status.SUCCEEDED, changes=changes)


def _operate(settings: Run, target: StackTarget, session: StackSession) -> dict[str, int]:
    """Run the operation; the engine's resource counts per operation from its result."""
    settings.say(f"{target.key} ({target.stack}): {settings.operation} started")

    def on_output(line: str) -> None:
        settings.say(f"[{target.key}] {line.rstrip()}")

    packs = list(settings.policy_packs) or None
    configs = list(settings.policy_pack_configs) or None
    if settings.operation is Operation.UP:
        result = session.up(on_output=on_output, policy_packs=packs, policy_pack_configs=configs)
    elif settings.operation is Operation.PREVIEW:
        result = session.preview(
            on_output=on_output, policy_packs=packs, policy_pack_configs=configs
        )
    elif settings.operation is Operation.REFRESH:
        result = session.refresh(on_output=on_output)
    else:
        result = session.destroy(on_output=on_output)
    return change_counts(result)


def change_counts(result: Any) -> dict[str, int]:
    """`PreviewResult.change_summary` or `UpResult/RefreshResult/DestroyResult.summary.
    resource_changes` (pulumi 3.272 `automation/_stack.py`) as {operation: count}, keys
    the `OpType` values (`create`, `same`, ...); {} when the result has neither."""
    counts = getattr(result, "change_summary", None)
    if counts is None:
        counts = getattr(getattr(result, "summary", None), "resource_changes", None)
    if not isinstance(counts, Mapping):
        return {}
    return {str(getattr(op, "value", op)): int(n) for op, n in sorted(counts.items(), key=str)}


def _failed(settings: Run, target: StackTarget, exc: Exception, prefix: str = "") -> StackResult:
    reason = prefix + _first_line(exc)
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


def results_document(
    operation: Operation, env: Environment, results: Sequence[StackResult]
) -> dict[str, Any]:
    """The run's results as data (`--results FILE`): what the PR comment merges."""
    return {
        "operation": str(operation),
        "env": env.name,
        "split": env.split,
        "stacks": [
            {
                "key": r.key,
                "stack": r.stack,
                "status": str(r.status),
                "detail": r.detail,
                "changes": dict(r.changes),
            }
            for r in results
        ],
    }


def exit_code(results: Sequence[StackResult]) -> int:
    """0 when every stack succeeded or was skipped, 1 otherwise."""
    bad = {Status.FAILED, Status.BLOCKED}
    return 1 if any(r.status in bad for r in results) else 0
