"""The two PortAudio callbacks, driven directly: what they write, fade and count.

No device is involved: the callbacks are plain callables over preallocated rings, which is the
point of keeping them this small.
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.audio.capture import _InputTap
from dragoman.audio.playback import _OutputTap
from dragoman.core.ring import SampleRing, StampLog

FADE = 16
FRAMES = 8
SLOPE = 0.05  # per-sample step of the test signal: anything much larger is a click

clock = itertools.count(0.0, 0.001).__next__


def ok() -> SimpleNamespace:
    return SimpleNamespace(input_overflow=False, input_underflow=False, output_underflow=False)


def flag(**flags: bool) -> SimpleNamespace:
    status = ok()
    for name, value in flags.items():
        setattr(status, name, value)
    return status


class FalseyStatus(SimpleNamespace):
    def __bool__(self) -> bool:
        return False


def test_input_tap_copies_stamps_and_counts() -> None:
    ring = SampleRing(64, channels=2)
    stamps = StampLog()
    tap = _InputTap(ring, stamps, clock)
    block = np.arange(16, dtype=np.float32).reshape(8, 2)
    tap(block, 8, None, FalseyStatus())
    tap(block, 8, None, flag(input_overflow=True))
    tap(block, 8, None, flag(input_underflow=True, input_overflow=True))
    assert (tap.callbacks, tap.overflows, tap.underflows) == (3, 2, 1)
    np.testing.assert_array_equal(ring.read(), np.concatenate([block] * 3))
    last = stamps.last()
    assert last is not None and last[0] == 24


def run(tap: _OutputTap, callbacks: int, frames: int = FRAMES) -> np.ndarray:
    out = []
    for _ in range(callbacks):
        buf = np.full((frames, tap.ring.channels), 99.0, dtype=np.float32)
        tap(buf, frames, None, FalseyStatus())
        out.append(buf.copy())
    return np.concatenate(out)


def ramp_signal(n: int, start: float = 0.5) -> np.ndarray:
    """A smooth signal that is far from zero where it is cut (the worst case for clicks)."""
    return (start + SLOPE * np.sin(np.arange(n) / 3.0)).astype(np.float32)


def output_tap(channels: int = 1) -> _OutputTap:
    return _OutputTap(SampleRing(4096, channels), StampLog(), FADE, clock)


def test_running_dry_ramps_down_over_callbacks_instead_of_stepping() -> None:
    tap = output_tap()
    signal = ramp_signal(20)
    tap.ring.write(signal)
    out = run(tap, 6)[:, 0]  # 48 frames: 20 of audio, then the ring is dry
    assert (out != 99).all()  # every frame written
    assert np.abs(np.diff(out)).max() <= 0.5 / FADE + SLOPE
    assert out[20 + FADE :].max() == 0.0  # silence after the ramp
    assert tap.runouts == 1 and not tap.live
    assert tap.quiet_at > 0


def test_audio_returning_mid_ramp_is_cross_faded() -> None:
    tap = output_tap()
    tap.ring.write(ramp_signal(20))
    first = run(tap, 3)  # 24 frames: 4 frames into the ramp-down
    tap.ring.write(ramp_signal(40, start=-0.5))  # back, and on the other side of zero
    second = run(tap, 6)
    out = np.concatenate([first, second])[:, 0]
    assert np.abs(np.diff(out)).max() <= 2 * 0.5 / FADE + 2 * SLOPE
    assert tap.runouts == 2


def test_a_fresh_start_fades_in() -> None:
    tap = output_tap(channels=2)
    block = np.repeat(ramp_signal(40)[:, None], 2, axis=1)
    tap.ring.write(block)
    out = run(tap, 4)
    assert out[0, 0] < 0.05  # not the signal's 0.5 at once
    assert np.abs(np.diff(out[:, 0])).max() <= 0.5 / FADE + SLOPE
    np.testing.assert_array_equal(out[:, 0], out[:, 1])
    np.testing.assert_allclose(out[FADE:32, 0], block[FADE:32, 0])  # then untouched


def test_flush_request_is_honoured_by_the_callback_with_a_ramp() -> None:
    tap = output_tap()
    tap.ring.write(ramp_signal(400))
    run(tap, 2)
    tap.flush_requested = True
    out = run(tap, 4)[:, 0]
    assert tap.ring.available == 0 and not tap.flush_requested
    assert out[FADE:].max() == 0.0
    assert np.abs(np.diff(out)).max() <= 0.5 / FADE + SLOPE


def test_output_underflow_flags_are_counted_and_stamps_kept() -> None:
    tap = output_tap()
    buf = np.zeros((FRAMES, 1), dtype=np.float32)
    tap(buf, FRAMES, None, flag(output_underflow=True))
    tap(buf, FRAMES, None, ok())
    assert tap.output_underflows == 1 and tap.callbacks == 2
    assert tap.stamps.count == 2


@settings(max_examples=200, deadline=None)
@given(pattern=st.lists(st.integers(0, 30), min_size=1, max_size=40))
def test_no_click_whatever_the_arrival_pattern(pattern: list[int]) -> None:
    """Whatever arrives when (including nothing), consecutive output samples never jump."""
    tap = output_tap()
    signal = ramp_signal(sum(pattern) + 1)
    pos = 0
    out = []
    for n in pattern:
        tap.ring.write(signal[pos : pos + n])
        pos += n
        out.append(run(tap, 1)[:, 0])
    out.append(run(tap, -(-tap.ring.available // FRAMES) + 3)[:, 0])  # play out, then ramp
    audio = np.concatenate([[0.0], *out])  # silence before the stream started
    assert np.abs(np.diff(audio)).max() <= 2 * 0.55 / FADE + 2 * SLOPE
    assert tap.ring.read_total == pos  # every sample that arrived was played, once


@pytest.mark.parametrize("fade", [0, 1])
def test_tiny_fades_still_work(fade: int) -> None:
    tap = _OutputTap(SampleRing(64), StampLog(), fade, clock)
    tap.ring.write(np.ones(3, dtype=np.float32))
    out = run(tap, 2, frames=4)[:, 0]
    assert out[-1] == 0.0 and tap.runouts == 1
