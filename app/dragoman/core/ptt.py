"""The push-to-talk state machine, sans I/O: key edges and a clock in, talk actions out.

Two layers, each a total transition table (every (state, input) pair is written down, so an
undefined transition cannot happen, it can only be a row that says "ignore"):

* **Keys** (one per direction): ``UP`` → ``DOWN`` → ``RELEASING`` → ``UP``. Presses while ``DOWN``
  are auto-repeat and ignored. A release is only *confirmed* after ``debounce`` seconds without a
  new press, so the fake release/press pairs some keyboards send a few milliseconds apart never
  reach the talk layer. The layer emits clean ``PRESS`` / ``RELEASE`` edges.
* **Talk**: ``IDLE`` → ``HELD`` (talking, key down) → ``LATCHED`` (talking, key up) → ``IDLE``.
  The three modes differ only in one number, the *tap* threshold: a release after a press shorter
  than it latches, a longer one stops. Hold: 0 (nothing is a tap); toggle: infinity (everything
  is); hybrid: ``timings.tap`` (300 ms).

Time is passed in (monotonic seconds) and never read. The owner calls :meth:`PushToTalkMachine.tick`
at :meth:`PushToTalkMachine.next_deadline`; every input first runs the deadlines that are due, so
the outcome does not depend on how punctually the owner ticks. Whatever happens, talking ends by
``timings.max_utterance`` after it started: the stuck-key guard.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum, StrEnum
from typing import Final

__all__ = [
    "Action",
    "CancelTalking",
    "Direction",
    "KeyPhase",
    "Mode",
    "PttTimings",
    "PushToTalkMachine",
    "Reason",
    "StartTalking",
    "StopTalking",
    "TalkPhase",
]


class Mode(StrEnum):
    HOLD = "hold"  # talk while the key is held
    TOGGLE = "toggle"  # tap to start, tap to stop
    HYBRID = "hybrid"  # a short tap latches like toggle, a longer press is hold


class Direction(StrEnum):
    FORWARD = "forward"  # source → target
    REVERSE = "reverse"  # target → source (the other person in a two-way conversation)


class Reason(StrEnum):
    RELEASED = "released"  # the held key went up
    TOGGLED = "toggled"  # a tap (or the toggle command) ended a latched utterance
    MAX_DURATION = "max_duration"  # the stuck-key guard
    BACKEND_LOST = "backend_lost"  # the hotkey back end died: we would never see the release
    SESSION_INACTIVE = "session_inactive"  # screen locked / session switched away
    CANCELLED = "cancelled"  # the cancel key: discard the utterance


@dataclass(frozen=True, slots=True)
class StartTalking:
    direction: Direction


@dataclass(frozen=True, slots=True)
class StopTalking:
    """End the utterance normally: what was said is finalised.

    ``at``: when it ended (monotonic seconds). For a release, the key-up's own time: the debounce
    only confirms the release, it does not delay it, so the tail is counted from there.
    """

    reason: Reason
    at: float = field(default=0.0, compare=False)


@dataclass(frozen=True, slots=True)
class CancelTalking:
    """Discard the utterance: send nothing more, close out what was already sent."""

    reason: Reason


Action = StartTalking | StopTalking | CancelTalking
_Step = Callable[[], list[Action]]


@dataclass(frozen=True, slots=True)
class PttTimings:
    """Thresholds, in seconds. Data, so settings and tests can change them."""

    tap: float = 0.300
    debounce: float = 0.030
    max_utterance: float = 120.0

    def __post_init__(self) -> None:
        if not (self.tap >= 0 and self.debounce >= 0):
            raise ValueError("tap and debounce must be zero or more seconds")
        if not (0 < self.max_utterance < math.inf):
            raise ValueError("max_utterance must be a positive, finite number of seconds")

    def tap_threshold(self, mode: Mode) -> float:
        return {Mode.HOLD: 0.0, Mode.TOGGLE: math.inf, Mode.HYBRID: self.tap}[mode]


# --- key layer ------------------------------------------------------------------------------


class KeyPhase(Enum):
    UP = "up"
    DOWN = "down"
    RELEASING = "releasing"  # released, waiting out the debounce window


class _KeyInput(Enum):
    DOWN = "down"
    UP = "up"
    CONFIRM = "confirm"  # the debounce window ended without a press


class _Edge(Enum):
    NONE = "none"
    PRESS = "press"
    RELEASE = "release"


_KEY_TABLE: Final[dict[tuple[KeyPhase, _KeyInput], tuple[KeyPhase, _Edge]]] = {
    (KeyPhase.UP, _KeyInput.DOWN): (KeyPhase.DOWN, _Edge.PRESS),
    (KeyPhase.UP, _KeyInput.UP): (KeyPhase.UP, _Edge.NONE),  # stray: held before we started
    (KeyPhase.UP, _KeyInput.CONFIRM): (KeyPhase.UP, _Edge.NONE),
    (KeyPhase.DOWN, _KeyInput.DOWN): (KeyPhase.DOWN, _Edge.NONE),  # auto-repeat
    (KeyPhase.DOWN, _KeyInput.UP): (KeyPhase.RELEASING, _Edge.NONE),
    (KeyPhase.DOWN, _KeyInput.CONFIRM): (KeyPhase.DOWN, _Edge.NONE),
    (KeyPhase.RELEASING, _KeyInput.DOWN): (KeyPhase.DOWN, _Edge.NONE),  # a bounce: still held
    (KeyPhase.RELEASING, _KeyInput.UP): (KeyPhase.RELEASING, _Edge.NONE),  # duplicate release
    (KeyPhase.RELEASING, _KeyInput.CONFIRM): (KeyPhase.UP, _Edge.RELEASE),
}


@dataclass(frozen=True, slots=True)
class _Key:
    phase: KeyPhase = KeyPhase.UP
    released_at: float | None = None  # set while RELEASING


# --- talk layer -----------------------------------------------------------------------------


class TalkPhase(Enum):
    IDLE = "idle"
    HELD = "held"  # talking, the key that started it is down
    LATCHED = "latched"  # talking, key up (toggle, or a hybrid tap)


class _TalkInput(Enum):
    PRESS = "press"  # of the active direction (any direction while idle)
    OTHER_PRESS = "other_press"  # of the other direction while talking
    RELEASE_TAP = "release_tap"  # of the active key, held shorter than the tap threshold
    RELEASE_LONG = "release_long"
    STRAY_RELEASE = "stray_release"  # of a key that is not the active one
    TOGGLE = "toggle"
    CANCEL = "cancel"
    MAX_DURATION = "max_duration"
    BACKEND_LOST = "backend_lost"
    SESSION_INACTIVE = "session_inactive"


class _Effect(Enum):
    NONE = "none"
    START = "start"
    STOP = "stop"
    CANCEL = "cancel"


@dataclass(frozen=True, slots=True)
class _Transition:
    to: TalkPhase
    effect: _Effect = _Effect.NONE
    reason: Reason | None = None


_IGNORE_IDLE: Final = _Transition(TalkPhase.IDLE)
_IGNORE_HELD: Final = _Transition(TalkPhase.HELD)
_IGNORE_LATCHED: Final = _Transition(TalkPhase.LATCHED)


def _ends(effect: _Effect, reason: Reason) -> _Transition:
    return _Transition(TalkPhase.IDLE, effect, reason)


_I = _TalkInput
_TALK_TABLE: Final[dict[tuple[TalkPhase, _TalkInput], _Transition]] = {
    (TalkPhase.IDLE, _I.PRESS): _Transition(TalkPhase.HELD, _Effect.START),
    (TalkPhase.IDLE, _I.OTHER_PRESS): _IGNORE_IDLE,  # not produced while idle
    (TalkPhase.IDLE, _I.RELEASE_TAP): _IGNORE_IDLE,  # not produced while idle
    (TalkPhase.IDLE, _I.RELEASE_LONG): _IGNORE_IDLE,  # not produced while idle
    (TalkPhase.IDLE, _I.STRAY_RELEASE): _IGNORE_IDLE,
    (TalkPhase.IDLE, _I.TOGGLE): _Transition(TalkPhase.LATCHED, _Effect.START),
    (TalkPhase.IDLE, _I.CANCEL): _IGNORE_IDLE,
    (TalkPhase.IDLE, _I.MAX_DURATION): _IGNORE_IDLE,
    (TalkPhase.IDLE, _I.BACKEND_LOST): _IGNORE_IDLE,
    (TalkPhase.IDLE, _I.SESSION_INACTIVE): _IGNORE_IDLE,
    (TalkPhase.HELD, _I.PRESS): _IGNORE_HELD,  # not produced: the key is already down
    (TalkPhase.HELD, _I.OTHER_PRESS): _IGNORE_HELD,  # one direction at a time
    (TalkPhase.HELD, _I.RELEASE_TAP): _Transition(TalkPhase.LATCHED),
    (TalkPhase.HELD, _I.RELEASE_LONG): _ends(_Effect.STOP, Reason.RELEASED),
    (TalkPhase.HELD, _I.STRAY_RELEASE): _IGNORE_HELD,
    (TalkPhase.HELD, _I.TOGGLE): _ends(_Effect.STOP, Reason.TOGGLED),
    (TalkPhase.HELD, _I.CANCEL): _ends(_Effect.CANCEL, Reason.CANCELLED),
    (TalkPhase.HELD, _I.MAX_DURATION): _ends(_Effect.STOP, Reason.MAX_DURATION),
    (TalkPhase.HELD, _I.BACKEND_LOST): _ends(_Effect.STOP, Reason.BACKEND_LOST),
    (TalkPhase.HELD, _I.SESSION_INACTIVE): _ends(_Effect.STOP, Reason.SESSION_INACTIVE),
    (TalkPhase.LATCHED, _I.PRESS): _ends(_Effect.STOP, Reason.TOGGLED),
    (TalkPhase.LATCHED, _I.OTHER_PRESS): _IGNORE_LATCHED,
    (TalkPhase.LATCHED, _I.RELEASE_TAP): _IGNORE_LATCHED,  # a key held since before a toggle
    (TalkPhase.LATCHED, _I.RELEASE_LONG): _IGNORE_LATCHED,
    (TalkPhase.LATCHED, _I.STRAY_RELEASE): _IGNORE_LATCHED,
    (TalkPhase.LATCHED, _I.TOGGLE): _ends(_Effect.STOP, Reason.TOGGLED),
    (TalkPhase.LATCHED, _I.CANCEL): _ends(_Effect.CANCEL, Reason.CANCELLED),
    (TalkPhase.LATCHED, _I.MAX_DURATION): _ends(_Effect.STOP, Reason.MAX_DURATION),
    (TalkPhase.LATCHED, _I.BACKEND_LOST): _ends(_Effect.STOP, Reason.BACKEND_LOST),
    (TalkPhase.LATCHED, _I.SESSION_INACTIVE): _ends(_Effect.STOP, Reason.SESSION_INACTIVE),
}
del _I


@dataclass(frozen=True, slots=True)
class _Talk:
    phase: TalkPhase = TalkPhase.IDLE
    direction: Direction | None = None  # set while talking
    started_at: float | None = None  # set while talking: the guard counts from here
    pressed_at: float | None = None  # HELD: when the key went down (tap or hold?)


class PushToTalkMachine:
    """Turns key edges into StartTalking / StopTalking / CancelTalking; see the module doc.

    Every input returns the actions it caused, in order. At most one utterance is open at a time:
    a StartTalking is always followed by exactly one StopTalking or CancelTalking before the next.
    """

    def __init__(self, mode: Mode | str = Mode.HYBRID, timings: PttTimings | None = None) -> None:
        self.mode = Mode(mode)
        self.timings = timings if timings is not None else PttTimings()
        self._tap = self.timings.tap_threshold(self.mode)
        self._talk = _Talk()
        self._keys = {direction: _Key() for direction in Direction}
        self._now = -math.inf

    def configure(self, mode: Mode | str, timings: PttTimings | None = None) -> None:
        """New mode or thresholds, effective at once (a hold under way is judged by them too:
        a shorter limit ends it at the next deadline, a release is classified by the new mode)."""
        self.mode = Mode(mode)
        if timings is not None:
            self.timings = timings
        self._tap = self.timings.tap_threshold(self.mode)

    # --- inputs ---------------------------------------------------------------------------

    def key_down(self, now: float, direction: str = Direction.FORWARD) -> list[Action]:
        return self._input(now, lambda: self._key(Direction(direction), _KeyInput.DOWN))

    def key_up(self, now: float, direction: str = Direction.FORWARD) -> list[Action]:
        return self._input(now, lambda: self._key(Direction(direction), _KeyInput.UP))

    def toggle(self, now: float, direction: str = Direction.FORWARD) -> list[Action]:
        """Start if idle, stop if talking: the UI button and ``dragoman ptt toggle``."""
        d = Direction(direction)
        return self._input(now, lambda: self._apply(_TalkInput.TOGGLE, d))

    def cancel(self, now: float) -> list[Action]:
        return self._input(now, lambda: self._apply(_TalkInput.CANCEL))

    def tick(self, now: float) -> list[Action]:
        return self._input(now, list)

    def backend_lost(self, now: float) -> list[Action]:
        """The back end died: no release will come, so stop and forget which keys were down."""
        return self._input(now, lambda: self._end_and_reset(_TalkInput.BACKEND_LOST))

    def session_inactive(self, now: float) -> list[Action]:
        """Screen lock / user switch: the lock screen swallows the release, so forget the keys."""
        return self._input(now, lambda: self._end_and_reset(_TalkInput.SESSION_INACTIVE))

    # --- queries --------------------------------------------------------------------------

    @property
    def talking(self) -> bool:
        return self._talk.phase is not TalkPhase.IDLE

    @property
    def phase(self) -> TalkPhase:
        return self._talk.phase

    @property
    def direction(self) -> Direction | None:
        return self._talk.direction

    def key_phase(self, direction: str = Direction.FORWARD) -> KeyPhase:
        return self._keys[Direction(direction)].phase

    def next_deadline(self) -> float | None:
        """When :meth:`tick` must be called next (None: nothing pending)."""
        due = self._due()
        return due[0] if due is not None else None

    def __repr__(self) -> str:
        talk = self._talk
        state = talk.phase.name
        if talk.direction is not None:
            state += f" {talk.direction} since {talk.started_at:.3f}"
        keys = ", ".join(f"{d}: {k.phase.name}" for d, k in self._keys.items())
        deadline = self.next_deadline()
        upcoming = f", next deadline {deadline:.3f}" if deadline is not None else ""
        return f"<PushToTalkMachine {self.mode} {state}; keys {{{keys}}}{upcoming}>"

    # --- machinery ------------------------------------------------------------------------

    def _input(self, now: float, step: _Step) -> list[Action]:
        # Timestamps from another thread can arrive a hair out of order: time never goes back.
        self._now = max(self._now, now)
        actions = self._run_due()
        actions += step()
        actions += self._run_due()  # a zero debounce confirms a release at once
        return actions

    def _due(self) -> tuple[float, Direction | None] | None:
        """The earliest pending deadline and whose it is (a key, or None for the guard)."""
        candidates: list[tuple[float, int, Direction | None]] = []
        for rank, (direction, key) in enumerate(self._keys.items()):
            if key.phase is KeyPhase.RELEASING:
                assert key.released_at is not None
                candidates.append((key.released_at + self.timings.debounce, rank, direction))
        if self._talk.started_at is not None:
            # Ties go to key confirmations: a release right before the limit counts as one.
            guard = self._talk.started_at + self.timings.max_utterance
            candidates.append((guard, len(self._keys), None))
        if not candidates:
            return None
        at, _, owner = min(candidates)
        return at, owner

    def _run_due(self) -> list[Action]:
        actions: list[Action] = []
        while (due := self._due()) is not None and due[0] <= self._now:
            _, owner = due
            if owner is None:
                actions += self._apply(_TalkInput.MAX_DURATION)
            else:
                actions += self._key(owner, _KeyInput.CONFIRM)
        return actions

    def _key(self, direction: Direction, key_input: _KeyInput) -> list[Action]:
        key = self._keys[direction]
        phase, edge = _KEY_TABLE[key.phase, key_input]
        released_at = None
        if phase is KeyPhase.RELEASING:  # a duplicate release keeps the first one's time
            released_at = key.released_at if key.phase is KeyPhase.RELEASING else self._now
        self._keys[direction] = _Key(phase, released_at)
        if edge is _Edge.PRESS:
            return self._apply(self._classify_press(direction), direction)
        if edge is _Edge.RELEASE:
            assert key.released_at is not None
            released = self._classify_release(direction, key.released_at)
            return self._apply(released, at=key.released_at)
        return []

    def _classify_press(self, direction: Direction) -> _TalkInput:
        active = self._talk.direction
        return _TalkInput.PRESS if active in (None, direction) else _TalkInput.OTHER_PRESS

    def _classify_release(self, direction: Direction, released_at: float) -> _TalkInput:
        talk = self._talk
        if talk.direction is not direction or talk.pressed_at is None:
            return _TalkInput.STRAY_RELEASE
        held = released_at - talk.pressed_at
        return _TalkInput.RELEASE_TAP if held < self._tap else _TalkInput.RELEASE_LONG

    def _end_and_reset(self, talk_input: _TalkInput) -> list[Action]:
        actions = self._apply(talk_input)
        self._keys = {direction: _Key() for direction in Direction}
        return actions

    def _apply(
        self, talk_input: _TalkInput, direction: Direction | None = None, at: float | None = None
    ) -> list[Action]:
        before = self._talk
        transition = _TALK_TABLE[before.phase, talk_input]
        if transition.to is before.phase:
            pass  # an ignored input changes nothing, not even when the key went down
        elif transition.to is TalkPhase.IDLE:
            self._talk = _Talk()
        elif before.phase is TalkPhase.IDLE:
            assert direction is not None
            pressed_at = self._now if transition.to is TalkPhase.HELD else None
            self._talk = _Talk(transition.to, direction, self._now, pressed_at)
        else:
            self._talk = replace(before, phase=transition.to, pressed_at=None)
        if transition.effect is _Effect.START:
            assert direction is not None
            return [StartTalking(direction)]
        if transition.effect is _Effect.STOP:
            assert transition.reason is not None
            return [StopTalking(transition.reason, self._now if at is None else at)]
        if transition.effect is _Effect.CANCEL:
            assert transition.reason is not None
            return [CancelTalking(transition.reason)]
        return []
