"""The compact window and the caption overlay on a real X server (Xvfb, no window manager):
another application keeps the keyboard focus when they show and when the talk button is clicked,
and their WM_HINTS tell a window manager not to give them the keyboard; the pointer goes through
the caption strip to the window under it, except in move mode.

The two windows run in a child process (``CHILD``) on the test bed's display, driven by lines on
its stdin; xdotool asks the server which window is under the pointer and which has the focus.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.testbed.dbus import START_LIMIT_S, TestbedError, process, read_line, tail
from tests.testbed.xserver import XServer, foreign_window, x_server

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]

CHILD = """
import sys
from dataclasses import replace

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from dragoman.controller import SessionController
from dragoman.core.errors import AuthError
from dragoman.core.events import Transcript
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.ui.floating import FloatingWindows

def no_key(_settings):
    raise AuthError("no key")

app = QApplication([])
app.setQuitOnLastWindowClosed(False)
settings = Settings(overlay_position=sys.argv[1], compact_window=True, caption_overlay=True)
c = SessionController(settings=settings, engine_factory=no_key, capture=None, player=None)
floating = FloatingWindows(c, load_languages())
floating.route_talk_button(lambda: print("press", flush=True), lambda: print("release", flush=True))
floating.show_settings(c.settings)
c.segment_changed.emit(c.builder.add(Transcript("source", "Good morning", True, "c1")))
c.segment_changed.emit(c.builder.add(Transcript("translation", "Buenos d", False, "c1")))
overlay, compact = floating.overlay, floating.compact
compact.move(600, 400)

def exposed():
    handles = [w.windowHandle() for w in (overlay, compact)]
    return all(h is not None and h.isExposed() for h in handles)

def report():
    if not exposed():
        QTimer.singleShot(20, report)
        return
    ptt = compact.ptt.mapToGlobal(compact.ptt.rect().center())
    print(int(overlay.winId()), int(compact.winId()), ptt.x(), ptt.y(), flush=True)

def on_line():
    line = sys.stdin.readline().strip()
    if line == "move":
        floating.move_overlay()
        QTimer.singleShot(0, lambda: print("moving", int(overlay.winId()), flush=True))
    elif line == "done":
        overlay.finish_move()
        QTimer.singleShot(0, lambda: print("done", int(overlay.winId()), flush=True))
    elif not line:
        app.quit()

stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
stdin.activated.connect(on_line)
QTimer.singleShot(0, report)
app.exec()
"""


@pytest.fixture
def display(tmp_path: Path) -> Iterator[tuple[XServer, int]]:
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(x_server(tmp_path / "x"))
            window = stack.enter_context(foreign_window(server))
        except TestbedError as error:
            problem = str(error)
        else:
            yield server, window
            return
    pytest.fail(problem, pytrace=False)


def under_pointer(server: XServer, x: int, y: int) -> int:
    server.xdotool("mousemove", str(x), str(y))
    shell = dict(
        line.split("=", 1) for line in server.xdotool("getmouselocation", "--shell").splitlines()
    )
    return int(shell["WINDOW"])


def accepts_input(server: XServer, wid: int) -> bool:
    """The WM_HINTS input field: whether a window manager may give the window the keyboard."""
    from Xlib import Xutil
    from Xlib import display as xdisplay

    connection = xdisplay.Display(server.display)
    try:
        hints = connection.create_resource_object("window", wid).get_wm_hints()
    finally:
        connection.close()
    return hints is None or not hints.flags & Xutil.InputHint or bool(hints.input)


def geometry(server: XServer, wid: int) -> tuple[int, int, int, int]:
    shell = dict(
        line.split("=", 1)
        for line in server.xdotool("getwindowgeometry", "--shell", str(wid)).splitlines()
    )
    return int(shell["X"]), int(shell["Y"]), int(shell["WIDTH"]), int(shell["HEIGHT"])


def test_floating_windows_never_take_the_focus_and_the_strip_is_click_through(
    display: tuple[XServer, int],
) -> None:
    server, foreign = display
    fx, fy, fw, fh = geometry(server, foreign)
    position = f"{fx},{fy + fh // 2 - 20},{max(fw, 300)}"  # across the middle of the window
    log = server.logs / "floating.log"
    argv = [sys.executable, "-c", CHILD, position]
    env = dict(server.env, PYTHONPATH=f"{REPO / 'app'}:{REPO}")
    with process(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, log=log) as child:
        assert child.stdin is not None
        line = read_line(child, START_LIMIT_S * 2)
        assert line, tail(log)
        overlay, compact, ptt_x, ptt_y = (int(word) for word in line.split())
        assert server.focused_window() == foreign  # shown, and the keys still go to the call
        # What a window manager goes by: neither window is to be given the keyboard.
        assert not accepts_input(server, overlay) and not accepts_input(server, compact)

        ox, oy, ow, oh = geometry(server, overlay)
        spot = (ox + ow // 2, oy + oh // 2)
        assert under_pointer(server, *spot) == foreign  # through the strip
        server.xdotool("click", "1")
        assert server.focused_window() == foreign

        under_pointer(server, ptt_x, ptt_y)
        server.xdotool("mousedown", "1")
        assert read_line(child, START_LIMIT_S) == "press"
        server.xdotool("mouseup", "1")
        assert read_line(child, START_LIMIT_S) == "release"
        assert server.focused_window() == foreign  # the talk button took no focus

        child.stdin.write(b"move\n")
        child.stdin.flush()
        moving, wid = read_line(child, START_LIMIT_S).split()
        assert moving == "moving"
        ox, oy, ow, oh = geometry(server, int(wid))
        assert under_pointer(server, ox + ow // 3, oy + oh // 2) == int(wid)  # takes the mouse

        child.stdin.write(b"done\n")
        child.stdin.flush()
        done, wid = read_line(child, START_LIMIT_S).split()
        assert done == "done"
        ox, oy, ow, oh = geometry(server, int(wid))
        assert under_pointer(server, ox + ow // 3, oy + oh // 2) != int(wid)  # through again
