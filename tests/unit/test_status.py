"""The visible state is a pure function of the facts: every combination, and its precedence."""

from __future__ import annotations

import itertools

import pytest

from dragoman.core.status import Facts, SessionPhase, State, TalkPhase, visible_state


@pytest.mark.parametrize(
    ("session", "talk", "error"),
    list(itertools.product(SessionPhase, TalkPhase, (False, True))),
)
def test_every_combination_has_exactly_the_expected_state(
    session: SessionPhase, talk: TalkPhase, error: bool
) -> None:
    state = visible_state(Facts(session, talk, error))
    if error:
        expected = State.ERROR  # the user must act; a hold never pretends to listen
    elif session is SessionPhase.RECONNECTING:
        expected = State.RECONNECTING
    elif talk is TalkPhase.LISTENING:
        expected = State.LISTENING
    elif talk is TalkPhase.FINISHING:
        expected = State.FINISHING
    else:
        expected = {
            SessionPhase.NONE: State.IDLE,
            SessionPhase.CONNECTING: State.CONNECTING,
            SessionPhase.READY: State.READY,
        }[session]
    assert state is expected


def test_every_state_is_reachable() -> None:
    reached = {
        visible_state(Facts(s, t, e))
        for s, t, e in itertools.product(SessionPhase, TalkPhase, (False, True))
    }
    assert reached == set(State)
