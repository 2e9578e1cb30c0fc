"""The audio ledger: order, replay from the onset of unfinalised speech, and bounded memory."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.core.backoff import allocation_delays, exponential, reconnect_delays
from dragoman.core.ledger import AudioLedger

SILENCE = bytes(640)


def speech(tag: int) -> bytes:
    """A 20 ms frame well above the speech threshold, unique per tag."""
    samples = np.full(320, 8000 + tag, dtype="<i2")
    return samples.tobytes()


def drain(ledger: AudioLedger) -> list[bytes]:
    out = []
    while (frame := ledger.take()) is not None:
        out.append(frame)
    return out


def test_frames_go_out_in_order_once() -> None:
    ledger = AudioLedger()
    frames = [speech(i) for i in range(5)]
    for f in frames:
        ledger.append(f)
    assert drain(ledger) == frames
    assert ledger.take() is None and not ledger.has_unsent()


def test_empty_frames_are_ignored() -> None:
    ledger = AudioLedger()
    ledger.append(b"")
    assert ledger.take() is None


def test_rewind_replays_everything_since_the_last_final() -> None:
    ledger = AudioLedger(margin_ms=0)
    first = [speech(i) for i in range(3)] + [SILENCE] * 3
    for f in first:
        ledger.append(f)
    drain(ledger)
    ledger.on_final()  # sentence 1 done, newest audio silent: nothing kept
    second = [speech(100 + i) for i in range(4)]
    for f in second:
        ledger.append(f)
    drain(ledger)
    assert ledger.rewind() == 80
    assert drain(ledger) == second


def test_margin_keeps_context_before_the_boundary() -> None:
    ledger = AudioLedger(margin_ms=40)
    for f in [speech(1)] + [SILENCE] * 4:
        ledger.append(f)
    drain(ledger)
    ledger.on_final()
    ledger.rewind()
    assert drain(ledger) == [SILENCE] * 2


def test_speech_already_begun_when_the_final_arrives_is_kept_from_its_onset() -> None:
    ledger = AudioLedger(margin_ms=20)
    old = [speech(i) for i in range(5)] + [SILENCE] * 10
    new_onset = [speech(50 + i) for i in range(3)]  # the next sentence had started
    for f in old + new_onset:
        ledger.append(f)
    drain(ledger)
    ledger.on_final()
    ledger.rewind()
    assert drain(ledger) == [SILENCE] + new_onset


def test_lookback_is_bounded() -> None:
    ledger = AudioLedger(margin_ms=0, lookback_ms=40)
    frames = [speech(i) for i in range(10)]
    for f in frames:
        ledger.append(f)
    drain(ledger)
    ledger.on_final()
    ledger.rewind()
    assert drain(ledger) == frames[-2:]


def test_unsent_audio_survives_a_final() -> None:
    ledger = AudioLedger(margin_ms=0)
    ledger.append(SILENCE)
    drain(ledger)
    ledger.append(speech(7))
    ledger.on_final()
    assert drain(ledger) == [speech(7)]


def test_capacity_drops_the_oldest_and_counts_it() -> None:
    ledger = AudioLedger(capacity_ms=100)
    frames = [speech(i) for i in range(8)]
    for f in frames:
        ledger.append(f)
    assert drain(ledger) == frames[-5:]
    assert ledger.stats().dropped_ms == 60
    assert "dropped_ms=60" in repr(ledger)


def test_capacity_adjusts_the_sent_mark() -> None:
    ledger = AudioLedger(capacity_ms=60)
    for i in range(3):
        ledger.append(speech(i))
    drain(ledger)
    ledger.append(speech(3))
    assert ledger.stats().pending_ms == 20 and ledger.stats().replayable_ms == 40
    assert drain(ledger) == [speech(3)]


@settings(max_examples=300)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("push"), st.booleans()),
            st.just(("send", 0)),
            st.just(("final", 0)),
            st.just(("lost", 0)),
        ),
        max_size=80,
    )
)
def test_no_frame_is_lost_or_reordered_across_reconnections(ops: list[tuple[str, object]]) -> None:
    """Whatever the interleaving, each session receives a contiguous, ordered run of the input
    that starts no later than the first frame no final has covered."""
    ledger = AudioLedger(margin_ms=0, lookback_ms=0, capacity_ms=10_000_000)
    pushed: list[bytes] = []
    received: list[bytes] = []
    covered = 0  # frames up to here are covered by a final
    for op, arg in ops:
        if op == "push":
            frame = speech(len(pushed)) if arg else SILENCE + len(pushed).to_bytes(4, "little")
            pushed.append(frame)
            ledger.append(frame)
        elif op == "send":
            received.extend(drain(ledger))
        elif op == "final":
            covered = pushed.index(received[-1]) + 1 if received else covered
            ledger.on_final()
        else:
            ledger.rewind()
            received = []
            replay = drain(ledger)
            if replay:
                start = pushed.index(replay[0])
                assert start <= covered
                assert replay == pushed[start : start + len(replay)]
            received = replay
    received.extend(drain(ledger))
    if received:
        start = pushed.index(received[0])
        assert received == pushed[start:]
        assert start <= covered


def test_backoff_schedules() -> None:
    assert list(allocation_delays()) == [1.0, 2.0, 4.0]
    assert list(exponential(1, 2, 5, attempts=5)) == [1, 2, 4, 5, 5]
    delays = reconnect_delays()
    assert [next(delays) for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]
