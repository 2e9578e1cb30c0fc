"""``dragoman translate``: a recording through Pinch real-time translation, from the shell.

The file is streamed exactly as a microphone would be (20 ms frames of 16 kHz PCM16 at real-time
pace, or as fast as the server takes them with --fast), then the 300 ms end-of-utterance silence,
then we wait for the last finals, close with 1000 and write what came back.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from dragoman.core.errors import (
    AuthError,
    DragomanError,
    ServerReportedError,
    ServiceUnavailable,
    UsageError,
)
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
from dragoman.core.pinch import FRAME_MS, INPUT_RATE, OUTPUT_RATE, SessionParams
from dragoman.core.transcript import TranscriptBuilder, write_transcript
from dragoman.core.wav import read_wav, to_mono, write_wav_pcm16
from dragoman.providers.settings import PINCH_URL_ENV

if TYPE_CHECKING:
    from dragoman.providers.pinch import PinchConfig, PinchSession

# After the last audio: a quiet server with no open interim is done; a silent one gives up.
SETTLE_S = 1.0
MAX_WAIT_S = 20.0
FAST_CHUNK_FRAMES = 50  # --fast hands the sender 1 s at a time, so memory stays bounded


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "translate",
        help="translate a WAV recording through Pinch real-time translation",
        description="Stream a WAV recording to Pinch and write the translation.",
    )
    parser.add_argument("input", type=Path, metavar="INPUT.wav")
    parser.add_argument("--from", dest="source", default="en", help="spoken language or 'auto'")
    parser.add_argument("--to", dest="target", default="es", help="target language")
    parser.add_argument(
        "--voice",
        default="male",
        metavar="{male,female}",
        help="voice of the translated speech (a cloned voice is not available in real time)",
    )
    parser.add_argument("--text-only", action="store_true", help="translated text, no speech")
    parser.add_argument("--two-way", action="store_true", help="translate both ways")
    parser.add_argument("--finalize", choices=("stable", "sentence"), default="stable")
    parser.add_argument("--context", help="names and jargon to bias recognition")
    parser.add_argument("--out", type=Path, metavar="OUT.wav", help="translated speech (24 kHz)")
    parser.add_argument(
        "--transcript", type=Path, metavar="FILE", help="transcript (.txt, .srt or .json)"
    )
    parser.add_argument("--fast", action="store_true", help="send as fast as the server accepts")
    add_connection_options(parser)
    parser.set_defaults(run=run)


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--api-key-file", type=Path, metavar="FILE", help="read the API key from FILE"
    )
    parser.add_argument("--url", help=f"service base URL (default: ${PINCH_URL_ENV} or Pinch's)")


def run(args: argparse.Namespace) -> int:
    params = SessionParams(
        source_language=args.source,
        target_language=args.target,
        voice_type=args.voice,
        audio_output=not args.text_only,
        finalize_mode=args.finalize,
        two_way=args.two_way,
        context=args.context or None,
    ).validate()
    if args.transcript is not None and args.transcript.suffix.lower() not in (
        ".txt",
        ".srt",
        ".json",
    ):
        raise UsageError(f"{args.transcript}: the transcript must end in .txt, .srt or .json.")
    frames = load_frames(args.input)
    api_key = _api_key(args)
    from dragoman.providers.pinch import PinchConfig
    from dragoman.providers.settings import pinch_base_url

    config = PinchConfig(base_url=pinch_base_url(args.url))
    job = TranslateJob(frames=frames, params=params, fast=args.fast, progress=sys.stderr.isatty())
    try:
        asyncio.run(job.run(api_key, config))
    finally:
        job.end_progress()
        if job.result.audio_chunks and args.out is not None:
            audio = np.concatenate(job.result.audio_chunks)
            _write(args.out, write_wav_pcm16(audio, OUTPUT_RATE))
        if args.transcript is not None and job.result.builder.segments:
            text = write_transcript(job.result.builder, args.transcript.suffix)
            _write(args.transcript, text.encode("utf-8"))
    if args.out is not None and not job.result.audio_chunks and params.audio_output:
        print("dragoman: no translated speech came back; OUT.wav not written.", file=sys.stderr)
    for warning in job.result.warnings:
        print(f"dragoman: {warning}", file=sys.stderr)
    if job.result.error is not None:
        raise job.result.error
    if not args.transcript and not args.out:
        for segment in job.result.builder.segments:
            print(f"{segment.original}\n→ {segment.translated}\n")
    return 0


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


def _api_key(args: argparse.Namespace) -> str:
    from dragoman.store.secrets import KeyringStore, resolve_key

    found = resolve_key("pinch", KeyringStore(), key_file=args.api_key_file)
    if found is None:
        raise AuthError(
            "No Pinch API key: run `dragoman auth set`, set PINCH_API_KEY, or pass --api-key-file."
        )
    return found[0]


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"Cannot write {path}: {exc.strerror}.") from exc


@dataclass
class TranslateResult:
    builder: TranscriptBuilder = field(default_factory=TranscriptBuilder)
    audio_chunks: list[np.ndarray[Any, np.dtype[np.float32]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: DragomanError | None = None


class TranslateJob:
    """Streams frames into a session and gathers what comes back; owns its tasks."""

    def __init__(
        self,
        *,
        frames: list[bytes],
        params: SessionParams,
        fast: bool,
        progress: bool,
        settle_s: float = SETTLE_S,
        max_wait_s: float = MAX_WAIT_S,
    ) -> None:
        self.frames = frames
        self.params = params
        self.fast = fast
        self.result = TranslateResult()
        self._progress = progress
        self._settle_s = settle_s
        self._max_wait_s = max_wait_s
        self._sent_frames = 0
        self._session_id = ""
        self._status = "connecting"
        self._done = asyncio.Event()

    async def run(self, api_key: str, config: PinchConfig) -> None:
        import httpx

        from dragoman.providers.net import tls_context
        from dragoman.providers.pinch import PinchSession

        async with httpx.AsyncClient(
            timeout=config.http_timeout, verify=config.ssl_context or tls_context()
        ) as http:
            session = PinchSession(api_key=api_key, params=self.params, config=config, http=http)
            session.start()
            consumer = asyncio.create_task(self._consume(session), name="translate-events")
            try:
                feeder = asyncio.create_task(self._feed(session), name="translate-feed")
                done, _ = await asyncio.wait(
                    {feeder, consumer}, return_when=asyncio.FIRST_COMPLETED
                )
                if feeder in done and not consumer.done():
                    await self._wait_for_finals(session, consumer)
                feeder.cancel()
            finally:
                await session.close()
                await consumer

    async def _feed(self, session: PinchSession) -> None:
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
            self._sent_frames = index + 1
            self._show_progress()
        session.end_utterance()
        self._status = "waiting for the last translation"
        self._show_progress()

    async def _wait_for_finals(self, session: PinchSession, consumer: asyncio.Task[None]) -> None:
        """Done when everything went out and the server has been quiet with nothing open.

        While no session is ready (connecting, reconnecting) the session's own bounded retries
        decide; once one is, a server silent for ``max_wait_s`` counts as gone.
        """
        while not consumer.done():
            if session.all_sent():
                idle = session.idle_for()
                if not session.has_open_interims() and idle >= self._settle_s:
                    return
                if idle >= self._max_wait_s:
                    self.result.error = ServiceUnavailable(
                        f"Pinch stopped answering for {self._max_wait_s:g} s: the translation "
                        "of the last sentence is missing. Try again."
                    )
                    return
            await asyncio.wait({consumer}, timeout=0.05)

    async def _consume(self, session: PinchSession) -> None:
        result = self.result
        async for event in session.events():
            if isinstance(event, Ready):
                self._session_id = event.session_id
                result.builder.add_session(event.session_id)
                self._status = "streaming"
            elif isinstance(event, Reconnected):
                self._session_id = event.session_id
                result.builder.add_session(event.session_id)
                self._status = f"reconnected (replayed {event.replayed_ms} ms)"
            elif isinstance(event, Reconnecting):
                result.builder.drop_interims()
                self._status = f"{event.reason} (retrying in {event.delay:.0f} s)"
            elif isinstance(event, Transcript):
                result.builder.add(event)
            elif isinstance(event, TranslatedAudio):
                result.audio_chunks.append(event.samples)
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
            f"Pinch cannot speak '{event.language}': run again with --text-only for translated "
            "text, or choose a speech-output target (see `dragoman languages --speech`)."
        )
    return event.sentence
