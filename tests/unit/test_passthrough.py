"""Meeting mode without a sound server: the pass-through's output callback (crossfade, cushion,
underruns), the rig's bookkeeping with a fake pass-through, the pure mute/state policy and the
two settings. The real devices are in tests/integration/test_passthrough.py."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from dragoman.audio.devices import VIRTUAL_MIC_SINK
from dragoman.audio.passthrough import PassThrough, _MicTap, _PassTap
from dragoman.core.errors import UsageError
from dragoman.core.meeting import LABELS, MeetingState, meeting_state, passthrough_muted
from dragoman.core.ring import SampleRing
from dragoman.core.settings import DEFAULTS, from_strings, to_strings, with_value
from tests.unit.test_audio_rig import (
    BASE,
    HEADSET,
    MIC,
    MIC_SINK,
    PHONES,
    SPEAKERS,
    Harness,
    Journal,
    with_,
)

FADE = 480  # 10 ms at 48 kHz
BLOCK = 240


def tap_with(muted: bool = False, *, fed: int = 48_000, cushion: int = 1) -> _PassTap:
    ring = SampleRing(48_000, 1)
    mic = _MicTap(ring)
    mic.live = True
    ring.write(np.ones(min(fed, ring.capacity), dtype=np.float32))
    return _PassTap(ring, mic, fade_len=FADE, block=BLOCK, muted=muted, cushion_blocks=cushion)


def play(tap: _PassTap, blocks: int, channels: int = 1) -> np.ndarray:
    out = []
    for _ in range(blocks):
        tap.ring.write(np.ones(BLOCK, dtype=np.float32))  # the microphone keeps pace
        block = np.full((BLOCK, channels), 7.0, dtype=np.float32)
        tap(block, BLOCK, None, None)
        out.append(block.copy())
    return np.concatenate(out)


# -- the output callback ----------------------------------------------------------------------
def test_unmuted_the_microphone_passes_unchanged_on_every_channel() -> None:
    tap = tap_with()
    out = play(tap, 4, channels=2)
    assert np.array_equal(out, np.ones((4 * BLOCK, 2), dtype=np.float32))


def test_muting_is_a_10_ms_ramp_to_exact_silence_and_back() -> None:
    tap = tap_with()
    play(tap, 2)
    tap.target = 0  # what set_muted(True) stores
    down = play(tap, 4)[:, 0]
    steps = np.diff(np.concatenate([[1.0], down]))
    assert np.all(steps <= 0) and np.all(steps >= -1.0 / FADE - 1e-6)  # no step, no click
    assert np.count_nonzero(down) == FADE - 1 and np.all(down[FADE:] == 0)
    tap.target = FADE
    up = play(tap, 4)[:, 0]
    assert np.all(np.diff(up) >= 0) and np.all(np.diff(up) <= 1.0 / FADE + 1e-6)
    assert np.all(up[FADE - 1 :] == 1.0)


def test_a_reversal_mid_ramp_turns_around_without_a_step() -> None:
    tap = tap_with()
    tap.target = 0
    first = play(tap, 1)[:, 0]  # half way down
    assert tap.level == FADE - BLOCK
    tap.target = FADE
    second = play(tap, 1)[:, 0]
    assert abs(float(second[0]) - float(first[-1])) <= 1.0 / FADE + 1e-6
    assert np.all(np.diff(second) > 0)


def test_muted_from_the_start_plays_silence_but_keeps_the_ring_current() -> None:
    tap = tap_with(muted=True)
    out = play(tap, 10)
    assert np.all(out == 0)
    assert tap.ring.available <= 2 * BLOCK + 2 * BLOCK  # consumed while muted


def test_a_backlog_is_skipped_down_to_the_cushion() -> None:
    tap = tap_with(fed=10_000)
    play(tap, 1)
    assert tap.skipped == 10_000 - BLOCK  # (the microphone's newest block came meanwhile)
    assert tap.ring.available == BLOCK  # the cushion


def test_a_dry_ring_is_an_underrun_then_silence_until_the_cushion_is_back() -> None:
    tap = tap_with(fed=BLOCK // 2)
    out = np.full((BLOCK, 1), 7.0, dtype=np.float32)
    tap(out, BLOCK, None, None)  # less than a block and the cushion: not yet
    assert np.all(out == 0) and not tap.primed
    tap.ring.write(np.ones(2 * BLOCK, dtype=np.float32))
    for _ in range(2):
        tap(out, BLOCK, None, None)
        assert np.all(out == 1) and tap.primed
    tap(out, BLOCK, None, None)  # half a block left
    assert tap.underruns == 1 and np.all(out[: BLOCK // 2] == 1) and np.all(out[BLOCK // 2 :] == 0)
    assert tap.cushion == 2 * BLOCK and tap.growths == 1  # the input is burstier than hoped
    tap.ring.write(np.ones(2 * BLOCK, dtype=np.float32))
    tap(out, BLOCK, None, None)  # two blocks are not a block and the (grown) cushion: wait
    assert np.all(out == 0) and not tap.primed
    tap.ring.write(np.ones(BLOCK, dtype=np.float32))
    tap(out, BLOCK, None, None)
    assert np.all(out == 1) and tap.primed


def test_the_cushion_grows_no_further_than_its_limit() -> None:
    tap = tap_with(fed=0)
    out = np.zeros((BLOCK, 1), dtype=np.float32)
    for _ in range(20):
        tap.ring.write(np.ones(tap.cushion + BLOCK, dtype=np.float32))
        tap(out, BLOCK, None, None)  # primes and plays
        tap.ring.discard()
        tap(out, BLOCK, None, None)  # dry
    assert tap.cushion == tap.max_cushion == 8 * BLOCK and tap.growths == 7


def test_headroom_kept_for_a_whole_window_is_trimmed_and_jitter_is_not() -> None:
    tap = tap_with(fed=0)
    tap.window = tap.window_left = 10
    out = np.zeros((BLOCK, 1), dtype=np.float32)
    tap.ring.write(np.ones(4 * BLOCK, dtype=np.float32))  # with the next: 3 blocks to spare
    for _ in range(30):
        tap.ring.write(np.ones(BLOCK, dtype=np.float32))
        tap(out, BLOCK, None, None)
    # A block per window while more than the slack (two blocks) is spare: one of the three.
    assert tap.skipped == BLOCK and tap.ring.available == 3 * BLOCK
    for i in range(30):  # bursts: two blocks every other callback, never more than a block spare
        if i % 2 == 0:
            tap.ring.write(np.ones(2 * BLOCK, dtype=np.float32))
        tap(out, BLOCK, None, None)
    assert tap.skipped == BLOCK and tap.underruns == 0


def test_the_microphone_is_not_kept_before_the_output_runs() -> None:
    ring = SampleRing(4_800, 1)
    mic = _MicTap(ring)
    block = np.ones((BLOCK, 1), dtype=np.float32)
    mic(block, BLOCK, None, None)
    assert ring.available == 0 and mic.callbacks == 1
    tap = _PassTap(ring, mic, fade_len=FADE, block=BLOCK, muted=False)
    out = np.zeros((BLOCK, 1), dtype=np.float32)
    tap(out, BLOCK, None, None)
    mic(block, BLOCK, None, None)
    assert mic.live and ring.available == BLOCK


def test_set_muted_before_the_streams_open_opens_nothing() -> None:
    errors: list[Any] = []
    pt = PassThrough(MIC, MIC_SINK, on_error=errors.append)
    pt.set_muted(True)
    assert pt.muted and not pt.is_open and pt.stats.output_callbacks == 0
    assert pt.check_presence([MIC, MIC_SINK])
    assert not pt.check_presence([MIC]) and not pt.check_presence([MIC])
    assert len(errors) == 1 and "is gone" in str(errors[0])
    pt.close_now()
    assert "closed" in repr(pt)


# -- the rig ------------------------------------------------------------------------------------
class FakePassThrough:
    def __init__(self, journal: Journal, mic: Any, output: Any, **kw: Any) -> None:
        self.journal, self.mic, self.output, self.kw = journal, mic, output, kw
        self.muted: bool = kw["muted"]
        self.present: list[bool] = []

    async def start(self) -> None:
        self.journal.append(f"pass+{self.mic.pulse_name}>{self.output.pulse_name}")

    async def aclose(self) -> None:
        self.journal.append(f"pass-{self.mic.pulse_name}>{self.output.pulse_name}")

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def check_presence(self, devices: Any) -> bool:
        self.present.append(self.output in devices)
        return self.present[-1]


def harness() -> tuple[Harness, list[FakePassThrough]]:
    h = Harness([MIC, HEADSET, SPEAKERS, PHONES, MIC_SINK])
    made: list[FakePassThrough] = []

    def make(mic: Any, output: Any, **kw: Any) -> FakePassThrough:
        made.append(FakePassThrough(h.journal, mic, output, **kw))
        return made[-1]

    h.rig._passthrough_factory = make  # type: ignore[assignment]  # the fake has the same face
    return h, made


MEETING = with_(BASE, call_output=f"pulse:{VIRTUAL_MIC_SINK}", meeting_mode=True)


async def test_meeting_mode_off_builds_no_pass_through() -> None:
    h, made = harness()
    await h.rig.reconfigure(with_(MEETING, meeting_mode=False))
    h.rig.set_passthrough_muted(True)
    assert made == [] and h.rig.passthrough is None
    assert not any(e.startswith("pass") for e in h.journal)


async def test_the_pass_through_follows_the_setting_and_the_devices() -> None:
    h, made = harness()
    await h.rig.reconfigure(MEETING)
    assert [e for e in h.journal if e.startswith("pass")] == [f"pass+mic>{VIRTUAL_MIC_SINK}"]
    assert h.rig.passthrough is made[0] and made[0].muted is False
    h.journal.clear()
    await h.rig.reconfigure(with_(MEETING, tail_ms=350, passthrough_return="at_once"))
    assert not any(e.startswith("pass") for e in h.journal)  # nothing of its own changed
    h.rig.set_passthrough_muted(True)
    assert made[0].muted
    await h.rig.reconfigure(with_(MEETING, input_device="headset"))
    assert [e for e in h.journal if e.startswith("pass")] == [
        f"pass-mic>{VIRTUAL_MIC_SINK}",
        f"pass+headset>{VIRTUAL_MIC_SINK}",
    ]
    assert made[1].kw["muted"] is True  # a new one starts as the old one was
    h.journal.clear()
    await h.rig.reconfigure(with_(MEETING, meeting_mode=False))
    assert [e for e in h.journal if e.startswith("pass")] == [f"pass-headset>{VIRTUAL_MIC_SINK}"]
    assert h.rig.passthrough is None


async def test_close_closes_the_pass_through_first_and_a_vanished_output_is_checked() -> None:
    h, made = harness()
    await h.rig.reconfigure(MEETING)
    h.rig._on_watcher_changed([MIC, SPEAKERS])
    assert made[0].present == [False]
    h.journal.clear()
    await h.rig.aclose()
    assert h.journal.index(f"pass-mic>{VIRTUAL_MIC_SINK}") < h.journal.index("capture-mic")
    await h.rig.aclose()
    assert h.journal.count(f"pass-mic>{VIRTUAL_MIC_SINK}") == 1


async def test_meeting_mode_without_a_call_output_says_so() -> None:
    h, made = harness()
    await h.rig.reconfigure(with_(MEETING, call_output=""))
    assert made == [] and [k for k, _ in h.notices] == ["meeting"]


async def test_meeting_mode_never_passes_the_microphone_to_the_speakers() -> None:
    h, made = harness()
    await h.rig.reconfigure(with_(MEETING, call_output="speakers"))
    assert made == [] and h.rig.passthrough is None
    assert [k for k, _ in h.notices] == ["meeting"] and "howl" in h.notices[0][1]


# -- the policy and the visible state -------------------------------------------------------------
@pytest.mark.parametrize(
    ("talking", "turn_open", "playing", "returns", "muted_all", "muted"),
    [
        (False, False, False, "after_translation", False, False),  # at rest: passing through
        (True, True, False, "after_translation", False, True),  # key held
        (True, True, True, "at_once", False, True),  # key held, whatever the return
        (False, True, False, "after_translation", False, True),  # released, translation due
        (False, False, True, "after_translation", False, True),  # still playing
        (False, True, True, "at_once", False, False),  # at once: back at the key-up
        (False, False, False, "after_translation", True, True),  # mute all
        (False, False, False, "at_once", True, True),
    ],
)
def test_passthrough_muted(
    talking: bool, turn_open: bool, playing: bool, returns: str, muted_all: bool, muted: bool
) -> None:
    assert (
        passthrough_muted(
            meeting_mode=True,
            talking=talking,
            turn_open=turn_open,
            playing=playing,
            passthrough_return=returns,
            muted_all=muted_all,
        )
        is muted
    )
    assert passthrough_muted(meeting_mode=False, talking=False, turn_open=False, playing=False)


def test_meeting_state() -> None:
    assert meeting_state(False, True, True, False) is MeetingState.OFF
    # "Mute all" keeps the translations out of the call too: it shows without meeting mode.
    assert meeting_state(False, True, True, True) is MeetingState.MUTED
    assert meeting_state(True, True, True, True) is MeetingState.MUTED
    assert meeting_state(True, True, False, False) is MeetingState.TRANSLATING
    assert meeting_state(True, False, True, False) is MeetingState.TRANSLATING
    assert meeting_state(True, False, False, False, turn_open=True) is MeetingState.TRANSLATING
    assert meeting_state(True, False, False, False) is MeetingState.PASSING
    assert LABELS[MeetingState.PASSING] == "Passing through" and LABELS[MeetingState.OFF] == ""


# -- settings ------------------------------------------------------------------------------------
def test_meeting_settings_default_off_and_round_trip() -> None:
    assert DEFAULTS.meeting_mode is False
    assert DEFAULTS.passthrough_return == "after_translation"
    s = dataclasses.replace(DEFAULTS, meeting_mode=True, passthrough_return="at_once")
    assert from_strings(to_strings(s)).settings == s


def test_meeting_settings_are_validated() -> None:
    loaded = from_strings({"meeting_mode": "maybe", "passthrough_return": "later"})
    assert loaded.settings.meeting_mode is False
    assert loaded.settings.passthrough_return == "after_translation"
    assert len(loaded.problems) == 2
    assert with_value(DEFAULTS, "meeting_mode", "on").meeting_mode is True
    assert with_value(DEFAULTS, "passthrough_return", "at_once").passthrough_return == "at_once"
    with pytest.raises(UsageError, match=r"one of after_translation, at_once"):
        with_value(DEFAULTS, "passthrough_return", "later")
