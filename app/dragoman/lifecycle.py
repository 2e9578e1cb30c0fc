"""Process life on the Qt loop: SIGTERM/SIGINT/SIGHUP as a clean quit, and one loop error handler.

Python runs a signal handler only when the interpreter gets control, and Qt's event loop may sleep
in C++ for as long as nothing happens, so a SIGTERM at logout could wait indefinitely (and then the
virtual microphone would outlive us). ``signal.set_wakeup_fd`` makes the C-level handler write the
signal number into a socket; a QSocketNotifier on the other end wakes the Qt loop at once, and we
call ``on_signal`` there, on the Qt thread, where quitting is an ordinary event. Nothing polls.

The loop exception handler is the last net for tasks nobody awaited: it logs the error with its
traceback and reports a sentence through ``on_error`` (the window shows it as a banner).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
from collections.abc import Callable
from typing import Any, Final

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)

QUIT_SIGNALS: Final = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class SignalWatch(QObject):
    """Delivers QUIT_SIGNALS to ``on_signal(signum)`` on the Qt thread; see the module doc."""

    def __init__(self, on_signal: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_signal = on_signal
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        self._previous = {sig: signal.signal(sig, _note) for sig in QUIT_SIGNALS}
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)

    def _on_notifier_activated(self) -> None:
        with contextlib.suppress(BlockingIOError, InterruptedError):
            data = self._read.recv(64)
            for signum in data:
                if signum in QUIT_SIGNALS:
                    log.info("signal %s: quitting", signal.Signals(signum).name)
                    self._on_signal(signum)

    def close(self) -> None:
        """Give the signals back (a second SIGTERM during shutdown then ends the process)."""
        self._notifier.setEnabled(False)
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._read.close()
        self._write.close()


def _note(_signum: int, _frame: Any) -> None:
    """The Python-level handler: nothing to do, the wakeup fd already carried the signal."""


def install_exception_handler(
    loop: asyncio.AbstractEventLoop, on_error: Callable[[str], None]
) -> None:
    """Log what escapes every owner (with its traceback) and say it in a sentence."""

    def handle(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        message = context.get("message", "unexpected error")
        log.error("unhandled in the event loop: %s", message, exc_info=error)
        if isinstance(error, asyncio.CancelledError):
            return
        what = f"{type(error).__name__}: {error}" if error is not None else message
        on_error(
            f"Something went wrong inside Dragoman ({what}). It keeps running; if this repeats, "
            "the log file has the details."
        )

    loop.set_exception_handler(handle)
