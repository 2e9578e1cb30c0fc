"""End to end: barge-in on built-in speakers (issue 10), the app as a subprocess.

The monitor output is a virtual sink the sound server describes as a laptop's own card
(``device.form_factor=internal``) under a neutral name, so only its properties can make it
"built-in speakers". A translation plays there; the talk key goes down (xdotool, another window
focused) while new speech is fed into the virtual microphone. The emulator must receive the
whole held speech (nothing gated: no zeroed span), and the speakers must fall silent at once.

How "at once" is measured: the speakers' monitor is recorded by a ``parec`` whose every read is
stamped with the wall clock, so each recorded sample has the time the sound server rendered it
(the earliest stamp less the audio it closes, over all reads). The silent point is compared with
the xdotool key-down (taken just before xdotool ran, so the figure includes the X server and the
app's hotkey thread) and with the app's own log line of the pause. The figures are printed; the
assertion leaves room for a loaded machine and also checks what matters to a listener: the rest
of the translation (over a second of it) was never played, during the hold or after.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from dragoman.core.settings import Settings
from tests.audio_checks import align
from tests.e2e.desktop import GOOD_KEY, HOTKEY, App, Desktop, desktop, wait
from tests.signals import sentence
from tests.speech import interp_resample
from tests.testbed.dbus import stop
from tests.testbed.pulse import PulseTestbed
from tests.testbed.xserver import foreign_window

pytestmark = pytest.mark.slow

RATE = 48_000
MIC_RATE = 16_000
PADDING_SAMPLES = 4800  # the 300 ms of zeros that close each hold (16 kHz)
LAPTOP = "laptop"
SILENT = 1e-3  # below this the speakers are silent (the idle sink renders exact zeros)
STOP_TARGET_S = 0.050  # the figure: the playback stops within 50 ms of key-down
STOP_LIMIT_S = 0.200  # from before xdotool runs, on a loaded 2-core machine (figures printed)
# Key-downs wait this long after the speech reaches the microphone: the 300 ms pre-roll of the
# hold is then speech, never the silence before the feed started (pacat starts late under load).
PREROLL_FILL_S = 0.5
SMALLEST_DEVICE_BUFFER_MS = 20.0  # playback.DEVICE_LATENCIES[0]: the 50 ms assume this buffer
FloatArray = npt.NDArray[np.float64]


class StampedRecording:
    """``parec`` of one source, read by a thread that stamps every read with the wall clock."""

    def __init__(self, bed: PulseTestbed, source: str, latency_ms: int = 5) -> None:
        self._proc = subprocess.Popen(
            [
                bed.tool("parec"),
                "--raw",
                "--format=float32le",
                f"--rate={RATE}",
                "--channels=1",
                f"--latency-msec={latency_ms}",
                "-d",
                source,
            ],
            env=bed.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._data = bytearray()
        self._stamps: list[tuple[float, int]] = []  # (time.time() of a read, samples so far)
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, name="stamped-parec", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        while chunk := os.read(fd, 4096):
            now = time.time()
            with self._lock:
                self._data += chunk
                self._stamps.append((now, len(self._data) // 4))

    def samples(self) -> FloatArray:
        with self._lock:
            usable = len(self._data) - len(self._data) % 4
            return np.frombuffer(bytes(self._data[:usable]), dtype="<f4").astype(np.float64)

    def time_of(self, index: int) -> float:
        """When the sound server rendered sample ``index``: no read can deliver a sample before
        it exists, so the earliest (stamp - samples/rate) over all reads is the recording's
        start, late by parec's smallest delivery delay only."""
        with self._lock:
            start = min(at - n / RATE for at, n in self._stamps)
        return start + index / RATE

    def index_at(self, when: float) -> int:
        return max(0, round((when - self.time_of(0)) * RATE))

    def stop(self) -> None:
        """End parec, let the reader see the end of its output, then close the pipe."""
        if self._proc.poll() is None:
            self._proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(5)
        self._thread.join(timeout=5)
        stop(self._proc)


@contextlib.contextmanager
def stamped(bed: PulseTestbed, source: str, latency_ms: int = 5) -> Iterator[StampedRecording]:
    """``latency_ms``: parec's buffer; a small one stamps reads closely, a larger one survives a
    saturated machine without the sound server dropping what parec did not read in time."""
    rec = StampedRecording(bed, source, latency_ms)
    try:
        wait(lambda: len(rec.samples()) > 0, f"parec recording {source}", 15)
        yield rec
    finally:
        rec.stop()


def add_laptop_speakers(bed: PulseTestbed) -> None:
    """A sink only its properties call speakers: form factor "internal", a neutral name."""
    bed.load_module(
        "module-null-sink",
        f"sink_name={LAPTOP}",
        f"rate={RATE}",
        "channels=1",
        "sink_properties='device.description=\"Built-in Audio\" device.form_factor=internal'",
    )
    # An idle null sink is not clocked: the silent clock source keeps it running (testbed.pulse).
    bed.load_module(
        "module-loopback",
        "source=clock",
        f"sink={LAPTOP}",
        "latency_msec=5",
        "source_dont_move=true",
        "sink_dont_move=true",
    )
    bed.wait_ready(f"{LAPTOP}.monitor")


def tone(seconds: float) -> FloatArray:
    """The first utterance: a steady tone, so its translation has no pause of its own."""
    t = np.arange(int(seconds * RATE)) / RATE
    return 0.3 * np.sin(2 * np.pi * 330 * t) + 0.05 * np.sin(2 * np.pi * 1210 * t)


def speech(seconds: float, seed: int) -> FloatArray:
    """The second utterance, at 16 kHz: speech-like syllables over a faint noise floor, so that
    no stretch of it is ever exact zeros (a gated microphone would be)."""
    rng = np.random.default_rng(seed)
    voiced = sentence(seconds, seed).astype(np.float64) / 32768.0
    return voiced + 0.003 * rng.standard_normal(len(voiced))


def zero_runs(pcm: npt.NDArray[np.int16], at_least: int) -> list[tuple[int, int]]:
    """(start, length) of every run of exact zeros of ``at_least`` samples or more."""
    zero = np.concatenate([[False], pcm == 0, [False]])
    edges = np.flatnonzero(np.diff(zero.astype(np.int8)))
    runs = [(int(a), int(b - a)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    return [r for r in runs if r[1] >= at_least]


def logged_at(d: Desktop, fragment: str, nth: int = 0) -> float:
    """The wall-clock time of the app's ``nth`` log line holding ``fragment`` (ms resolution)."""
    lines = [line for line in d.log().splitlines() if fragment in line]
    assert len(lines) > nth, f"the app logged {fragment!r} {len(lines)} times"
    stamp = " ".join(lines[nth].split(" ", 2)[:2])
    return datetime.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f").timestamp()


def silent_from(x: FloatArray, start: int, run_s: float = 0.2) -> int:
    """The first index at or after ``start`` where ``run_s`` of silence begins."""
    quiet = np.concatenate([[0], (np.abs(x[start:]) < SILENT).astype(np.int8), [0]])
    edges = np.flatnonzero(np.diff(quiet))
    for begin, end in zip(edges[::2], edges[1::2], strict=True):
        if end - begin >= run_s * RATE:
            return start + int(begin)
    raise AssertionError("the speakers never fell silent")


def session_pcm(d: Desktop) -> npt.NDArray[np.int16]:
    (session,) = [s for s in d.emu.sessions if s.ready_at is not None]
    return np.frombuffer(bytes(session.audio), dtype="<i2")


def hold(d: Desktop, seconds: float) -> tuple[float, float, float]:
    """Hold the talk key for ``seconds``: the wall-clock times just before and after the
    xdotool key-down, and the monotonic time before it (the emulator's clock)."""
    mono, before = time.monotonic(), time.time()
    d.x.xdotool("keydown", HOTKEY)
    after = time.time()
    time.sleep(seconds)  # the user holding the key: real time is the point here
    d.x.xdotool("keyup", HOTKEY)
    return before, after, mono


def test_a_hold_during_a_translation_on_built_in_speakers_pauses_it_and_is_sent_whole(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        add_laptop_speakers(d.bed)
        d.store_key(GOOD_KEY)
        d.write_settings(
            Settings(
                first_run_done=True,
                hotkey=HOTKEY,
                ptt_mode="hold",
                drop_silent_holds=False,
                monitor_output=f"pulse:{LAPTOP}",
                echo_guard="auto",  # the default: pause on built-in speakers
            )
        )
        with (
            d.launch() as app,
            foreign_window(d.x),
            stamped(d.bed, f"{LAPTOP}.monitor") as rec,
            stamped(d.bed, "vmic_in.monitor") as mic,  # what the microphone is fed
        ):
            status = app.wait_state("ready", 40)
            assert status["hotkey_backend"] == "pynput"
            flags = device_flags(app)
            assert flags[f"pulse:{LAPTOP}"] == ["builtin_speakers"]
            assert flags["pulse:vspeaker"] == []  # "Test speaker" is only a name
            # The first utterance and its translation, which plays on the laptop's speakers.
            first = d.bed.feed("vmic_in", tone(4.2), RATE, 1)
            wait(lambda: loud_from(mic, 0), "the tone at the microphone")
            time.sleep(PREROLL_FILL_S)
            hold(d, 3.0)
            onset = wait(lambda: loud_from(rec, 0), "the translation playing", 30)
            # The person speaks over it: the new speech starts, then the key goes down.
            b16 = speech(3.4, seed=21)
            fed_from = len(mic.samples())
            second = d.bed.feed("vmic_in", interp_resample(b16, MIC_RATE, RATE), RATE, 1)
            wait(lambda: loud_from(mic, fed_from), "the speech at the microphone")
            time.sleep(PREROLL_FILL_S - 0.2)
            playing = app.status()  # the output's device buffer while the translation plays
            assert playing is not None and playing["playout"] is not None
            device_ms = float(playing["playout"]["device_latency_ms"])
            time.sleep(0.2)
            down_before, down_after, down_mono = hold(d, 1.6)
            up_at = time.time()
            app.wait_state("ready", 30)
            # The second translation plays once the hold is over (the pause ended with it).
            resumed = wait(
                lambda: loud_from(rec, rec.index_at(up_at)), "the second translation", 30
            )
            time.sleep(0.3)
            first.kill()
            second.kill()
            status = app.status()
            assert status is not None and status["sessions_opened"] == 1
            assert any("Paused the translation" in b for b in status["banners"])
            x = rec.samples()
        log = d.log()
        assert "Traceback" not in log

        # -- the speakers: silent from just after the key-down until the hold was over
        stopped = silent_from(x, onset)
        stop_at = rec.time_of(stopped)
        heard_at = logged_at(d, "push-to-talk StartTalking", nth=1)  # the second hold
        paused_at = logged_at(d, "output paused (barge-in): playback cut")
        delay = stop_at - down_before

        def ms(seconds: float) -> str:
            return f"{1000 * seconds:.1f} ms"

        print(
            f"\nbarge-in: xdotool key-down ran {ms(down_after - down_before)}; the app heard "
            f"the key {ms(heard_at - down_before)} after xdotool started and paused the "
            f"playback {ms(paused_at - heard_at)} later; the speakers were silent "
            f"{ms(stop_at - heard_at)} after the app heard the key, {ms(delay)} after xdotool "
            f"started and {ms(stop_at - down_after)} after it returned "
            f"(target {ms(STOP_TARGET_S)} from key-down; device buffer {device_ms:.0f} ms)"
        )
        # What the app controls, from the moment it heard the key: the 50 ms, with the
        # smallest device buffer. Audio already handed to the sound server plays out, so an
        # output whose buffer grew after underflows (a loaded machine) stops that much later.
        grown_s = max(0.0, device_ms - SMALLEST_DEVICE_BUFFER_MS) / 1000
        assert stop_at - heard_at <= STOP_TARGET_S + grown_s, stop_at - heard_at
        # From before xdotool ran (its start-up, the X server, pynput included): a loose bound.
        assert -0.005 <= delay <= STOP_LIMIT_S, delay
        (session,) = [s for s in d.emu.sessions if s.ready_at is not None]
        # The first reply's translated speech (float32 at 24 kHz), all sent before the key-down.
        first_reply_s = sum(n for at, n in session.sent_audio_at if at < down_mono) / 4 / 24_000
        played_s = (stopped - onset) / RATE
        print(f"barge-in: {played_s:.2f} s of a {first_reply_s:.2f} s translation played")
        assert played_s <= first_reply_s - 1.0  # over a second of it was never played
        # Nothing more during the hold (a late chunk of the old reply included); the next
        # translation played once the key was up.
        released = rec.index_at(up_at)
        assert not (np.abs(x[stopped:released]) >= SILENT).any()
        assert resumed > released

        # -- the service: the whole held speech, no zeroed span
        pcm = session_pcm(d)
        paddings = zero_runs(pcm, PADDING_SAMPLES)
        assert len(paddings) == 2, paddings
        assert zero_runs(pcm, 320) == paddings, (zero_runs(pcm, 320), len(pcm))  # nothing else
        start = paddings[0][0] + paddings[0][1]
        held = pcm[start : paddings[1][0]].astype(np.float64) / 32768.0
        assert len(held) / MIC_RATE >= 1.6 + 0.2, len(held)  # the hold, its pre-roll and tail
        match = align(held, b16)
        print(f"barge-in: held speech correlation {match.correlation:.4f}")
        assert match.correlation >= 0.9 and match.overlap == len(held), match


def device_flags(app: App) -> dict[str, list[str]]:
    import json

    listed = app.cli("devices", "--json")
    assert listed.returncode == 0, listed.stderr
    return {row["id"]: row["flags"] for row in json.loads(listed.stdout)}


def loud_from(rec: StampedRecording, start: int) -> int | None:
    """The first index at or after ``start`` where the recording is audible (None: not yet)."""
    x = rec.samples()
    hits = np.flatnonzero(np.abs(x[start:]) >= 0.02)
    return int(hits[0]) + start if hits.size else None
