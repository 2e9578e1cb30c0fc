"""What a ``dragoman translate`` / ``transcribe`` run knows about its segments beyond their text:
where each one's speech is in the file (for subtitles: ``--transcript .srt``) and which translated
speech belongs to it; and, with ``--history``, writing the run to the history as a conversation.

Timing is the desktop app's (:mod:`dragoman.core.timeline`) on the file's own clock: a segment's
cue runs from the start of its speech in the file to the end of it, not from when its result
happened to arrive.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from typing import TYPE_CHECKING, Any

from dragoman.core.events import TranslatedAudio
from dragoman.core.timeline import SpeechTimeline
from dragoman.core.transcript import AudioBinder, Segment, TranscriptBuilder

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from dragoman.core.engine import EngineSettings


class RunRecord:
    """Fed by the stream job: every frame sent, every segment changed, every piece of speech."""

    def __init__(self) -> None:
        self.timeline = SpeechTimeline()
        self.started_at = time.time()
        self._binder = AudioBinder()
        self._segments: dict[int, Segment] = {}
        self._audio: dict[int, tuple[int, list[npt.NDArray[np.float32]]]] = {}

    def __repr__(self) -> str:
        return f"RunRecord({self.timeline!r}, audio_rows={len(self._audio)})"

    def push(self, frame: bytes) -> None:
        self.timeline.push(frame, time.monotonic())  # --fast pushes run ahead of real time

    def on_segment(self, segment: Segment) -> None:
        """After a result changed ``segment``: its times (and the previous one's) from the file."""
        new = self.timeline.times(segment.seq) is None
        self._segments[segment.seq] = segment
        self.timeline.place(segment.seq)
        self._time(segment.seq)
        previous = self.timeline.previous_key(segment.seq) if new else None
        if previous is not None:
            self._time(previous)
        for audio in self._binder.on_segment(segment):
            self._keep(segment, audio)

    def on_audio(self, audio: TranslatedAudio) -> None:
        segment = self._binder.on_audio(audio)
        if segment is not None:
            self._keep(segment, audio)

    def _time(self, seq: int) -> None:
        segment = self._segments.get(seq)
        times = self.timeline.times(seq)
        if segment is not None and times is not None:
            segment.first_seen, segment.last_seen = times

    def _keep(self, segment: Segment, audio: TranslatedAudio) -> None:
        rate, chunks = self._audio.setdefault(segment.seq, (audio.rate, []))
        if rate == audio.rate:
            chunks.append(audio.samples)

    def save(self, builder: TranscriptBuilder, settings: EngineSettings, engine: str) -> int:
        """The run as one conversation in the history (blocking: this is the command line);
        returns the conversation's id."""
        import numpy as np

        from dragoman.core.history import SegmentRecord, SessionRecord
        from dragoman.store.history import HistoryDatabase, default_path

        db = HistoryDatabase(default_path())
        try:
            conversation = uuid.uuid4().hex
            cid = db.begin_conversation(conversation, self.started_at)
            sessions: dict[str, str] = {}
            for service_id in builder.sessions:
                sessions[service_id] = uuid.uuid4().hex
                db.save_session(
                    SessionRecord(
                        uid=sessions[service_id],
                        conversation_uid=conversation,
                        engine=engine,
                        started_at=self.started_at,
                        service_session_id=service_id,
                        source_language=settings.source_language,
                        target_language=settings.target_language,
                        voice=settings.voice if settings.speech_output else None,
                        mode="speech" if settings.speech_output else "text",
                        two_way=settings.two_way,
                    )
                )
            for segment in builder.segments:
                if not segment.has_final:
                    continue
                uid = uuid.uuid4().hex
                start, end = segment.first_seen, segment.last_seen
                db.save_segment(
                    SegmentRecord(
                        uid=uid,
                        conversation_uid=conversation,
                        session_uid=sessions.get(segment.session_id or ""),
                        position=segment.seq,
                        original=segment.original,
                        translated=segment.translated,
                        start_s=start,
                        end_s=end,
                        wall_start=self.started_at + (start or 0.0),
                        wall_end=self.started_at + (end or start or 0.0),
                        correlation_id=segment.id,
                        language=segment.language,
                    )
                )
                kept = self._audio.get(segment.seq)
                if kept is not None:
                    db.save_audio(uid, np.concatenate(kept[1]), kept[0], time.time())
            return cid
        finally:
            db.close()


def add_history_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--history",
        action="store_true",
        help="also keep this run in the history, as one conversation (`dragoman history`)",
    )


def keep_in_history(
    args: argparse.Namespace, record: RunRecord, builder: TranscriptBuilder, settings: Any
) -> None:
    """``--history``: the run (whatever came, even after a failure) as a conversation."""
    if not getattr(args, "history", False) or not any(s.has_final for s in builder.segments):
        return
    from dragoman.core.errors import DragomanError

    try:
        cid = record.save(builder, settings, getattr(args, "engine", None) or "pinch")
    except DragomanError as error:
        print(f"dragoman: not kept in the history: {error}", file=sys.stderr)
        return
    print(f"dragoman: kept in the history as conversation {cid}.", file=sys.stderr)
