"""The funnel every hotkey back end reports through, and the interface they all implement.

Back ends listen on their own threads (pynput's listener, the portal's D-Bus reader). They call
the thread-safe ``post_*`` methods of :class:`HotkeyEvents`; the public signals are then emitted
on the thread that owns the ``HotkeyEvents`` object (the Qt main thread), through one queued
connection. Receivers never see a back-end thread, whatever kind of slot they connect.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import ClassVar, Final

from PySide6.QtCore import QObject, Qt, Signal, Slot

from dragoman.core.chord import CANCEL_KEY, Chord, ChordMatcher, InvalidChord, parse_chord

log = logging.getLogger(__name__)

FORWARD: Final = "forward"
REVERSE: Final = "reverse"
CANCEL: Final = "cancel"
# One-shot actions bound to their own keys (their key-down is all that counts): "Say it again"
# and "mute all" (meeting mode), the next per-call profile, showing or hiding the compact window
# and the caption overlay. Their binding names are these.
SAY_AGAIN: Final = "say_again"
MUTE_ALL: Final = "mute_all"
NEXT_PROFILE: Final = "next_profile"
TOGGLE_COMPACT: Final = "toggle_compact"
TOGGLE_OVERLAY: Final = "toggle_overlay"
ACTIONS: Final = (SAY_AGAIN, MUTE_ALL, NEXT_PROFILE, TOGGLE_COMPACT, TOGGLE_OVERLAY)

_PRESSED: Final = "pressed"
_RELEASED: Final = "released"
_CANCELLED: Final = "cancelled"
_FAILED: Final = "failed"
_ACTION: Final = "action"
_READY: Final = "ready"


class HotkeyEvents(QObject):
    """Hotkey edges and back-end news, always delivered on this object's (the Qt) thread.

    ``t`` is ``time.monotonic()`` taken by the back end when it saw the event.
    """

    pressed = Signal(str, float)  # direction ("forward" | "reverse"), t
    released = Signal(str, float)  # direction, t
    cancelled = Signal(float)  # t
    action_pressed = Signal(str, float)  # action (ACTIONS), t: its key went down
    backend_failed = Signal(str)  # a sentence: what failed and what to do instead
    backend_ready = Signal(str)  # a sentence: what is now listening for what

    _posted = Signal(str, str, float)  # kind, text, t: the one thread crossing

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # Thread-safe: back ends call these from their own threads.
    def post_pressed(self, direction: str, t: float) -> None:
        self._posted.emit(_PRESSED, direction, t)

    def post_released(self, direction: str, t: float) -> None:
        self._posted.emit(_RELEASED, direction, t)

    def post_cancelled(self, t: float) -> None:
        self._posted.emit(_CANCELLED, "", t)

    def post_action(self, action: str, t: float) -> None:
        self._posted.emit(_ACTION, action, t)

    def post_failed(self, sentence: str) -> None:
        self._posted.emit(_FAILED, sentence, 0.0)

    def post_ready(self, sentence: str) -> None:
        self._posted.emit(_READY, sentence, 0.0)

    @Slot(str, str, float)
    def _deliver(self, kind: str, text: str, t: float) -> None:
        if kind == _PRESSED:
            self.pressed.emit(text, t)
        elif kind == _RELEASED:
            self.released.emit(text, t)
        elif kind == _CANCELLED:
            self.cancelled.emit(t)
        elif kind == _ACTION:
            self.action_pressed.emit(text, t)
        elif kind == _FAILED:
            self.backend_failed.emit(text)
        else:
            self.backend_ready.emit(text)


class HotkeyBackend(ABC):
    """One way of seeing the hotkey. ``start`` once, ``stop`` once (stop is idempotent).

    ``start`` raises :class:`~dragoman.core.errors.HotkeyUnavailable` when the back end cannot
    work at all; failures found later (a listener that dies, a portal that refuses) arrive as
    ``events.backend_failed`` and are also kept in ``failure``. ``why`` says why this back end
    was chosen and, after a failure, what failed.
    """

    name: ClassVar[str]

    def __init__(self, events: HotkeyEvents, *, why: str = "") -> None:
        self.events = events
        self.why = why
        self.failure: str | None = None
        self.bindings: dict[str, Chord] = {}
        self._matcher = ChordMatcher({})
        self._lock = threading.Lock()  # the matcher is fed from listener threads
        self._stopped = False

    def __repr__(self) -> str:
        state = "failed" if self.failure else "stopped" if self._stopped else "running"
        chords = ", ".join(f"{b}={c}" for b, c in self.bindings.items())
        return f"<{type(self).__name__} {state} {chords}>"

    def start(
        self,
        chord: Chord | str,
        reverse_chord: Chord | str | None = None,
        cancel_key: Chord | str | None = CANCEL_KEY,
        *,
        actions: Mapping[str, Chord | str] | None = None,
    ) -> None:
        """``actions``: keys of one-shot actions (ACTIONS → chord), reported on key-down."""
        bindings = {FORWARD: _chord(chord)}
        if reverse_chord is not None:
            bindings[REVERSE] = _chord(reverse_chord)
        if cancel_key is not None:
            bindings[CANCEL] = _chord(cancel_key)
        for action, action_chord in (actions or {}).items():
            if action not in ACTIONS:
                raise ValueError(f"unknown hotkey action {action!r}: expected one of {ACTIONS}")
            bindings[action] = _chord(action_chord)
        parts = list(bindings.values())
        if len(set(parts)) != len(parts):
            raise InvalidChord(
                "The hotkeys must differ: " + ", ".join(f"{b} is {c}" for b, c in bindings.items())
            )
        self.bindings = bindings
        self._matcher = ChordMatcher(bindings)
        self._start(bindings)

    @abstractmethod
    def _start(self, bindings: dict[str, Chord]) -> None: ...

    @abstractmethod
    def stop(self) -> None: ...

    # --- for subclasses -------------------------------------------------------------------

    def _feed(self, key: str, down: bool, t: float) -> None:
        """A key (canonical name) went down or up: run the matcher, post the edges it gives."""
        with self._lock:
            if self._stopped:
                return
            edges = self._matcher.key_down(key) if down else self._matcher.key_up(key)
        for edge in edges:
            self._post_edge(edge.binding, edge.pressed, t)

    def _reset_keys(self, t: float) -> None:
        """Keys may have gone up unseen (focus lost): release whatever was held."""
        with self._lock:
            edges = self._matcher.reset()
        for edge in edges:
            self._post_edge(edge.binding, edge.pressed, t)

    def _post_edge(self, binding: str, pressed: bool, t: float) -> None:
        if self._stopped:
            return
        if binding == CANCEL:
            if pressed:
                self.events.post_cancelled(t)
        elif binding in ACTIONS:
            if pressed:
                self.events.post_action(binding, t)
        elif pressed:
            self.events.post_pressed(binding, t)
        else:
            self.events.post_released(binding, t)

    def _fail(self, sentence: str) -> None:
        """Report a failure found after start, once, unless we were stopped on purpose."""
        if self._stopped or self.failure is not None:
            return
        log.warning("hotkey back end %s failed: %s", self.name, sentence)
        self.failure = sentence
        self.why = sentence
        self.events.post_failed(sentence)


def _chord(value: Chord | str) -> Chord:
    return value if isinstance(value, Chord) else parse_chord(value)
