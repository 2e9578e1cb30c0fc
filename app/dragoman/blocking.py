"""The one way a blocking call leaves the Qt/asyncio thread: ``await run_blocking(fn, ...)``.

The Qt main thread also pumps audio and the socket (qasync), so a keyring prompt, a ``pactl``
call, a PortAudio device query or a hotkey listener's join must never run on it. Everything of
that kind goes through :func:`run_blocking`, which runs it on a small dedicated pool (a keyring
prompt left open cannot starve the default executor that asyncio's DNS lookups share) and comes
back to the loop with the result or the exception. Calls slower than ``SLOW_S`` are logged by
name, so a slow keyring shows up in the log instead of as a frozen window.

CONVENTIONS #6: three kinds of thread, one crossing each; this is the crossing for the third kind.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Final, ParamSpec, TypeVar

__all__ = ["SLOW_S", "on_loop_thread", "run_blocking", "shutdown_pool"]

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

SLOW_S: Final = 0.25
_WORKERS: Final = 4
_pool: concurrent.futures.ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_loop_threads: set[int] = set()


def _executor() -> concurrent.futures.ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = concurrent.futures.ThreadPoolExecutor(
                max_workers=_WORKERS, thread_name_prefix="dragoman-blocking"
            )
        return _pool


async def run_blocking(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``fn(*args, **kwargs)`` on the blocking pool; its result (or exception) here."""
    loop = asyncio.get_running_loop()
    _loop_threads.add(threading.get_ident())
    name = getattr(fn, "__qualname__", repr(fn))
    started = time.monotonic()
    try:
        return await loop.run_in_executor(_executor(), functools.partial(fn, *args, **kwargs))
    finally:
        took = time.monotonic() - started
        if took > SLOW_S:
            log.info("blocking call %s took %.0f ms", name, took * 1000)


def on_loop_thread() -> bool:
    """True on a thread that has awaited :func:`run_blocking` (the Qt/asyncio thread).

    Used by guards in tests: a blocking function that finds itself here was called directly
    instead of through :func:`run_blocking`.
    """
    return threading.get_ident() in _loop_threads


def shutdown_pool(*, wait: bool = False) -> None:
    """At exit: stop taking work; ``wait`` for calls under way (a keyring prompt may not end)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=wait, cancel_futures=True)
