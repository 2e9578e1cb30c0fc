"""A new user's first minutes, everything real: a fresh profile (no settings, no key), the app as
a subprocess on Xvfb, the setup assistant walked with xdotool as a person would walk it.

The key typed on the key page and Enter (no Save button) land in the real gnome-keyring
(``dragoman auth status`` says so); "hear yourself" plays the virtual microphone's speech on the
virtual speaker; the talk key pressed on the push-to-talk page opens no session and sends no
audio; after Finish, one utterance is translated.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from tests.audio_checks import align, fft_resample
from tests.e2e.desktop import GOOD_KEY, HOTKEY, App, Desktop, desktop, wait
from tests.speech import espeak
from tests.testbed.xserver import TestbedError

pytestmark = pytest.mark.slow
TITLE = "^Set up Dragoman "
Samples = npt.NDArray[np.float64]


def wizard_window(d: Desktop) -> str:
    found: str = wait(lambda: _search(d, TITLE), "the setup assistant's window", 40)
    return found


def _search(d: Desktop, name: str) -> str | None:
    try:
        return d.x.xdotool("search", "--onlyvisible", "--name", name).split()[0]
    except TestbedError:  # xdotool exits 1 while nothing matches yet
        return None


def key(d: Desktop, window: str, *keys: str) -> None:
    """Keys to the assistant, pressed on the keyboard (XTEST) while it has the focus."""
    d.x.xdotool("windowfocus", "--sync", window)
    d.x.xdotool("key", "--delay", "60", *keys)


def next_page(d: Desktop, window: str, title: str) -> None:
    """Next (its mnemonic), then wait for the page: the window's title names it."""
    key(d, window, "alt+n")
    wait(lambda: _search(d, f"^Set up Dragoman .*: {title}"), f"the page {title!r}")


def auth_status(app: App) -> str:
    return app.cli("auth", "status").stdout


def test_a_new_user_walks_the_setup_assistant_then_translates(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    samples, rate = espeak("Good morning everyone. Let us begin the meeting.", tmp_path / "s.wav")
    with desktop(tmp_path, keyring_env) as d:
        # A fresh profile: no settings file at all. (The test bed's speaker is named "Test
        # speaker"; built-in speakers are no longer guessed from a name, and the check plays
        # whatever the output is: issue 10.)
        with d.launch() as app:
            walk_the_assistant(d, app, samples, rate)
            translate_one_utterance(d, app, samples, rate)
            app.command("quit")
            assert app.proc.wait(timeout=30) == 0
        settings = Path(d.env["XDG_CONFIG_HOME"]) / "Dragoman" / "dragoman.conf"
        assert "first_run_done=true" in settings.read_text()
        log = d.log()
    assert "Traceback" not in log, log[log.find("Traceback") :][:2000]


def pieces_heard(heard: Samples, reference: Samples, piece: int = 8_000) -> list[float]:
    """How well each voiced half-second of ``reference`` is found in ``heard`` (correlation)."""
    found = []
    for start in range(0, len(reference) - piece + 1, piece):
        chunk = reference[start : start + piece]
        if float(np.sqrt(np.mean(chunk**2))) >= 0.01:
            found.append(align(heard, chunk).correlation)
    return found


def sent_audio(d: Desktop) -> int:
    return sum(len(session.audio) for session in d.emu.sessions)


def walk_the_assistant(d: Desktop, app: App, samples: Samples, rate: int) -> None:
    wait(lambda: (s := app.status()) and s["dialogs_open"] == 1, "the setup assistant", 40)
    window = wizard_window(d)
    assert "no key" in auth_status(app)

    # Welcome → the key page: type the key as a person pastes it and press Enter (no Save).
    next_page(d, window, "Your Pinch API key")
    d.x.xdotool("windowfocus", "--sync", window)
    d.x.xdotool("type", "--delay", "30", GOOD_KEY)
    key(d, window, "Return")
    wait(lambda: "key set, from keyring" in auth_status(app), "the key in the keyring", 30)
    wait(lambda: _search(d, ": Microphone$"), "Enter to go on to the microphone page")

    # The microphone page: holding the talk key plays the microphone back on the speaker.
    speaker = d.bed.record("vspeaker.monitor", 16_000, 1)
    speaker.wait_started()
    d.x.xdotool("keydown", HOTKEY)
    wait(lambda: (s := app.status()) and s["state"] == "listening", "the mic check")
    d.bed.feed("vmic_in", samples, rate, 1).wait(timeout=30)
    d.x.xdotool("keyup", HOTKEY)
    wait(lambda: (s := app.status()) and s["state"] != "listening", "the end of the check")
    speaker.wait_for_more(2.0, 16_000)  # the playback runs a little behind the hold
    heard = speaker.stop()[:, 0].astype(np.float64)
    pieces = pieces_heard(heard, fft_resample(samples, rate, 16_000))
    # The half-seconds of speech are on the speaker, bit-exact, but for at most one: under load
    # a playback underrun leaves a gap of up to ~300 ms (the check plays frames as they come;
    # measured here, reported with issue 10's mic-check work).
    assert sum(p >= 0.9 for p in pieces) >= len(pieces) - 1, pieces
    assert sent_audio(d) == 0  # the check never reaches the service

    # The push-to-talk page: the key is captured, nothing is translated.
    next_page(d, window, "Your push-to-talk key")
    d.x.xdotool("keydown", HOTKEY)
    time.sleep(0.5)  # a real hold would be listening by now
    held: dict[str, Any] | None = app.status()
    d.x.xdotool("keyup", HOTKEY)
    assert held is not None and held["state"] != "listening", held
    assert "Listening" not in held["talk_button"]

    next_page(d, window, "Translated voice in calls")
    next_page(d, window, "Ready")
    key(d, window, "alt+f")  # Finish
    wait(lambda: (s := app.status()) and s["dialogs_open"] == 0, "the assistant closed")
    assert sent_audio(d) == 0


def translate_one_utterance(d: Desktop, app: App, samples: Samples, rate: int) -> None:
    d.x.xdotool("keydown", HOTKEY)
    wait(lambda: (s := app.status()) and s["state"] == "listening", "listening")
    d.bed.feed("vmic_in", samples, rate, 1).wait(timeout=30)
    d.x.xdotool("keyup", HOTKEY)

    def translated() -> dict[str, Any] | None:
        s = app.status()
        rows = s["rows"] if s else []
        done = rows and all(r["translation"] and not r["provisional"] for r in rows)
        return s if s and s["state"] == "ready" and done else None

    final = wait(translated, "the translated utterance", 40)
    assert final["banners"] == [] and sent_audio(d) > 0
