"""The SDK's per-resource stack trace, computed without re-reading source files.

For every resource it registers, the Pulumi Python SDK (pulumi 3.272,
`pulumi.runtime.resource._get_stack_trace`) builds the `stackTrace` of the RegisterResource
request: it calls `traceback.extract_stack()`, finds the third `__init__` frame from the top
(Resource, CustomResource/ComponentResource, the concrete class), and turns every frame
below it into a source position, `pathlib.Path(filename).as_uri()` and the line number.
`extract_stack` also looks up each frame's source line, and `linecache.checkcache` calls
`os.stat` on each frame's file, for every resource: measured on a warm staging + prod plan,
0.38 of 2.8 CPU seconds, and the deeper a program's component tree, the more it costs.

`same_stack_trace` computes the very same message from the live frames: the same frames,
the same order, the same URIs and lines, the same empty trace when there is no third
`__init__`; only the source lines (which the message does not hold) are not read, and each
file's URI is computed once. `sdk_stack_trace` installs it for a run; scripts/plan/runtime.py
does so in `run_callable`, which both `dataplat plan` and its floor (floor.py) run through,
so the floor's registrations get the same saving. With `sys.tracebacklimit` set (which
truncates `extract_stack`), or an SDK without the function, the SDK's own one is kept.
tests/scripts/plan/test_stack_trace.py compares both on nested constructors.
"""

from __future__ import annotations

import contextlib
import pathlib
import sys
from collections.abc import Iterator
from types import FrameType

from pulumi.runtime import resource as sdk_resource
from pulumi.runtime.proto import source_pb2

# The SDK skips the frames of Resource.__init__, CustomResource/ComponentResource.__init__
# and the concrete class's __init__: the third `__init__` from the top (see its docstring).
_INIT = "__init__"
_INITS_SKIPPED = 3
_uris: dict[str, str | None] = {}


def same_stack_trace() -> source_pb2.StackTrace:
    """The SDK's `_get_stack_trace()` message, for the frames of this call."""
    frame: FrameType | None = sys._getframe()
    seen = 0
    while frame is not None:
        if frame.f_code.co_name == _INIT:
            seen += 1
            if seen == _INITS_SKIPPED:
                break
        frame = frame.f_back
    # No third `__init__`, or nothing below it: the SDK's empty trace.
    if frame is None or frame.f_back is None:
        return source_pb2.StackTrace()
    frames = []
    below: FrameType | None = frame.f_back
    while below is not None:
        frames.append(source_pb2.StackFrame(pc=_position(below)))
        below = below.f_back
    return source_pb2.StackTrace(frames=frames)


def _position(frame: FrameType) -> source_pb2.SourcePosition | None:
    """`_get_source_position_for_frame` of the SDK: None without a file name, a line or a
    file URI (a relative name such as `<frozen runpy>` has none)."""
    filename, line = frame.f_code.co_filename, frame.f_lineno
    if filename == "" or line is None:
        return None
    if filename not in _uris:
        try:
            _uris[filename] = pathlib.Path(filename).as_uri()
        except BaseException:  # the SDK's own catch
            _uris[filename] = None
    uri = _uris[filename]
    return None if uri is None else source_pb2.SourcePosition(uri=uri, line=line)


@contextlib.contextmanager
def sdk_stack_trace() -> Iterator[None]:
    """While inside, the SDK computes its stack traces with `same_stack_trace`."""
    original = getattr(sdk_resource, "_get_stack_trace", None)
    if original is None or getattr(sys, "tracebacklimit", None) is not None:
        yield
        return
    sdk_resource._get_stack_trace = same_stack_trace
    try:
        yield
    finally:
        sdk_resource._get_stack_trace = original
