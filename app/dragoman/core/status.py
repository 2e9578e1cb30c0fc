"""The state the user sees, derived from what is true, never set by hand.

The window's status text, the talk button, the tray icon and tooltip, and ``dragoman status`` all
show one value, :class:`State`, and it is a pure function of three facts the controller keeps:
where the engine session stands (:class:`SessionPhase`), where the current hold stands
(:class:`TalkPhase`) and whether an error is outstanding. Because nothing assigns the visible state
directly, a path that forgets to reset it cannot exist: when the facts change, the state follows.

Precedence, highest first: an outstanding error (the user must act; a hold does not pretend to
listen), a session reconnecting (audio is buffered meanwhile), listening, finishing (the tail and
the last finals), connecting, ready, idle.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class State(Enum):
    IDLE = "idle"
    CONNECTING = "connecting"
    READY = "ready"
    LISTENING = "listening"
    FINISHING = "finishing"
    RECONNECTING = "reconnecting"
    ERROR = "error"


class SessionPhase(Enum):
    NONE = "none"  # no session (never opened, idled out, closed)
    CONNECTING = "connecting"  # opened, not ready yet
    READY = "ready"
    RECONNECTING = "reconnecting"  # lost; a replacement is on its way


class TalkPhase(Enum):
    NONE = "none"
    LISTENING = "listening"  # the key is held (or latched)
    FINISHING = "finishing"  # released: tail, padding, waiting for the last finals


@dataclass(frozen=True, slots=True)
class Facts:
    session: SessionPhase = SessionPhase.NONE
    talk: TalkPhase = TalkPhase.NONE
    error: bool = False


def visible_state(facts: Facts) -> State:
    if facts.error:
        return State.ERROR
    if facts.session is SessionPhase.RECONNECTING:
        return State.RECONNECTING
    if facts.talk is TalkPhase.LISTENING:
        return State.LISTENING
    if facts.talk is TalkPhase.FINISHING:
        return State.FINISHING
    if facts.session is SessionPhase.CONNECTING:
        return State.CONNECTING
    if facts.session is SessionPhase.READY:
        return State.READY
    return State.IDLE
