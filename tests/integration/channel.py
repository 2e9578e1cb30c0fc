"""The running app's command channel in an integration test: a real socket server answering
through :class:`DesktopApp` for a given controller, and a ``send`` that talks to it."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

from PySide6.QtWidgets import QApplication

from dragoman.controller import SessionController
from dragoman.hotkeys.channel import CommandServer, send_command
from dragoman.main import DesktopApp


@contextlib.contextmanager
def channel_to(
    qapp: QApplication, controller: SessionController
) -> Iterator[Callable[[str], Awaitable[str]]]:
    """Enter inside the running loop; ``send(line)`` returns the reply after its "ok" (a refusal
    raises, as ``send_command`` does). The socket and its folder are gone on exit."""
    folder = Path(tempfile.mkdtemp(prefix="dr", dir="/tmp"))  # a socket path must be short
    desktop = DesktopApp(qapp, hidden=True)
    desktop.controller = controller
    server = CommandServer(str(folder / "channel"))
    server.query_handler = desktop.answer_query
    server.listen()
    loop = asyncio.get_running_loop()

    async def send(line: str) -> str:
        reply: str = await loop.run_in_executor(None, send_command, line, server.name)
        return reply.removeprefix("ok").strip()

    try:
        yield send
    finally:
        server.close()
        shutil.rmtree(folder, ignore_errors=True)
