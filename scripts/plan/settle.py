"""Letting a program's outputs settle in a few waits, before the SDK's own shutdown wait.

After the program function returns, the SDK's `wait_for_rpcs` awaits the outputs still
pending with `asyncio.wait(..., FIRST_COMPLETED)` in a loop: each turn subscribes to, and
unsubscribes from, every pending output (well over a thousand for a stack) to learn that
one of them finished. Since most of a plan's registrations complete during that wait, the
loop turns hundreds of times; measured, that bookkeeping was a fifth to a quarter of a warm
stack's plan time. Waiting for all of them at once instead needs one subscription per output
and a couple of turns (an output that finishes may create new ones).

Only the waiting changes: the same tasks run on the same loop in the same order, and the
SDK's wait still runs afterwards, now finding nothing pending. As soon as an output or an RPC
has failed, the settling stops and leaves the failure to the SDK, which reports it as before.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from pulumi.runtime import settings as runtime_settings


async def run_and_settle(program: Callable[[], None]) -> None:
    """Run `program`, then wait until every output and RPC it started has finished (or one
    has failed), as `run_in_stack`'s program function."""
    program()
    while pending := _pending():
        done, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_EXCEPTION)
        if any(task.cancelled() or task.exception() is not None for task in done):
            return


def _pending() -> list[asyncio.Future[object]]:
    """The SDK's tracked outputs and RPCs of this event loop not finished yet; none once an
    RPC has failed, or when this SDK version does not track them where this module looks.
    Whatever is left out here, the SDK's own wait still waits for, as it always did."""
    tracked = getattr(runtime_settings.SETTINGS, "outputs", None)
    lock = getattr(runtime_settings.SETTINGS, "lock", None)
    get_rpc_manager = getattr(runtime_settings, "_get_rpc_manager", None)
    if tracked is None or lock is None or get_rpc_manager is None:
        return []
    rpc_manager = get_rpc_manager()
    if rpc_manager.unhandled_exception is not None:
        return []
    with lock:
        outputs = list(tracked)
    futures = [*outputs, *rpc_manager.rpcs]
    loop = asyncio.get_running_loop()
    return [
        f
        for f in futures
        if isinstance(f, asyncio.Future) and f.get_loop() is loop and not f.done()
    ]
