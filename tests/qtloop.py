"""Run a coroutine on asyncio-on-Qt (qasync), as the desktop app does."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

import qasync
from PySide6.QtWidgets import QApplication

T = TypeVar("T")


def run_on_qt(app: QApplication, coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
    loop = qasync.QEventLoop(app, already_running=False)
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(asyncio.wait_for(coro, timeout))
    finally:
        loop.close()
        asyncio.set_event_loop(None)


async def until(predicate: Any, limit: float = 10.0) -> None:
    """Poll a condition on the running loop (Qt events keep flowing meanwhile)."""
    async with asyncio.timeout(limit):
        while not predicate():  # noqa: ASYNC110 - state spread over Qt signals and records
            await asyncio.sleep(0.01)
