"""SpeechTimeline: segments placed on the speech found in the audio sent, and capture times."""

from __future__ import annotations

import numpy as np
import pytest

from dragoman.core.timeline import SpeechTimeline
from tests.signals import frames_of, sentence, silence

RATE = 16_000


def push_all(timeline: SpeechTimeline, pcm: np.ndarray, now: float | None = None) -> None:  # type: ignore[type-arg]
    for i, frame in enumerate(frames_of(pcm)):
        timeline.push(frame, None if now is None else now + (i + 1) * 0.02)


def tone(seconds: float) -> np.ndarray:  # type: ignore[type-arg]
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.3 * np.sin(2 * np.pi * 330 * t) * 32767).astype(np.int16)


def test_a_segment_starts_and_ends_with_its_speech_not_with_its_results() -> None:
    timeline = SpeechTimeline()
    push_all(timeline, silence(0.5))
    push_all(timeline, tone(0.3))
    timeline.place(1)  # the first interim, while speech goes on
    push_all(timeline, tone(1.0))
    push_all(timeline, silence(0.5))  # the final comes after the service's end-of-speech wait
    assert timeline.place(1) == pytest.approx((0.5, 1.8))


def test_the_next_segment_takes_its_own_speech_and_the_first_one_gives_it_back() -> None:
    timeline = SpeechTimeline()
    push_all(timeline, tone(1.0))
    timeline.place(1)
    push_all(timeline, silence(0.4))
    push_all(timeline, tone(0.2))  # the next sentence began before the first one's final came
    assert timeline.place(1) == pytest.approx((0.0, 1.6))  # for now it looks like its own
    push_all(timeline, tone(0.8))
    assert timeline.place(2) == pytest.approx((1.4, 2.4))
    assert timeline.times(1) == pytest.approx((0.0, 1.0))
    assert timeline.previous_key(2) == 1 and timeline.previous_key(1) is None


def test_a_sentence_with_pauses_keeps_all_its_stretches() -> None:
    timeline = SpeechTimeline()
    push_all(timeline, tone(0.5))
    timeline.place(1)
    push_all(timeline, silence(0.3))
    push_all(timeline, tone(0.5))
    timeline.place(1)  # an interim during the second stretch
    push_all(timeline, silence(0.5))
    assert timeline.place(1) == pytest.approx((0.0, 1.3))
    push_all(timeline, tone(0.5))
    assert timeline.place(2) == pytest.approx((1.8, 2.3))
    assert timeline.times(1) == pytest.approx((0.0, 1.3))


def test_clicks_are_not_speech_and_unheard_segments_use_their_arrival() -> None:
    timeline = SpeechTimeline()
    push_all(timeline, tone(0.04))  # 40 ms: shorter than any syllable
    push_all(timeline, silence(1.0))
    assert timeline.place(7) == pytest.approx((1.04, 1.04))
    assert timeline.times(8) is None


def test_speech_like_signal_boundaries_within_a_frame() -> None:
    timeline = SpeechTimeline()
    push_all(timeline, silence(0.3))
    push_all(timeline, sentence(1.5, seed=3))
    timeline.place(1)
    push_all(timeline, silence(0.6))
    start, end = timeline.place(1)
    assert abs(start - 0.3) <= 0.02 and abs(end - 1.8) <= 0.06


def test_capture_time_of_a_burst_counts_back_from_its_push() -> None:
    timeline = SpeechTimeline()
    # The pre-roll: 300 ms pushed at once at t=10.0, then live frames every 20 ms.
    for frame in frames_of(silence(0.3)):
        timeline.push(frame, 10.0)
    push_all(timeline, tone(0.5), now=10.0)
    assert timeline.capture_time(0.0) == pytest.approx(9.7)
    assert timeline.capture_time(0.3) == pytest.approx(10.0)
    assert timeline.capture_time(0.8) == pytest.approx(10.5)
    assert timeline.capture_time(5.0) == pytest.approx(14.7)  # later than pushed: extrapolated
    assert SpeechTimeline().capture_time(0.0) is None


def test_memory_stays_bounded() -> None:
    timeline = SpeechTimeline()
    on, off = frames_of(tone(0.1)), frames_of(silence(0.3))
    for key in range(2000):
        for frame in on + off:
            timeline.push(frame, key * 0.4)
        timeline.place(key)
    assert len(timeline._spans) <= 512 and len(timeline._placed) <= 512
    assert len(timeline._stamp_ends) <= 6000
    assert "SpeechTimeline(" in repr(timeline)


def test_audio_pushed_faster_than_real_time_is_matched_in_order() -> None:
    timeline = SpeechTimeline()
    layout = [silence(0.5), tone(1.0), silence(0.6), tone(1.0), silence(0.6), tone(1.0)]
    for frame in frames_of(np.concatenate(layout)):
        timeline.push(frame, 100.0)  # the whole file in an instant (--fast)
    # The results come afterwards, in order, while the pushes are far ahead of them.
    assert timeline.place(1) == pytest.approx((0.5, 4.7))  # for now: up to the next one's
    assert timeline.place(2) == pytest.approx((2.1, 4.7))
    assert timeline.times(1) == pytest.approx((0.5, 1.5))
    assert timeline.place(3) == pytest.approx((3.7, 4.7))
    assert timeline.times(2) == pytest.approx((2.1, 3.1))


def test_each_hold_is_its_own_stretch_even_without_silence_between() -> None:
    timeline = SpeechTimeline()
    push_all(timeline, tone(1.0))  # hold 1: speech to its last frame (its tail)
    timeline.place(1)
    timeline.end_utterance()  # the session pads it with silence the tape never sees
    push_all(timeline, tone(1.0))  # hold 2 starts with speech (its pre-roll)
    assert timeline.place(2) == pytest.approx((1.0, 2.0))
    assert timeline.times(1) == pytest.approx((0.0, 1.0))
