"""Cold start: process spawn → its top-level window is mapped, seen as an X event.

This process selects SubstructureNotify on the root window of the test bed's Xvfb (no window
manager: top-level windows are the root's children), stamps ``time.monotonic()`` when a
MapNotify is read, and matches the window by title and size (the tray icon's small window is not
the main window). Mapped is when the X server shows the window; the first paint may come a frame
later, for the app and the bare window alike.
"""

from __future__ import annotations

import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.testbed.dbus import process

BARE_TITLE = "Bare PySide6 window"
BARE_SCRIPT = f"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle({BARE_TITLE!r})
window.resize(560, 420)
window.show()
sys.exit(app.exec())
"""
MIN_SIDE = 100  # pixels: smaller mapped windows (tray icons) are not the window we wait for


class MapWatch:
    """MapNotify events of top-level windows on ``display``, read as they come."""

    def __init__(self, display_name: str) -> None:
        from Xlib import X, display

        self._X: Any = X
        self._display: Any = display.Display(display_name)
        self._display.screen().root.change_attributes(event_mask=X.SubstructureNotifyMask)
        self._display.sync()
        self._net_wm_name = self._display.intern_atom("_NET_WM_NAME")
        self._utf8 = self._display.intern_atom("UTF8_STRING")

    def close(self) -> None:
        self._display.close()

    def drain(self) -> None:
        """Forget events that came before (earlier runs' windows)."""
        self._display.sync()
        while self._display.pending_events():
            self._display.next_event()

    def wait_mapped(self, title: str, limit: float = 30.0) -> float:
        """``time.monotonic()`` when a window titled ``title`` was mapped."""
        deadline = time.monotonic() + limit
        while True:
            while self._display.pending_events():
                event = self._display.next_event()
                now = time.monotonic()
                if event.type == self._X.MapNotify and self._matches(event.window, title):
                    return now
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no window {title!r} was mapped within {limit:g} s")
            select.select([self._display], [], [], left)

    def _matches(self, window: Any, title: str) -> bool:
        from Xlib.error import XError

        try:
            prop = window.get_full_property(self._net_wm_name, self._utf8)
            name = prop.value.decode() if prop is not None else window.get_wm_name()
            geometry = window.get_geometry()
        except XError:
            return False  # already gone
        return bool(name == title and min(geometry.width, geometry.height) >= MIN_SIDE)


def bare_window_ms(watch: MapWatch, env: dict[str, str], log: Path) -> float:
    """One run of the bare PySide6 window: spawn → mapped, in ms (spawned like the app is)."""
    watch.drain()
    started = time.monotonic()
    argv = [sys.executable, "-c", BARE_SCRIPT]
    with process(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, log=log):
        mapped = watch.wait_mapped(BARE_TITLE)
    return (mapped - started) * 1000
