"""The audio ledger: order, replay from the onset of unfinalised speech, and bounded memory."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.core.backoff import (
    allocation_delays,
    exponential,
    honour_retry_after,
    rate_limit_delays,
    reconnect_delays,
)
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


def send_all(ledger: AudioLedger, frames: list[bytes], now: float = 0.0) -> None:
    for f in frames:
        ledger.append(f)
    while ledger.take(now) is not None:
        pass


def replay(ledger: AudioLedger) -> list[bytes]:
    ledger.rewind()
    return drain(ledger)


def sentence(tag: int, frames: int = 5) -> list[bytes]:
    return [speech(tag * 100 + i) for i in range(frames)]


def test_a_final_retires_the_oldest_complete_segment() -> None:
    ledger = AudioLedger(gap_ms=60, margin_ms=0)
    a, b = sentence(1), sentence(2)
    send_all(ledger, a + [SILENCE] * 4 + b + [SILENCE] * 4)
    ledger.on_final()
    assert replay(ledger) == b + [SILENCE] * 4
    assert ledger.rewind() == 180


def test_audio_sent_ahead_of_the_server_is_kept_until_its_own_final() -> None:
    """With --fast, sentences B and C were sent before A's final came back."""
    ledger = AudioLedger(gap_ms=60, margin_ms=40)
    a, b, c = sentence(1), sentence(2), sentence(3, 2)
    send_all(ledger, a + [SILENCE] * 4 + b + [SILENCE] * 4 + c)
    ledger.on_final()
    assert replay(ledger) == [SILENCE] * 2 + b + [SILENCE] * 4 + c
    ledger.on_final()
    assert replay(ledger) == [SILENCE] * 2 + c


def test_a_final_mid_segment_retires_nothing() -> None:
    """finalizeMode=stable locks spans in before the sentence ends: keep the whole sentence."""
    ledger = AudioLedger(gap_ms=60)
    a = sentence(1, 8)
    send_all(ledger, [SILENCE, *a])
    ledger.on_final()
    assert replay(ledger) == [SILENCE, *a]


def test_pauses_between_words_do_not_split_a_segment() -> None:
    ledger = AudioLedger(gap_ms=100, margin_ms=0)
    a, b = sentence(1), sentence(2)
    words = a + [SILENCE] * 2 + b  # 40 ms between words
    send_all(ledger, words + [SILENCE] * 5 + sentence(3))
    ledger.on_final()
    assert replay(ledger) == sentence(3)


def test_a_pause_shorter_than_the_gap_does_not_complete_a_segment() -> None:
    ledger = AudioLedger(gap_ms=100, margin_ms=0)
    a = sentence(1)
    send_all(ledger, a + [SILENCE] * 4)
    ledger.on_final()
    assert replay(ledger) == a + [SILENCE] * 4


def test_unsent_audio_is_never_retired() -> None:
    ledger = AudioLedger(gap_ms=60, margin_ms=0)
    a, b = sentence(1), sentence(2)
    send_all(ledger, a)
    for f in [SILENCE] * 4 + b:
        ledger.append(f)
    ledger.on_final()
    assert drain(ledger) == [SILENCE] * 4 + b


def test_stale_segments_resynchronise_a_drifting_segmentation() -> None:
    ledger = AudioLedger(gap_ms=60, margin_ms=0, stale_s=10)
    a, b, c = sentence(1), sentence(2), sentence(3)
    send_all(ledger, a + [SILENCE] * 4 + b + [SILENCE] * 4, now=0.0)
    send_all(ledger, c + [SILENCE] * 4, now=20.0)
    ledger.on_final(now=21.0)  # retires A (oldest) and B (sent 21 s ago), keeps C
    assert replay(ledger) == c + [SILENCE] * 4


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
    """Whatever the interleaving, a new session receives a contiguous, ordered run of the input
    up to its end; what was retired before it is whole speech runs, at most one per final."""
    ledger = AudioLedger(gap_ms=20, margin_ms=0, capacity_ms=10_000_000)
    pushed: list[bytes] = []
    is_speech: list[bool] = []
    finals = 0

    def check(session: list[bytes]) -> None:
        start = pushed.index(session[0]) if session else len(pushed)
        assert session == pushed[start:]
        runs = sum(1 for i in range(start) if is_speech[i] and (i == 0 or not is_speech[i - 1]))
        assert runs <= finals
        assert start == 0 or start == len(pushed) or not (is_speech[start - 1] and is_speech[start])

    for op, arg in ops:
        if op == "push":
            frame = speech(len(pushed)) if arg else SILENCE + len(pushed).to_bytes(4, "little")
            pushed.append(frame)
            is_speech.append(bool(arg))
            ledger.append(frame)
        elif op == "send":
            drain(ledger)
        elif op == "final":
            finals += 1
            ledger.on_final()
        else:
            ledger.rewind()
            check(drain(ledger))
    ledger.rewind()
    check(drain(ledger))


def test_backoff_schedules() -> None:
    assert list(allocation_delays()) == [1.0, 2.0, 4.0]
    assert list(exponential(1, 2, 5, attempts=5)) == [1, 2, 4, 5, 5]
    delays = reconnect_delays()
    assert [next(delays) for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]


def test_rate_limit_schedule_and_retry_after() -> None:
    delays = rate_limit_delays()
    assert [next(delays) for _ in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert honour_retry_after(2.0, None) == 2.0
    assert honour_retry_after(2.0, 1.0) == 2.0  # never sooner than our own schedule
    assert honour_retry_after(2.0, 7.0) == 7.0
    assert honour_retry_after(2.0, 3600.0) == 60.0  # a hostile header cannot park the session


# --- confirmed positions (a final that says exactly what it covers, as Pulse's finalize does) ---


def test_positions_count_frames_ever_appended() -> None:
    ledger = AudioLedger()
    assert (ledger.appended, ledger.sent_position) == (0, 0)
    send_all(ledger, sentence(1))
    ledger.append(speech(99))
    assert (ledger.appended, ledger.sent_position) == (6, 5)


def test_retire_before_drops_exactly_the_confirmed_audio() -> None:
    ledger = AudioLedger()
    first, second = sentence(1), sentence(2)
    send_all(ledger, first)
    mark = ledger.sent_position  # the client sends "finalize" here
    send_all(ledger, second)
    ledger.retire_before(mark)
    assert replay(ledger) == second
    # Positions stay valid after older frames were retired.
    assert (ledger.appended, ledger.sent_position) == (10, 10)
    ledger.retire_before(ledger.sent_position)
    assert replay(ledger) == []


def test_retire_before_never_touches_unsent_audio() -> None:
    ledger = AudioLedger()
    send_all(ledger, sentence(1))
    later = sentence(2)
    for frame in later:
        ledger.append(frame)
    ledger.retire_before(ledger.appended)  # a confirmation can only cover what was sent
    assert drain(ledger) == later


def test_positions_survive_capacity_drops() -> None:
    ledger = AudioLedger(capacity_ms=100)  # five 20 ms frames
    send_all(ledger, sentence(1, frames=8))
    assert ledger.stats().dropped_ms == 60
    assert (ledger.appended, ledger.sent_position) == (8, 8)
    ledger.retire_before(6)
    assert replay(ledger) == sentence(1, frames=8)[6:]


# --- what a session made of its audio (progress) and what is left for a retry -------------------


def test_confirmed_counts_frames_a_final_covered_never_capacity_drops() -> None:
    ledger = AudioLedger(capacity_ms=100)  # five 20 ms frames
    for frame in sentence(1, frames=8):
        ledger.append(frame)
    assert ledger.stats().dropped_ms == 60 and ledger.confirmed == 0
    assert ledger.first_position == 3
    drain(ledger)
    ledger.retire_before(ledger.sent_position)
    assert ledger.confirmed == 5 and ledger.first_position == 8


def test_on_final_counts_the_retired_segment_as_confirmed() -> None:
    ledger = AudioLedger(gap_ms=60, margin_ms=0)
    a, b = sentence(1), sentence(2)
    send_all(ledger, a + [SILENCE] * 4 + b + [SILENCE] * 4)
    ledger.on_final()
    assert ledger.confirmed == len(a) + 4  # the sentence and the pause before the next one
    assert [frame for _, frame in ledger.unconfirmed()] == b + [SILENCE] * 4
    ledger.on_final()  # nothing complete is left but the tail: confirmed moves on again
    assert ledger.confirmed == len(a) + 4 + len(b) + 4 and ledger.unconfirmed() == []


def test_awaiting_final_looks_at_speech_sent_to_the_current_session_only() -> None:
    ledger = AudioLedger()
    assert not ledger.awaiting_final()
    ledger.append(SILENCE)
    drain(ledger)
    assert not ledger.awaiting_final()  # silence waits for nothing
    ledger.append(speech(1))
    assert not ledger.awaiting_final()  # not sent yet
    drain(ledger)
    assert ledger.awaiting_final()
    ledger.rewind()
    assert not ledger.awaiting_final()  # a new session has been sent nothing yet
    drain(ledger)
    ledger.retire_before(ledger.sent_position)
    assert not ledger.awaiting_final()


def test_unconfirmed_is_every_kept_frame_sent_or_not_with_its_position() -> None:
    ledger = AudioLedger()
    first = sentence(1)
    send_all(ledger, first)
    mark = ledger.sent_position
    later = [speech(50), speech(51)]
    for frame in later:
        ledger.append(frame)
    assert [frame for _, frame in ledger.unconfirmed()] == first + later
    ledger.retire_before(mark)
    assert ledger.unconfirmed() == [(mark, later[0]), (mark + 1, later[1])]
