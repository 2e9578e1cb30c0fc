"""End to end: the global keys of the compact window and the caption overlay (issue 11). The app
runs on the desktop test bed (Xvfb); another window has the focus; xdotool presses the keys; the
app's ``dragoman status --json`` says each window shown or hidden, and the focus never moves."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from dragoman.core.settings import Settings
from tests.e2e.desktop import HOTKEY, App, desktop, wait
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
            d.x.xdotool("key", COMPACT_KEY)
            shown(app, "compact_window", False)
