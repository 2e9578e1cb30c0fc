"""End to end, the app as a subprocess: who owns holds, sessions and audio (issue 9).

Everything real (see tests/e2e/desktop.py): keys pressed with xdotool while another window has
the focus, a tone fed into the virtual microphone, the Pinch emulator recording every byte, the
sound server's module list and /proc read from outside.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import numpy as np
import pytest

from dragoman.core.settings import Settings
from tests.e2e.desktop import (
    GOOD_KEY,
    HOTKEY,
    REVERSE_HOTKEY,
    App,
    Desktop,
    desktop,
    processes_with,
    wait,
)
from tests.testbed.xserver import foreign_window

pytestmark = pytest.mark.slow
PADDING_SAMPLES = 4800  # 300 ms of zeros at 16 kHz
BASE = Settings(
    first_run_done=True,
    hotkey=HOTKEY,
    reverse_hotkey=REVERSE_HOTKEY,
    ptt_mode="hold",
    drop_silent_holds=False,
)


def tone(seconds: float, rate: int = 48_000) -> np.ndarray:  # type: ignore[type-arg]
    """A steady 330 Hz tone: never an exact zero run, so the padding stands out byte for byte."""
    t = np.arange(int(seconds * rate)) / rate
    return 0.3 * np.sin(2 * np.pi * 330 * t) + 0.05 * np.sin(2 * np.pi * 1210 * t)


def zero_runs(pcm: np.ndarray, at_least: int = 1600) -> list[tuple[int, int]]:  # type: ignore[type-arg]
    """(start, length) of every run of exact zeros of ``at_least`` samples or more."""
    zero = np.concatenate([[False], pcm == 0, [False]])
    edges = np.flatnonzero(np.diff(zero.astype(np.int8)))
    runs = [(int(a), int(b - a)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    return [r for r in runs if r[1] >= at_least]


def session_pcm(d: Desktop) -> np.ndarray:  # type: ignore[type-arg]
    (session,) = [s for s in d.emu.sessions if s.ready_at is not None]
    return np.frombuffer(bytes(session.audio), dtype="<i2")


def hold(d: Desktop, key: str, seconds: float) -> None:
    d.x.xdotool("keydown", key)
    time.sleep(seconds)  # the user holding the key: real time is the point here
    d.x.xdotool("keyup", key)


def ready_app(d: Desktop, app: App) -> None:
    status = app.wait_state("ready", 40)
    assert status["hotkey_backend"] == "pynput"


def test_a_press_and_a_reverse_press_inside_the_tail_keep_every_frame_and_the_padding(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.store_key(GOOD_KEY)
        d.write_settings(BASE)
        with d.launch() as app, foreign_window(d.x):
            ready_app(d, app)
            feeder = d.bed.feed("vmic_in", tone(12.0), 48_000, 1)
            time.sleep(0.5)  # the tone has reached the microphone's history
            hold(d, HOTKEY, 0.8)
            time.sleep(0.1)  # inside the 200 ms tail (after the 30 ms release debounce)
            hold(d, REVERSE_HOTKEY, 0.8)
            time.sleep(0.1)
            hold(d, HOTKEY, 0.8)
            wait(lambda: len(zero_runs(session_pcm(d))) >= 3, "three paddings", 30)
            app.wait_state("ready", 30)
            feeder.kill()
            status = app.status()
            assert status is not None and status["sessions_opened"] == 1
        assert "Traceback" not in d.log()
        pcm = session_pcm(d)
        runs = zero_runs(pcm)
        # Each hold ended with its whole 300 ms of padding, right after its own tail (its last
        # 20 ms frame is completed with zeros, so a run may be up to one frame longer).
        assert len(runs) == 3, runs
        assert all(PADDING_SAMPLES <= length < PADDING_SAMPLES + 320 for _, length in runs), runs
        assert sum(runs[-1]) == len(pcm)
        # Nothing was cut: the first hold carries its pre-roll, its 0.8 s and its 200 ms tail;
        # each later one continues where the one before ended (its key went down inside that
        # tail, so its audio starts there rather than 300 ms before its key-down).
        starts = [0] + [start + length for start, length in runs[:-1]]
        spans = [(end - begin) / 16_000 for begin, (end, _) in zip(starts, runs, strict=True)]
        assert spans[0] >= 0.25 + 0.8 + 0.2, spans
        assert all(span >= 0.8 + 0.1 - 0.05 for span in spans[1:]), spans
        # The reverse hold swapped the languages after the first padding, and back after it.
        (session,) = [s for s in d.emu.sessions if s.ready_at is not None]
        swaps = [(u.get("sourceLanguage"), u.get("targetLanguage")) for u in session.updates]
        assert swaps == [("es", "en"), ("en", "es")], session.updates


def test_hold_mode_never_latches_and_the_settings_change_it_at_once(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.store_key(GOOD_KEY)
        d.write_settings(BASE)
        with d.launch() as app, foreign_window(d.x):
            ready_app(d, app)
            feeder = d.bed.feed("vmic_in", tone(30.0), 48_000, 1)
            time.sleep(0.6)  # the tone fills the pre-roll: the padding is the only zero run
            hold(d, HOTKEY, 0.1)  # a 100 ms tap in "Hold to talk"
            app.wait_state("ready", 20)
            time.sleep(1.0)  # a latched hold would still be listening now
            status = app.status()
            assert status is not None and status["state"] == "ready"
            wait(lambda: len(zero_runs(session_pcm(d))) == 1, "the tap's padding")
            # Toggle mode from outside, as a script would: the same tap now latches...
            assert app.cli("set", "ptt_mode", "toggle").returncode == 0
            hold(d, HOTKEY, 0.1)
            time.sleep(1.0)
            status = app.status()
            assert status is not None and status["state"] == "listening"
            assert status["ptt_mode"] == "toggle"
            hold(d, HOTKEY, 0.1)  # ...and the next tap ends it
            app.wait_state("ready", 20)
            # The longest utterance: a 6.5 s hold with a 5 s limit is cut at 5 s.
            assert app.cli("set", "ptt_mode", "hold").returncode == 0
            assert app.cli("set", "max_utterance_s", "5").returncode == 0
            refused = app.cli("set", "max_utterance_s", "2")
            assert refused.returncode == 2 and "from 5 to 3600" in refused.stderr
            d.x.xdotool("keydown", HOTKEY)
            app.wait_state("listening", 10)
            down = time.monotonic()
            wait(lambda: (s := app.status()) and s["state"] != "listening", "the limit", 10)
            cut_after = time.monotonic() - down
            d.x.xdotool("keyup", HOTKEY)
            feeder.kill()
            assert 4.0 <= cut_after <= 6.0, cut_after
        assert "Traceback" not in d.log()


def change_audio_settings(app: App) -> None:
    for name, value in (("call_volume", "0.5"), ("tail_ms", "250"), ("monitor_volume", "0.7")):
        done = app.cli("set", name, value)
        assert done.returncode == 0, done.stderr
    status = wait(lambda: (s := app.status()) and s["virtual_mic"] and s, "the audio rebuilt", 20)
    assert status["device_watchers"] == 1


@pytest.mark.parametrize("how", ["quit", "sigterm"])
def test_settings_changes_then_quit_or_sigterm_leave_no_virtual_mic_and_no_process(
    tmp_path: Path, keyring_env: dict[str, str], how: str
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.store_key(GOOD_KEY)
        d.write_settings(Settings(first_run_done=True, create_virtual_mic=True))
        with d.launch() as app:
            ready_app(d, app)
            assert d.dragoman_modules(), "the virtual microphone was not created"
            change_audio_settings(app)
            assert app.proc.pid in processes_with(app.marker)
            if how == "quit":
                app.command("quit")
            else:
                app.proc.send_signal(signal.SIGTERM)
            assert app.proc.wait(timeout=30) == 0
            assert d.dragoman_modules() == []
            assert processes_with(app.marker) == []
        log = d.log()
        assert "Traceback" not in log
        assert "shut down in" in log


def test_a_refused_key_then_a_good_key_saved_from_the_command_line(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.store_key("pk_refused")
        d.write_settings(BASE)
        with d.launch() as app, foreign_window(d.x):
            status = app.wait_state("error", 40)
            assert status["tray"] == "error" and "key" in status["tray_tooltip"].lower()
            assert any("key" in b.lower() for b in status["banners"])
            # A hold with the key known to be refused: the banner, never "Listening".
            d.x.xdotool("keydown", HOTKEY)
            time.sleep(0.5)
            held = app.status()
            d.x.xdotool("keyup", HOTKEY)
            assert held is not None and held["state"] == "error"
            assert "Listening" not in held["talk_button"]
            # The user saves a good key beside the running app; the next hold uses it.
            d.store_key(GOOD_KEY)
            feeder = d.bed.feed("vmic_in", tone(5.0), 48_000, 1)
            time.sleep(0.3)
            d.x.xdotool("keydown", HOTKEY)
            app.wait_state("listening", 20)
            time.sleep(1.0)
            d.x.xdotool("keyup", HOTKEY)
            final = app.wait_state("ready", 30)
            feeder.kill()
            assert final["banners"] == [] and final["tray"] == "ready"
            assert final["session_id"]
        assert any(s.ready_at is not None for s in d.emu.sessions)
        assert "Traceback" not in d.log()


def test_every_session_dying_after_ready_ends_in_the_error_state_within_the_budget(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.emu.faults.kill_after_ready = 1000
        d.emu.faults.kill_kind = "1011"
        d.store_key(GOOD_KEY)
        d.write_settings(BASE)
        with d.launch("--hidden") as app:
            # Hidden in the tray: the error also comes as one desktop notification.
            status = app.wait_state("error", 90)
            assert not status["window_visible"]
            assert len(d.emu.sessions) <= 6  # the first try and at most five more
            text = " ".join(status["banners"])
            assert "session" in text.lower() and d.emu.sessions[-1].session_id in text
            assert status["tray"] == "error"
            time.sleep(2.0)
            assert len(d.emu.sessions) <= 6  # and then it stopped trying
            status = app.status()
            assert status is not None and len(status["notifications"]) == 1
            assert status["notifications"][0] in status["banners"]
        assert "Traceback" not in d.log()


def test_ptt_press_sent_during_start_up_starts_an_utterance(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.store_key(GOOD_KEY)
        d.write_settings(BASE)
        feeder = d.bed.feed("vmic_in", tone(20.0), 48_000, 1)
        with d.launch() as app:
            # The very first moment the channel answers: the devices and hotkeys are not up.
            wait(lambda: _press(app), "the command channel", 30)
            app.wait_state("listening", 30)
            time.sleep(1.0)
            app.command("release")
            app.wait_state("ready", 30)
            feeder.kill()
        pcm = session_pcm(d)
        runs = zero_runs(pcm)
        assert len(runs) == 1 and sum(runs[0]) == len(pcm)
        assert runs[0][0] >= 16_000 * 0.9  # about a second of the tone went out before it
        assert "Traceback" not in d.log()


def _press(app: App) -> bool:
    try:
        return app.command("press").startswith("ok")
    except Exception:
        return False
