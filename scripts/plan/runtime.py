"""Run a Pulumi Python program in-process under the SDK's mock runtime and record it.

`Mocks.new_resource` only sees a resource's type, name and inputs; the options a
reviewer and the policies care about (parent, dependencies, protect,
retainOnDelete, provider) only reach the monitor's RegisterResource request, so a
subclass of the SDK's MockMonitor records every request before answering it.
The program runs the way the real language host runs it: a fresh event loop,
`run_in_stack` around the program, config set with `set_all_config`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import logging
import os
import runpy
import sys
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi
from google.protobuf import json_format
from pulumi.runtime import config as runtime_config
from pulumi.runtime import mocks as runtime_mocks
from pulumi.runtime import settings as runtime_settings
from pulumi.runtime.stack import run_in_stack

from policies.rules.core.wire import (
    OFFLINE_SECRET,
    OFFLINE_UNKNOWN,
    RESOURCE_SIG,
    SECRET_SIG,
    SPECIAL_SIG_KEY,
    UNKNOWN_VALUE,
)
from policies.rules.facts.tokens import PULUMI_STACK
from scripts.plan.program_modules import project_modules
from scripts.plan.settle import run_and_settle
from scripts.plan.stack_trace import sdk_stack_trace

SECRET_PLACEHOLDER = OFFLINE_SECRET
UNKNOWN_PLACEHOLDER = OFFLINE_UNKNOWN
STACK_TYPE = PULUMI_STACK
# Thresholds of the cyclic collector while a program runs: young collections less often than
# Python's default (700), older generations not at all; see `collector_for_a_run`.
RUN_GC_THRESHOLD = (10_000, 1_000_000, 1_000_000)
_collector_depth = 0


@dataclass(frozen=True)
class AliasSpec:
    """One alias of a request: a whole URN, or the parts that differ from the resource's.

    Empty parts mean "the resource's own" (the engine's `collapseAliasToUrn`).
    """

    urn: str = ""
    name: str = ""
    type: str = ""
    stack: str = ""
    project: str = ""
    parent: str = ""
    no_parent: bool = False


@dataclass
class Registration:
    """One RegisterResource request, as the engine would receive it.

    `source` (the `file:line` that constructed the resource) feeds the engine checks
    only; `aliases` and `replace_on_changes` also reach the plan document, where the
    destroy guard reads them.
    """

    urn: str
    type: str
    name: str
    custom: bool
    parent: str | None
    dependencies: list[str]
    protect: bool
    retain_on_delete: bool
    provider: str | None
    inputs: dict[str, Any]
    outputs: dict[str, Any] = field(default_factory=dict)
    aliases: list[AliasSpec] = field(default_factory=list)
    source: str | None = None
    replacement_trigger: Any = None
    replace_on_changes: list[str] = field(default_factory=list)
    replace_with: list[str] = field(default_factory=list)


@dataclass
class Diagnostic:
    """A message the program logged through `pulumi.log` (warnings, deprecations)."""

    severity: str
    message: str


@dataclass
class ProgramRun:
    """Everything one run of a program registered."""

    registrations: list[Registration] = field(default_factory=list)
    # URNs of the resources it read (stack references), which are no registrations.
    reads: list[str] = field(default_factory=list)
    stack_outputs: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _redacted(outputs: dict[str, Any], secret_names: Any) -> dict[str, Any]:
    """`outputs` with every output named in `secret_names` replaced by the marker."""
    secret = set(secret_names)
    return {k: SECRET_PLACEHOLDER if k in secret else v for k, v in outputs.items()}


class CapturingMonitor(runtime_mocks.MockMonitor):
    """The SDK's mock monitor, recording every request it answers."""

    def __init__(
        self,
        mocks: pulumi.runtime.Mocks,
        run: ProgramRun,
        on_register: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(mocks)
        self.run = run
        self.on_register = on_register

    def RegisterResource(self, request: Any) -> Any:
        response = super().RegisterResource(request)
        self.run.registrations.append(
            Registration(
                urn=response.urn,
                type=request.type,
                name=request.name,
                custom=bool(request.custom),
                parent=request.parent or None,
                dependencies=sorted(set(request.dependencies)),
                protect=bool(request.protect),
                retain_on_delete=bool(request.retainOnDelete),
                # A provider reference is "<urn>::<id>".
                provider=request.provider.rsplit("::", 1)[0] if request.provider else None,
                inputs=plain_values(json_format.MessageToDict(request.object)),
                # What the mocks answered (ids, ARNs): rules that join resources by
                # reference read them. Outputs the SDK declares secret (private keys,
                # passwords) are replaced by the secret marker, as the engine would.
                outputs=_redacted(
                    plain_values(json_format.MessageToDict(response.object)),
                    request.additionalSecretOutputs,
                ),
                aliases=[_alias(a) for a in request.aliases],
                source=_source(request.sourcePosition),
                replacement_trigger=(
                    json_format.MessageToDict(request.replacement_trigger)
                    if request.HasField("replacement_trigger")
                    else None
                ),
                replace_on_changes=list(request.replaceOnChanges),
                replace_with=sorted(request.replace_with),
            )
        )
        if self.on_register is not None:
            self.on_register(len(self.run.registrations))
        return response

    def ReadResource(self, request: Any) -> Any:
        response = super().ReadResource(request)
        self.run.reads.append(response.urn)
        return response

    def RegisterResourceOutputs(self, request: Any) -> Any:
        if request.urn.split("::")[2] == STACK_TYPE:
            self.run.stack_outputs = plain_values(json_format.MessageToDict(request.outputs))
        return super().RegisterResourceOutputs(request)


def _alias(alias: Any) -> AliasSpec:
    if alias.WhichOneof("alias") == "urn":
        return AliasSpec(urn=alias.urn)
    spec = alias.spec
    return AliasSpec(
        name=spec.name,
        type=spec.type,
        stack=spec.stack,
        project=spec.project,
        parent=spec.parentUrn,
        no_parent=bool(spec.noParent),
    )


def _source(position: Any) -> str | None:
    """`path:line` of the SDK's source position (a file URI), or None when absent."""
    if not position.uri:
        return None
    path = position.uri.removeprefix("file://")
    return f"{urllib.parse.unquote(path)}:{position.line}"


class _DiagnosticHandler(logging.Handler):
    def __init__(self, run: ProgramRun) -> None:
        super().__init__(level=logging.INFO)
        self.run = run

    def emit(self, record: logging.LogRecord) -> None:
        self.run.diagnostics.append(Diagnostic(record.levelname.lower(), record.getMessage()))


def run_program(
    main_path: Path,
    *,
    project: str,
    stack: str,
    config: dict[str, str],
    secret_keys: list[str],
    mocks: pulumi.runtime.Mocks,
    on_register: Callable[[int], None] | None = None,
    modules_dir: Path | None = None,
) -> ProgramRun:
    """Run the program at `main_path` (a `__main__.py`) and return what it registered.

    The program runs with its directory as cwd and first on sys.path, as under the
    Pulumi CLI, and with its own modules, not the ones `dataplat` was installed with
    (program_modules.py): those of `modules_dir`, by default the program's directory (the
    domain and edges programs are made of the repository root's packages). Exceptions of
    the program propagate unchanged. `on_register` hears the count of registrations so far
    (progress displays).
    """

    def program() -> None:
        with _program_directory(main_path.parent):
            runpy.run_path(str(main_path), run_name="__main__")

    # The program's own modules for the whole run: the SDK resolves a resource's outputs
    # after the program body returned, reading the annotations of its class's module.
    with project_modules(modules_dir or main_path.parent):
        return run_callable(
            program,
            project=project,
            stack=stack,
            config=config,
            secret_keys=secret_keys,
            mocks=mocks,
            on_register=on_register,
        )


def run_callable(
    program: Callable[[], None],
    *,
    project: str,
    stack: str,
    mocks: pulumi.runtime.Mocks,
    config: dict[str, str] | None = None,
    secret_keys: list[str] | None = None,
    on_register: Callable[[int], None] | None = None,
) -> ProgramRun:
    """Run `program` (a function that registers resources) inside a fresh mock stack.

    Each run starts from a reset runtime (options, settings, config, event loop), so
    several stacks can be planned one after the other in one process; what they share is
    only what is safe to share: imported modules and the SDKs' caches.
    """
    run = ProgramRun()
    logger = logging.getLogger(f"dataplat.plan.{stack}")
    logger.propagate = False
    logger.handlers = [_DiagnosticHandler(run)]
    monitor = CapturingMonitor(mocks, run, on_register)
    runtime_settings.reset_options(project=project, stack=stack, preview=False)
    runtime_settings.configure(
        runtime_mocks.MockSettings(
            monitor=monitor,
            monitor_features=set(monitor.GetDeploymentInfo(None).supportedFeatures),
            engine=runtime_mocks.MockEngine(logger),
            project=project,
            stack=stack,
            dry_run=False,
            organization="organization",
            callbacks=None,
        )
    )
    runtime_config.set_all_config(config or {}, secret_keys or [])
    loop = asyncio.new_event_loop()
    # The SDK's mock monitor gives each executor thread an event loop of its own and never
    # closes it; left to the garbage collector, such a loop's finalizer can run after its
    # self-pipe socket's and fail ("Invalid file descriptor"). The executor's threads make
    # their loop here, so it is closed with the run.
    thread_loops: list[asyncio.AbstractEventLoop] = []
    loop.set_default_executor(
        concurrent.futures.ThreadPoolExecutor(initializer=_thread_loop, initargs=(thread_loops,))
    )
    try:
        # The SDK's per-resource stack traces without re-reading source files (stack_trace.py).
        with collector_for_a_run(), sdk_stack_trace():
            # The outputs settle in our few waits rather than the SDK's many (settle.py).
            loop.run_until_complete(run_in_stack(lambda: run_and_settle(program)))
    finally:
        loop.run_until_complete(loop.shutdown_default_executor())
        for thread_loop in thread_loops:
            thread_loop.close()
        loop.close()
        asyncio.set_event_loop(None)
    return run


def _thread_loop(loops: list[asyncio.AbstractEventLoop]) -> None:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loops.append(loop)


@contextlib.contextmanager
def collector_for_a_run() -> Iterator[None]:
    """Keep Python's cyclic garbage collector from re-reading the SDKs during a run.

    A run allocates hundreds of thousands of short-lived objects (outputs, futures, protobuf
    messages) beside the ~470,000 long-lived ones of the imported SDKs. With the default
    thresholds the collector traverses all of them again and again: measured, 60-70% of a
    warm plan's time, and half of the policy evaluation of a 200-domain plan. So the objects
    alive before the run are frozen (the collector skips them) and young collections run
    less often. Older generations are not collected during the run: what survives a young
    collection is the resource tree, alive until the run ends (measured, their collections
    found a few hundred garbage objects among 100,000s, for a third of the collector time).
    At the end, when the tree has become garbage, one collection of the young generations
    frees it, rather than leaving it in the oldest generation for a full collection (often
    only at exit, which then took longer per stack planned). Afterwards the thresholds and
    the frozen objects are restored; nothing is kept for good. Nested uses act only at the
    outermost.
    """
    global _collector_depth
    if _collector_depth:
        _collector_depth += 1
        try:
            yield
        finally:
            _collector_depth -= 1
        return
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*RUN_GC_THRESHOLD)
    _collector_depth = 1
    try:
        yield
    finally:
        _collector_depth = 0
        gc.set_threshold(*threshold)
        gc.unfreeze()
        if gc.isenabled():
            gc.collect(1)  # the run's objects, in the young generations: see above


@contextlib.contextmanager
def _program_directory(directory: Path) -> Iterator[None]:
    """Run with the program's directory as cwd and first on sys.path, as Pulumi does."""
    previous_cwd = Path.cwd()
    previous_path = list(sys.path)
    os.chdir(directory)
    sys.path.insert(0, str(directory))
    try:
        yield
    finally:
        os.chdir(previous_cwd)
        sys.path[:] = previous_path


def plain_values(value: Any) -> Any:
    """Engine wire values to plain JSON: secrets and unknowns become placeholders,
    resource references their URN, and whole-number floats ints (the wire has only
    doubles)."""
    if isinstance(value, dict):
        signature = value.get(SPECIAL_SIG_KEY)
        if signature == SECRET_SIG:
            return SECRET_PLACEHOLDER
        if signature == RESOURCE_SIG:
            return value.get("urn")
        return {k: plain_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_values(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value == UNKNOWN_VALUE:
        return UNKNOWN_PLACEHOLDER
    return value
