"""Streaming a recording through any engine, as a microphone would: shared by CLI commands.

The file is read and resampled in blocks (memory stays flat whatever its length) and sent in
20 ms frames of 16 kHz PCM16 at real-time pace (or as fast as the engine takes them with --fast),
then the end of the utterance; the job waits for the last finals by the completion rule of
``cli.completion``, closes, and hands back what came: transcript segments, translated speech
(streamed to its file as it arrives), warnings and the error, if any.

Everything a server says is cleaned where it arrives (``clean_text``): a lone surrogate or an ESC
sequence in a transcript can neither crash a writer nor drive the terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections.abc import Callable, Coroutine, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any, Final

import numpy as np

from dragoman.cli.completion import Completion, InputShape, wait_for
from dragoman.cli.files import AudioOutput, OutputError, OutputFile, check_distinct, shown
from dragoman.cli.record import RunRecord
from dragoman.core.engine import Engine, EngineSession, EngineSettings
from dragoman.core.errors import DragomanError, ServerReportedError, ServiceUnavailable, UsageError
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
from dragoman.core.framing import DEFAULT_FRAME_SAMPLES, PcmFramer
from dragoman.core.transcript import TranscriptBuilder, clean_text, write_transcript
from dragoman.core.wav import read_wav_blocks, read_wav_info, to_mono

FRAME_MS = 20
INPUT_RATE = 16_000
# After the last audio: quiet this long with nothing open means done (see cli.completion) ...
SETTLE_S = 1.0
# ... and a late answer is waited for as long again as the audio, within these bounds.
MIN_WAIT_S = 5.0
MAX_WAIT_S = 20.0
FAST_CHUNK_FRAMES = 50  # --fast hands the sender 1 s at a time, so memory stays bounded
POLL_S = 0.05
# Server errors the spec makes fatal: the session cannot do what was asked.
FATAL_ERRORS: Final = frozenset(
    {ErrorKind.UNSUPPORTED_TARGET_LANGUAGE, ErrorKind.CLONE_NOT_SUPPORTED}
)


def say(sentence: str) -> None:
    """One line on stderr, cleaned: server text inside it cannot drive the terminal."""
    text = clean_text(sentence).strip()
    if not text.endswith((".", "!", "?")):
        text += "."  # a server's message quoted at the end
    print(f"dragoman: {text}", file=sys.stderr)


class InputAudio:
    """The recording to stream: opened and checked up front, read in blocks while it streams."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = shown(path)
        try:
            self._file = path.open("rb")
        except OSError as exc:
            raise UsageError(f"Cannot read {self.name}: {exc.strerror or exc}.") from exc
        try:
            if not self._file.seekable():
                raise UsageError(
                    f"Cannot read {self.name}: it is not a regular file (a pipe?); save the "
                    "recording to a file first."
                )
            self.info = read_wav_info(self._file, name=self.name)
        except OSError as exc:
            self._file.close()
            raise UsageError(f"Cannot read {self.name}: {exc.strerror or exc}.") from exc
        except BaseException:
            self._file.close()
            raise
        if self.info.frames == 0:
            self._file.close()
            raise UsageError(f"{self.name} holds no audio.")

    def __repr__(self) -> str:
        return f"InputAudio({self.name}, {self.info!r})"

    @property
    def duration_s(self) -> float:
        return self.info.duration

    def frames(self) -> Iterator[bytes]:
        """20 ms frames of 16 kHz mono PCM16, resampled with soxr a block at a time."""
        from dragoman.audio.resample import StreamResampler

        resampler = StreamResampler(self.info.rate, INPUT_RATE)
        framer = PcmFramer(DEFAULT_FRAME_SAMPLES)
        try:
            for block in read_wav_blocks(self._file, self.info):
                yield from framer.push(resampler.process(to_mono(block)))
        except OSError as exc:
            raise UsageError(f"Cannot read {self.name}: {exc.strerror or exc}.") from exc
        yield from framer.push(resampler.process(np.zeros(0, dtype=np.float32), last=True))
        yield from framer.flush()

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> InputAudio:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def check_transcript_suffix(path: Path | None) -> None:
    if path is not None and path.suffix.lower() not in (".txt", ".srt", ".json"):
        raise UsageError(f"{shown(path)}: the transcript must end in .txt, .srt or .json.")


class Outputs:
    """The job's result files, made (and so checked) before connecting; one owner for both."""

    def __init__(self, *, audio: Path | None, transcript: Path | None, reading: Path) -> None:
        check_transcript_suffix(transcript)
        check_distinct(audio, transcript, reading=reading)
        self.audio: AudioOutput | None = None
        self.transcript: OutputFile | None = None
        try:
            self.audio = AudioOutput(audio) if audio is not None else None
            if transcript is not None:
                self.transcript = OutputFile(transcript, what="transcript")
        except BaseException:
            self.discard()
            raise

    def __repr__(self) -> str:
        return f"Outputs(audio={self.audio!r}, transcript={self.transcript!r})"

    def save(self, result: StreamResult, *, speech_expected: bool) -> Saved:
        """Write whatever came back, even after a failure, and say what could not be.

        Each output is committed on its own, so one that fails leaves the others written.
        """
        saved = Saved()
        written: list[str] = []
        failed: list[str] = []
        if self.audio is not None:
            try:
                if self.audio.commit():
                    written.append(self.audio.file.name)
                elif speech_expected:
                    saved.notes.append(
                        f"No translated speech came back, so {self.audio.file.name} was not "
                        "written."
                    )
            except OutputError as error:
                failed.append(str(error))
        if self.transcript is not None:
            try:
                if result.builder.segments:
                    text = write_transcript(result.builder, self.transcript.path.suffix)
                    self.transcript.write(text.encode("utf-8"))
                    self.transcript.commit()
                    written.append(self.transcript.name)
                else:
                    self.transcript.discard()
                    saved.notes.append(
                        f"No text came back, so {self.transcript.name} was not written."
                    )
            except OutputError as error:
                failed.append(str(error))
        for reason in failed:
            verb = "was" if len(written) == 1 else "were"
            kept = f"; {' and '.join(written)} {verb} written" if written else ""
            saved.failures.append(f"{reason}{kept}.")
        return saved

    def discard(self) -> None:
        if self.audio is not None:
            self.audio.discard()
        if self.transcript is not None:
            self.transcript.discard()

    def __enter__(self) -> Outputs:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.discard()  # committed files are already in place: this only drops leftovers


@dataclass
class Saved:
    """What ``Outputs.save`` has to say: outputs not written because nothing came (``notes``),
    and outputs that could not be written (``failures``), one sentence each."""

    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def run_job(
    job: StreamJob,
    outputs: Outputs,
    stream: Callable[[], Coroutine[Any, Any, None]],
    *,
    print_segments: bool,
) -> int:
    """Stream, save every output, then report: warnings, output failures, the error."""
    finished = False
    try:
        asyncio.run(stream())
        finished = True
    finally:
        job.end_progress()
        saved = outputs.save(job.result, speech_expected=job.settings.speech_output)
        if not finished:  # interrupted or crashed: still say which output was lost
            for failure in saved.failures:
                say(failure)
    return finish(job.result, saved, print_segments=print_segments)


def finish(result: StreamResult, saved: Saved, *, print_segments: bool) -> int:
    """Warnings, then output problems, then the error (raised, for the exit code).

    One sentence per problem.  "Not written because nothing came back" is left out when an
    error says why nothing came back.
    """
    error = result.error
    if error is not None:
        error = _with_what_the_server_said(error, result.server_said)
    for warning in result.warnings:
        if error is None or warning not in result.server_said:
            say(warning)
    if error is not None:
        for failure in saved.failures:
            say(failure)
        raise error
    for note in saved.notes:
        say(note)
    if print_segments:
        for segment in result.builder.segments:
            if segment.translated:
                print(f"{segment.original}\n→ {segment.translated}\n")
            elif segment.original:
                print(segment.original)
    if saved.failures:
        for failure in saved.failures[:-1]:
            say(failure)
        raise OutputError(saved.failures[-1])
    return 0


class JobFailed(DragomanError):
    """A job's error retold with what the server said before it (same exit code)."""

    def __init__(self, sentence: str, exit_code: int) -> None:
        super().__init__(sentence)
        self.exit_code = exit_code


def _with_what_the_server_said(error: DragomanError, said: list[str]) -> DragomanError:
    """One sentence for one failure: an error message the server sent before the session was
    lost belongs to that loss ("X said: ...; then the server closed ...")."""
    text = str(error)
    before = [s.rstrip(".") for s in said if s.rstrip(".") not in text]
    if not before:
        return error
    return JobFailed(f"{'; '.join(before)}; then {text[:1].lower()}{text[1:]}", error.exit_code)


@dataclass
class StreamResult:
    builder: TranscriptBuilder = field(default_factory=TranscriptBuilder)
    record: RunRecord = field(default_factory=RunRecord)  # times and speech per segment
    audio_samples: int = 0
    warnings: list[str] = field(default_factory=list)
    server_said: list[str] = field(default_factory=list)  # error messages that were not fatal
    error: DragomanError | None = None

    def warn(self, sentence: str) -> None:
        if sentence not in self.warnings:
            self.warnings.append(sentence)


class StreamJob:
    """Streams frames into an engine session and gathers what comes back; owns its tasks."""

    def __init__(
        self,
        *,
        frames: Iterable[bytes],
        duration_s: float,
        settings: EngineSettings,
        fast: bool,
        progress: bool,
        audio_out: AudioOutput | None = None,
        keep_speech: bool = False,
        settle_s: float = SETTLE_S,
        min_wait_s: float = MIN_WAIT_S,
        max_wait_s: float = MAX_WAIT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.frames = frames
        self.duration_s = duration_s
        self.settings = settings
        self.fast = fast
        self.result = StreamResult()
        self.shape = InputShape()
        self.completion = Completion(
            audio_s=duration_s,
            settle_s=settle_s,
            wait_s=wait_for(duration_s, least=min_wait_s, most=max_wait_s),
        )
        self._audio_out = audio_out
        # The run record holds translated speech in memory for the history (--history) only:
        # otherwise it goes straight to OUT.wav and memory stays flat however long the run.
        self._keep_speech = keep_speech
        self._progress = progress
        self._clock = clock
        self._pushed_frames = 0
        self._pushed_at_loss: int | None = None
        self._session_id = ""
        self._status = "connecting"
        self._closed_normally = False
        self._engine_name = "The service"

    def __repr__(self) -> str:
        return (
            f"StreamJob(fast={self.fast}, pushed={self._pushed_frames}, status={self._status!r}, "
            f"{self.completion!r})"
        )

    async def run(self, engine: Engine) -> None:
        self._engine_name = engine.capabilities.display_name
        session = engine.open_session(self.settings)
        session.start()
        consumer = asyncio.create_task(self._consume(session), name="stream-events")
        feeder = asyncio.create_task(self._feed(session), name="stream-feed")
        try:
            done, _ = await asyncio.wait({feeder, consumer}, return_when=asyncio.FIRST_COMPLETED)
            if feeder in done and not consumer.done():
                error = feeder.exception()
                if isinstance(error, DragomanError):  # the input could not be read to its end
                    self.result.error = self.result.error or error
                elif error is not None:
                    raise error
                else:
                    await self._wait_for_finals(session, consumer)
        finally:
            feeder.cancel()  # owned here: cancelled and awaited on every way out
            with contextlib.suppress(asyncio.CancelledError, DragomanError):
                await feeder
            await session.close()
            await consumer
        if self._closed_normally and self.result.error is None:
            promoted = self.result.builder.promote_interims()
            if promoted:
                self.result.warn(
                    f"{self._engine_name} never confirmed the text of {promoted} segment(s); "
                    "the transcript keeps what it showed last."
                )
        if self.result.error is None and not any(
            s.original or s.translated for s in self.result.builder.segments
        ):
            self.result.warn(
                f"{self._engine_name} recognised no speech in the recording (is it in the "
                "language given?)."
                if self.shape.has_speech
                else f"{self._engine_name} recognised nothing: the recording holds no sound "
                "loud enough to be speech."
            )

    async def _feed(self, session: EngineSession) -> None:
        start = self._clock()
        for index, frame in enumerate(self.frames):
            if self.fast:
                if index % FAST_CHUNK_FRAMES == 0 and index:
                    await session.wait_sent()
            else:
                delay = start + index * FRAME_MS / 1000 - self._clock()
                if delay > 0:
                    await asyncio.sleep(delay)
            session.push_audio(frame)
            self.result.record.push(frame)
            self.shape.push(frame)
            self._pushed_frames = index + 1
            self._show_progress()
        session.end_utterance()
        self._status = "waiting for the last results"
        self._show_progress()

    async def _wait_for_finals(self, session: EngineSession, consumer: asyncio.Task[None]) -> None:
        """Until the completion rule (``cli.completion``) says the results are all in."""
        while not consumer.done():
            state = self.completion.state(
                self._clock(),
                all_sent=session.all_sent(),
                idle_s=session.idle_for(),
                open_interims=session.has_open_interims(),
                shape=self.shape,
            )
            if state == "silent":
                limit = self.completion.quiet_limit_s(self.shape)
                self.result.error = ServiceUnavailable(
                    f"{self._engine_name} said it was ready but then sent nothing back about "
                    f"the {self.duration_s:.1f} s recording for {limit:.0f} s: it stopped "
                    "answering. Try again."
                )
            if state != "waiting":
                return
            await asyncio.wait({consumer}, timeout=POLL_S)

    def _remaining_s(self, pushed_frames: int) -> float:
        rest = max(0.0, self.duration_s - pushed_frames * FRAME_MS / 1000)
        # --fast: up to one chunk pushed may not have gone out yet.
        return rest + (FAST_CHUNK_FRAMES * FRAME_MS / 1000 if self.fast else 0.0)

    async def _consume(self, session: EngineSession) -> None:
        result = self.result
        async for event in session.events():
            if isinstance(event, Ready):
                self._named(event.session_id)
                self.completion.on_ready(self._clock())
                self._status = "streaming"
            elif isinstance(event, Reconnected):
                self._named(event.session_id)
                lost_at = (
                    self._pushed_frames if self._pushed_at_loss is None else self._pushed_at_loss
                )
                self.completion.on_ready(
                    self._clock(),
                    replayed_s=event.replayed_ms / 1000,
                    unsent_s=self._remaining_s(lost_at),
                )
                self._pushed_at_loss = None
                self._status = f"reconnected (replayed {event.replayed_ms} ms)"
            elif isinstance(event, Reconnecting):
                if self._pushed_at_loss is None:
                    self._pushed_at_loss = self._pushed_frames
                result.builder.drop_interims()
                self._status = f"{clean_text(event.reason)} (retrying in {event.delay:.0f} s)"
            elif isinstance(event, Transcript):
                event = _cleaned(event)
                self._session_id = event.session_id or self._session_id
                result.record.on_segment(result.builder.add(event))
                self.completion.on_result()
            elif isinstance(event, TranslatedAudio):
                if self._keep_speech:
                    result.record.on_audio(event)
                result.audio_samples += len(event.samples)
                if self._audio_out is not None:
                    self._audio_out.write(event.samples, event.rate)
            elif isinstance(event, ServerError):
                sentence = clean_text(_server_error_sentence(event))
                if event.kind in FATAL_ERRORS:
                    result.error = result.error or ServerReportedError(sentence)
                    await session.close()
                else:  # reported, and the run goes on (a server that means it closes)
                    result.warn(sentence)
                    if sentence not in result.server_said:
                        result.server_said.append(sentence)
            elif isinstance(event, Failed):
                if result.error is None:
                    error = event.error
                    result.error = (
                        error if isinstance(error, DragomanError) else DragomanError(str(error))
                    )
            elif isinstance(event, Closed):
                self._closed_normally = True
            self._show_progress()

    def _named(self, session_id: str) -> None:
        """A session (re)started; engines that name sessions only in results pass ""."""
        name = clean_text(session_id)
        if name:
            self._session_id = name
            self.result.builder.add_session(name)

    def _show_progress(self) -> None:
        if not self._progress:
            return
        sent = self._pushed_frames * FRAME_MS / 1000
        segments = sum(1 for s in self.result.builder.segments if s.original)
        line = f"{sent:6.1f}/{self.duration_s:.1f} s · {segments} segments · {self._status}"
        if self._session_id:
            line += f" · {self._session_id}"
        sys.stderr.write(f"\r\x1b[K{clean_text(line)[:200]}")
        sys.stderr.flush()

    def end_progress(self) -> None:
        if self._progress:
            sys.stderr.write("\n")


def _cleaned(event: Transcript) -> Transcript:
    return replace(
        event,
        text=clean_text(event.text),
        correlation_id=None if event.correlation_id is None else clean_text(event.correlation_id),
        language=None if event.language is None else clean_text(event.language),
        session_id=None if event.session_id is None else clean_text(event.session_id),
    )


def _server_error_sentence(event: ServerError) -> str:
    if event.kind is ErrorKind.UNSUPPORTED_TARGET_LANGUAGE:
        return (
            f"The service cannot speak '{event.language}': run again with --text-only for "
            "translated text, or choose a speech-output target (see `dragoman languages --speech`)."
        )
    return event.sentence
