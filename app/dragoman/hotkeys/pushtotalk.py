"""PushToTalk: the Qt-side owner of a hotkey back end, the push-to-talk state machine and its timer.

Hotkey edges (from the back end, through the HotkeyEvents funnel), the UI's button and the command
channel all end up as inputs of one :class:`~dragoman.core.ptt.PushToTalkMachine`; its actions come
out as ``talk_started`` / ``talk_stopped`` / ``talk_cancelled``. A single-shot timer wakes the
machine at its next deadline (debounce, stuck-key guard), so nothing polls.

One-shot actions with keys of their own ("Say it again", "mute all") ride on the same back end;
their key-downs come out as ``action_triggered`` and never touch the state machine.

When a back end cannot start, or fails later, the next one of the :class:`BackendChoice` takes over
and ``backend_changed`` says which and why; ``backend_changed("none", sentence)`` means nothing
works and the sentence says what the user can do.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from dragoman.core.chord import CANCEL_KEY, Chord
from dragoman.core.errors import HotkeyUnavailable
from dragoman.core.ptt import (
    Action,
    CancelTalking,
    Direction,
    PushToTalkMachine,
    StartTalking,
    StopTalking,
)
from dragoman.hotkeys.backends import BackendChoice, choose_backend, make_backend
from dragoman.hotkeys.events import HotkeyBackend, HotkeyEvents

__all__ = ["NO_BACKEND", "BackendFactory", "PushToTalk"]

log = logging.getLogger(__name__)

NO_BACKEND = "none"
BackendFactory = Callable[[str, HotkeyEvents, str], HotkeyBackend]  # (name, events, why)
_DESCRIPTIONS = {
    "pynput": "pynput keyboard listener",
    "portal": "desktop portal's global shortcuts",
    "window": "in-window key (it works only while Dragoman's window has focus)",
}


def _default_factory(name: str, events: HotkeyEvents, why: str) -> HotkeyBackend:
    return make_backend(name, events, why=why)


class PushToTalk(QObject):
    """Owns the back end, the state machine and the deadline timer; see the module doc."""

    talk_started = Signal(str)  # direction: "forward" | "reverse"
    talk_stopped = Signal(str)  # reason (dragoman.core.ptt.Reason)
    talk_ended_at = Signal(float)  # when it ended (monotonic): for a release, the key-up's time
    talk_cancelled = Signal(str)  # reason
    backend_changed = Signal(str, str)  # back-end name (or "none"), why
    action_triggered = Signal(str)  # a one-shot action's key went down (hotkeys.events.ACTIONS)

    def __init__(
        self,
        choice: BackendChoice | None = None,
        *,
        factory: BackendFactory = _default_factory,
        machine: PushToTalkMachine | None = None,
        events: HotkeyEvents | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.choice = choice if choice is not None else choose_backend(os.environ)
        self.machine = machine if machine is not None else PushToTalkMachine()
        self.events = events if events is not None else HotkeyEvents(self)
        self.backend: HotkeyBackend | None = None
        self._factory = factory
        self._clock = clock
        self._index = -1
        self._chords: tuple[Chord | str, Chord | str | None, Chord | str | None] = ("", None, None)
        self._actions: dict[str, Chord | str] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.events.pressed.connect(self._on_events_pressed)
        self.events.released.connect(self._on_events_released)
        self.events.cancelled.connect(self._on_events_cancelled)
        self.events.action_pressed.connect(self._on_events_action_pressed)
        self.events.backend_failed.connect(self._on_events_backend_failed)

    def __repr__(self) -> str:
        backend = self.backend.name if self.backend is not None else NO_BACKEND
        return f"<PushToTalk backend={backend} {self.machine!r}>"

    @property
    def backend_name(self) -> str:
        return self.backend.name if self.backend is not None else NO_BACKEND

    # --- life cycle ---------------------------------------------------------------------------

    def start(
        self,
        chord: Chord | str,
        reverse_chord: Chord | str | None = None,
        cancel_key: Chord | str | None = CANCEL_KEY,
        *,
        actions: Mapping[str, Chord | str] | None = None,
    ) -> None:
        """Start the first back end of the choice that works (InvalidChord propagates).
        ``actions``: the one-shot actions' keys (action name → chord)."""
        self.stop()
        self._chords = (chord, reverse_chord, cancel_key)
        self._actions = dict(actions or {})
        self._start_from(0, [])

    def stop(self) -> None:
        """Stop the back end; an open utterance ends (reason ``backend_lost``)."""
        backend, self.backend = self.backend, None
        if backend is not None:
            backend.stop()
            self._apply(self.machine.backend_lost(self._clock()))

    def configure(self, mode: str, max_utterance_s: float) -> None:
        """The push-to-talk settings: hold / toggle / hybrid, and the longest utterance."""
        timings = replace(self.machine.timings, max_utterance=float(max_utterance_s))
        self.machine.configure(mode, timings)
        log.info("push-to-talk mode %s, longest utterance %g s", mode, max_utterance_s)
        self._apply([])  # the guard's deadline may have moved

    # --- slots for the UI and the command channel --------------------------------------------

    @Slot()
    @Slot(str)
    def press(self, direction: str = Direction.FORWARD) -> None:
        self._apply(self.machine.key_down(self._clock(), direction))

    @Slot()
    @Slot(str)
    def release(self, direction: str = Direction.FORWARD) -> None:
        self._apply(self.machine.key_up(self._clock(), direction))

    @Slot()
    @Slot(str)
    def toggle(self, direction: str = Direction.FORWARD) -> None:
        self._apply(self.machine.toggle(self._clock(), direction))

    @Slot()
    def cancel(self) -> None:
        self._apply(self.machine.cancel(self._clock()))

    @Slot()
    def session_inactive(self) -> None:
        """The screen locked or the session was switched away from."""
        self._apply(self.machine.session_inactive(self._clock()))

    @Slot(str)
    def run_command(self, command: str) -> None:
        """A command-channel line (``press forward``, ``toggle``, ``cancel`` …); others ignored."""
        verb, _, argument = command.partition(" ")
        direction = argument or Direction.FORWARD
        if verb == "press":
            self.press(direction)
        elif verb == "release":
            self.release(direction)
        elif verb == "toggle":
            self.toggle(direction)
        elif verb == "cancel":
            self.cancel()

    # --- internals ---------------------------------------------------------------------------

    def _start_from(self, index: int, failures: list[str]) -> None:
        order: Sequence[str] = self.choice.order
        for position in range(index, len(order)):
            name = order[position]
            why = self.choice.why
            if failures:
                why = f"{' '.join(failures)} Using the {_DESCRIPTIONS.get(name, name)} instead."
            try:
                backend = self._factory(name, self.events, why)
                backend.start(*self._chords, actions=self._actions)
            except HotkeyUnavailable as error:
                log.info("hotkey back end %s unavailable: %s", name, error)
                failures.append(str(error))
                continue
            self.backend = backend
            self._index = position
            log.info("hotkey back end %s: %s", name, why)
            self.backend_changed.emit(name, why)
            return
        self.backend = None
        self._index = len(order)
        why = " ".join(failures) or "No hotkey back end is available here."
        self.backend_changed.emit(NO_BACKEND, why)

    def _apply(self, actions: list[Action]) -> None:
        for action in actions:
            log.info("push-to-talk %s (%r)", action, self.machine)
            if isinstance(action, StartTalking):
                self.talk_started.emit(str(action.direction))
            elif isinstance(action, StopTalking):
                self.talk_ended_at.emit(action.at)
                self.talk_stopped.emit(str(action.reason))
            elif isinstance(action, CancelTalking):
                self.talk_cancelled.emit(str(action.reason))
        deadline = self.machine.next_deadline()
        if deadline is None:
            self._timer.stop()
        else:
            self._timer.start(max(0, math.ceil((deadline - self._clock()) * 1000)))

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._apply(self.machine.tick(self._clock()))

    @Slot(str, float)
    def _on_events_pressed(self, direction: str, t: float) -> None:
        self._apply(self.machine.key_down(t, direction))

    @Slot(str, float)
    def _on_events_released(self, direction: str, t: float) -> None:
        self._apply(self.machine.key_up(t, direction))

    @Slot(float)
    def _on_events_cancelled(self, t: float) -> None:
        self._apply(self.machine.cancel(t))

    @Slot(str, float)
    def _on_events_action_pressed(self, action: str, t: float) -> None:
        log.info("hotkey action %s", action)
        self.action_triggered.emit(action)

    @Slot(str)
    def _on_events_backend_failed(self, sentence: str) -> None:
        failed = self.backend
        if failed is None or failed.failure != sentence:
            return  # news from a back end we already left behind
        failed.stop()
        self.backend = None
        self._apply(self.machine.backend_lost(self._clock()))
        self._start_from(self._index + 1, [sentence])
