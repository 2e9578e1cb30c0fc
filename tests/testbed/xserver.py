"""A real X server (Xvfb) for hotkey tests, a foreign window holding the focus, and key injection.

``with x_server(root) as server:`` starts Xvfb on a free display (``-displayfd``: it writes the
number once it accepts clients, so nothing sleeps) and stops it by PID on exit.
``with foreign_window(server) as wid:`` starts a small PySide6 window in another process, waits
until it is drawn, gives it the input focus and checks that it has it.
:class:`XTest` injects keys and buttons through the XTEST extension (python-xlib, which pynput
depends on); :meth:`XServer.xdotool` runs xdotool against the same display.

Server-generated auto-repeat reaches RECORD clients (pynput) only when some client talks to the
server: :meth:`XTest.poke` is that request, for tests that wait for a burst of repeats.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.testbed.dbus import POLL_S, START_LIMIT_S, TestbedError, process, require, tail

__all__ = ["APT_PACKAGES", "XServer", "XTest", "foreign_window", "x_server"]

APT_PACKAGES = (
    "xvfb xdotool x11-xserver-utils libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 "
    "libxcb-keysyms1 libxcb-shape0"
)
REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class XServer:
    display: str
    env: dict[str, str]  # for child processes: this display, Qt on xcb, no session bus
    tools: dict[str, str]
    logs: Path

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            [self.tools["xdotool"], *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=START_LIMIT_S,
            check=False,
        )
        if done.returncode != 0:
            raise TestbedError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def xset(self, *args: str) -> None:
        subprocess.run([self.tools["xset"], *args], env=self.env, check=True, timeout=START_LIMIT_S)

    def focused_window(self) -> int:
        return int(self.xdotool("getwindowfocus"))


@contextlib.contextmanager
def x_server(root: Path, size: str = "1280x800") -> Iterator[XServer]:
    """``size`` is the screen's, ``WIDTHxHEIGHT`` in pixels."""
    tools = require(("Xvfb", "xdotool", "xset"), APT_PACKAGES, "X server")
    root.mkdir(parents=True, exist_ok=True)
    log = root / "Xvfb.log"
    read_end, write_end = os.pipe()
    argv = [tools["Xvfb"], "-displayfd", str(write_end), "-screen", "0", f"{size}x24"]
    argv += ["-nolisten", "tcp"]
    try:
        with process(
            argv,
            env=dict(os.environ),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            log=log,
            pass_fds=(write_end,),
        ) as xvfb:
            os.close(write_end)
            write_end = -1
            number = _read_display_number(read_end, xvfb, log)
            display = f":{number}"
            env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", DBUS_SESSION_BUS_ADDRESS="disabled:")
            yield XServer(display, env, tools, root)
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


def _read_display_number(fd: int, xvfb: subprocess.Popen[bytes], log: Path) -> int:
    import select

    data = b""
    deadline = time.monotonic() + START_LIMIT_S
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(0.0, left))
        chunk = os.read(fd, 64) if ready else b""
        if not chunk:
            raise TestbedError(
                f"Xvfb reported no display within {START_LIMIT_S:g} s "
                f"(exit code {xvfb.poll()}): {tail(log)}"
            )
        data += chunk
    return int(data.strip())


@contextlib.contextmanager
def foreign_window(server: XServer, title: str = "foreign window") -> Iterator[int]:
    """Another application's window, focused; yields its X window id."""
    log = server.logs / "foreign-window.log"
    argv = [sys.executable, "-m", "tests.testbed.window", title]
    env = dict(server.env, PYTHONPATH=str(REPO))
    with process(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, log=log) as proc:
        from tests.testbed.dbus import read_line

        line = read_line(proc, START_LIMIT_S * 2)  # a cold PySide6 import can take a while
        if not line.isdigit():
            raise TestbedError(f"the foreign window did not start ({line!r}): {tail(log)}")
        wid = int(line)
        server.xdotool("windowfocus", "--sync", str(wid))
        if server.focused_window() != wid:
            raise TestbedError(f"window {wid} did not get the focus")
        yield wid


class XTest:
    """Key and button injection through XTEST, on a connection of its own."""

    def __init__(self, display: str) -> None:
        from Xlib import display as xdisplay

        self._display: Any = xdisplay.Display(display)
        self._poker: Any = xdisplay.Display(display)

    def close(self) -> None:
        self._display.close()
        self._poker.close()

    def keycode(self, keysym_name: str) -> int:
        from Xlib import XK

        keysym = XK.string_to_keysym(keysym_name)
        code = int(self._display.keysym_to_keycode(keysym)) if keysym else 0
        if not code:
            raise TestbedError(f"keysym {keysym_name!r} is not on this X server's keyboard")
        return code

    def key_down(self, keysym_name: str) -> None:
        self._fake("KeyPress", self.keycode(keysym_name))

    def key_up(self, keysym_name: str) -> None:
        self._fake("KeyRelease", self.keycode(keysym_name))

    def button_down(self, button: int) -> None:
        self._fake("ButtonPress", button)

    def button_up(self, button: int) -> None:
        self._fake("ButtonRelease", button)

    def poke(self) -> None:
        """One round trip from another client: flushes what RECORD holds back (auto-repeat)."""
        self._poker.get_input_focus()

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        """Poke the server until ``condition`` holds (for events the server makes up itself)."""
        deadline = time.monotonic() + START_LIMIT_S
        while not condition():
            if time.monotonic() > deadline:
                raise TestbedError(f"{what} did not happen within {START_LIMIT_S:g} s")
            self.poke()
            time.sleep(POLL_S / 4)

    def _fake(self, kind: str, detail: int) -> None:
        from Xlib import X
        from Xlib.ext import xtest

        xtest.fake_input(self._display, getattr(X, kind), detail)
        self._display.sync()
