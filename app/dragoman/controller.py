"""The SessionController: one owner for the engine session, the audio streams and their tasks.

It turns push-to-talk into utterances (capture → engine), engine events into Qt signals for the
UI (paired transcript rows, banners, state, latencies) and translated audio into playback. The UI
calls a few slots and listens; it never touches the engine or the audio directly.

Threads: everything here runs on the Qt main thread, with asyncio on the same loop (qasync).
The audio threads reach us only through the capture's ring buffer and its callbacks.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QObject, QTimer, Signal

from dragoman.core import banners
from dragoman.core.engine import Engine, EngineSession, turn_state
from dragoman.core.errors import DragomanError
from dragoman.core.events import (
    Closed,
    ErrorKind,
    Failed,
    Ready,
    Reconnected,
    Reconnecting,
    ServerError,
    Transcript,
    TranslatedAudio,
)
from dragoman.core.settings import Settings
from dragoman.core.transcript import TranscriptBuilder

log = logging.getLogger(__name__)

SETTLE_S = 0.8  # quiet time after the last final before an utterance counts as finished
FINISH_LIMIT_S = 20.0  # a server silent this long after release: give up waiting
REPLAY_SEGMENTS = 50  # translated audio kept per row for "Replay translation"


class State(Enum):
    IDLE = "idle"
    CONNECTING = "connecting"
    READY = "ready"
    LISTENING = "listening"
    FINISHING = "finishing"
    RECONNECTING = "reconnecting"
    ERROR = "error"


class Utterance(Protocol):
    """One push-to-talk hold as the capture delivers it (pre-roll, live audio, then the tail)."""

    @property
    def speech_detected(self) -> bool: ...
    def frames(self) -> AsyncIterator[bytes]: ...
    def release(self) -> None: ...
    def cancel(self) -> None: ...


class Capture(Protocol):
    def begin_utterance(self, now: float) -> Utterance: ...
    def set_gate(self, closed: bool) -> None: ...


class Player(Protocol):
    def enqueue(self, samples: npt.NDArray[np.float32], rate: int) -> None: ...
    def end_stream(self) -> None: ...
    def flush(self) -> None: ...


EngineFactory = Callable[[Settings], Engine]


@dataclass(frozen=True, slots=True)
class Latency:
    """Per-utterance figures in milliseconds (None: not measured, e.g. text-only mode)."""

    first_frame_sent_ms: float | None = None
    last_final_ms: float | None = None
    first_audio_ms: float | None = None

    def summary(self) -> str:
        parts = []
        for label, value in (
            ("send", self.first_frame_sent_ms),
            ("final", self.last_final_ms),
            ("voice", self.first_audio_ms),
        ):
            if value is not None:
                parts.append(f"{label} {value:.0f} ms")
        return " · ".join(parts)


@dataclass
class _Talk:
    """The utterance in progress and its timings (monotonic seconds)."""

    utterance: Utterance
    direction: str
    down_at: float
    released_at: float | None = None
    first_sent_at: float | None = None
    last_final_at: float | None = None
    first_audio_at: float | None = None
    measuring_send: bool = False
    cancelled: bool = False


class SessionController(QObject):
    state_changed = Signal(str)
    segment_changed = Signal(object)  # a transcript Segment, new or updated
    transcript_reset = Signal(list)  # all segments, after interims were dropped
    level_changed = Signal(float, float)  # rms dBFS, peak dBFS
    banner_raised = Signal(object)  # banners.Banner
    banner_cleared = Signal(str)  # banner key
    session_id_changed = Signal(str)
    latency_measured = Signal(object)  # Latency
    talking_changed = Signal(bool)
    no_speech_detected = Signal()
    settings_changed = Signal(object)  # Settings, when the controller itself changed them

    def __init__(
        self,
        *,
        settings: Settings,
        engine_factory: EngineFactory,
        capture: Capture | None,
        player: Player | None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._engine_factory = engine_factory
        self._capture = capture
        self._player = player
        self._clock = clock
        self._state = State.IDLE
        self._engine: Engine | None = None
        self._session: EngineSession | None = None
        self._consumer: asyncio.Task[None] | None = None
        self._talk: _Talk | None = None
        self._pump: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._direction = "forward"
        self._playing = False
        self._mic_check = False
        self._monitor_is_speakers = False
        self.builder = TranscriptBuilder()
        self._audio_by_segment: OrderedDict[str, list[npt.NDArray[np.float32]]] = OrderedDict()
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._on_idle_timer_timeout)
        self.last_latency: Latency | None = None

    def __repr__(self) -> str:
        return (
            f"SessionController(state={self._state.value}, "
            f"session={getattr(self._session, 'session_id', None)!r}, "
            f"talking={self._talk is not None})"
        )

    # ------------------------------------------------------------------------------------------
    # Read side

    @property
    def state(self) -> State:
        return self._state

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def session_id(self) -> str | None:
        return None if self._session is None else self._session.session_id

    @property
    def talking(self) -> bool:
        return self._talk is not None and self._talk.released_at is None

    # ------------------------------------------------------------------------------------------
    # Slots for the UI, the hotkeys and the command channel

    def warm_up(self) -> None:
        """Open a session ahead of the first key-down, if the settings ask for a warm session."""
        if self._settings.warm_session and self._session is None:
            self._ensure_session()
            self._restart_idle_timer()

    def set_mic_check(self, on: bool) -> None:
        """Mic check: holds play back through the exact capture and playback path, no service."""
        self._mic_check = on

    def start_talking(self, direction: str = "forward") -> None:
        if self._talk is not None and self._talk.released_at is None:
            return  # already talking: a second start is impossible, not an error
        if self._capture is None:
            self.banner_raised.emit(banners.no_microphone())
            return
        if self._mic_check:
            now = self._clock()
            talk = _Talk(self._capture.begin_utterance(now), direction, down_at=now)
            self._talk = talk
            self._pump = self._spawn(self._run_mic_check(talk))
            self.talking_changed.emit(True)
            return
        session = self._ensure_session()
        if session is None:
            return
        self._idle_timer.stop()
        if direction != self._direction:
            self._direction = direction
            settings = self._settings if direction == "forward" else self._settings.swapped()
            self._spawn(session.update(settings.engine_settings()))
        now = self._clock()
        talk = _Talk(self._capture.begin_utterance(now), direction, down_at=now)
        if self._pump is not None and not self._pump.done():
            self._pump.cancel()  # the previous utterance's wait for finals; its audio is sent
        self._talk = talk
        self._pump = self._spawn(self._run_utterance(talk, session))
        self._set_state(State.LISTENING)
        self.talking_changed.emit(True)

    def stop_talking(self) -> None:
        talk = self._talk
        if talk is None or talk.released_at is not None:
            return
        talk.released_at = self._clock()
        talk.utterance.release()
        self.talking_changed.emit(False)
        self._set_state(State.FINISHING)

    def cancel_talking(self) -> None:
        """Discard the utterance: nothing more is sent; what was sent is closed out."""
        talk = self._talk
        if talk is None:
            return
        talk.cancelled = True
        talk.released_at = talk.released_at or self._clock()
        talk.utterance.cancel()
        self.talking_changed.emit(False)

    def toggle_talking(self) -> None:
        if self.talking:
            self.stop_talking()
        else:
            self.start_talking()

    def apply_settings(self, settings: Settings) -> None:
        """New settings: languages, voice and mode go to the live session via update."""
        old, self._settings = self._settings, settings
        if self._session is None:
            return
        if settings.engine != old.engine or _endpoint_changed(old, settings):
            self._spawn(self._close_session())
            return
        if settings.engine_settings() != old.engine_settings():
            self._direction = "forward"
            self._spawn(self._session.update(settings.engine_settings()))

    def switch_to_text_only(self) -> None:
        self.banner_cleared.emit("language")
        self._change(replace(self._settings, speech_output=False))

    def use_male_voice(self) -> None:
        self.banner_cleared.emit("language")
        self._change(replace(self._settings, voice="male"))

    def retry(self) -> None:
        self.banner_cleared.emit("session")
        self._spawn(self._reopen())

    def replay(self, segment_id: str) -> None:
        chunks = self._audio_by_segment.get(segment_id)
        if chunks and self._player is not None:
            self._player.enqueue(np.concatenate(chunks), 24_000)

    def set_playback_muted(self, muted: bool) -> None:
        self._change(replace(self._settings, playback_muted=muted))
        if muted and self._player is not None:
            self._player.flush()

    # Callbacks wired by the composition root (audio side, on the Qt thread)

    def attach_audio(
        self, capture: Capture | None, player: Player | None, *, monitor_is_speakers: bool = False
    ) -> None:
        """Audio comes and goes with devices and settings; the session stays."""
        self._capture = capture
        self._player = player
        self._monitor_is_speakers = monitor_is_speakers

    def report_level(self, rms_db: float, peak_db: float) -> None:
        self.level_changed.emit(rms_db, peak_db)

    def report_playing(self, playing: bool) -> None:
        """Half-duplex echo guard: the microphone is gated while translated audio plays."""
        self._playing = playing
        if self._capture is not None and self._echo_guard_on():
            self._capture.set_gate(playing)
            if playing and self.talking:
                self.banner_raised.emit(banners.echo_guard_muted())

    def report_first_played(self, when: float) -> None:
        talk = self._talk
        if talk is not None and talk.first_audio_at is None and when >= talk.down_at:
            talk.first_audio_at = when

    async def shutdown(self) -> None:
        """Cancel and await every task; close the session with 1000."""
        self._idle_timer.stop()
        if self._talk is not None:
            self._talk.utterance.cancel()
        tasks = [t for t in self._tasks if not t.done()]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self._close_session()

    # ------------------------------------------------------------------------------------------
    # Internals

    def _echo_guard_on(self) -> bool:
        """ "auto" guards only when the translation plays on built-in speakers (the microphone
        would hear it); with headphones or a virtual cable, gating would only cut the user off."""
        mode = self._settings.echo_guard
        if mode == "auto":
            return self._monitor_is_speakers
        return mode == "on"

    def _change(self, settings: Settings) -> None:
        self.apply_settings(settings)
        self.settings_changed.emit(settings)

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)
        return task

    def _on_task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            error = task.exception()
            log.error("controller task failed", exc_info=error)
            if isinstance(error, DragomanError):
                self.banner_raised.emit(banners.for_error(error, self.session_id))

    def _set_state(self, state: State) -> None:
        if state is not self._state:
            log.info("state %s -> %s", self._state.value, state.value)
            self._state = state
            self.state_changed.emit(state.value)

    def _ensure_session(self) -> EngineSession | None:
        if self._session is not None:
            return self._session
        try:
            self._engine = self._engine_factory(self._settings)
            self._session = self._engine.open_session(self._settings.engine_settings())
        except DragomanError as error:
            self._set_state(State.ERROR)
            self.banner_raised.emit(banners.for_error(error))
            return None
        self._direction = "forward"
        self._set_state(State.CONNECTING)
        self._session.start()
        self._consumer = self._spawn(self._consume(self._session))
        return self._session

    async def _close_session(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()
        consumer, self._consumer = self._consumer, None
        if consumer is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await consumer

    async def _reopen(self) -> None:
        await self._close_session()
        self._ensure_session()

    def _restart_idle_timer(self) -> None:
        if self._settings.warm_session:
            self._idle_timer.start(self._settings.warm_idle_minutes * 60_000)

    def _on_idle_timer_timeout(self) -> None:
        if self._talk is None or self._talk.released_at is not None:
            log.info(
                "closing the warm session after %d idle minutes", self._settings.warm_idle_minutes
            )
            self._spawn(self._close_session())

    async def _run_utterance(self, talk: _Talk, session: EngineSession) -> None:
        """Capture → engine for one hold, then wait for its finals and report latencies.

        With "drop silent holds" on, frames wait here until speech is detected, so a hold with
        nothing but silence is never sent (the user gets the "no speech detected" hint).
        """
        held: list[bytes] = []
        sending = not self._settings.drop_silent_holds
        async for frame in talk.utterance.frames():
            if talk.cancelled:
                break
            if sending:
                outgoing = [frame]
            else:
                held.append(frame)
                if not talk.utterance.speech_detected:
                    continue
                sending, outgoing, held = True, held, []
            for f in outgoing:
                session.push_audio(f)
            if talk.first_sent_at is None and not talk.measuring_send:
                talk.measuring_send = True
                self._spawn(self._note_first_sent(talk, session))
        if not sending:
            if not talk.cancelled:
                self.no_speech_detected.emit()
            self._finish(talk, sent=False)
            return
        session.end_utterance()  # after a cancel too: what was sent is closed out
        if talk.cancelled:
            self._finish(talk, sent=False)
            return
        await self._wait_for_finals(session)
        if self._player is not None:
            self._player.end_stream()  # the turn's last audio plays now, not after the target
        self._finish(talk, sent=True)

    async def _run_mic_check(self, talk: _Talk) -> None:
        async for frame in talk.utterance.frames():
            if talk.cancelled:
                break
            if self._player is not None:
                samples = np.frombuffer(frame, dtype="<i2").astype(np.float32) / 32768.0
                self._player.enqueue(samples, 16_000)
        if self._talk is talk:
            self._talk = None
        if not talk.cancelled:
            latency = Latency(first_audio_ms=_ms(talk.first_audio_at, talk.down_at))
            self.last_latency = latency
            self.latency_measured.emit(latency)

    async def _note_first_sent(self, talk: _Talk, session: EngineSession) -> None:
        await session.wait_sent()
        talk.first_sent_at = self._clock()

    async def _wait_for_finals(self, session: EngineSession) -> None:
        started = self._clock()
        while turn_state(session, settle_s=SETTLE_S, give_up_s=FINISH_LIMIT_S) == "waiting":
            if self._clock() - started > FINISH_LIMIT_S * 3:
                return  # reconnecting for that long: the session's own banner says why
            await asyncio.sleep(0.05)

    def _finish(self, talk: _Talk, *, sent: bool) -> None:
        if self._talk is talk:
            self._talk = None
            if self._state in (State.LISTENING, State.FINISHING):
                self._set_state(State.READY if self._session is not None else State.IDLE)
        self._restart_idle_timer()
        if not sent:
            return
        latency = Latency(
            first_frame_sent_ms=_ms(talk.first_sent_at, talk.down_at),
            # A final that came before the release has no release → final figure to show.
            last_final_ms=(
                _ms(talk.last_final_at, talk.released_at)
                if talk.last_final_at
                and talk.released_at
                and talk.last_final_at >= talk.released_at
                else None
            ),
            first_audio_ms=_ms(talk.first_audio_at, talk.down_at),
        )
        self.last_latency = latency
        self.latency_measured.emit(latency)

    async def _consume(self, session: EngineSession) -> None:
        async for event in session.events():
            if session is not self._session:
                continue  # a session being replaced: its last events no longer matter
            if isinstance(event, Ready):
                self.builder.add_session(event.session_id)
                self.session_id_changed.emit(event.session_id)
                self.banner_cleared.emit("network")
                self.banner_cleared.emit("session")
                self._set_state(State.LISTENING if self.talking else State.READY)
            elif isinstance(event, Reconnected):
                self.builder.add_session(event.session_id)
                self.session_id_changed.emit(event.session_id)
                self.banner_cleared.emit("network")
                self._set_state(State.LISTENING if self.talking else State.READY)
            elif isinstance(event, Reconnecting):
                self.builder.drop_interims()
                self.transcript_reset.emit(list(self.builder.segments))
                self.banner_raised.emit(banners.for_reconnecting(event))
                if event.attempt:
                    self._set_state(State.RECONNECTING)
            elif isinstance(event, Transcript):
                segment = self.builder.add(event)
                self.segment_changed.emit(segment)
                if event.is_final and self._talk is not None:
                    self._talk.last_final_at = self._clock()
            elif isinstance(event, TranslatedAudio):
                self._on_audio(event)
            elif isinstance(event, ServerError):
                self.banner_raised.emit(banners.for_server_error(event))
                if event.kind is ErrorKind.OTHER:
                    log.warning("server error: %s", event.message)
            elif isinstance(event, Failed):
                self._set_state(State.ERROR)
                self.banner_raised.emit(banners.for_error(event.error, session.session_id))
            elif isinstance(event, Closed) and self._state is not State.ERROR:
                self._set_state(State.IDLE)
        if self._session is session:
            self._session = None

    def _on_audio(self, event: TranslatedAudio) -> None:
        talk = self._talk
        if talk is not None and talk.first_audio_at is None and self._player is None:
            talk.first_audio_at = self._clock()
        segment = next((s for s in reversed(self.builder.segments) if s.id and s.translated), None)
        if segment is not None and segment.id is not None:
            self._audio_by_segment.setdefault(segment.id, []).append(event.samples)
            self._audio_by_segment.move_to_end(segment.id)
            while len(self._audio_by_segment) > REPLAY_SEGMENTS:
                self._audio_by_segment.popitem(last=False)
        if self._player is not None and not self._settings.playback_muted:
            self._player.enqueue(event.samples, event.rate)


def _ms(end: float | None, start: float | None) -> float | None:
    if end is None or start is None:
        return None
    return max(0.0, (end - start) * 1000)


def _endpoint_changed(old: Settings, new: Settings) -> bool:
    return (old.pinch_url, old.pulse_url) != (new.pinch_url, new.pulse_url)
