"""Whole-process counts of timers that fire and child processes that start.

"Nothing runs at rest" is checked against these (through ``dragoman status --json``), so they
count everything, not only what the audio side reports itself (:mod:`dragoman.core.counters`):

* ``timer.loop``: an asyncio timer (``call_later``/``call_at``/``asyncio.sleep`` with a delay)
  whose callback ran. Zero-delay callbacks (``call_soon``, a task step) are work that something
  else woke, not a timer, and are not counted; a cancelled timer never runs and is not counted.
* ``timer.qt``: a ``QTimer`` of ours (any ``QTimer`` in the process) that fired. Counted by an
  application-wide event filter: it sees only the Qt thread, where every QTimer of ours lives.
* ``process.any``: a child process started by anything in the process (``subprocess``, asyncio's
  subprocesses, ``os.fork``), seen through a ``sys.addaudithook`` hook.

The loop wrapper also calls ``on_activity`` whenever a callback is scheduled: the main-thread
garbage collector uses it to sleep while the process sleeps (see :mod:`dragoman.ui.gc_guard`).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from dragoman.core import counters

LOOP_TIMER: Final = "timer.loop"
QT_TIMER: Final = "timer.qt"
ANY_PROCESS: Final = "process.any"
_SPAWN_EVENTS: Final = frozenset({"subprocess.Popen", "os.fork", "os.forkpty"})
"""``os.posix_spawn`` is left out: ``subprocess`` uses it under its own event (no double count)."""

_audit_installed = False


def count_loop_timers(
    loop: asyncio.AbstractEventLoop, on_activity: Callable[[], None] | None = None
) -> None:
    """Wrap ``loop.call_later`` (which ``call_at`` and ``call_soon`` go through on the qasync
    loop; on other loops ``call_at`` is wrapped too) so that a timer counts when it fires."""
    original_later = loop.call_later
    original_at = loop.call_at

    def fired(callback: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            counters.add(LOOP_TIMER)
            return callback(*args)

        return run

    def call_later(delay: float, callback: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        if on_activity is not None:
            on_activity()
        if delay > 0:
            callback = fired(callback)
        return original_later(delay, callback, *args, **kw)

    def call_at(when: float, callback: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        if on_activity is not None:
            on_activity()
        if when > loop.time():
            callback = fired(callback)
        return original_at(when, callback, *args, **kw)

    loop.call_later = call_later  # type: ignore[method-assign,assignment]
    if type(loop).__module__.startswith("qasync"):
        return  # qasync's call_at goes through call_later (counted there once)
    loop.call_at = call_at  # type: ignore[method-assign,assignment]


class QtTimerCounter(QObject):
    """Counts ``QTimer`` timeouts process-wide (an event filter on the application)."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt names it
        if event.type() == QEvent.Type.Timer and isinstance(watched, QTimer):
            counters.add(QT_TIMER)
        return False


def count_child_processes() -> None:
    """Count every child process from now on (once per process: audit hooks cannot be removed)."""
    global _audit_installed
    if _audit_installed:
        return
    _audit_installed = True

    def hook(event: str, _args: tuple[Any, ...]) -> None:
        if event in _SPAWN_EVENTS:
            counters.add(ANY_PROCESS)

    sys.addaudithook(hook)
