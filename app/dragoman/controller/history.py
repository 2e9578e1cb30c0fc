"""The history's owners on the Qt side: the recorder (every final, as it arrives) and the browser
(what the History panel and the live view ask for).

The **recorder** listens to the session controller (segments, the audio bound to them, session
ids) and to the settings, and queues writes for the history's one writer thread: a final is
queued the moment it arrives, never an interim, and nothing at all while history is off. It
also taps the audio pushed into each engine session (:meth:`HistoryRecorder.tap`), so segments
get their times from the speech itself (:class:`~dragoman.core.timeline.SpeechTimeline`): the
conversation clock is the capture time of the speech, counted from the conversation's first
frame.

The **browser** answers the History panel: conversations by date, search, a conversation's
exchanges, delete, clear, export, replay. Each request is a task it owns; results come back as
signals. Neither object touches SQLite itself: the composition root hands them a
:class:`HistoryStore` (``dragoman.store.history.HistoryService``), whose reads run on the
blocking pool and whose writes run on the writer thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from dragoman.core.cost import UsageHistory, UsageReading, UsageUnreadable, local_day
from dragoman.core.engine import Engine, EngineCapabilities, EngineSession, EngineSettings
from dragoman.core.errors import DragomanError
from dragoman.core.events import SessionEvent, TranslatedAudio
from dragoman.core.history import (
    Conversation,
    Exchange,
    Retention,
    SegmentRecord,
    SessionRecord,
    render,
)
from dragoman.core.settings import Settings
from dragoman.core.timeline import SpeechTimeline
from dragoman.core.transcript import Segment

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from dragoman.controller import SessionController

log = logging.getLogger(__name__)

PAGE: Final = 100  # exchanges per page of the live view
AUDIO_SETTLE_MS: Final = 1500  # a row's speech is written once no more came for this long
PRUNE_EVERY_MS: Final = 3_600_000
WRITTEN_KEPT: Final = 2000  # rows the recorder still updates (later finals, moved ends)


class HistoryStore(Protocol):
    """The history file as the recorder and the browser use it (see store.history)."""

    @property
    def pending(self) -> int: ...
    @property
    def failures(self) -> int: ...
    def exists(self) -> bool: ...
    def begin_conversation(self, uid: str, started_at: float) -> None: ...
    def save_session(self, record: SessionRecord) -> None: ...
    def save_segment(self, record: SegmentRecord) -> None: ...
    def save_seconds_sent(self, conversation_uid: str, seconds: float) -> None: ...
    def save_times(
        self, uid: str, start_s: float | None, end_s: float | None, wall: tuple[float, float]
    ) -> None: ...
    def save_audio(self, uid: str, samples: npt.NDArray[np.float32], rate: int) -> None: ...
    async def prune(self, retention: Retention) -> tuple[int, int]: ...
    async def delete_conversation(self, conversation_id: int) -> int: ...
    async def delete_exchanges(self, ids: list[int]) -> int: ...
    async def clear(self) -> None: ...
    async def flush(self) -> None: ...
    async def conversations(self, limit: int = 200) -> list[Conversation]: ...
    async def conversation(self, which: int | str) -> Conversation | None: ...
    async def conversation_id(self, uid: str) -> int | None: ...
    async def exchanges(
        self, conversation_id: int, *, before_position: int | None = None, limit: int | None = None
    ) -> list[Exchange]: ...
    async def exchanges_by_id(self, ids: list[int]) -> list[Exchange]: ...
    async def search(self, text: str, limit: int = 200) -> list[Exchange]: ...
    async def audio(self, exchange_id: int) -> tuple[npt.NDArray[np.float32], int] | None: ...
    async def counts(self) -> dict[str, int]: ...
    async def aclose(self) -> None: ...


def retention_of(settings: Settings) -> Retention:
    return Retention(
        text=settings.history_text,
        text_days=settings.history_text_days,
        audio_days=settings.history_audio_days,
    )


@dataclass
class _Written:
    """What the recorder wrote for one segment, to write only what changed."""

    uid: str
    conversation: _Conversation
    text: tuple[str, str] = ("", "")
    times: tuple[float | None, float | None] = (None, None)
    saved: bool = False


@dataclass
class _Conversation:
    uid: str
    timeline: SpeechTimeline = field(default_factory=SpeechTimeline)
    created: bool = False  # its row was queued (on its first final)
    first_seq: int = 0
    origin: tuple[float, float] | None = None  # (monotonic, epoch) of its first frame
    seconds_sent: float = 0.0  # audio its holds sent (the controller's usage count)


class _Owned:
    """A task set with one way out (CONVENTIONS #7)."""

    def __init__(self) -> None:
        self.tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], on_error: Callable[[str], None]) -> None:
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            self.tasks.discard(t)
            if t.cancelled():
                return
            error = t.exception()
            if isinstance(error, DragomanError):
                on_error(str(error))
            elif error is not None:
                log.error("history task failed", exc_info=error)
                on_error(f"The history could not do that ({type(error).__name__}: {error}).")

        task.add_done_callback(done)

    async def aclose(self) -> None:
        tasks = list(self.tasks)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


class HistoryRecorder(QObject):
    """Writes every final of the controller's conversation (see the module docstring)."""

    conversation_started = Signal(int)  # the seq of its first row (the live view starts there)
    earlier_loaded = Signal(list, bool)  # Segments just above the live view, more before them
    failed = Signal(str)  # a sentence for the user

    def __init__(
        self,
        *,
        controller: SessionController,
        store: HistoryStore,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.store = store
        self._clock = clock
        self._wall = wall
        self._retention = retention_of(controller.settings)
        self._conversation = _Conversation(uid=_uid(), first_seq=controller.builder.next_seq)
        self._written: OrderedDict[int, _Written] = OrderedDict()  # seq -> what was written
        self._sessions: dict[str, str] = {}  # service session id -> our session uid
        self._session_settings: dict[str, tuple[Settings, float]] = {}
        self._audio: OrderedDict[int, tuple[Segment, int, list[npt.NDArray[np.float32]]]] = (
            OrderedDict()
        )
        self._owned = _Owned()
        self._closed = False
        self.page = PAGE
        self._audio_timer = QTimer(self)
        self._audio_timer.setSingleShot(True)
        self._audio_timer.timeout.connect(self._flush_audio)
        self._prune_timer = QTimer(self)
        self._prune_timer.timeout.connect(self.prune_soon)
        controller.segment_changed.connect(self.on_controller_segment_changed)
        controller.translation_audio_bound.connect(self.on_controller_translation_audio_bound)
        controller.session_id_changed.connect(self.on_controller_session_id_changed)
        # A hold is over (its finals settled, its speech came): its speech is written now.
        controller.latency_measured.connect(lambda _latency: self._flush_audio())
        controller.model.changed.connect(self.on_model_changed)
        reading = controller.usage_reading
        self._sent_seen = reading.session_seconds if reading is not None else 0.0
        controller.usage_changed.connect(self.on_controller_usage_changed)

    def __repr__(self) -> str:
        return (
            f"HistoryRecorder(recording={self.recording}, conversation={self._conversation.uid}, "
            f"written={len(self._written)}, pending={self.store.pending})"
        )

    @property
    def recording(self) -> bool:
        return self._retention.records and not self._closed

    @property
    def retention(self) -> Retention:
        return self._retention

    @property
    def conversation_uid(self) -> str:
        return self._conversation.uid

    @property
    def timeline(self) -> SpeechTimeline:
        return self._conversation.timeline

    def start(self) -> None:
        """Prune by the retention periods now and every hour."""
        self.prune_soon()
        self._prune_timer.start(PRUNE_EVERY_MS)

    # -- the audio clock ------------------------------------------------------------------------

    def tap(self, engine: Engine) -> Engine:
        """``engine`` whose sessions tell this recorder every frame pushed into them."""
        return _TappedEngine(engine, self._on_frame, self._on_utterance_end)

    def _on_utterance_end(self) -> None:
        self._conversation.timeline.end_utterance()

    def _on_frame(self, frame: bytes) -> None:
        now = self._clock()
        conversation = self._conversation
        if conversation.origin is None:
            conversation.origin = (now - len(frame) / 2 / conversation.timeline.rate, self._wall())
        conversation.timeline.push(frame, now)

    # -- conversations --------------------------------------------------------------------------

    def new_conversation(self) -> None:
        """What comes next is a new conversation (the live view starts empty)."""
        self._flush_audio()
        first = self.controller.builder.next_seq
        self._conversation = _Conversation(uid=_uid(), first_seq=first)
        self.conversation_started.emit(first)

    def _times(self, conversation: _Conversation, seq: int) -> tuple[float | None, ...]:
        """(start_s, end_s, wall_start, wall_end) on the conversation's clock."""
        timeline = conversation.timeline
        span = timeline.times(seq)
        now_wall = self._wall()
        if span is None or conversation.origin is None:
            return None, None, now_wall, now_wall
        origin, origin_wall = conversation.origin
        out: list[float] = []
        for seconds in span:
            captured = timeline.capture_time(seconds)
            out.append(round((captured - origin) if captured is not None else seconds, 3))
        start, end = out
        return start, end, origin_wall + start, origin_wall + end

    # -- controller signals ---------------------------------------------------------------------

    def on_controller_session_id_changed(self, session_id: str) -> None:
        if session_id and session_id not in self._session_settings:
            self._session_settings[session_id] = (self.controller.settings, self._wall())

    def on_controller_usage_changed(self, reading: UsageReading) -> None:
        """A hold ended (or the price changed): what this run sent since the last reading is
        the current conversation's, the same count as the status bar and the usage file."""
        sent = reading.session_seconds - self._sent_seen
        self._sent_seen = reading.session_seconds
        if sent <= 0 or not self.recording:
            return
        conversation = self._conversation
        conversation.seconds_sent += sent
        if conversation.created:
            self.store.save_seconds_sent(conversation.uid, conversation.seconds_sent)

    def on_controller_segment_changed(self, segment: Segment) -> None:
        conversation = self._conversation
        if segment.seq < conversation.first_seq:
            written = self._written.get(segment.seq)
            if written is None:
                return  # a late result for a row of a conversation already left
            conversation = written.conversation
        timeline = conversation.timeline
        is_new = timeline.times(segment.seq) is None
        timeline.place(segment.seq)
        if is_new:
            previous = timeline.previous_key(segment.seq)
            if previous is not None:
                self._update_times(previous)
        if not self.recording or not segment.has_final:
            return
        written = self._written.get(segment.seq)
        text = (segment.original, segment.translated)
        if written is not None and written.text == text:
            self._update_times(segment.seq)
            return
        if written is None:
            written = self._written[segment.seq] = _Written(uid=_uid(), conversation=conversation)
            while len(self._written) > WRITTEN_KEPT:
                self._written.popitem(last=False)
        self._write(segment, written)

    def _write(self, segment: Segment, written: _Written) -> None:
        conversation = written.conversation
        start, end, wall_start, wall_end = self._times(conversation, segment.seq)
        if not conversation.created:
            conversation.created = True
            self.store.begin_conversation(conversation.uid, wall_start or self._wall())
            if conversation.seconds_sent > 0:  # a hold ended before its first final came
                self.store.save_seconds_sent(conversation.uid, conversation.seconds_sent)
        settings = self.controller.settings
        self.store.save_segment(
            SegmentRecord(
                uid=written.uid,
                conversation_uid=conversation.uid,
                session_uid=self._session_uid(segment.session_id, conversation),
                position=segment.seq,
                original=segment.original,
                translated=segment.translated,
                start_s=start,
                end_s=end,
                wall_start=wall_start or self._wall(),
                wall_end=wall_end or self._wall(),
                correlation_id=segment.id,
                direction=_direction(segment, settings),
                language=segment.language,
            )
        )
        written.text = (segment.original, segment.translated)
        written.times = (start, end)
        written.saved = True
        if segment.seq in self._audio and segment.seq != next(reversed(self._audio)):
            self._flush_audio(only=segment.seq)  # its speech was waiting for its text

    def _update_times(self, seq: int) -> None:
        written = self._written.get(seq)
        if written is None or not written.saved or not self.recording:
            return
        start, end, wall_start, wall_end = self._times(written.conversation, seq)
        if (start, end) != written.times and wall_start is not None and wall_end is not None:
            written.times = (start, end)
            self.store.save_times(written.uid, start, end, (wall_start, wall_end))

    def _session_uid(self, service_id: str | None, conversation: _Conversation) -> str | None:
        if not service_id:
            return None
        key = f"{conversation.uid}:{service_id}"
        uid = self._sessions.get(key)
        if uid is None:
            uid = self._sessions[key] = _uid()
            settings, started = self._session_settings.get(
                service_id, (self.controller.settings, self._wall())
            )
            self.store.save_session(
                SessionRecord(
                    uid=uid,
                    conversation_uid=conversation.uid,
                    engine=settings.engine,
                    started_at=started,
                    service_session_id=service_id,
                    source_language=settings.source_language,
                    target_language=settings.target_language,
                    voice=settings.voice,
                    mode="speech" if settings.speech_output else "text",
                    two_way=settings.two_way,
                )
            )
        return uid

    def on_controller_translation_audio_bound(
        self, segment: Segment, audio: TranslatedAudio
    ) -> None:
        if not self._retention.records_audio or self._closed:
            return
        kept = self._audio.get(segment.seq)
        if kept is None or kept[1] != audio.rate:
            if kept is not None:
                self._flush_audio(only=segment.seq)
            kept = self._audio[segment.seq] = (segment, audio.rate, [])
        kept[2].append(audio.samples)
        for seq in [s for s in self._audio if s != segment.seq]:
            self._flush_audio(only=seq)  # speech moved on to another row: that one is complete
        self._audio_timer.start(AUDIO_SETTLE_MS)

    def _flush_audio(self, only: int | None = None) -> None:
        for seq in [only] if only is not None else list(self._audio):
            kept = self._audio.get(seq)
            written = self._written.get(seq)
            if kept is None:
                continue
            if written is None or not written.saved:
                if only is None and len(self._audio) > 8:
                    self._audio.pop(seq)  # its text never came: do not keep it forever
                continue
            del self._audio[seq]
            import numpy as np

            self.store.save_audio(written.uid, np.concatenate(kept[2]), kept[1])

    # -- settings -------------------------------------------------------------------------------

    def on_model_changed(self, old: Settings, new: Settings) -> None:
        retention = retention_of(new)
        if retention == self._retention:
            return
        log.info("history retention: %s", retention)
        self._retention = retention
        if not retention.records_audio:
            self._audio.clear()
        if retention.records:
            self.prune_soon()

    def prune_soon(self) -> None:
        if self._retention.records and self.store.exists():
            self._owned.spawn(self._prune(), self.failed.emit)

    async def _prune(self) -> None:
        texts, clips = await self.store.prune(self._retention)
        if texts or clips:
            log.info(
                "history: %d exchanges and %d recordings past their time deleted", texts, clips
            )

    # -- the live view pages upwards -------------------------------------------------------------

    def request_earlier(self, before_seq: int) -> None:
        self._owned.spawn(self._load_earlier(before_seq), self.failed.emit)

    async def _load_earlier(self, before_seq: int) -> None:
        conversation = self._conversation
        if not conversation.created:
            self.earlier_loaded.emit([], False)
            return
        await self.store.flush()
        cid = await self.store.conversation_id(conversation.uid)
        rows = (
            []
            if cid is None
            else await self.store.exchanges(cid, before_position=before_seq, limit=self.page)
        )
        if conversation is self._conversation:
            self.earlier_loaded.emit([_as_segment(e) for e in rows], len(rows) == self.page)

    # -- life cycle -----------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Write the speech still held, finish the queued writes, close the file (idempotent)."""
        if self._closed:
            return
        self._audio_timer.stop()
        self._prune_timer.stop()
        self._flush_audio()
        self._closed = True
        await self._owned.aclose()
        await self.store.aclose()


class HistoryBrowser(QObject):
    """The History panel's requests, each an owned task; answers come back as signals."""

    conversations_listed = Signal(list)  # [Conversation], newest first
    exchanges_listed = Signal(object, list)  # (Conversation or None for a search, [Exchange])
    changed = Signal()  # something was deleted: lists are stale
    notice = Signal(str)  # a sentence for the status line
    failed = Signal(str)
    usage_listed = Signal(object)  # UsageHistory: the minutes sent per day, priced or not

    def __init__(
        self,
        *,
        controller: SessionController,
        store: HistoryStore,
        recorder: HistoryRecorder | None = None,
        usage: Callable[[], Mapping[str, float]] | None = None,
        wall: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        """``usage`` reads the per-day totals of audio sent (``UsageStore.read``: blocking, so
        it runs on the blocking pool); without it the panel shows no minutes."""
        super().__init__(parent)
        self.controller = controller
        self.store = store
        self.recorder = recorder
        self._usage = usage
        self._wall = wall
        self._owned = _Owned()
        if usage is not None:  # a hold ended, or the price or the cap changed
            controller.usage_changed.connect(self.on_controller_usage_changed)

    def __repr__(self) -> str:
        return f"HistoryBrowser(tasks={len(self._owned.tasks)})"

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        self._owned.spawn(coro, self.failed.emit)

    def refresh(self) -> None:
        self._spawn(self._refresh())

    async def _refresh(self) -> None:
        await self.store.flush()
        self.conversations_listed.emit(await self.store.conversations())
        await self._load_usage()

    def on_controller_usage_changed(self, _reading: object) -> None:
        self._spawn(self._load_usage())

    async def _load_usage(self) -> None:
        """The usage file's per-day totals (authoritative: another Dragoman may have sent too),
        with today's own count where this run's last hold is still on its way to the file."""
        if self._usage is None:
            return
        from dragoman.blocking import run_blocking

        today = local_day(self._wall())
        price = self.controller.settings.price_per_minute
        try:
            days = dict(await run_blocking(self._usage))
        except UsageUnreadable as error:
            self.usage_listed.emit(UsageHistory({}, today, price, problem=error.text))
            return
        reading = self.controller.usage_reading
        if reading is not None:
            key = today.isoformat()
            days[key] = max(days.get(key, 0.0), reading.today_seconds)
        self.usage_listed.emit(UsageHistory(days, today, price))

    def search(self, text: str) -> None:
        self._spawn(self._search(text))

    async def _search(self, text: str) -> None:
        await self.store.flush()
        self.exchanges_listed.emit(None, await self.store.search(text))

    def open_conversation(self, conversation_id: int) -> None:
        self._spawn(self._open(conversation_id))

    async def _open(self, conversation_id: int) -> None:
        await self.store.flush()
        conversation = await self.store.conversation(conversation_id)
        rows = await self.store.exchanges(conversation_id) if conversation else []
        self.exchanges_listed.emit(conversation, rows)

    def delete_conversation(self, conversation_id: int) -> None:
        self._spawn(self._delete_conversation(conversation_id))

    async def _delete_conversation(self, conversation_id: int) -> None:
        await self.store.delete_conversation(conversation_id)
        self.notice.emit("Conversation deleted.")
        self.changed.emit()

    def delete_exchanges(self, ids: list[int]) -> None:
        self._spawn(self._delete_exchanges(ids))

    async def _delete_exchanges(self, ids: list[int]) -> None:
        count = await self.store.delete_exchanges(ids)
        self.notice.emit(f"{count} row{'s' if count != 1 else ''} deleted.")
        self.changed.emit()

    async def clear(self) -> str:
        """Delete everything (Settings ▸ History ▸ Clear history); returns a sentence."""
        await self.store.clear()
        self.changed.emit()
        return "History cleared."

    def export(
        self, path: Path, fmt: str, conversation_id: int | None, ids: list[int] | None = None
    ) -> None:
        """Write a conversation, or the exchanges ``ids`` of it, as ``fmt`` to ``path``."""
        self._spawn(self._export(path, fmt, conversation_id, ids))

    async def _export(
        self, path: Path, fmt: str, conversation_id: int | None, ids: list[int] | None
    ) -> None:
        from dragoman.blocking import run_blocking

        await self.store.flush()
        conversation = (
            None if conversation_id is None else await self.store.conversation(conversation_id)
        )
        if ids:
            rows = await self.store.exchanges_by_id(ids)
        elif conversation is not None:
            rows = await self.store.exchanges(conversation.id)
        else:
            rows = []
        text = render(rows, fmt, conversation)
        try:
            await run_blocking(path.write_text, text, encoding="utf-8", newline="")
        except OSError as error:
            raise DragomanError(f"Cannot write {path}: {error.strerror}.") from error
        self.notice.emit(f"Exported {len(rows)} rows to {path}.")

    def replay(self, exchange_id: int) -> None:
        self._spawn(self._replay(exchange_id))

    async def _replay(self, exchange_id: int, say_again: str | None = None) -> None:
        """Play an exchange's kept speech: a replay, or with ``say_again`` (the live row's key)
        "Say it again" into the call, marked on that row."""
        kept = await self.store.audio(exchange_id)
        if kept is None:
            self.notice.emit("No translated speech was kept for this row.")
            return
        samples, rate = kept
        if say_again is not None:
            self.controller.say_again_samples(say_again, samples, rate)  # refusals: its signal
        elif not self.controller.play_translation(samples, rate):
            self.notice.emit("Playback is muted (or no output is set): unmute to replay.")

    def replay_live(self, segment_key: str, seq: int) -> None:
        """Replay a row of the live view: from memory if the controller still has it, else from
        the history."""
        if self.controller.replay(segment_key):
            return
        self._spawn(self._replay_seq(seq))

    def say_again_live(self, segment_key: str, seq: int) -> None:
        """ "Say it again" for a row of the live view: its speech from memory if the controller
        still has it, else from the history (the same lookup as a replay)."""
        if self.controller.kept_translation(segment_key) is not None:
            self.controller.say_again(segment_key)
            return
        self._spawn(self._replay_seq(seq, say_again=segment_key))

    async def _replay_seq(self, seq: int, say_again: str | None = None) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        await self.store.flush()
        cid = await self.store.conversation_id(recorder.conversation_uid)
        if cid is not None:
            rows = await self.store.exchanges(cid, before_position=seq + 1, limit=1)
            if rows and rows[0].position == seq:
                await self._replay(rows[0].id, say_again)
                return
        self.notice.emit("No translated speech was kept for this row.")

    async def aclose(self) -> None:
        await self._owned.aclose()


def _uid() -> str:
    return uuid.uuid4().hex


def _direction(segment: Segment, settings: Settings) -> str:
    """ "reverse" when the speech was in the target language (the other person, or the reverse
    hotkey), else "forward"."""
    language = (segment.language or "").split("-")[0].lower()
    target = settings.target_language.split("-")[0].lower()
    return "reverse" if language and language == target else "forward"


def _as_segment(e: Exchange) -> Segment:
    return Segment(
        id=e.correlation_id,
        original=e.original,
        translated=e.translated,
        session_id=e.session_id,
        first_seen=e.start_s,
        last_seen=e.end_s,
        seq=e.position,
        language=e.language,
    )


# -- the tap: frames pushed into a session, seen on their way ----------------------------------


class _TappedEngine:
    def __init__(
        self, engine: Engine, on_frame: Callable[[bytes], None], on_end: Callable[[], None]
    ) -> None:
        self._engine = engine
        self._on_frame = on_frame
        self._on_end = on_end
        self.capabilities: EngineCapabilities = engine.capabilities

    def open_session(self, settings: EngineSettings) -> EngineSession:
        return _TappedSession(self._engine.open_session(settings), self._on_frame, self._on_end)


class _TappedSession:
    """The engine's session, unchanged, except that each pushed frame is shown to the history."""

    def __init__(
        self, inner: EngineSession, on_frame: Callable[[bytes], None], on_end: Callable[[], None]
    ) -> None:
        self._inner = inner
        self._on_frame = on_frame
        self._on_end = on_end

    def __repr__(self) -> str:
        return f"Tapped({self._inner!r})"

    @property
    def session_id(self) -> str | None:
        return self._inner.session_id

    @session_id.setter
    def session_id(self, value: str | None) -> None:
        self._inner.session_id = value

    def push_audio(self, frame: bytes) -> None:
        self._inner.push_audio(frame)
        self._on_frame(frame)

    def start(self) -> None:
        self._inner.start()

    async def wait_ready(self) -> None:
        await self._inner.wait_ready()

    def end_utterance(self) -> None:
        self._inner.end_utterance()
        self._on_end()

    async def update(self, settings: EngineSettings) -> None:
        await self._inner.update(settings)

    def events(self) -> AsyncIterator[SessionEvent]:
        return self._inner.events()

    async def close(self) -> None:
        await self._inner.close()

    async def wait_sent(self) -> None:
        await self._inner.wait_sent()

    def all_sent(self) -> bool:
        return self._inner.all_sent()

    def idle_for(self) -> float:
        return self._inner.idle_for()

    def has_open_interims(self) -> bool:
        return self._inner.has_open_interims()

    def unfinished_audio(self) -> list[bytes]:
        return self._inner.unfinished_audio()
