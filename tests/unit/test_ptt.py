"""The push-to-talk state machine: every mode, debounce, auto-repeat, the guard, and fuzzing."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from dragoman.core import ptt
from dragoman.core.ptt import (
    Action,
    CancelTalking,
    Direction,
    KeyPhase,
    Mode,
    PttTimings,
    PushToTalkMachine,
    Reason,
    StartTalking,
    StopTalking,
    TalkPhase,
)

FWD = Direction.FORWARD
REV = Direction.REVERSE
START = StartTalking(FWD)
START_REV = StartTalking(REV)
DEBOUNCE = PttTimings().debounce


def stop(reason: Reason) -> StopTalking:
    return StopTalking(reason)


def tap(m: PushToTalkMachine, at: float, held: float = 0.1, d: str = FWD) -> list[Action]:
    """Press at ``at``, release ``held`` later, and let the debounce window run out."""
    actions = m.key_down(at, d) + m.key_up(at + held, d)
    return actions + m.tick(at + held + DEBOUNCE)


# --- the tables ----------------------------------------------------------------------------------


def test_both_tables_are_total() -> None:
    """Every (state, input) pair is written down: nothing is left to chance."""
    assert set(ptt._KEY_TABLE) == set(itertools.product(ptt.KeyPhase, ptt._KeyInput))
    assert set(ptt._TALK_TABLE) == set(itertools.product(ptt.TalkPhase, ptt._TalkInput))


def test_only_idle_can_start_and_only_talking_can_end() -> None:
    for (phase, _), transition in ptt._TALK_TABLE.items():
        if transition.effect is ptt._Effect.START:
            assert phase is TalkPhase.IDLE and transition.to is not TalkPhase.IDLE
        if transition.effect in (ptt._Effect.STOP, ptt._Effect.CANCEL):
            assert phase is not TalkPhase.IDLE and transition.to is TalkPhase.IDLE
            assert transition.reason is not None
        if transition.effect is ptt._Effect.NONE and transition.to is TalkPhase.IDLE:
            assert phase is TalkPhase.IDLE  # nothing ends silently


def test_mode_is_only_the_tap_threshold() -> None:
    timings = PttTimings(tap=0.25)
    assert timings.tap_threshold(Mode.HOLD) == 0
    assert timings.tap_threshold(Mode.TOGGLE) == math.inf
    assert timings.tap_threshold(Mode.HYBRID) == 0.25


@pytest.mark.parametrize(
    "kwargs",
    [{"tap": -1}, {"debounce": -0.1}, {"max_utterance": 0}, {"max_utterance": math.inf}],
)
def test_timings_are_validated(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        PttTimings(**kwargs)


def test_unknown_mode_and_direction_are_refused() -> None:
    with pytest.raises(ValueError):
        PushToTalkMachine("push")
    with pytest.raises(ValueError):
        PushToTalkMachine().key_down(0.0, "sideways")


# --- hold ----------------------------------------------------------------------------------------


def test_hold_talks_while_held() -> None:
    m = PushToTalkMachine(Mode.HOLD)
    assert m.key_down(1.0) == [START]
    assert m.talking and m.phase is TalkPhase.HELD
    assert m.key_up(1.05) == []  # not yet: the release waits out the debounce window
    assert m.key_phase() is KeyPhase.RELEASING
    assert m.next_deadline() == pytest.approx(1.05 + DEBOUNCE)
    assert m.tick(1.05 + DEBOUNCE / 2) == []
    assert m.tick(1.05 + DEBOUNCE) == [stop(Reason.RELEASED)]
    assert not m.talking and m.next_deadline() is None


def test_hold_stops_even_after_a_short_tap() -> None:
    m = PushToTalkMachine(Mode.HOLD)
    assert tap(m, 0.0, held=0.01) == [START, stop(Reason.RELEASED)]


def test_a_late_tick_still_confirms_at_the_release() -> None:
    m = PushToTalkMachine(Mode.HOLD)
    m.key_down(0.0)
    m.key_up(2.0)
    assert m.tick(50.0) == [stop(Reason.RELEASED)]


def test_the_next_input_runs_overdue_deadlines_first() -> None:
    """An owner that never ticked still sees the release confirmed before the new press."""
    m = PushToTalkMachine(Mode.HOLD)
    m.key_down(0.0)
    m.key_up(1.0)
    assert m.key_down(2.0) == [stop(Reason.RELEASED), START]


# --- toggle --------------------------------------------------------------------------------------


def test_toggle_latches_and_the_next_press_stops() -> None:
    m = PushToTalkMachine(Mode.TOGGLE)
    assert tap(m, 0.0, held=2.0) == [START]  # even a long press latches
    assert m.phase is TalkPhase.LATCHED
    assert m.key_down(5.0) == [stop(Reason.TOGGLED)]  # stops on the press, not the release
    assert m.key_up(5.1) + m.tick(6.0) == []
    assert not m.talking


# --- hybrid --------------------------------------------------------------------------------------


def test_hybrid_short_tap_latches() -> None:
    m = PushToTalkMachine(Mode.HYBRID)
    assert tap(m, 0.0, held=0.299) == [START]
    assert m.phase is TalkPhase.LATCHED
    assert tap(m, 3.0) == [stop(Reason.TOGGLED)]


def test_hybrid_long_press_is_hold() -> None:
    m = PushToTalkMachine(Mode.HYBRID)
    assert tap(m, 0.0, held=0.300) == [START, stop(Reason.RELEASED)]


def test_hybrid_threshold_counts_to_the_release_not_its_confirmation() -> None:
    m = PushToTalkMachine(Mode.HYBRID, PttTimings(tap=0.3, debounce=0.1))
    m.key_down(0.0)
    m.key_up(0.25)  # confirmed at 0.35, after the threshold, but released before it
    assert m.tick(0.35) == []
    assert m.phase is TalkPhase.LATCHED


# --- auto-repeat and bounces ---------------------------------------------------------------------


@pytest.mark.parametrize("mode", list(Mode))
def test_auto_repeat_presses_are_ignored(mode: Mode) -> None:
    m = PushToTalkMachine(mode)
    actions = m.key_down(0.0)
    for i in range(1, 40):  # an X11 burst: press, press, press…
        actions += m.key_down(0.5 + i * 0.033)
    actions += m.key_up(2.0) + m.tick(3.0)
    starts = [a for a in actions if isinstance(a, StartTalking)]
    assert starts == [START]
    if mode is Mode.TOGGLE:
        assert m.talking
    else:
        assert actions[-1] == stop(Reason.RELEASED)


@pytest.mark.parametrize("mode", list(Mode))
def test_fake_release_press_pairs_are_debounced(mode: Mode) -> None:
    """Some keyboards send release+press a few ms apart while held: that is not a tap."""
    m = PushToTalkMachine(mode)
    actions = m.key_down(0.0)
    for t in (0.5, 0.9, 1.3):
        actions += m.key_up(t) + m.key_down(t + 0.004)
        actions += m.tick(t + 0.2)
    assert actions == [START]
    assert m.phase is TalkPhase.HELD and m.key_phase() is KeyPhase.DOWN


def test_duplicate_release_keeps_the_first_time() -> None:
    m = PushToTalkMachine(Mode.HYBRID)
    m.key_down(0.0)
    m.key_up(0.1)
    m.key_up(0.12)
    assert m.next_deadline() == pytest.approx(0.1 + DEBOUNCE)


def test_zero_debounce_confirms_at_once() -> None:
    m = PushToTalkMachine(Mode.HOLD, PttTimings(debounce=0.0))
    m.key_down(0.0)
    assert m.key_up(1.0) == [stop(Reason.RELEASED)]


def test_a_stray_release_does_nothing() -> None:
    m = PushToTalkMachine()
    assert m.key_up(0.0) + m.tick(1.0) == []
    assert m.next_deadline() is None


def test_time_never_goes_backwards() -> None:
    """A timestamp from another thread can be older than the last tick: clamp, never rewind."""
    m = PushToTalkMachine(Mode.HOLD)
    m.key_down(10.0)
    m.tick(12.0)
    m.key_up(11.0)  # treated as 12.0
    assert m.next_deadline() == pytest.approx(12.0 + DEBOUNCE)


# --- cancel, reverse, toggle command ------------------------------------------------------------


@pytest.mark.parametrize("mode", list(Mode))
def test_cancel_discards_and_the_release_is_ignored(mode: Mode) -> None:
    m = PushToTalkMachine(mode)
    m.key_down(0.0)
    assert m.cancel(0.5) == [CancelTalking(Reason.CANCELLED)]
    assert m.key_down(0.6) + m.key_up(1.0) + m.tick(2.0) == []  # repeat, then the release


def test_cancel_while_latched_and_while_idle() -> None:
    m = PushToTalkMachine(Mode.TOGGLE)
    tap(m, 0.0)
    assert m.cancel(1.0) == [CancelTalking(Reason.CANCELLED)]
    assert m.cancel(2.0) == []


def test_reverse_direction_and_one_direction_at_a_time() -> None:
    m = PushToTalkMachine(Mode.HOLD)
    assert m.key_down(0.0, REV) == [START_REV]
    assert m.direction is REV
    assert m.key_down(0.1, FWD) + m.key_up(0.2, FWD) + m.tick(0.5) == []  # ignored
    assert m.key_up(1.0, REV) + m.tick(1.1) == [stop(Reason.RELEASED)]
    assert m.key_down(2.0, FWD) == [START]


def test_toggle_command_is_mode_independent() -> None:
    for mode in Mode:
        m = PushToTalkMachine(mode)
        assert m.toggle(0.0, REV) == [START_REV]
        assert m.phase is TalkPhase.LATCHED
        assert m.toggle(1.0) == [stop(Reason.TOGGLED)]


def test_toggle_stops_a_held_utterance() -> None:
    m = PushToTalkMachine(Mode.HOLD)
    m.key_down(0.0)
    assert m.toggle(0.5) == [stop(Reason.TOGGLED)]
    assert m.key_up(1.0) + m.tick(2.0) == []


# --- the guards ----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", list(Mode))
def test_stuck_key_guard_ends_it(mode: Mode) -> None:
    m = PushToTalkMachine(mode, PttTimings(max_utterance=120.0))
    m.key_down(0.0)
    assert m.next_deadline() == 120.0
    assert m.tick(119.999) == []
    assert m.tick(120.0) == [stop(Reason.MAX_DURATION)]
    # The key is still physically down: its auto-repeat must not start a new utterance.
    assert m.key_down(120.5) == []
    assert m.key_up(130.0) + m.tick(131.0) == []
    assert m.key_down(140.0) == [START]


def test_guard_and_latched_utterance() -> None:
    m = PushToTalkMachine(Mode.TOGGLE, PttTimings(max_utterance=10.0))
    tap(m, 0.0)
    assert m.tick(10.0) == [stop(Reason.MAX_DURATION)]


def test_release_just_before_the_guard_counts_as_release() -> None:
    m = PushToTalkMachine(Mode.HOLD, PttTimings(max_utterance=10.0, debounce=0.03))
    m.key_down(0.0)
    m.key_up(10.0 - 0.03)  # confirmed exactly at the guard: the release wins the tie
    assert m.tick(11.0) == [stop(Reason.RELEASED)]


@pytest.mark.parametrize(
    ("method", "reason"),
    [("backend_lost", Reason.BACKEND_LOST), ("session_inactive", Reason.SESSION_INACTIVE)],
)
def test_losing_the_backend_or_the_session_stops_and_forgets_keys(
    method: str, reason: Reason
) -> None:
    m = PushToTalkMachine(Mode.HOLD)
    m.key_down(0.0, FWD)
    m.key_down(0.1, REV)
    assert getattr(m, method)(1.0) == [stop(reason)]
    assert m.key_phase(FWD) is KeyPhase.UP and m.key_phase(REV) is KeyPhase.UP
    assert getattr(m, method)(1.5) == []  # idle: nothing to stop
    assert m.key_down(2.0) == [START]  # the next press is a real press


def test_repr_shows_the_state() -> None:
    m = PushToTalkMachine(Mode.HYBRID)
    assert "IDLE" in repr(m) and "hybrid" in repr(m)
    m.key_down(1.0, REV)
    text = repr(m)
    assert "HELD reverse since 1.000" in text and "reverse: DOWN" in text
    assert "next deadline 121.000" in text


# --- exhaustive: every short sequence ------------------------------------------------------------

_STEPS = {
    "down": lambda m, t: m.key_down(t),
    "up": lambda m, t: m.key_up(t),
    "rdown": lambda m, t: m.key_down(t, REV),
    "rup": lambda m, t: m.key_up(t, REV),
    "cancel": lambda m, t: m.cancel(t),
    "toggle": lambda m, t: m.toggle(t),
    "lost": lambda m, t: m.backend_lost(t),
    "locked": lambda m, t: m.session_inactive(t),
}
_GAPS = (0.005, 0.2, 0.5)  # inside the debounce window, a tap, a hold


def check_alternation(actions: list[Action], talking_before: bool) -> bool:
    talking = talking_before
    for action in actions:
        if isinstance(action, StartTalking):
            assert not talking, f"started twice: {actions}"
            talking = True
        else:
            assert talking, f"stopped without a start: {actions}"
            talking = False
    return talking


def held_key_is_down(m: PushToTalkMachine) -> None:
    """HELD means the key that started it is down (or its release is being debounced)."""
    if m.phase is TalkPhase.HELD:
        assert m.direction is not None
        assert m.key_phase(m.direction) is not KeyPhase.UP, repr(m)


@pytest.mark.parametrize("mode", list(Mode))
def test_every_sequence_of_four_inputs(mode: Mode) -> None:
    """All 8^4 input sequences, each at three rotations of the gap cycle: every input meets
    every gap somewhere (12 k runs per mode instead of the 330 k of all gap combinations)."""
    timings = PttTimings(max_utterance=1.0)
    for steps in itertools.product(_STEPS, repeat=4):
        for offset in range(len(_GAPS)):
            m = PushToTalkMachine(mode, timings)
            t, talking = 0.0, False
            for i, step in enumerate(steps):
                t += _GAPS[(i + offset) % len(_GAPS)]
                talking = check_alternation(_STEPS[step](m, t), talking)
                assert talking == m.talking
                held_key_is_down(m)
            # Whatever happened, the guard ends it.
            talking = check_alternation(m.tick(t + timings.max_utterance), talking)
            assert not talking and not m.talking


# --- hypothesis: stateful fuzzing ----------------------------------------------------------------


class PushToTalkFuzz(RuleBasedStateMachine):
    """Random inputs at random times: never two starts in a row, never talking past the limit."""

    def __init__(self) -> None:
        super().__init__()
        self.machine: PushToTalkMachine | None = None
        self.now = 0.0
        self.talking = False
        self.started_at = 0.0

    @precondition(lambda self: self.machine is None)
    @rule(
        mode=st.sampled_from(list(Mode)),
        tap=st.floats(0, 1),
        debounce=st.floats(0, 0.1),
        limit=st.floats(0.05, 200),
    )
    def build(self, mode: Mode, tap: float, debounce: float, limit: float) -> None:
        self.machine = PushToTalkMachine(mode, PttTimings(tap, debounce, limit))

    def feed(self, actions: list[Action]) -> None:
        for action in actions:
            if isinstance(action, StartTalking):
                assert not self.talking, "two starts without a stop"
                self.talking = True
                self.started_at = self.now
            else:
                assert self.talking, "a stop without a start"
                self.talking = False

    def advance(self, dt: float) -> float:
        self.now += dt
        return self.now

    gaps = st.one_of(st.floats(0, 0.05), st.floats(0, 2), st.floats(0, 300))
    directions = st.sampled_from([FWD, REV])

    @precondition(lambda self: self.machine is not None)
    @rule(dt=gaps, d=directions)
    def key_down(self, dt: float, d: Direction) -> None:
        assert self.machine is not None
        self.feed(self.machine.key_down(self.advance(dt), d))

    @precondition(lambda self: self.machine is not None)
    @rule(dt=gaps, d=directions)
    def key_up(self, dt: float, d: Direction) -> None:
        assert self.machine is not None
        self.feed(self.machine.key_up(self.advance(dt), d))

    @precondition(lambda self: self.machine is not None)
    @rule(dt=gaps, which=st.sampled_from(["cancel", "tick", "lost", "inactive"]))
    def other(self, dt: float, which: str) -> None:
        assert self.machine is not None
        method = {
            "cancel": self.machine.cancel,
            "tick": self.machine.tick,
            "lost": self.machine.backend_lost,
            "inactive": self.machine.session_inactive,
        }[which]
        self.feed(method(self.advance(dt)))

    @precondition(lambda self: self.machine is not None)
    @rule(dt=gaps, d=directions)
    def toggle(self, dt: float, d: Direction) -> None:
        assert self.machine is not None
        self.feed(self.machine.toggle(self.advance(dt), d))

    @precondition(lambda self: self.machine is not None)
    @rule()
    def tick_at_deadline(self) -> None:
        """The owner's timer fires exactly when asked."""
        assert self.machine is not None
        deadline = self.machine.next_deadline()
        if deadline is not None:
            self.now = max(self.now, deadline)
            self.feed(self.machine.tick(self.now))

    @invariant()
    def agrees_and_is_bounded(self) -> None:
        if self.machine is None:
            return
        assert self.machine.talking == self.talking
        held_key_is_down(self.machine)
        if self.talking:
            limit = self.machine.timings.max_utterance
            deadline = self.machine.next_deadline()
            assert deadline is not None and deadline <= self.started_at + limit
            assert self.now - self.started_at <= limit  # no input lets it run past the guard

    def teardown(self) -> None:
        if self.machine is not None:
            self.feed(self.machine.tick(self.now + self.machine.timings.max_utterance))
            assert not self.talking and not self.machine.talking, "talking forever"


TestPushToTalkFuzz = PushToTalkFuzz.TestCase
TestPushToTalkFuzz.settings = settings(max_examples=200, stateful_step_count=40, deadline=None)


# --- configuration from the settings ----------------------------------------------------------


def test_configure_switches_the_mode_and_the_limit() -> None:
    m = PushToTalkMachine()  # hybrid: a 100 ms tap latches
    assert tap(m, 0.0) == [START] and m.phase is TalkPhase.LATCHED
    assert tap(m, 1.0) == [stop(Reason.TOGGLED)]
    m.configure(Mode.HOLD, PttTimings(max_utterance=10.0))
    assert tap(m, 2.0) == [START, stop(Reason.RELEASED)]  # no latch in hold mode
    m.key_down(3.0)
    assert m.next_deadline() == 13.0
    assert m.tick(13.0) == [stop(Reason.MAX_DURATION)]
    m.configure("toggle")
    assert m.timings.max_utterance == 10.0  # thresholds kept when only the mode changes
    assert m.key_up(14.0) + m.tick(15.0) == []
    assert tap(m, 20.0, held=2.0) == [START] and m.phase is TalkPhase.LATCHED


def test_a_shorter_limit_ends_a_hold_already_past_it() -> None:
    m = PushToTalkMachine(Mode.HOLD)
    m.key_down(0.0)
    m.configure(Mode.HOLD, PttTimings(max_utterance=5.0))
    assert m.next_deadline() == 5.0
    assert m.tick(6.0) == [stop(Reason.MAX_DURATION)]


def test_a_release_carries_the_key_up_time_not_the_confirmation_time() -> None:
    """The debounce confirms a release; it must not delay the tail that follows it."""
    m = PushToTalkMachine(Mode.HOLD)
    m.key_down(0.0)
    assert m.key_up(1.0) == []
    (stop_action,) = m.tick(1.0 + DEBOUNCE)
    assert isinstance(stop_action, StopTalking) and stop_action.at == 1.0
    m.key_down(2.0)
    (guard,) = m.tick(122.5)  # the guard: it ends when it fired
    assert isinstance(guard, StopTalking) and guard.at == 122.5
