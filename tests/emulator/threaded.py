"""Run an asyncio server (an emulator) in its own thread and event loop, for synchronous tests."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from typing import Protocol, TypeVar


class Server(Protocol):
    async def start(self) -> str: ...
    async def stop(self) -> None: ...


S = TypeVar("S", bound=Server)


@contextlib.contextmanager
def running_in_thread(server: S, name: str, timeout: float = 10.0) -> Iterator[S]:
    """``server`` started in a thread of its own for the ``with`` block, then stopped.

    Its records are appended from that thread; read them freely afterwards, or poll them while it
    runs.
    """
    started = threading.Event()
    loop_box: list[asyncio.AbstractEventLoop] = []
    stop_box: list[asyncio.Event] = []
    errors: list[BaseException] = []

    async def serve_until_stopped() -> None:
        stop = asyncio.Event()
        loop_box.append(asyncio.get_running_loop())
        stop_box.append(stop)
        try:
            await server.start()
        except BaseException as exc:
            errors.append(exc)
            started.set()
            return
        started.set()
        try:
            await stop.wait()
        finally:
            await server.stop()

    thread = threading.Thread(target=asyncio.run, args=(serve_until_stopped(),), name=name)
    thread.start()
    if not started.wait(timeout):
        raise TimeoutError(f"{name} did not start")
    if errors:
        thread.join()
        raise errors[0]
    try:
        yield server
    finally:
        loop_box[0].call_soon_threadsafe(stop_box[0].set)
        thread.join(timeout)
