"""Ctrl-C that always ends a command: ``asyncio.run`` with a firmer answer to SIGINT.

``asyncio.run`` answers Ctrl-C by cancelling the main task once. One cancellation can be lost
inside a library: anyio's cancel scopes (under httpx) swallow a native ``Task.cancel()`` that
lands in the same loop turn as the scope's own cancellation (agronholm/anyio#1214), and the
command then goes on as if nothing was pressed. Here the main task is cancelled again until it
has ended, then :class:`KeyboardInterrupt` is raised in the caller, as ``asyncio.run`` would.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Coroutine
from typing import Any, Final, TypeVar, cast

T = TypeVar("T")

RECANCEL_S: Final = 0.2
"""How long a cancelled task gets before it is cancelled again."""


def run_interruptible(main: Coroutine[Any, Any, T]) -> T:
    """Run ``main`` on a new event loop; Ctrl-C (SIGINT) ends it and raises KeyboardInterrupt."""

    async def runner() -> tuple[bool, T | None]:
        loop = asyncio.get_running_loop()
        task: asyncio.Task[T] = asyncio.ensure_future(main)
        pressed = asyncio.Event()
        try:
            loop.add_signal_handler(signal.SIGINT, pressed.set)
        except (NotImplementedError, RuntimeError, ValueError):  # Windows; not the main thread
            return False, await task
        waiter = asyncio.ensure_future(pressed.wait())
        try:
            await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
            if not pressed.is_set():
                return False, task.result()
            while not task.done():
                task.cancel()
                await asyncio.wait({task}, timeout=RECANCEL_S)
            with contextlib.suppress(asyncio.CancelledError, Exception):
                task.result()  # retrieved: whatever it ended with, Ctrl-C is the answer
            return True, None
        finally:
            waiter.cancel()
            loop.remove_signal_handler(signal.SIGINT)

    interrupted, value = asyncio.run(runner())
    if interrupted:
        raise KeyboardInterrupt
    return cast(T, value)  # not interrupted: the task's own result
