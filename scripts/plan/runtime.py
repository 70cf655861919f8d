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
import contextlib
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

SECRET_PLACEHOLDER = OFFLINE_SECRET
UNKNOWN_PLACEHOLDER = OFFLINE_UNKNOWN
STACK_TYPE = "pulumi:pulumi:Stack"


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

    `aliases` and `source` (the `file:line` that constructed the resource) feed the
    engine checks only; the plan document does not carry them.
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


@dataclass
class Diagnostic:
    """A message the program logged through `pulumi.log` (warnings, deprecations)."""

    severity: str
    message: str


@dataclass
class ProgramRun:
    """Everything one run of a program registered."""

    registrations: list[Registration] = field(default_factory=list)
    stack_outputs: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _redacted(outputs: dict[str, Any], secret_names: Any) -> dict[str, Any]:
    """`outputs` with every output named in `secret_names` replaced by the marker."""
    secret = set(secret_names)
    return {k: SECRET_PLACEHOLDER if k in secret else v for k, v in outputs.items()}


class CapturingMonitor(runtime_mocks.MockMonitor):
    """The SDK's mock monitor, recording every request it answers."""

    def __init__(self, mocks: pulumi.runtime.Mocks, run: ProgramRun) -> None:
        super().__init__(mocks)
        self.run = run

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
            )
        )
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
) -> ProgramRun:
    """Run the program at `main_path` (a `__main__.py`) and return what it registered.

    The program runs with its directory as cwd and first on sys.path, as under the
    Pulumi CLI. Exceptions of the program propagate unchanged.
    """

    def program() -> None:
        with _program_directory(main_path.parent):
            runpy.run_path(str(main_path), run_name="__main__")

    return run_callable(
        program, project=project, stack=stack, config=config, secret_keys=secret_keys, mocks=mocks
    )


def run_callable(
    program: Callable[[], None],
    *,
    project: str,
    stack: str,
    mocks: pulumi.runtime.Mocks,
    config: dict[str, str] | None = None,
    secret_keys: list[str] | None = None,
) -> ProgramRun:
    """Run `program` (a function that registers resources) inside a fresh mock stack."""
    run = ProgramRun()
    logger = logging.getLogger(f"dataplat.plan.{stack}")
    logger.propagate = False
    logger.handlers = [_DiagnosticHandler(run)]
    monitor = CapturingMonitor(mocks, run)
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
    try:
        loop.run_until_complete(run_in_stack(program))
    finally:
        # The SDK's mock monitor gives each executor thread an event loop of its own;
        # joining the threads here lets those loops go now, not at a random GC later.
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()
        asyncio.set_event_loop(None)
    return run


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
