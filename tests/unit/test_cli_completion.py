"""The completion rule of a streamed file (``dragoman.cli.completion``), with time passed in."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dragoman.cli.completion import Completion, InputShape, wait_for
from tests.signals import frames_of, sentence, silence


def shape_of(*parts: np.ndarray) -> InputShape:
    shape = InputShape()
    for frame in frames_of(np.concatenate(parts)):
        shape.push(frame)
    return shape


SPEECH_WITH_A_2S_PAUSE = shape_of(silence(0.2), sentence(1.0, 1), silence(2.0), sentence(1.0, 2))


def test_input_shape_finds_speech_and_the_longest_pause_before_speech() -> None:
    shape = shape_of(silence(1.5), sentence(1.0, 1), silence(0.6), sentence(0.5, 2), silence(3.0))
    assert shape.has_speech
    assert shape.longest_pause_s == pytest.approx(1.5, abs=0.05)  # trailing silence not counted
    quiet = shape_of(silence(2.0))
    assert not quiet.has_speech and quiet.longest_pause_s == 0


def test_nothing_is_decided_while_audio_is_still_going_out() -> None:
    rule = Completion(audio_s=4.0, settle_s=1.0, wait_s=5.0)
    rule.on_ready(0.0)
    rule.on_result()
    for now in (10.0, 100.0, 1000.0):
        state = rule.state(
            now, all_sent=False, idle_s=99, open_interims=False, shape=SPEECH_WITH_A_2S_PAUSE
        )
        assert state == "waiting"


def test_quiet_counts_from_the_end_of_sending_not_the_last_message() -> None:
    """The server's last message came long ago, but sending only just ended: not done yet."""
    rule = Completion(audio_s=4.2, settle_s=1.0, wait_s=5.0)
    rule.on_ready(0.0)
    rule.on_result()
    shape = shape_of(sentence(1.0, 1))
    assert rule.state(5.0, all_sent=True, idle_s=30, open_interims=False, shape=shape) == "waiting"
    assert rule.state(5.5, all_sent=True, idle_s=30, open_interims=False, shape=shape) == "waiting"
    assert rule.state(6.0, all_sent=True, idle_s=31, open_interims=False, shape=shape) == "done"


def test_a_pause_in_the_input_is_waited_out_after_a_fast_send() -> None:
    """--fast: everything went out at once; a real-time server is still hearing the pause."""
    rule = Completion(audio_s=4.2, settle_s=1.0, wait_s=5.0)
    rule.on_ready(0.0)
    rule.on_result()  # the first sentence's final, at 1.4 s
    shape = SPEECH_WITH_A_2S_PAUSE

    def state(now: float) -> str:
        return rule.state(now, all_sent=True, idle_s=now - 1.4, open_interims=False, shape=shape)

    assert state(0.1) == "waiting"
    assert state(2.5) == "waiting"  # quiet for 1.1 s: more than settle, less than the pause
    assert state(4.5) == "done"  # quiet for settle + the 2 s pause
    # The same, when the whole file has been heard (at 4.2 s) a real-time server is done too.
    late = Completion(audio_s=3.0, settle_s=1.0, wait_s=5.0)
    late.on_ready(0.0)
    late.on_result()
    assert late.state(0.1, all_sent=True, idle_s=0, open_interims=False, shape=shape) == "waiting"
    assert late.state(4.0, all_sent=True, idle_s=1.5, open_interims=False, shape=shape) == "done"


def test_an_open_interim_keeps_the_job_waiting_until_the_limits() -> None:
    rule = Completion(audio_s=2.0, settle_s=1.0, wait_s=5.0)
    rule.on_ready(0.0)
    rule.on_result()
    shape = shape_of(sentence(1.0, 1))

    def state(now: float, idle: float) -> str:
        return rule.state(now, all_sent=True, idle_s=idle, open_interims=True, shape=shape)

    assert state(0.1, 0.0) == "waiting"
    assert state(4.0, 3.9) == "waiting"
    assert state(5.2, 5.1) == "unfinished"  # quiet for wait_s with text still open
    chatty = Completion(audio_s=2.0, settle_s=1.0, wait_s=5.0)
    chatty.on_ready(0.0)
    chatty.on_result()
    # A server that keeps sending interims: the overall deadline, audio + wait after ready.
    assert chatty.state(0.1, all_sent=True, idle_s=0.0, open_interims=True, shape=shape) == (
        "waiting"
    )
    assert chatty.state(6.9, all_sent=True, idle_s=0.01, open_interims=True, shape=shape) == (
        "waiting"
    )
    assert chatty.state(7.1, all_sent=True, idle_s=0.01, open_interims=True, shape=shape) == (
        "unfinished"
    )


def test_a_server_that_never_answered_speech_is_silent() -> None:
    rule = Completion(audio_s=2.0, settle_s=1.0, wait_s=5.0)
    rule.on_ready(0.0)
    shape = shape_of(sentence(1.0, 1))
    assert rule.state(0.1, all_sent=True, idle_s=0.1, open_interims=False, shape=shape) == (
        "waiting"
    )
    assert rule.state(3.5, all_sent=True, idle_s=3.5, open_interims=False, shape=shape) == (
        "waiting"
    )  # settled by the clock, but nothing came back yet
    assert rule.state(7.1, all_sent=True, idle_s=7.1, open_interims=False, shape=shape) == (
        "silent"
    )


def test_silence_in_silence_out_is_done_not_silent() -> None:
    rule = Completion(audio_s=2.0, settle_s=1.0, wait_s=5.0)
    rule.on_ready(0.0)
    shape = shape_of(silence(2.0))
    assert rule.state(0.1, all_sent=True, idle_s=0.1, open_interims=False, shape=shape) == (
        "waiting"
    )
    assert rule.state(1.2, all_sent=True, idle_s=1.2, open_interims=False, shape=shape) == "done"


def test_a_reconnection_moves_the_moment_everything_is_heard() -> None:
    rule = Completion(audio_s=10.0, settle_s=1.0, wait_s=5.0)
    rule.on_ready(0.0)
    assert rule.heard_by == 10.0
    rule.on_ready(30.0, replayed_s=2.0, unsent_s=1.0)
    assert rule.heard_by == 33.0
    rule.on_ready(31.0, replayed_s=0.0, unsent_s=0.0)  # never moves back
    assert rule.heard_by == 33.0


def test_sending_again_after_a_loss_restarts_the_quiet() -> None:
    rule = Completion(audio_s=1.0, settle_s=1.0, wait_s=5.0)
    rule.on_ready(0.0)
    rule.on_result()
    shape = shape_of(sentence(1.0, 1))
    assert rule.state(2.0, all_sent=True, idle_s=9, open_interims=False, shape=shape) == "waiting"
    assert rule.state(2.5, all_sent=False, idle_s=9, open_interims=False, shape=shape) == "waiting"
    assert rule.state(3.0, all_sent=True, idle_s=9, open_interims=False, shape=shape) == "waiting"
    assert rule.state(4.0, all_sent=True, idle_s=9, open_interims=False, shape=shape) == "done"


@given(
    audio_s=st.floats(0.02, 3600),
    idle=st.floats(0, 10_000),
    elapsed=st.floats(0, 10_000),
    open_interims=st.booleans(),
    answered=st.booleans(),
)
def test_every_wait_ends_by_the_overall_deadline(
    audio_s: float, idle: float, elapsed: float, open_interims: bool, answered: bool
) -> None:
    """Whatever the server does, once everything went out the wait is bounded."""
    wait = wait_for(audio_s, least=5.0, most=20.0)
    rule = Completion(audio_s=audio_s, settle_s=1.0, wait_s=wait)
    rule.on_ready(0.0)
    if answered:
        rule.on_result()
    shape = shape_of(sentence(0.5, 1))
    rule.state(0.0, all_sent=True, idle_s=0, open_interims=open_interims, shape=shape)
    now = audio_s + wait + elapsed + 0.001
    state = rule.state(
        now, all_sent=True, idle_s=min(idle, now), open_interims=open_interims, shape=shape
    )
    assert state != "waiting"
    assert (state == "silent") == (not answered)


def test_the_wait_for_a_late_answer_follows_the_audio_within_bounds() -> None:
    assert wait_for(1.0, least=5, most=20) == 5
    assert wait_for(12.0, least=5, most=20) == 12
    assert wait_for(3600.0, least=5, most=20) == 20
