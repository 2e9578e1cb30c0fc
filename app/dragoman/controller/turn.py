"""One push-to-talk hold, from key-down to its reported latencies: the turn runner.

A :class:`Turn` owns its task. It begins the utterance at key-down (the pre-roll is taken then),
gets the live session (frames wait in the utterance meanwhile), waits until the previous turn has
handed over, streams its frames, sends ``end_utterance()`` (the padding, or Pulse's finalize) and
only then hands over to the next turn. A new hold, or the reverse direction, *supersedes* a turn
that is still in its tail: the turn finishes its tail and its padding first, then reports its
latencies without waiting for the last finals. Cancel (Escape) is the only way a hold ends
without padding, and even then what was already sent is closed out.

Turns run on the asyncio loop of the Qt thread; every collaborator comes in through
:class:`TurnHost`, which the session controller implements.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from dragoman.core.engine import EngineSession, turn_state
from dragoman.core.errors import AudioDeviceError, DragomanError
from dragoman.core.i18n import QT_TRANSLATE_NOOP, Text, joined

log = logging.getLogger(__name__)

SETTLE_S = 0.8  # quiet time after the last final before a turn counts as finished
FINISH_LIMIT_S = 20.0  # a server silent this long after release: give up waiting
POLL_S = 0.05


class Utterance(Protocol):
    """One hold as the capture delivers it (pre-roll, live audio, then the tail)."""

    @property
    def speech_detected(self) -> bool: ...
    def frames(self) -> AsyncIterator[bytes]: ...
    def release(self, now: float | None = None) -> None: ...
    def cancel(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Latency:
    """Per-utterance figures in milliseconds (None: not measured, e.g. text-only mode)."""

    first_frame_sent_ms: float | None = None
    last_final_ms: float | None = None
    first_audio_ms: float | None = None

    def summary(self) -> Text:
        """E.g. "send 120 ms · final 640 ms · voice 900 ms" (translated where shown)."""
        parts = []
        for label, value in (
            (QT_TRANSLATE_NOOP("Latency", "send %1 ms"), self.first_frame_sent_ms),
            (QT_TRANSLATE_NOOP("Latency", "final %1 ms"), self.last_final_ms),
            (QT_TRANSLATE_NOOP("Latency", "voice %1 ms"), self.first_audio_ms),
        ):
            if value is not None:
                parts.append(label.arg(f"{value:.0f}"))
        return joined(" · ", parts)


class TurnHost(Protocol):
    """What a turn needs from its owner."""

    async def acquire_session(self) -> EngineSession: ...
    async def prepare_direction(self, session: EngineSession, direction: str) -> None: ...
    def turn_changed(self, turn: Turn) -> None: ...
    def turn_failed(self, turn: Turn, error: DragomanError) -> None: ...
    def turn_finished(self, turn: Turn, latency: Latency | None, *, no_speech: bool) -> None: ...
    def turn_settled(self, turn: Turn) -> None: ...


class Turn:
    """One hold; see the module doc. ``start()`` creates its task, which the turn owns."""

    def __init__(
        self,
        *,
        direction: str,
        down_at: float,
        begin: Callable[[], Awaitable[Utterance]] | Utterance,
        host: TurnHost,
        previous: Turn | None,
        drop_silent: bool,
        clock: Callable[[], float],
        name: str = "turn",
    ) -> None:
        self.direction = direction
        self.down_at = down_at
        self.released_at: float | None = None
        self.first_sent_at: float | None = None
        self.last_final_at: float | None = None
        self.first_audio_at: float | None = None
        self.cancelled = False
        self.superseded = False
        self.sent_frames = 0
        # Begun at key-down when the capture is up (the pre-roll is taken then), else later.
        self.utterance: Utterance | None = None if callable(begin) else begin
        self.handed_over = asyncio.Event()
        self.done = asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self._first_sent: asyncio.Task[None] | None = None
        self._begin = begin if callable(begin) else None
        self._host = host
        self._previous = previous
        self._drop_silent = drop_silent
        self._clock = clock
        self._name = name

    def __repr__(self) -> str:
        phase = (
            "done"
            if self.done.is_set()
            else "cancelled"
            if self.cancelled
            else "finishing"
            if self.released_at is not None
            else "listening"
        )
        return (
            f"Turn({self._name}, {self.direction}, {phase}, sent={self.sent_frames}, "
            f"superseded={self.superseded})"
        )

    @property
    def held(self) -> bool:
        return self.released_at is None and not self.cancelled and not self.done.is_set()

    async def begin(self) -> Utterance:
        """The utterance, begun now if the capture was not up at key-down."""
        if self.utterance is None:
            assert self._begin is not None
            self.utterance = await self._begin()
        return self.utterance

    def start(self) -> asyncio.Task[None]:
        self.task = asyncio.get_running_loop().create_task(self._run(), name=self._name)
        return self.task

    def release(self, now: float) -> None:
        if self.released_at is not None:
            return
        self.released_at = now
        if self.utterance is not None:
            self.utterance.release(now)

    def cancel(self, now: float) -> None:
        if self.cancelled:
            return
        self.cancelled = True
        self.released_at = self.released_at or now
        if self.utterance is not None:
            self.utterance.cancel()

    def supersede(self) -> None:
        """A newer turn waits: finish the tail and padding, then report without the finals."""
        self.superseded = True

    async def _run(self) -> None:
        try:
            await self._run_inner()
        finally:
            self.handed_over.set()
            self.done.set()
            first_sent, self._first_sent = self._first_sent, None
            if first_sent is not None and not first_sent.done():
                first_sent.cancel()

    async def _run_inner(self) -> None:
        try:
            utterance = self.utterance if self.utterance is not None else await self.begin()
        except DragomanError as error:
            self._host.turn_failed(self, error)
            self._host.turn_finished(self, None, no_speech=False)
            return
        self.utterance = utterance
        if self.cancelled:
            utterance.cancel()
        elif self.released_at is not None:
            utterance.release()  # let go before the audio was up: the tail starts now
        try:
            session = await self._host.acquire_session()
        except DragomanError as error:
            utterance.cancel()
            self._host.turn_failed(self, error)
            self._host.turn_finished(self, None, no_speech=False)
            return
        previous = self._previous
        self._previous = None  # no chain of finished turns kept alive
        if previous is not None:
            await previous.handed_over.wait()
        await self._host.prepare_direction(session, self.direction)
        device_error: AudioDeviceError | None = None
        try:
            sending = await self._stream(utterance, session)
        except _DeviceFailed as failed:  # the device failed mid-hold: what was sent is closed
            device_error, sending = failed.error, failed.sent
        if not sending:
            self.handed_over.set()
            if device_error is not None:
                self._host.turn_failed(self, device_error)
            self._host.turn_finished(
                self, None, no_speech=not self.cancelled and device_error is None
            )
            return
        # end_utterance() went out with the last frame (after a cancel too).
        self.handed_over.set()
        if device_error is not None:
            self._host.turn_failed(self, device_error)
        if self.cancelled:
            self._host.turn_finished(self, None, no_speech=False)
            return
        self._host.turn_changed(self)
        if not self.superseded:
            await self._wait_for_finals(session)
        if not self.superseded:
            self._host.turn_settled(self)
        self._host.turn_finished(self, self.latency(), no_speech=False)

    async def _stream(self, utterance: Utterance, session: EngineSession) -> bool:
        """Frames → session, and ``end_utterance()`` (the padding) in the same call that hands
        over the last frame of the tail: no loop turn passes between the two. With "drop silent
        holds", frames wait until speech is heard. True when the hold was sent (and padded)."""
        held: list[bytes] = []
        sending = not self._drop_silent
        failure: BaseException | None = None

        def on_frame(frame: bytes) -> None:
            nonlocal sending, held, failure
            if self.cancelled or failure is not None:
                return
            if sending:
                outgoing = [frame]
            else:
                held.append(frame)
                if not utterance.speech_detected:
                    return
                sending, outgoing, held = True, held, []
            try:
                for f in outgoing:
                    session.push_audio(f)
            except Exception as error:  # raised again in the turn's own task
                failure = error
                return
            self.sent_frames += len(outgoing)
            if self._first_sent is None:
                self._first_sent = asyncio.get_running_loop().create_task(
                    self._note_first_sent(session), name="turn-first-sent"
                )

        def on_end(error: AudioDeviceError | None) -> None:
            nonlocal sending, failure
            # A device that failed mid-hold: what was sent is closed out (after a cancel too).
            sending = self.sent_frames > 0 if error is not None else sending
            if sending and failure is None:
                try:
                    session.end_utterance()
                except Exception as failed:  # raised again in the turn's task
                    failure = failed

        error = await deliver(utterance, on_frame, on_end, lambda: self.cancelled)
        if failure is not None:
            raise failure
        if error is not None:
            raise _DeviceFailed(error, sending)
        return sending

    async def _note_first_sent(self, session: EngineSession) -> None:
        await session.wait_sent()
        if self.first_sent_at is None:
            self.first_sent_at = self._clock()

    async def _wait_for_finals(self, session: EngineSession) -> None:
        started = self._clock()
        while not self.superseded:
            state = turn_state(session, settle_s=SETTLE_S, give_up_s=FINISH_LIMIT_S)
            if state != "waiting":
                return
            if self._clock() - started > FINISH_LIMIT_S * 3:
                return  # reconnecting for that long: the session's own banner says why
            await asyncio.sleep(POLL_S)

    def latency(self) -> Latency:
        released, final = self.released_at, self.last_final_at
        return Latency(
            first_frame_sent_ms=_ms(self.first_sent_at, self.down_at),
            # A final that came before the release has no release → final figure to show.
            last_final_ms=(
                _ms(final, released)
                if final is not None and released is not None and final >= released
                else None
            ),
            first_audio_ms=_ms(self.first_audio_at, self.down_at),
        )


class _DeviceFailed(Exception):
    def __init__(self, error: AudioDeviceError, sent: bool) -> None:
        super().__init__(str(error))
        self.error, self.sent = error, sent


@runtime_checkable
class PushUtterance(Utterance, Protocol):
    """An utterance that can hand its frames over the moment they are cut (the capture's)."""

    error: AudioDeviceError | None

    def deliver_to(self, on_frame: Callable[[bytes], None], on_end: Callable[[], None]) -> None: ...


async def deliver(
    utterance: Utterance,
    on_frame: Callable[[bytes], None],
    on_end: Callable[[AudioDeviceError | None], None],
    stop: Callable[[], bool],
) -> AudioDeviceError | None:
    """Hand every frame of ``utterance`` to ``on_frame``, then call ``on_end`` (with the device
    error that ended it, if any) and return that error.

    An utterance with ``deliver_to`` (the capture's) calls both from its pump: ``on_end`` runs in
    the same call as the last ``on_frame``. Others are iterated (until ``stop()``)."""
    if isinstance(utterance, PushUtterance):
        ended = asyncio.Event()
        pushed = utterance

        def end() -> None:
            try:
                on_end(pushed.error)
            finally:
                ended.set()

        pushed.deliver_to(on_frame, end)
        await ended.wait()
        return pushed.error
    error: AudioDeviceError | None = None
    try:
        async for frame in utterance.frames():
            if stop():
                break
            on_frame(frame)
    except AudioDeviceError as failed:
        error = failed
    on_end(error)
    return error


class RecordedUtterance:
    """Frames already captured (kept from a failed session), replayed as one released hold."""

    def __init__(self, frames: list[bytes]) -> None:
        self._frames = frames

    @property
    def speech_detected(self) -> bool:
        return True

    async def frames(self) -> AsyncIterator[bytes]:
        for frame in self._frames:
            yield frame

    def release(self, now: float | None = None) -> None:
        pass

    def cancel(self) -> None:
        self._frames = []


def _ms(end: float | None, start: float | None) -> float | None:
    if end is None or start is None:
        return None
    return max(0.0, (end - start) * 1000)
