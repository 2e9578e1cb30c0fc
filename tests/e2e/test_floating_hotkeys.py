"""End to end: the global keys of the compact window and the caption overlay (issue 11). The app
runs on the desktop test bed (Xvfb); another window has the focus; xdotool presses the keys; the
app's ``dragoman status --json`` says each window shown or hidden, and the focus never moves. The
compact window, moved and left open at quit, comes back open where it was."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from dragoman.core.settings import Settings
from tests.e2e.desktop import HOTKEY, App, Desktop, desktop, wait
from tests.testbed.dbus import TestbedError
from tests.testbed.xserver import foreign_window

pytestmark = pytest.mark.slow

COMPACT_KEY = "F6"
OVERLAY_KEY = "F7"


def shown(app: App, name: str, expected: bool) -> None:
    wait(lambda: (s := app.status()) and s[name] is expected, f"{name} {expected}")


def test_the_keys_toggle_the_overlay_and_the_compact_window_while_another_app_has_the_focus(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.write_settings(
            Settings(
                first_run_done=True,
                hotkey=HOTKEY,
                compact_hotkey=COMPACT_KEY,
                overlay_hotkey=OVERLAY_KEY,
            )
        )
        with d.launch() as app, contextlib.ExitStack() as stack:
            wait(
                lambda: (s := app.status()) and s["hotkey_backend"] == "pynput",
                "the global hotkey listening",
                40,
            )
            status = app.status() or {}
            assert status["caption_overlay"] is False and status["compact_window"] is False
            other = stack.enter_context(foreign_window(d.x))

            d.x.xdotool("key", OVERLAY_KEY)
            shown(app, "caption_overlay", True)
            assert d.x.focused_window() == other  # the strip never takes the focus
            d.x.xdotool("key", OVERLAY_KEY)
            shown(app, "caption_overlay", False)

            d.x.xdotool("key", COMPACT_KEY)
            shown(app, "compact_window", True)
            assert d.x.focused_window() == other
            assert (app.status() or {})["caption_overlay"] is False  # one key, one window
            # The person puts the compact window somewhere, then quits with it open.
            compact = compact_window(d)
            d.x.xdotool("windowmove", "--sync", str(compact), "300", "200")
            wait(lambda: place(d, compact) == (300, 200), "the compact window moved")
            app.command("quit")
            assert app.proc.wait(timeout=60) == 0

        # It comes back open, where it was (not the default top-right corner), and its key
        # still hides it.
        with d.launch(log_name="again.log") as app, contextlib.ExitStack() as stack:
            shown(app, "compact_window", True)
            assert place(d, compact_window(d)) == (300, 200)
            wait(
                lambda: (s := app.status()) and s["hotkey_backend"] == "pynput",
                "the global hotkey listening",
                40,
            )
            stack.enter_context(foreign_window(d.x))
            d.x.xdotool("key", COMPACT_KEY)
            shown(app, "compact_window", False)


def compact_window(d: Desktop) -> int:
    """The compact window's X id (its title: "Dragoman — <state>")."""

    def search() -> str:
        try:
            return d.x.xdotool("search", "--onlyvisible", "--name", "^Dragoman — ").split()[0]
        except TestbedError:  # xdotool exits 1 until it is mapped
            return ""

    return int(wait(search, "the compact window mapped"))


def place(d: Desktop, wid: int) -> tuple[int, int]:
    """Its top-left corner as the X server has it."""
    out = d.x.xdotool("getwindowgeometry", str(wid))
    x, y = out.split("Position:")[1].split()[0].split(",")
    return int(x), int(y)
