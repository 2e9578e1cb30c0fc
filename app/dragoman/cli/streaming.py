"""Streaming a recording through any engine, as a microphone would: shared by CLI commands.

The file is sent in 20 ms frames of 16 kHz PCM16 at real-time pace (or as fast as the engine takes
them with --fast), then the end of the utterance, then we wait for the last finals, close and
hand back what came: transcript segments, translated audio, warnings and the error, if any.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dragoman.cli.record import RunRecord
from dragoman.core.engine import Engine, EngineSession, EngineSettings, turn_state
from dragoman.core.errors import DragomanError, ServerReportedError, ServiceUnavailable, UsageError
from dragoman.core.events import (
    ErrorKind,
    Failed,
    Ready,
    Reconnected,
    Reconnecting,
    ServerError,
    Transcript,
    TranslatedAudio,
)
from dragoman.core.framing import PcmFramer
from dragoman.core.transcript import TranscriptBuilder, write_transcript
from dragoman.core.wav import read_wav, to_mono, write_wav_pcm16

FRAME_MS = 20
INPUT_RATE = 16_000
# After the last audio: a quiet server with no open interim is done; a silent one gives up.
SETTLE_S = 1.0
MAX_WAIT_S = 20.0
FAST_CHUNK_FRAMES = 50  # --fast hands the sender 1 s at a time, so memory stays bounded


def load_frames(path: Path) -> list[bytes]:
    """Any PCM WAV → 20 ms frames of 16 kHz mono PCM16, resampled with soxr."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror}.") from exc
    from dragoman.audio.resample import resample

    wav = read_wav(data, name=str(path))
    mono = resample(to_mono(wav.samples), wav.rate, INPUT_RATE)
    framer = PcmFramer()
    frames = framer.push(mono) + framer.flush()
    if not frames:
        raise UsageError(f"{path} holds no audio.")
    return frames


def check_transcript_suffix(path: Path | None) -> None:
    if path is not None and path.suffix.lower() not in (".txt", ".srt", ".json"):
        raise UsageError(f"{path}: the transcript must end in .txt, .srt or .json.")


def save_outputs(result: StreamResult, *, out: Path | None, transcript: Path | None) -> None:
    """Write whatever came back, even after a failure: nothing the user said is thrown away."""
    if result.audio_chunks and out is not None:
        rate = result.audio_rate or 24_000
        write_file(out, write_wav_pcm16(np.concatenate(result.audio_chunks), rate))
    if transcript is not None and result.builder.segments:
        text = write_transcript(result.builder, transcript.suffix)
        write_file(transcript, text.encode("utf-8"))


def finish(result: StreamResult, *, print_segments: bool) -> int:
    """Warnings and the error (raised, for the exit code) once outputs are saved."""
    for warning in result.warnings:
        print(f"dragoman: {warning}", file=sys.stderr)
    if result.error is not None:
        raise result.error
    if print_segments:
        for segment in result.builder.segments:
            if segment.translated:
                print(f"{segment.original}\n→ {segment.translated}\n")
            elif segment.original:
                print(segment.original)
    return 0


def write_file(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"Cannot write {path}: {exc.strerror}.") from exc


@dataclass
class StreamResult:
    builder: TranscriptBuilder = field(default_factory=TranscriptBuilder)
    record: RunRecord = field(default_factory=RunRecord)  # times and speech per segment
    audio_chunks: list[np.ndarray[Any, np.dtype[np.float32]]] = field(default_factory=list)
    audio_rate: int | None = None
    warnings: list[str] = field(default_factory=list)
    error: DragomanError | None = None


class StreamJob:
    """Streams frames into an engine session and gathers what comes back; owns its tasks."""

    def __init__(
        self,
        *,
        frames: list[bytes],
        settings: EngineSettings,
        fast: bool,
        progress: bool,
        settle_s: float = SETTLE_S,
        max_wait_s: float = MAX_WAIT_S,
    ) -> None:
        self.frames = frames
        self.settings = settings
        self.fast = fast
        self.result = StreamResult()
        self._progress = progress
        self._settle_s = settle_s
        self._max_wait_s = max_wait_s
        self._sent_frames = 0
        self._session_id = ""
        self._status = "connecting"
        self._done = asyncio.Event()
        self._engine_name = "The service"

    async def run(self, engine: Engine) -> None:
        self._engine_name = engine.capabilities.display_name
        session = engine.open_session(self.settings)
        session.start()
        consumer = asyncio.create_task(self._consume(session), name="stream-events")
        feeder = asyncio.create_task(self._feed(session), name="stream-feed")
        try:
            done, _ = await asyncio.wait({feeder, consumer}, return_when=asyncio.FIRST_COMPLETED)
            if feeder in done and not consumer.done():
                await self._wait_for_finals(session, consumer)
        finally:
            feeder.cancel()  # owned here: cancelled and awaited on every way out
            with contextlib.suppress(asyncio.CancelledError):
                await feeder
            await session.close()
            await consumer

    async def _feed(self, session: EngineSession) -> None:
        start = time.monotonic()
        for index, frame in enumerate(self.frames):
            if self.fast:
                if index % FAST_CHUNK_FRAMES == 0 and index:
                    await session.wait_sent()
            else:
                delay = start + index * FRAME_MS / 1000 - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            session.push_audio(frame)
            self.result.record.push(frame)
            self._sent_frames = index + 1
            self._show_progress()
        session.end_utterance()
        self._status = "waiting for the last results"
        self._show_progress()

    async def _wait_for_finals(self, session: EngineSession, consumer: asyncio.Task[None]) -> None:
        """Done when everything went out and the server has been quiet with nothing open.

        While no session is ready (connecting, reconnecting) the session's own bounded retries
        decide; once one is, a server silent for ``max_wait_s`` counts as gone.
        """
        while not consumer.done():
            state = turn_state(session, settle_s=self._settle_s, give_up_s=self._max_wait_s)
            if state == "silent":
                self.result.error = ServiceUnavailable(
                    f"{self._engine_name} stopped answering for {self._max_wait_s:g} s: the "
                    "result for the last sentence is missing. Try again."
                )
            if state != "waiting":
                return
            await asyncio.wait({consumer}, timeout=0.05)

    async def _consume(self, session: EngineSession) -> None:
        result = self.result
        async for event in session.events():
            if isinstance(event, Ready):
                self._session_id = event.session_id or self._session_id
                result.builder.add_session(event.session_id)
                self._status = "streaming"
            elif isinstance(event, Reconnected):
                self._session_id = event.session_id or self._session_id
                result.builder.add_session(event.session_id)
                self._status = f"reconnected (replayed {event.replayed_ms} ms)"
            elif isinstance(event, Reconnecting):
                result.builder.drop_interims()
                self._status = f"{event.reason} (retrying in {event.delay:.0f} s)"
            elif isinstance(event, Transcript):
                self._session_id = event.session_id or self._session_id
                result.record.on_segment(result.builder.add(event))
            elif isinstance(event, TranslatedAudio):
                result.record.on_audio(event)
                result.audio_chunks.append(event.samples)
                result.audio_rate = event.rate
            elif isinstance(event, ServerError):
                result.error = ServerReportedError(_server_error_sentence(event))
                await session.close()
            elif isinstance(event, Failed) and result.error is None:
                error = event.error
                result.error = (
                    error if isinstance(error, DragomanError) else DragomanError(str(error))
                )
            self._show_progress()

    def _show_progress(self) -> None:
        if not self._progress:
            return
        sent = self._sent_frames * FRAME_MS / 1000
        total = len(self.frames) * FRAME_MS / 1000
        segments = sum(1 for s in self.result.builder.segments if s.original)
        line = f"{sent:6.1f}/{total:.1f} s · {segments} segments · {self._status}"
        if self._session_id:
            line += f" · {self._session_id}"
        sys.stderr.write(f"\r\x1b[K{line[:200]}")
        sys.stderr.flush()

    def end_progress(self) -> None:
        if self._progress:
            sys.stderr.write("\n")


def _server_error_sentence(event: ServerError) -> str:
    if event.kind is ErrorKind.UNSUPPORTED_TARGET_LANGUAGE:
        return (
            f"The service cannot speak '{event.language}': run again with --text-only for "
            "translated text, or choose a speech-output target (see `dragoman languages --speech`)."
        )
    return event.sentence
