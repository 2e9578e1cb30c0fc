"""The whole product, everything real: the app as a subprocess on Xvfb with a tray host, a private
PulseAudio with a virtual microphone and speaker, a gnome-keyring holding the key, and the Pinch
emulator over TCP. The hotkey is pressed with xdotool while another window has the focus.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dragoman.core.errors import DragomanError
from dragoman.core.settings import Settings, to_strings
from dragoman.hotkeys.channel import channel_name, send_command
from tests.audio_checks import align, align_pieces, fft_resample, pcm16
from tests.e2e.desktop import processes_with, wait
from tests.emulator.pinch import PinchEmulator, running_emulator, transform
from tests.speech import espeak
from tests.testbed.dbus import process
from tests.testbed.pulse import PulseTestbed, pulse_daemon
from tests.testbed.xserver import XServer, foreign_window, x_server

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "e2e"
KEY = "pk_test_good"
HOTKEY = "F9"


class App:
    """The running app, seen from outside through its command channel."""

    def __init__(self, proc: subprocess.Popen[bytes], env: dict[str, str]) -> None:
        self.proc = proc
        self.channel = channel_name(env)

    def status(self) -> dict[str, Any] | None:
        if self.proc.poll() is not None:
            raise AssertionError(f"the app exited with {self.proc.returncode}")
        try:
            reply = send_command("status", self.channel, timeout=2.0)
        except DragomanError:
            return None
        data: dict[str, Any] = json.loads(reply.removeprefix("ok").strip())
        return data


def screenshot(env: dict[str, str], path: Path, window: int = 0) -> None:
    """Grab an X window (0: the screen) from a separate Qt process: what a person would see."""
    path.parent.mkdir(parents=True, exist_ok=True)
    code = (
        "import sys; from PySide6.QtGui import QGuiApplication; "
        "app = QGuiApplication(['shot']); "
        "ok = app.primaryScreen().grabWindow(int(sys.argv[2])).save(sys.argv[1]); "
        "sys.exit(0 if ok else 1)"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(path), str(window)],
        env={**env, "QT_QPA_PLATFORM": "xcb"},
        check=True,
        timeout=30,
        capture_output=True,
    )


@pytest.fixture
def speech(tmp_path: Path) -> tuple[np.ndarray, int]:  # type: ignore[type-arg]
    samples, rate = espeak("Good morning everyone. Let us begin the meeting.", tmp_path / "s.wav")
    return samples, rate


def test_hold_the_hotkey_speak_release_hear_and_read_the_translation(
    tmp_path: Path,
    keyring_env: dict[str, str],
    speech: tuple[np.ndarray, int],  # type: ignore[type-arg]
) -> None:
    shutil.rmtree(OUTPUT, ignore_errors=True)
    OUTPUT.mkdir(parents=True)
    samples, speech_rate = speech
    with contextlib.ExitStack() as stack:
        x: XServer = stack.enter_context(x_server(tmp_path / "x"))
        bed: PulseTestbed = stack.enter_context(pulse_daemon(tmp_path, rate=48_000, channels=1))
        emu: PinchEmulator = stack.enter_context(running_emulator())
        env = {
            **bed.env,
            "DISPLAY": x.display,
            "DBUS_SESSION_BUS_ADDRESS": keyring_env["DBUS_SESSION_BUS_ADDRESS"],
            "QT_QPA_PLATFORM": "xcb",
            "DRAGOMAN_PINCH_URL": emu.base_url,
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
        }
        for name in ("PINCH_API_KEY", "SMALLEST_API_KEY", "WAYLAND_DISPLAY"):
            env.pop(name, None)
        stack.enter_context(
            process(
                [
                    "trayer",
                    "--edge",
                    "top",
                    "--align",
                    "right",
                    "--widthtype",
                    "request",
                    "--height",
                    "24",
                ],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                log=tmp_path / "trayer.log",
            )
        )
        # The key goes into the real keyring, the way a user stores it.
        stored = subprocess.run(
            [sys.executable, "-m", "dragoman", "auth", "set"],
            input=f"{KEY}\n",
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert stored.returncode == 0, stored.stderr
        settings_file = Path(env["XDG_CONFIG_HOME"]) / "Dragoman" / "dragoman.conf"
        settings_file.parent.mkdir(parents=True, exist_ok=True)
        # The default barge-in rule: "Test speaker" is not built-in speakers (a name says
        # nothing), so the translations play on during holds (tests/e2e/test_barge_in.py).
        values = to_strings(Settings(first_run_done=True, hotkey=HOTKEY, drop_silent_holds=True))
        settings_file.write_text(
            "[dragoman]\n" + "".join(f"{k}={v}\n" for k, v in values.items()), encoding="utf-8"
        )
        speaker = stack.enter_context(bed.record("vspeaker.monitor", 24_000, 1))
        speaker.wait_started()
        speaker_mark = speaker.mark()

        marker = f"DRAGOMAN_E2E_RUN={uuid.uuid4().hex}"  # finds the app and all it started
        app_env = {**env, "DRAGOMAN_E2E_RUN": marker.split("=", 1)[1]}
        app_proc = stack.enter_context(
            process(
                [sys.executable, "-m", "dragoman", "-v"],
                env=app_env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                log=OUTPUT / "app.log",
            )
        )
        app = App(app_proc, env)
        status = wait(lambda: (s := app.status()) and s["state"] == "ready" and s, "ready", 40)
        assert status["hotkey_backend"] == "pynput" and status["tray"] == "ready"
        stack.enter_context(foreign_window(x))  # another window has the focus

        x.xdotool("keydown", HOTKEY)
        wait(lambda: (s := app.status()) and s["state"] == "listening", "listening")
        listening = app.status()
        assert listening is not None and listening["tray"] == "listening"
        feeder = bed.feed("vmic_in", samples, speech_rate, 1)
        feeder.wait(timeout=30)
        x.xdotool("keyup", HOTKEY)

        def translated() -> dict[str, Any] | None:
            s = app.status()
            if (
                s
                and s["state"] == "ready"
                and s["rows"]
                and all(r["translation"] and not r["provisional"] for r in s["rows"])
            ):
                return s
            return None

        final = wait(translated, "the paired transcript", 40)
        # A second launch brings the first window up and leaves.
        second = subprocess.run(
            [sys.executable, "-m", "dragoman"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 0 and "already running" in second.stderr
        wait(lambda: (s := app.status()) and s["window_visible"], "the window shown")
        time.sleep(0.5)  # let the window repaint before the screenshot (cosmetic only)
        screenshot(env, OUTPUT / "screen.png")
        window = int(x.xdotool("search", "--onlyvisible", "--name", "^Dragoman$").split()[0])
        screenshot(env, OUTPUT / "main-window.png", window)
        # Everything played since the recording started is in the file, however far parec lags.
        speaker.wait_past(speaker_mark, 0.5, 24_000)
        heard = speaker.stop()

        assert app_proc.pid in processes_with(marker)  # the check sees the running app...
        send_command("quit", app.channel)
        assert app_proc.wait(timeout=30) == 0
        assert processes_with(marker) == []  # ...and nothing once it has quit
    log = (OUTPUT / "app.log").read_text(errors="replace")
    assert "Traceback" not in log, log[log.find("Traceback") :][:2000]

    (session,) = [s for s in emu.sessions if s.ready_at is not None]
    assert session.audio_before_ready == 0
    sent = pcm16(bytes(session.audio))
    # What reached the service is the speech that was fed into the microphone...
    reference = fft_resample(samples, speech_rate, 16_000)
    match = align(sent, reference)
    assert match.correlation >= 0.95, match
    # ...followed by at least 290 ms of zeros (the end-of-utterance padding, after the tail).
    trailing = len(sent) - np.flatnonzero(np.abs(sent) > 0)[-1] - 1
    assert trailing >= int(0.29 * 16_000)
    # The virtual speaker received the emulator's translation of that speech.
    finals = [seg for seg in session.segments if seg.finalised]
    assert finals
    # Each segment's translation plays when it arrives (silence between them): align each one.
    played = np.asarray(heard[:, 0], dtype=np.float64)
    playout = final["playout"] or {}
    # Every pause the app counted: jitter-buffer underruns, device underflows, and runouts of
    # the device's ring beyond one per start (a pump late on a loaded machine).
    pauses = (
        playout.get("underruns", 0)
        + playout.get("output_underflows", 0)
        + max(0, playout.get("runouts", 0) - playout.get("starts", 0))
    )
    smooth = pauses == 0
    for seg in finals:
        expected = transform(session.segment_pcm(seg)).astype(np.float64)
        match = align(played, expected)
        if smooth:
            assert match.correlation >= 0.95 and match.overlap >= 0.95 * len(expected), match
            continue
        # Playout paused for an underrun (the app counted it: a loaded machine). A pause
        # inserts a short silence, so a rigid alignment is no judge: every 100 ms of the
        # translation must still be there, whole and in order; a pause fades the piece before
        # it out and the one after it in.
        pieces = align_pieces(played, expected, 2_400, max_pause=24_000)
        bad = [p for p in pieces if p.correlation < 0.95]
        assert pieces and len(bad) <= 2 * pauses, (playout, pieces)  # faded out, then in
    # The window showed the paired transcript.
    assert [r["original"] for r in final["rows"]] == [
        " ".join(
            m["text"]
            for m in session.sent  # type: ignore[misc]
            if m.get("type") == "original_transcript"
            and m.get("is_final")
            and m.get("correlation_id") == seg.correlation_id
        )
        for seg in finals
    ]
    assert all(r["translation"].startswith("[es] ") for r in final["rows"])
    assert final["session_id"] == session.session_id
    assert final["latency"]
    assert (OUTPUT / "main-window.png").stat().st_size > 10_000
