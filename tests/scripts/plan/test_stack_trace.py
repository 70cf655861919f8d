"""The SDK's per-resource stack trace, computed from the live frames (stack_trace.py), is the
SDK's own message: same frames, order, URIs and lines."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime import resource as sdk_resource
from pulumi.runtime.proto import source_pb2

from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import run_callable
from scripts.plan.stack_trace import same_stack_trace, sdk_stack_trace

SDK_STACK_TRACE = sdk_resource._get_stack_trace
HERE = Path(__file__).resolve()


class _Resource:
    """Stands for Resource: both traces are taken in its `__init__`, on one line."""

    def __init__(self) -> None:
        self.traces = (SDK_STACK_TRACE(), same_stack_trace())


class _Custom(_Resource):
    """Stands for CustomResource."""

    def __init__(self) -> None:
        super().__init__()


class _Concrete(_Custom):
    """Stands for a typed SDK class."""

    def __init__(self) -> None:
        super().__init__()


class _Component:
    """A component whose `__init__` builds a resource: its frame is below the third."""

    def __init__(self) -> None:
        self.child = _Concrete()


class _Thing(pulumi.ComponentResource):
    """A component class: the third `__init__` from the top."""

    def __init__(self, name: str) -> None:
        super().__init__("test:index:Thing", name)


def _traces_two_inits() -> tuple[Any, Any]:
    """Only two `__init__` frames: the SDK gives an empty trace."""

    class Two:
        def __init__(self) -> None:
            self.traces = (SDK_STACK_TRACE(), same_stack_trace())

    class Child(Two):
        def __init__(self) -> None:
            super().__init__()

    return Child().traces  # type: ignore[no-any-return]


def test_same_message_as_the_sdk_for_nested_constructors() -> None:
    sdk, ours = _Component().child.traces
    assert isinstance(ours, source_pb2.StackTrace)
    assert ours == sdk
    # Not two empty traces: the top frame is the component's line building the resource.
    assert len(ours.frames) > 3
    top = ours.frames[0].pc
    assert top.uri == HERE.as_uri()
    assert top.line == _Component.__init__.__code__.co_firstlineno + 1
    assert ours.frames[1].pc.uri == HERE.as_uri()  # this test's line


def test_empty_without_a_third_init_as_the_sdk() -> None:
    sdk, ours = _traces_two_inits()
    assert ours == sdk == source_pb2.StackTrace()


def test_installed_for_the_run_only_and_source_positions_kept() -> None:
    seen: list[Any] = []

    def program() -> None:
        seen.append(sdk_resource._get_stack_trace)
        _Thing("thing")  # the line recorded below

    run = run_callable(program, project="p", stack="s", mocks=PlausibleMocks("1", "r"))
    assert seen == [same_stack_trace]
    assert sdk_resource._get_stack_trace is SDK_STACK_TRACE
    (thing,) = [r for r in run.registrations if r.name == "thing"]
    line = program.__code__.co_firstlineno + 2
    assert thing.source == f"{HERE}:{line}"


def test_sdk_kept_with_a_traceback_limit(monkeypatch: Any) -> None:
    monkeypatch.setattr(sys, "tracebacklimit", 5, raising=False)
    with sdk_stack_trace():
        assert sdk_resource._get_stack_trace is SDK_STACK_TRACE
