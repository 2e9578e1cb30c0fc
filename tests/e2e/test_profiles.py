"""End to end: per-call profiles (issue 17), the app as a subprocess on the desktop test bed.

Two profiles ("Spanish", "German call"); the emulator translates into the language it was told
(``[de] …``), so each hold's row says which profile it went out with. A profile is chosen by
``dragoman profile use`` and by its global hotkey (xdotool, another window focused); ``dragoman
status --json`` shows the active one as ``profile``, and the next hold is translated into its
language.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dragoman.core import profiles
from dragoman.core.settings import Settings
from dragoman.store.settings import SettingsStore
from tests.e2e.desktop import GOOD_KEY, HOTKEY, App, Desktop, desktop, wait
from tests.e2e.test_meeting import RATE, noise
from tests.testbed.xserver import foreign_window

pytestmark = pytest.mark.slow

PROFILE_KEY = "F7"


def settings() -> Settings:
    spanish = Settings(
        first_run_done=True,
        hotkey=HOTKEY,
        ptt_mode="hold",
        drop_silent_holds=False,
        target_language="es",
        monitor_output="",
        profile_hotkey=PROFILE_KEY,
    )
    german = replace(spanish, target_language="de", voice="female")
    return replace(
        spanish,
        profiles=(profiles.snapshot(spanish, "Spanish"), profiles.snapshot(german, "German call")),
        active_profile="Spanish",
    )


def hold(d: Desktop, app: App, seed: int) -> str:
    """Hold the talk key over a second of speech-band noise; the new row's translation."""
    before = len((app.status() or {}).get("rows", []))
    d.x.xdotool("keydown", HOTKEY)
    wait(lambda: (s := app.status()) and s["state"] == "listening", "listening")
    feeder = d.bed.feed("vmic_in", noise(1.2, seed), RATE, 1)
    assert feeder.wait(timeout=60) == 0
    d.x.xdotool("keyup", HOTKEY)

    def translated() -> dict[str, Any] | None:
        s = app.status()
        if not s or s["state"] != "ready" or len(s["rows"]) <= before:
            return None
        row = s["rows"][-1]
        return s if row["translation"] and not row["provisional"] else None

    status: dict[str, Any] = wait(translated, "the hold translated", 60)
    text: str = status["rows"][-1]["translation"]
    return text


def test_profile_by_command_and_by_hotkey_changes_the_next_hold(
    tmp_path: Any, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.store_key(GOOD_KEY)
        # Through the real store: a profile is JSON, which QSettings writes escaped.
        SettingsStore(Path(d.env["XDG_CONFIG_HOME"]) / "Dragoman" / "dragoman.conf").save(
            settings()
        )
        with d.launch() as app, contextlib.ExitStack() as stack:
            status = app.wait_state("ready", 40)
            assert status["profile"] == "Spanish" and status["profile_pending"] is None
            stack.enter_context(foreign_window(d.x))  # another window has the focus
            listed = app.cli("profile", "list")
            assert listed.returncode == 0, listed.stderr
            assert (
                "* Spanish: en → es" in listed.stdout and "  German call: en → de" in listed.stdout
            )

            used = app.cli("profile", "use", "German", "call")
            assert used.returncode == 0 and used.stdout.strip() == "German call", used
            assert (app.status() or {})["profile"] == "German call"
            assert hold(d, app, 1).startswith("[de]")

            d.x.xdotool("key", PROFILE_KEY)  # the global hotkey: on to the next profile
            wait(lambda: (s := app.status()) and s["profile"] == "Spanish", "profile by hotkey")
            assert hold(d, app, 2).startswith("[es]")

            unknown = app.cli("profile", "use", "Nope")
            assert unknown.returncode == 2 and "no profile called 'Nope'" in unknown.stderr
