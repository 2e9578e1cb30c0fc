"""A local emulator of the Pinch real-time translation API, for tests.

It follows ``/work/shared/specs/pinch-realtime.md`` (section numbers below refer to it) and is
deliberately independent of the ``dragoman`` package so it can catch client bugs.

One port serves both halves of the API:

* ``GET /v1/session`` (plain HTTP, answered from ``process_request``): session allocation;
* ``/session?token=...`` (WebSocket upgrade): the real-time session.

The "recognition" is an energy VAD on 20 ms blocks; transcripts and translated audio are
deterministic functions of the audio received, so tests can predict them exactly:

* original final text: ``speech {n} {dur:.2f}s`` (finalizeMode=sentence) or
  ``speech {n}.{k} {dur:.2f}s`` (finalizeMode=stable, span ``k`` of segment ``n``);
* translated text: ``[{targetLanguage}] {original text}``;
* translated audio: :func:`transform` of the segment's PCM.

Run it on its own with ``python -m tests.emulator.pinch --port 0``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import email.utils
import http
import json
import logging
import math
import secrets
import signal
import ssl as ssl_module
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import numpy.typing as npt
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from tests.emulator import threaded

__all__ = [
    "SPEECH_OUTPUT_LANGUAGES",
    "Allocation",
    "Faults",
    "PinchEmulator",
    "RecordedSession",
    "Segment",
    "main",
    "running_emulator",
    "running_in_thread",
    "transform",
]

log = logging.getLogger("tests.emulator.pinch")

# ---------------------------------------------------------------------------------------------
# Constants (spec sections 2 and 4, plus the emulator's decided VAD parameters)

IN_RATE = 16_000
OUT_RATE = 24_000
BLOCK_MS = 20
BLOCK_SAMPLES = IN_RATE * BLOCK_MS // 1000  # 320
BLOCK_BYTES = BLOCK_SAMPLES * 2  # 640
SPEECH_RMS = 0.01  # block RMS (full scale = 1.0) above which a block is speech
HANGOVER_MS = 200  # consecutive non-speech that ends a segment
MIN_SPEECH_MS = 60  # shorter segments are noise
INTERIM_EVERY_MS = 300
STABLE_SPAN_MS = 1000
AUDIO_FRAME_SAMPLES = (2400, 4800, 1200)  # uneven output frame sizes, cycled

SPEECH_OUTPUT_LANGUAGES = frozenset({"en", "es", "fr", "de", "it", "pt", "ru", "ja", "ko", "zh"})

DEFAULT_METADATA: dict[str, object] = {
    "sourceLanguage": "en",
    "targetLanguage": "es",
    "voiceType": "male",
    "audioOutputEnabled": True,
    "finalizeMode": "stable",
    "twoWay": False,
}
KNOWN_PARAMS = frozenset({*DEFAULT_METADATA, "context"})
BOOL_PARAMS = frozenset({"audioOutputEnabled", "twoWay"})

CLOSE_TOKEN = 4401
CLOSE_SERVER_ENDED = 4503


# ---------------------------------------------------------------------------------------------
# The deterministic "translation" of audio


def transform(pcm16_16k: bytes | bytearray | memoryview) -> npt.NDArray[np.float32]:
    """THE translated-audio transform: PCM16 LE 16 kHz -> float32 24 kHz at half amplitude.

    ``/32768`` to float, linear resampling with ``np.interp`` to exactly ``n * 3 // 2``
    samples (output sample ``i`` sits at input position ``i * 2 / 3``), times 0.5.
    A trailing odd byte is ignored.
    """
    n = len(pcm16_16k) // 2
    if n == 0:
        return np.zeros(0, dtype=np.float32)
    x = np.frombuffer(pcm16_16k, dtype="<i2", count=n).astype(np.float64) / 32768.0
    m = n * 3 // 2
    pos = np.arange(m, dtype=np.float64) * (IN_RATE / OUT_RATE)
    y = np.interp(pos, np.arange(n, dtype=np.float64), x) * 0.5
    return y.astype(np.float32)


# ---------------------------------------------------------------------------------------------
# Public records


@dataclass
class Faults:
    """Fault injection. Count fields are budgets: each fault that fires decrements its field,
    so assigning e.g. ``emu.faults.fail_503 = 2`` at any time means "the next 2"."""

    fail_503: int = 0  # authorised allocations answered 503 {"error": {"code": "capacity"}}
    fail_429: int = 0  # then this many answered 429 (+ Retry-After: retry_after unless None)
    retry_after: str | None = "1"
    close_4401_at_open: int = 0  # valid-token opens closed with 4401 at once (token spent)
    no_ready: int = 0  # sessions that never send ready (socket open, silent, still recording)
    ready_delay: float = 0.0  # seconds before ready (every session while set)
    drop_after_speech_ms: int | None = None  # drop when a segment holds this much speech ...
    drop_kind: str = "4503"  # ... by close code 4503, or "tcp": abort, no close frame
    drop_sessions: int = 1  # budget of sessions that get the drop
    garbage: bool = False  # after ready: malformed/odd frames (see _garbage_frames)
    oversized_frame_bytes: int = 0  # after ready: one valid-JSON text frame of this many bytes
    stall_after_ready: bool = False  # after ready: stop reading, never send again
    legacy_shapes: bool = False  # {"type":"transcript","source":"original"} / "translation"
    # Sessions that die right after ready (a server that accepts and at once loses every
    # session). Decided per session when its socket opens, so a budget set later spares it.
    kill_after_ready: int = 0  # budget of sessions killed right after their ready frame ...
    kill_kind: str = "4503"  # ... by this close code ("1000", "1011", "4503", ...), "tcp"
    # (abort, no close frame) or "oversized" (one text frame of kill_frame_bytes)
    kill_error: str | None = None  # ... after an {"type":"error","message":kill_error} frame
    kill_frame_bytes: int = 5 * 1024 * 1024
    # A server that hears at real-time pace (as a live service may): audio is recorded as it
    # arrives but recognised no faster than 20 ms per 20 ms block, so a client sending faster
    # (``--fast``) gets its results over the audio's own duration.
    realtime: bool = False
    # Misbehaving results (not in the spec; each is a budget of segments unless said otherwise):
    # Every result's text ends in a lone surrogate "\ud83d" (legal JSON, not encodable as UTF-8),
    # an ESC sequence and a line break.
    hostile_text: bool = False
    error_mid_run: str | None = None  # after a session's first final: {"type":"error",...}
    never_final: int = 0  # segments that get interims but never a final (nor their audio)
    malformed_finals: int = 0  # segments whose finals say is_final "yes" / carry text as a list
    interim_flood: int = 0  # copies of each segment's first interim, sent at once


class Allocation(NamedTuple):
    time: float  # time.monotonic()
    status: int
    params: dict[str, str]


@dataclass
class Segment:
    """A speech segment found by the VAD. ``start``/``end`` are sample offsets in the session's
    ``audio`` (16 kHz samples = byte offset // 2): first speech block start, last speech block
    end. A segment is recorded once it holds MIN_SPEECH_MS of speech."""

    index: int  # 1-based, within the session
    correlation_id: str
    start: int
    end: int
    speech_ms: int = 0
    spans_locked: int = 0  # finalizeMode=stable: 1 s spans already sent as finals
    finalised: bool = False

    @property
    def duration(self) -> float:
        return (self.end - self.start) / IN_RATE


@dataclass
class RecordedSession:
    session_id: str
    params: dict[str, str]
    metadata: dict[str, object]
    updates: list[dict[str, object]] = field(default_factory=list)
    audio: bytearray = field(default_factory=bytearray)
    frames: list[tuple[float, int]] = field(default_factory=list)
    text_frames: list[str] = field(default_factory=list)
    audio_before_ready: int = 0
    ready_at: float | None = None
    close_code: int | None = None
    sent: list[dict[str, object]] = field(default_factory=list)
    sent_audio: bytearray = field(default_factory=bytearray)
    segments: list[Segment] = field(default_factory=list)
    ended_by: str | None = None
    # Extras beyond the agreed API:
    rejected: str | None = None  # why the open got 4401: "unknown", "used", "expired", "fault"
    opened_at: float = field(default_factory=time.monotonic)
    closed_at: float | None = None
    sent_raw: list[str | bytes] = field(default_factory=list)  # every frame sent, in order
    # (time.monotonic() once handed to the socket, byte count) of each translated-audio frame
    sent_audio_at: list[tuple[float, int]] = field(default_factory=list)

    def segment_pcm(self, segment: Segment) -> bytes:
        """The PCM16 bytes of a segment (what :func:`transform` is applied to)."""
        return bytes(self.audio[segment.start * 2 : segment.end * 2])

    def of_type(self, *types: str) -> list[dict[str, object]]:
        """Sent JSON frames whose ``type`` is one of ``types``."""
        return [m for m in self.sent if m.get("type") in types]

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


# ---------------------------------------------------------------------------------------------
# Helpers


def _json(obj: object) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def _parse_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        low = value.strip().lower()
        if low == "true":
            return True
        if low == "false":
            return False
    return None


def _apply_metadata(meta: dict[str, object], fields: dict[str, object]) -> None:
    """Apply known fields (query params or update_metadata) to ``meta``; unknown keys and
    unparseable booleans are ignored."""
    for key, value in fields.items():
        if key not in KNOWN_PARAMS:
            continue
        if key in BOOL_PARAMS:
            parsed = _parse_bool(value)
            if parsed is not None:
                meta[key] = parsed
        elif isinstance(value, str):
            meta[key] = value


def _primary(lang: object) -> str:
    return str(lang).split("-")[0].split("_")[0].strip().lower()


def _problems(meta: dict[str, object]) -> list[str]:
    """Error messages the current metadata deserves (audio output only)."""
    if meta.get("audioOutputEnabled") is not True:
        return []
    out: list[str] = []
    target = meta.get("targetLanguage")
    if _primary(target) not in SPEECH_OUTPUT_LANGUAGES:
        out.append(f"targetLanguage={str(target)!r} is not supported")
    if meta.get("voiceType") == "clone":
        out.append("voiceType='clone' is not supported yet")
    return out


def _json_response(
    status: int, body: object, extra_headers: list[tuple[str, str]] | None = None
) -> Response:
    data = _json(body).encode()
    headers = Headers(
        [
            ("Date", email.utils.formatdate(usegmt=True)),
            ("Connection", "close"),
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(data))),
            *(extra_headers or []),
        ]
    )
    return Response(status, http.HTTPStatus(status).phrase, headers, data)


def _error_body(code: str, message: str) -> dict[str, object]:
    return {"error": {"code": code, "message": message}}


def _padding_frame(size: int) -> str:
    """A valid JSON text frame of ``size`` bytes (at least its skeleton), of an unknown type."""
    skeleton = '{"type":"padding","pad":""}'
    return '{"type":"padding","pad":"' + "x" * max(0, size - len(skeleton)) + '"}'


@dataclass
class _Token:
    session_id: str
    params: dict[str, str]
    issued_at: float
    used: bool = False


# Outbound queue items (the writer task sends them in order).
class _Ready:
    pass


class _Stall:
    pass


class _Abort:
    pass


@dataclass
class _Close:
    code: int
    reason: str


_Out = str | bytes | _Ready | _Stall | _Abort | _Close


@dataclass
class _OpenSegment:
    """VAD state of the segment currently open (not yet known to be speech)."""

    start: int  # sample offset
    last_speech_end: int
    speech_blocks: int = 1
    silence_run: int = 0
    received_blocks: int = 1
    last_interim_blocks: int = 0
    segment: Segment | None = None


# ---------------------------------------------------------------------------------------------
# One WebSocket session


class _Session:
    def __init__(self, emu: PinchEmulator, ws: ServerConnection, rec: RecordedSession) -> None:
        self.emu = emu
        self.ws = ws
        self.rec = rec
        faults = emu.faults
        self.ready_delay = faults.ready_delay
        self.garbage = faults.garbage
        self.oversized = faults.oversized_frame_bytes
        self.stall = faults.stall_after_ready
        self.legacy = faults.legacy_shapes
        self.send_ready = True
        if faults.no_ready > 0:
            faults.no_ready -= 1
            self.send_ready = False
        self.kill: tuple[str, str | None, int] | None = None  # (kind, error first, frame size)
        if faults.kill_after_ready > 0:
            faults.kill_after_ready -= 1
            self.kill = (faults.kill_kind, faults.kill_error, faults.kill_frame_bytes)
        self.realtime = faults.realtime
        self.arrived = asyncio.Event()  # realtime: audio arrived for the listener
        self.errored_mid_run = False
        self.misbehaving: dict[int, str] = {}  # segment index -> "never_final" / "malformed"
        self.flooded: set[int] = set()  # segments whose first interim is still to be flooded
        self.out: asyncio.Queue[_Out] = asyncio.Queue()
        self.ready = False  # set by the writer right before the ready frame hits the socket
        self.ready_enqueued = False
        self.announced: set[str] = set()
        self.ending = False  # a server-side drop is under way: stop processing audio
        self.stalled = False
        self.vad_bytes = 0  # bytes of rec.audio already cut into VAD blocks
        self.cur: _OpenSegment | None = None
        self.reader: asyncio.Task[None] | None = None

    # -- lifecycle ------------------------------------------------------------------------

    async def run(self) -> None:
        writer = asyncio.create_task(self._writer())
        readier = asyncio.create_task(self._ready()) if self.send_ready else None
        listener = asyncio.create_task(self._listen()) if self.realtime else None
        self.reader = asyncio.create_task(self._reader())
        tasks = (writer, readier, listener, self.reader)
        try:
            await asyncio.wait([self.reader])
            if self.reader.cancelled() and self.stalled:
                self.rec.ended_by = "stall"
                await self.ws.wait_closed()
        finally:
            for task in tasks:
                if task is not None and not task.done():
                    task.cancel()
            await asyncio.gather(*(t for t in tasks if t is not None), return_exceptions=True)
            self.rec.closed_at = time.monotonic()
            log.info("session %s ended by %s", self.rec.session_id, self.rec.ended_by)

    async def _ready(self) -> None:
        if self.ready_delay > 0:
            await asyncio.sleep(self.ready_delay)
        # Everything below is enqueued synchronously: nothing can slip in between.
        self.out.put_nowait(_Ready())
        self.ready_enqueued = True
        self._announce_problems()
        if self.garbage:
            for frame in self._garbage_frames():
                self.out.put_nowait(frame)
        if self.oversized > 0:
            self.out.put_nowait(_padding_frame(self.oversized))
        if self.kill is not None:
            self._kill(*self.kill)
        elif self.stall:
            self.out.put_nowait(_Stall())

    def _kill(self, kind: str, error: str | None, frame_bytes: int) -> None:
        """The session dies right after ready: no recognition, maybe an error, then the end."""
        self.ending = True
        if error is not None:
            self.out.put_nowait(_json({"type": "error", "message": error}))
        if kind == "tcp":
            self.rec.ended_by = "tcp"
            self.out.put_nowait(_Abort())
        elif kind == "oversized":  # the client refuses it and closes (ended_by: "client")
            self.out.put_nowait(_padding_frame(frame_bytes))
        else:
            self.rec.ended_by = kind
            self.out.put_nowait(_Close(int(kind), "emulated server failure"))

    def _garbage_frames(self) -> list[str | bytes]:
        return [
            '{"type": "original_transcript", "text": ',  # invalid JSON
            "[1,2,3]",
            '"just a string"',
            '{"no":"type"}',
            _json(
                {
                    "type": "original_transcript",
                    "text": "garbage",
                    "is_final": "yes",
                    "correlation_id": f"{self.rec.session_id}-garbage",
                }
            ),
            _json({"type": "segment_started", "segment_id": "garbage", "start_ms": 0}),
            b"\x01\x02\x03\x04\x05\x06\x07",
        ]

    async def _writer(self) -> None:
        ws, rec = self.ws, self.rec
        try:
            while True:
                item = await self.out.get()
                if isinstance(item, _Ready):
                    self.ready = True
                    rec.ready_at = time.monotonic()
                    frame = _json({"type": "ready"})
                    await ws.send(frame)
                    rec.sent_raw.append(frame)
                    rec.sent.append({"type": "ready"})
                elif isinstance(item, str):
                    await ws.send(item)
                    rec.sent_raw.append(item)
                    try:
                        parsed = json.loads(item)
                    except ValueError:
                        continue
                    if isinstance(parsed, dict):
                        rec.sent.append(parsed)
                elif isinstance(item, bytes):
                    await ws.send(item)
                    rec.sent_raw.append(item)
                    if len(item) % 4 == 0:
                        rec.sent_audio += item
                        rec.sent_audio_at.append((time.monotonic(), len(item)))
                elif isinstance(item, _Stall):
                    self.stalled = True
                    if self.reader is not None:
                        self.reader.cancel()
                    return
                elif isinstance(item, _Abort):
                    ws.transport.abort()
                    return
                else:
                    await ws.close(item.code, item.reason)
                    return
        except ConnectionClosed:
            return

    async def _reader(self) -> None:
        try:
            while True:
                message = await self.ws.recv()
                if isinstance(message, bytes):
                    self._on_audio(message)
                else:
                    self._on_text(message)
        except ConnectionClosed as exc:
            rcvd = exc.rcvd
            self.rec.close_code = rcvd.code if rcvd is not None else None
            if self.rec.ended_by is None:
                if self.emu.stopping:
                    self.rec.ended_by = "server"
                elif rcvd is not None:
                    self.rec.ended_by = "client"
                else:
                    self.rec.ended_by = "lost"

    # -- client -> server -----------------------------------------------------------------

    def _on_text(self, text: str) -> None:
        self.rec.text_frames.append(text)
        try:
            msg = json.loads(text)
        except ValueError:
            return
        if not isinstance(msg, dict) or msg.get("type") != "update_metadata":
            return
        self.rec.updates.append(msg)
        _apply_metadata(self.rec.metadata, {k: v for k, v in msg.items() if k != "type"})
        if self.ready_enqueued:
            self._announce_problems()

    def _announce_problems(self) -> None:
        problems = _problems(self.rec.metadata)
        for message in problems:
            if message not in self.announced:
                self.out.put_nowait(_json({"type": "error", "message": message}))
        self.announced = set(problems)

    def _on_audio(self, data: bytes) -> None:
        rec = self.rec
        rec.audio += data
        rec.frames.append((time.monotonic(), len(data)))
        if not self.ready:
            rec.audio_before_ready += len(data)
        if self.realtime:
            self.arrived.set()  # the listener hears it in its own time
            return
        # Cut the byte stream into 20 ms blocks, whatever the frame sizes. Blocks completed
        # before ready are skipped (audio sent before ready is not recognised).
        while not self.ending and len(rec.audio) - self.vad_bytes >= BLOCK_BYTES:
            self._hear_block(recognise=self.ready)

    def _hear_block(self, *, recognise: bool) -> None:
        start = self.vad_bytes
        self.vad_bytes += BLOCK_BYTES
        if recognise:
            self._vad_block(start // 2, bytes(self.rec.audio[start : start + BLOCK_BYTES]))

    async def _listen(self) -> None:
        """Faults.realtime: block ``n`` is heard no sooner than ``n`` blocks after the first."""
        loop = asyncio.get_running_loop()
        first: float | None = None
        heard = 0
        while True:
            while self.ending or len(self.rec.audio) - self.vad_bytes < BLOCK_BYTES:
                self.arrived.clear()
                await self.arrived.wait()
            now = loop.time()
            if first is None:
                first = now
            due = first + heard * BLOCK_MS / 1000
            if due > now:
                await asyncio.sleep(due - now)
                continue
            heard += 1
            self._hear_block(recognise=self.vad_bytes >= self.rec.audio_before_ready)

    # -- recognition ----------------------------------------------------------------------

    def _vad_block(self, start: int, block: bytes) -> None:
        x = np.frombuffer(block, dtype="<i2").astype(np.float64) / 32768.0
        speech = math.sqrt(float(np.mean(x * x))) > SPEECH_RMS
        end = start + BLOCK_SAMPLES
        cur = self.cur
        if cur is None:
            if not speech:
                return
            cur = self.cur = _OpenSegment(start=start, last_speech_end=end)
        else:
            cur.received_blocks += 1
            if speech:
                cur.speech_blocks += 1
                cur.silence_run = 0
                cur.last_speech_end = end
            else:
                cur.silence_run += 1
                if cur.silence_run * BLOCK_MS >= HANGOVER_MS:
                    self.cur = None
                    if cur.segment is not None:
                        self._finalise(cur, cur.segment)
                    return
        speech_ms = cur.speech_blocks * BLOCK_MS
        seg = cur.segment
        if seg is None and speech_ms >= MIN_SPEECH_MS:
            n = len(self.rec.segments) + 1
            seg = cur.segment = Segment(
                index=n,
                correlation_id=f"{self.rec.session_id}-{n}",
                start=cur.start,
                end=cur.last_speech_end,
            )
            self.rec.segments.append(seg)
            self._assign_fault(seg)
        if seg is not None:
            seg.end = cur.last_speech_end
            seg.speech_ms = speech_ms
        if speech and self._should_drop(speech_ms):
            return
        if seg is None:
            return
        if (cur.received_blocks - cur.last_interim_blocks) * BLOCK_MS >= INTERIM_EVERY_MS:
            cur.last_interim_blocks = cur.received_blocks
            span_start = cur.start + seg.spans_locked * IN_RATE * STABLE_SPAN_MS // 1000
            pending = (cur.last_speech_end - span_start) / IN_RATE
            if pending > 0:
                text = self._text(seg, pending, seg.spans_locked + 1)
                copies = 1
                if seg.index in self.flooded:
                    self.flooded.discard(seg.index)
                    copies += self.emu.faults.interim_flood
                for _ in range(copies):
                    self._send_original(text, seg, final=False)
        # finalizeMode=stable: a 1 s span locks in once speech runs past its end.
        stable = self.rec.metadata.get("finalizeMode") != "sentence"
        span_samples = IN_RATE * STABLE_SPAN_MS // 1000
        if stable and cur.last_speech_end - cur.start >= (seg.spans_locked + 1) * span_samples:
            seg.spans_locked += 1
            self._final(seg, STABLE_SPAN_MS / 1000, span=seg.spans_locked)

    def _assign_fault(self, seg: Segment) -> None:
        """Decide once, when a segment is found, which misbehaviour (if any) its results get."""
        faults = self.emu.faults
        if faults.never_final > 0:
            faults.never_final -= 1
            self.misbehaving[seg.index] = "never_final"
        elif faults.malformed_finals > 0:
            faults.malformed_finals -= 1
            self.misbehaving[seg.index] = "malformed"
        if faults.interim_flood > 0:
            self.flooded.add(seg.index)

    def _should_drop(self, speech_ms: int) -> bool:
        faults = self.emu.faults
        threshold = faults.drop_after_speech_ms
        if threshold is None or faults.drop_sessions <= 0 or speech_ms < threshold:
            return False
        faults.drop_sessions -= 1
        self.ending = True
        if faults.drop_kind == "tcp":
            self.rec.ended_by = "tcp"
            self.out.put_nowait(_Abort())
        else:
            self.rec.ended_by = "4503"
            self.out.put_nowait(_Close(CLOSE_SERVER_ENDED, "session ended by server"))
        return True

    def _text(self, seg: Segment, duration: float, span: int) -> str:
        """Interim and final texts share this format; ``span`` is 1-based (stable mode)."""
        stable = self.rec.metadata.get("finalizeMode") != "sentence"
        if stable:
            return f"speech {seg.index}.{span} {duration:.2f}s"
        return f"speech {seg.index} {duration:.2f}s"

    def _finalise(self, cur: _OpenSegment, seg: Segment) -> None:
        stable = self.rec.metadata.get("finalizeMode") != "sentence"
        if stable:
            span_start = cur.start + seg.spans_locked * IN_RATE * STABLE_SPAN_MS // 1000
            rest = (cur.last_speech_end - span_start) / IN_RATE
            if rest > 0:
                self._final(seg, rest, span=seg.spans_locked + 1)
        else:
            self._final(seg, (cur.last_speech_end - cur.start) / IN_RATE, span=0)
        seg.finalised = True
        if self.misbehaving.get(seg.index) == "never_final":
            return
        if self._translating() and self.rec.metadata.get("audioOutputEnabled") is True:
            samples = transform(self.rec.audio[seg.start * 2 : seg.end * 2])
            data = samples.astype("<f4").tobytes()
            pos, i = 0, 0
            while pos < len(data):
                size = AUDIO_FRAME_SAMPLES[i % len(AUDIO_FRAME_SAMPLES)] * 4
                self.out.put_nowait(data[pos : pos + size])
                pos += size
                i += 1

    def _translating(self) -> bool:
        return not _problems(self.rec.metadata)

    def _final(self, seg: Segment, duration: float, *, span: int) -> None:
        text = self._text(seg, duration, span)
        never = self.misbehaving.get(seg.index) == "never_final"
        self._send_original(text, seg, final=not never)
        if self._translating():
            translated = f"[{self.rec.metadata.get('targetLanguage')}] {text}"
            self._send_translated(translated, seg, final=False)
            if not never:
                self._send_translated(translated, seg, final=True)
        error = self.emu.faults.error_mid_run
        if error is not None and not never and not self.errored_mid_run:
            self.errored_mid_run = True
            self.out.put_nowait(_json({"type": "error", "message": error}))

    def _extras(self, final: bool) -> dict[str, object]:
        if not final:
            return {}
        source = self.rec.metadata.get("sourceLanguage")
        detected = "en" if source in (None, "auto") else source
        return {"timestamp": time.time(), "language_detected": detected}

    def _send_original(self, text: str, seg: Segment, *, final: bool) -> None:
        head: dict[str, object] = (
            {"type": "transcript", "source": "original"}
            if self.legacy
            else {"type": "original_transcript"}
        )
        msg = {
            **head,
            "text": text,
            "is_final": final,
            "correlation_id": seg.correlation_id,
            **self._extras(final),
        }
        self._put_result(msg, seg, final=final)

    def _put_result(self, msg: dict[str, object], seg: Segment, *, final: bool) -> None:
        if final and self.misbehaving.get(seg.index) == "malformed":
            if msg["type"] in ("original_transcript", "transcript"):
                msg["is_final"] = "yes"
            else:
                msg["text"] = [msg["text"]]
        if self.emu.faults.hostile_text:
            msg["text"] = f"{msg['text']} \ud83d \x1b[2J\n"
            self.out.put_nowait(json.dumps(msg, separators=(",", ":")))  # escaped: legal JSON
            return
        self.out.put_nowait(_json(msg))

    def _send_translated(self, text: str, seg: Segment, *, final: bool) -> None:
        msg = {
            "type": "translation" if self.legacy else "translated_transcript",
            "text": text,
            "is_final": final,
            "correlation_id": seg.correlation_id,
            **self._extras(final),
        }
        self._put_result(msg, seg, final=final)


# ---------------------------------------------------------------------------------------------
# The server


class PinchEmulator:
    """HTTP allocation + WebSocket sessions on one 127.0.0.1 port. See the module docstring."""

    def __init__(
        self,
        *,
        good_key: str = "pk_test_good",
        forbidden_key: str = "pk_test_forbidden",
        token_expiry: float = 60.0,
        faults: Faults | None = None,
        ssl: ssl_module.SSLContext | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.good_key = good_key
        self.forbidden_key = forbidden_key
        self.token_expiry = token_expiry
        self.faults = faults if faults is not None else Faults()
        self.ssl = ssl
        self.host = host
        self.port = port
        self.allocations: list[Allocation] = []
        self.sessions: list[RecordedSession] = []
        self.base_url = ""
        self.stopping = False
        self._tokens: dict[str, _Token] = {}
        self._live: set[_Session] = set()
        self._server: Server | None = None

    # -- lifecycle ------------------------------------------------------------------------

    async def start(self) -> str:
        if self._server is not None:
            return self.base_url
        self.stopping = False
        self._server = await serve(
            self._handle_ws,
            self.host,
            self.port,
            process_request=self._process_request,
            compression=None,
            ping_interval=None,
            close_timeout=2.0,
            ssl=self.ssl,
        )
        self.port = self._server.sockets[0].getsockname()[1]
        scheme = "https" if self.ssl is not None else "http"
        self.base_url = f"{scheme}://{self.host}:{self.port}"
        return self.base_url

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self.stopping = True
        for sess in list(self._live):
            if sess.stalled:  # not reading: a close handshake could not complete
                sess.ws.transport.abort()
        server.close()
        await server.wait_closed()

    async def __aenter__(self) -> PinchEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # -- conveniences for tests -----------------------------------------------------------

    @property
    def ws_base(self) -> str:
        return ("wss" if self.ssl is not None else "ws") + self.base_url[self.base_url.index(":") :]

    def issued_tokens(self) -> list[str]:
        """Every session token handed out, for tests asserting they never leak."""
        return list(self._tokens)

    def ready_sessions(self) -> list[RecordedSession]:
        return [s for s in self.sessions if s.ready_at is not None]

    async def wait_for(self, predicate: Callable[[], object], limit: float = 5.0) -> None:
        """Poll ``predicate`` (every 5 ms) until true; TimeoutError after ``limit`` seconds."""
        async with asyncio.timeout(limit):
            while not predicate():  # noqa: ASYNC110 -- records change in many places; poll
                await asyncio.sleep(0.005)

    def wait_until(self, predicate: Callable[[], object], limit: float = 5.0) -> None:
        """Thread-side twin of :meth:`wait_for`, for use with :func:`running_in_thread`."""
        deadline = time.monotonic() + limit
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("condition not met in time")
            time.sleep(0.005)

    # -- HTTP -----------------------------------------------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        url = urlsplit(request.path)
        upgrade = "websocket" in request.headers.get("Upgrade", "").lower()
        if url.path == "/session":
            return None  # the library answers 426 to non-upgrade requests itself
        if url.path == "/v1/session" and not upgrade:
            if request.method != "GET":
                params = dict(parse_qsl(url.query, keep_blank_values=True))
                self.allocations.append(Allocation(time.monotonic(), 405, params))
                return _json_response(
                    405, _error_body("method_not_allowed", "use GET"), [("Allow", "GET")]
                )
            return self._allocate(request, url.query)
        return _json_response(404, _error_body("not_found", f"no route for {url.path}"))

    def _allocate(self, request: Request, query: str) -> Response:
        params = dict(parse_qsl(query, keep_blank_values=True))
        auth = request.headers.get("Authorization", "")
        parts = auth.split(None, 1)
        key = parts[1].strip() if len(parts) == 2 and parts[0].lower() == "bearer" else None
        faults = self.faults
        response: Response
        if key is None or key not in (self.good_key, self.forbidden_key):
            response = _json_response(401, _error_body("unauthorized", "invalid or missing key"))
        elif key == self.forbidden_key:
            response = _json_response(
                403,
                _error_body("forbidden", "this key is not entitled to real-time translation"),
            )
        elif faults.fail_503 > 0:
            faults.fail_503 -= 1
            response = _json_response(
                503, _error_body("capacity", "capacity temporarily exhausted, retry shortly")
            )
        elif faults.fail_429 > 0:
            faults.fail_429 -= 1
            headers = [] if faults.retry_after is None else [("Retry-After", faults.retry_after)]
            response = _json_response(
                429, _error_body("rate_limited", "too many requests"), headers
            )
        else:
            session_id = "ss_" + secrets.token_hex(8)
            token = secrets.token_urlsafe(24)
            self._tokens[token] = _Token(session_id, params, time.monotonic())
            scheme = "wss" if self.ssl is not None else "ws"
            expires: float | int = self.token_expiry
            if float(expires).is_integer():
                expires = int(expires)
            body = {
                "session_id": session_id,
                "ws_url": f"{scheme}://{self.host}:{self.port}/session?token={token}",
                "expires_in": expires,
            }
            response = _json_response(200, body)
        self.allocations.append(Allocation(time.monotonic(), response.status_code, params))
        log.info("allocation -> %d", response.status_code)
        return response

    # -- WebSocket ------------------------------------------------------------------------

    async def _handle_ws(self, ws: ServerConnection) -> None:
        assert ws.request is not None
        query = dict(parse_qsl(urlsplit(ws.request.path).query, keep_blank_values=True))
        token = self._tokens.get(query.get("token", ""))
        rejected: str | None = None
        if token is None:
            rejected = "unknown"
            rec = RecordedSession(session_id="", params={}, metadata={})
        else:
            metadata = dict(DEFAULT_METADATA)
            _apply_metadata(metadata, dict(token.params))
            rec = RecordedSession(token.session_id, dict(token.params), metadata)
            if token.used:
                rejected = "used"
            elif time.monotonic() - token.issued_at > self.token_expiry:
                rejected = "expired"
            elif self.faults.close_4401_at_open > 0:
                self.faults.close_4401_at_open -= 1
                rejected = "fault"
            token.used = True
        self.sessions.append(rec)
        if rejected is not None:
            rec.rejected = rejected
            rec.ended_by = "4401"
            log.info("session %s rejected with 4401 (%s)", rec.session_id or "?", rejected)
            await ws.close(CLOSE_TOKEN, "token expired or invalid")
            rcvd = ws.protocol.close_rcvd
            rec.close_code = rcvd.code if rcvd is not None else None
            rec.closed_at = time.monotonic()
            return
        log.info("session %s open", rec.session_id)
        session = _Session(self, ws, rec)
        self._live.add(session)
        try:
            await session.run()
        finally:
            self._live.discard(session)


# ---------------------------------------------------------------------------------------------
# Running from synchronous code


def running_in_thread(
    emu: PinchEmulator, timeout: float = 10.0
) -> contextlib.AbstractContextManager[PinchEmulator]:
    """Run ``emu`` in its own thread and event loop for the duration of the ``with`` block."""
    return threaded.running_in_thread(emu, "pinch-emulator", timeout)


def running_emulator(**kwargs: Any) -> contextlib.AbstractContextManager[PinchEmulator]:
    """``with running_emulator(faults=...) as emu:`` -- a :class:`PinchEmulator` in a thread."""
    return running_in_thread(PinchEmulator(**kwargs))


# ---------------------------------------------------------------------------------------------
# CLI


async def _serve_cli(args: argparse.Namespace) -> None:
    emu = PinchEmulator(
        good_key=args.good_key,
        forbidden_key=args.forbidden_key,
        token_expiry=args.token_expiry,
        host=args.host,
        port=args.port,
    )
    url = await emu.start()
    print(f"listening on {url}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await emu.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.emulator.pinch", description="Local Pinch API emulator"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--good-key", default="pk_test_good")
    parser.add_argument("--forbidden-key", default="pk_test_forbidden")
    parser.add_argument("--token-expiry", type=float, default=60.0)
    parser.add_argument("-v", "--verbose", action="store_true", help="log sessions to stderr")
    args = parser.parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
        log.setLevel(logging.INFO)
    asyncio.run(_serve_cli(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
