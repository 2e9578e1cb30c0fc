"""A local emulator of Smallest AI's Pulse real-time speech-to-text API, for tests.

It follows Smallest AI's published Pulse protocol (the spec ``smallest-pulse.md`` beside this
repository) and is deliberately independent of the ``dragoman`` package so it can catch client
bugs.  Where the spec is silent the emulator stays silent too: it sends nothing on connect,
ignores control messages it does not know, and never refuses what the spec allows.

One port serves both paths, ``/waves/v1/stt/live`` (recommended) and ``/waves/v1/pulse/get_text``
(legacy).  The upgrade is checked before it happens, as the real service does: a missing or bad
key gets HTTP 401 (``Authorization: Bearer <key>``, or ``?token=`` as browsers send it), a key
without the entitlement 403, a bad parameter 400 (language, encoding, sample rate, booleans that
are not ``true``/``false``, ...).

"Recognition" is an energy VAD on 20 ms blocks *at the declared sample rate*: the server does not
resample, so audio sent at another rate than declared shows up as wrong durations and pitches.
Texts are deterministic functions of the audio:

* every result: ``speech {n} {dur:.2f}s``, segment ``n`` of the session (1-based), ``dur`` its
  speech so far (first speech block to last) in seconds at the declared rate;
* endpointing (default on): after ``eou_timeout_ms`` (default 800) of non-speech the open
  segment gets its final;
* ``{"type":"finalize"}``: exactly one ``is_final`` result with ``from_finalize: true``, the open
  segment's text, or ``""`` when nothing is open;
* ``{"type":"close_stream"}``: the same with ``is_last: true``, then a close with 1000.

Run it on its own with ``python -m tests.emulator.pulse --port 0``.
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
import re
import secrets
import signal
import ssl as ssl_module
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from tests.emulator import threaded

__all__ = [
    "ERROR_SHAPES",
    "LEGACY_PATH",
    "LIVE_PATH",
    "Faults",
    "Handshake",
    "PulseEmulator",
    "RecordedSession",
    "Segment",
    "main",
    "running_emulator",
    "running_in_thread",
]

log = logging.getLogger("tests.emulator.pulse")

# ---------------------------------------------------------------------------------------------
# The spec's facts, and the emulator's decided VAD parameters

LIVE_PATH = "/waves/v1/stt/live"
LEGACY_PATH = "/waves/v1/pulse/get_text"
SAMPLE_RATES = frozenset({8000, 16000, 22050, 24000, 44100, 48000})
ENCODINGS = frozenset({"linear16", "linear32", "alaw", "mulaw", "opus", "ogg_opus"})
LANGUAGES = frozenset(
    {
        *("en", "hi", "de", "es", "ru", "it", "fr", "nl", "pt"),
        *("zh", "yue", "ja", "ko"),
        *("gu", "mr", "or", "bn", "ta", "te", "kn", "ml"),
        *("north_indic", "multi-asian", "multi-south-indic"),
    }
)
US_ONLY = frozenset({"zh", "yue", "ja", "ko", "multi-asian"})
INDIA_ONLY = frozenset({"gu", "mr", "or", "bn", "ta", "te", "kn", "ml", "multi-south-indic"})
AGGREGATE_FIRST = {"north_indic": "hi", "multi-asian": "zh", "multi-south-indic": "ta"}
BOOL_PARAMS = frozenset(
    {"word_timestamps", "punctuate", "capitalize", "itn_normalize", "endpointing", "vad_events"}
)
KEYWORD = re.compile(r"[^,:]+:-?\d+(\.\d+)?")

BLOCK_MS = 20
SPEECH_RMS = 0.01  # block RMS (full scale = 1.0) above which a block is speech
MIN_SPEECH_MS = 60  # shorter segments are noise
INTERIM_EVERY_MS = 300
DEFAULT_EOU_MS = 800
CLOSE_CONCURRENCY = 1008
ERROR_SHAPES = ("type", "status", "object", "code")


# ---------------------------------------------------------------------------------------------
# Public records


@dataclass
class Faults:
    """Fault injection. Count fields are budgets: each fault that fires decrements its field,
    so assigning e.g. ``emu.faults.close_1008_at_open = 2`` at any time means "the next 2"."""

    # Authorised upgrades answered with these HTTP statuses, one per attempt, in order.
    http_statuses: list[int] = field(default_factory=list)
    retry_after: str | None = "1"  # Retry-After on 429/503 answers (None: no header)
    close_1008_at_open: int = 0  # accepted sockets closed at once with 1008
    drop_after_speech_ms: int | None = None  # drop when an open segment holds this much speech ...
    drop_kind: str = "tcp"  # ... "tcp": abort, no close frame; or a close code such as "1011"
    drop_sessions: int = 1  # budget of sessions that get the drop
    final_delay: float = 0.0  # slow finals: each final (and all after it) waits this long
    legacy_shapes: bool = False  # transcription messages without "type"
    omit_from_finalize: bool = False  # finals never say from_finalize
    error_shape: str | None = None  # after the first audio: one error message in this shape
    # Sockets that die right after the upgrade (a server that accepts and at once loses every
    # session; Pulse has no ready message, the open socket is the ready one).
    kill_at_open: int = 0  # budget of accepted sockets killed at once ...
    kill_kind: str = "1011"  # ... by this close code ("1000", "1011", ...), "tcp" (abort, no
    # close frame) or "oversized" (one text message of kill_frame_bytes)
    kill_error_shape: str | None = None  # ... after one error message in this shape
    kill_frame_bytes: int = 2 * 1024 * 1024
    # A server that hears at real-time pace: audio is recorded as it arrives but recognised no
    # faster than 20 ms per 20 ms block; finalize and close_stream wait for the audio before them.
    realtime: bool = False
    # Misbehaving results (not in the spec; each is a budget of segments unless said otherwise):
    # Every result's transcript ends in a lone surrogate "\ud83d" (legal JSON, not encodable as
    # UTF-8), an ESC sequence and a line break.
    hostile_text: bool = False
    mute: bool = False  # hears everything, answers nothing (no result, no is_last, no close)
    never_final: int = 0  # segments that get interims but no final (is_last still comes)
    malformed_finals: int = 0  # finals saying is_final "yes", then transcript as a list, ...
    interim_flood: int = 0  # copies of each segment's first interim, sent at once


class Handshake(NamedTuple):
    time: float  # time.monotonic()
    path: str
    status: int  # 101 when upgraded
    params: dict[str, str]
    auth: str | None  # "header", "token" or None
    message: str  # why it was refused ("" when upgraded)


@dataclass
class Segment:
    """Speech found by the VAD. ``start``/``end`` are sample offsets in the session's audio at
    the declared rate (first speech block start, last speech block end)."""

    index: int
    start: int
    end: int
    speech_ms: int = 0
    final_by: str | None = None  # "eou", "finalize", "close_stream"

    @property
    def finalised(self) -> bool:
        return self.final_by is not None


@dataclass
class RecordedSession:
    session_id: str
    path: str
    params: dict[str, str]
    auth: str
    language: str
    encoding: str
    declared_rate: int
    audio: bytearray = field(default_factory=bytearray)
    frames: list[tuple[float, int]] = field(default_factory=list)
    controls: list[str] = field(default_factory=list)  # text messages received, in order
    control_at: list[tuple[float, str]] = field(default_factory=list)  # (time, type)
    audio_after_close_stream: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)
    sent_at: list[float] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    close_code: int | None = None
    ended_by: str | None = None  # "client", "server", "tcp", "1011", "1008", "stopped", "lost"
    opened_at: float = field(default_factory=time.monotonic)
    closed_at: float | None = None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def of_type(self, *types: str | None) -> list[dict[str, Any]]:
        """Sent messages whose ``type`` is one of ``types`` (None: messages without a type)."""
        return [m for m in self.sent if m.get("type") in types]

    def results(self) -> list[dict[str, Any]]:
        return [m for m in self.sent if "transcript" in m]

    def finals(self) -> list[dict[str, Any]]:
        return [m for m in self.results() if m.get("is_final") is True]

    def dominant_hz(self) -> float:
        """The strongest frequency of the received linear16 audio, *at the declared rate*.

        A client that sends 16 kHz audio but declares another rate makes this wrong by the same
        factor, which is how a test proves what was declared is what was sent.
        """
        pcm = np.frombuffer(bytes(self.audio[: len(self.audio) // 2 * 2]), dtype="<i2")
        if pcm.size < 2:
            return 0.0
        spectrum = np.abs(np.fft.rfft(pcm.astype(np.float64) * np.hanning(pcm.size)))
        spectrum[0] = 0.0
        return float(np.argmax(spectrum)) * self.declared_rate / pcm.size


# ---------------------------------------------------------------------------------------------
# Helpers


def _json(obj: object) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def _response(
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


def _param_problem(path: str, params: dict[str, str]) -> str | None:
    """Why the spec's server would answer 400, or None."""
    language = params.get("language")
    if not language:
        return "language is required"
    if language not in LANGUAGES:
        return f"language {language!r} is not supported for streaming"
    model = params.get("model")
    if path == LIVE_PATH and model is not None and model != "pulse":
        return f"model {model!r} is not available"
    if params.get("encoding", "linear16") not in ENCODINGS:
        return f"encoding {params['encoding']!r} is not supported"
    rate = params.get("sample_rate", "16000")
    if not rate.isdigit() or int(rate) not in SAMPLE_RATES:
        return f"sample_rate {rate!r} is not supported"
    for name in BOOL_PARAMS & params.keys():
        if params[name] not in ("true", "false"):
            return f"{name} must be true or false"
    eou = params.get("eou_timeout_ms")
    if eou is not None and (not eou.isdigit() or int(eou) <= 0):
        return "eou_timeout_ms must be a positive integer"
    keywords = params.get("keywords")
    if keywords is not None and not all(KEYWORD.fullmatch(k) for k in keywords.split(",")):
        return "keywords must be word:intensity, comma separated"
    return None


def _error_message(shape: str, message: str) -> dict[str, Any]:
    if shape == "type":
        return {"type": "error", "message": message}
    if shape == "status":
        return {"status": "error", "message": message}
    if shape == "object":
        return {"error": {"code": "emulated", "message": message}}
    return {"error_code": "emulated", "message": message}


# Outbound queue items (the writer task sends them in order).
@dataclass
class _Delay:
    seconds: float


@dataclass
class _Close:
    code: int
    reason: str


class _Abort:
    pass


_Out = str | _Delay | _Close | _Abort


@dataclass
class _Open:
    """VAD state of the segment being heard (recorded once it holds MIN_SPEECH_MS)."""

    start: int
    last_speech_end: int
    speech_blocks: int = 1
    silence_ms: int = 0
    blocks: int = 1
    last_interim_blocks: int = 0
    segment: Segment | None = None


# ---------------------------------------------------------------------------------------------
# One WebSocket session


class _Session:
    def __init__(self, emu: PulseEmulator, ws: ServerConnection, rec: RecordedSession) -> None:
        self.emu = emu
        self.ws = ws
        self.rec = rec
        params = rec.params
        self.endpointing = params.get("endpointing", "true") == "true"
        self.vad_events = params.get("vad_events") == "true"
        self.words = params.get("word_timestamps") == "true"
        self.eou_ms = int(params.get("eou_timeout_ms", DEFAULT_EOU_MS))
        self.pcm = rec.encoding == "linear16"
        self.block_bytes = rec.declared_rate * BLOCK_MS // 1000 * 2
        faults = emu.faults
        self.legacy = faults.legacy_shapes
        self.omit_from_finalize = faults.omit_from_finalize
        self.final_delay = faults.final_delay
        self.error_shape = faults.error_shape
        self.out: asyncio.Queue[_Out] = asyncio.Queue()
        self.vad_bytes = 0
        self.cur: _Open | None = None
        self.ending = False  # a drop or close_stream is under way: no more recognition
        self.stream_closed = False  # close_stream received
        self.killed = False  # dying at once: audio is still recorded, nothing is recognised
        self.realtime = faults.realtime
        self.arrived = asyncio.Event()  # realtime: audio or a control arrived for the listener
        self.controls_due: deque[tuple[int, str]] = deque()  # realtime: (audio position, type)
        self.misbehaving: dict[int, str] = {}  # segment index -> "never_final" / "is_final"...
        self.flooded: set[int] = set()  # segments whose first interim is still to be flooded
        self.malformed_sent = 0
        if faults.kill_at_open > 0:
            faults.kill_at_open -= 1
            self._kill(faults.kill_kind, faults.kill_error_shape, faults.kill_frame_bytes)

    def _kill(self, kind: str, error_shape: str | None, frame_bytes: int) -> None:
        """The socket dies at once: no recognition, maybe an error message, then the end."""
        self.killed = True
        if error_shape is not None:
            message = f"emulated failure in the {error_shape!r} shape"
            self.out.put_nowait(_json(_error_message(error_shape, message)))
        if kind == "tcp":
            self.out.put_nowait(_Abort())
        elif kind == "oversized":  # the client refuses it and closes (ended_by: "client")
            skeleton = '{"type":"padding","pad":""}'
            pad = "x" * max(0, frame_bytes - len(skeleton))
            self.out.put_nowait('{"type":"padding","pad":"' + pad + '"}')
        else:
            self.out.put_nowait(_Close(int(kind), "emulated server failure"))

    async def run(self) -> None:
        writer = asyncio.create_task(self._writer())
        reader = asyncio.create_task(self._reader())
        tasks = [reader, writer]
        if self.realtime:
            tasks.append(asyncio.create_task(self._listen()))
        try:
            await asyncio.wait({reader, writer}, return_when=asyncio.FIRST_COMPLETED)
            await self.ws.wait_closed()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            rec = self.rec
            if rec.ended_by is None:
                rec.ended_by = "stopped" if self.emu.stopping else "lost"
            rec.closed_at = time.monotonic()
            log.info("session %s ended by %s", rec.session_id, rec.ended_by)

    async def _writer(self) -> None:
        ws, rec = self.ws, self.rec
        with contextlib.suppress(ConnectionClosed):
            while True:
                item = await self.out.get()
                if isinstance(item, str):
                    await ws.send(item)
                    rec.sent.append(json.loads(item))
                    rec.sent_at.append(time.monotonic())
                elif isinstance(item, _Delay):
                    await asyncio.sleep(item.seconds)
                elif isinstance(item, _Abort):
                    rec.ended_by = "tcp"
                    ws.transport.abort()
                    return
                else:
                    if rec.ended_by is None:  # before the client's answering close frame
                        rec.ended_by = "server" if item.code == 1000 else str(item.code)
                        rec.close_code = item.code
                    await ws.close(item.code, item.reason)
                    return

    async def _reader(self) -> None:
        rec = self.rec
        try:
            async for message in self.ws:
                if isinstance(message, bytes):
                    self._on_audio(message)
                else:
                    self._on_text(message)
            rcvd = self.ws.protocol.close_rcvd
        except ConnectionClosed as exc:
            rcvd = exc.rcvd
        if rec.ended_by is None:
            if rcvd is not None:
                rec.ended_by = "client"
                rec.close_code = rcvd.code
            elif self.emu.stopping:
                rec.ended_by = "stopped"

    # -- client -> server -----------------------------------------------------------------

    def _on_text(self, text: str) -> None:
        self.rec.controls.append(text)
        try:
            message = json.loads(text)
        except ValueError:
            return
        kind = message.get("type") if isinstance(message, dict) else None
        if not isinstance(kind, str):
            return
        self.rec.control_at.append((time.monotonic(), kind))
        if self.ending or self.killed:
            return
        if self.realtime and kind in ("finalize", "close_stream"):
            # Heard in order: after the audio sent before it has been heard.
            self.controls_due.append((len(self.rec.audio), kind))
            self.stream_closed = self.stream_closed or kind == "close_stream"
            self.arrived.set()
            return
        self._control(kind)

    def _control(self, kind: str) -> None:
        if kind == "finalize":
            self._flush(by="finalize")
        elif kind == "close_stream":
            self._flush(by="close_stream")
            self.ending = self.stream_closed = True
            if not self.emu.faults.mute:
                self.out.put_nowait(_Close(1000, "stream closed"))

    def _on_audio(self, data: bytes) -> None:
        rec = self.rec
        first = not rec.audio
        if self.ending or (self.realtime and self.stream_closed):
            if self.stream_closed:
                rec.audio_after_close_stream += len(data)
            return
        rec.audio += data
        rec.frames.append((time.monotonic(), len(data)))
        if first and self.error_shape is not None:
            message = f"emulated error in the {self.error_shape!r} shape"
            self.out.put_nowait(_json(_error_message(self.error_shape, message)))
        if not self.pcm or self.killed:
            return  # recorded, not recognised: the emulator decodes linear16 only
        if self.realtime:
            self.arrived.set()  # the listener hears it in its own time
            return
        while not self.ending and len(rec.audio) - self.vad_bytes >= self.block_bytes:
            self._hear_block()

    def _hear_block(self) -> None:
        start = self.vad_bytes
        self.vad_bytes += self.block_bytes
        self._vad_block(start // 2, bytes(self.rec.audio[start : self.vad_bytes]))

    async def _listen(self) -> None:
        """Faults.realtime: block ``n`` is heard no sooner than ``n`` blocks after the first."""
        loop = asyncio.get_running_loop()
        first: float | None = None
        heard = 0
        while True:
            while self.controls_due and self.controls_due[0][0] - self.vad_bytes < self.block_bytes:
                _, kind = self.controls_due.popleft()
                if not self.ending:
                    self._control(kind)
            if self.ending or len(self.rec.audio) - self.vad_bytes < self.block_bytes:
                self.arrived.clear()
                await self.arrived.wait()
                continue
            now = loop.time()
            if first is None:
                first = now
            due = first + heard * BLOCK_MS / 1000
            if due > now:
                await asyncio.sleep(due - now)
                continue
            heard += 1
            self._hear_block()

    # -- recognition ----------------------------------------------------------------------

    def _vad_block(self, start: int, block: bytes) -> None:
        x = np.frombuffer(block, dtype="<i2").astype(np.float64) / 32768.0
        speech = math.sqrt(float(np.mean(x * x))) > SPEECH_RMS
        end = start + len(block) // 2
        cur = self.cur
        if cur is None:
            if not speech:
                return
            cur = self.cur = _Open(start=start, last_speech_end=end)
            if self.vad_events:
                self._send({"type": "speech_started", "timestamp": self._seconds(start)})
        else:
            cur.blocks += 1
            if speech:
                cur.speech_blocks += 1
                cur.silence_ms = 0
                cur.last_speech_end = end
            else:
                cur.silence_ms += BLOCK_MS
                if self.endpointing and cur.silence_ms >= self.eou_ms:
                    self._end_segment(by="eou")
                    return
        seg = cur.segment
        speech_ms = cur.speech_blocks * BLOCK_MS
        if seg is None and speech_ms >= MIN_SPEECH_MS:
            seg = cur.segment = Segment(len(self.rec.segments) + 1, cur.start, cur.last_speech_end)
            self.rec.segments.append(seg)
            self._assign_fault(seg)
        if seg is None:
            return
        seg.end, seg.speech_ms = cur.last_speech_end, speech_ms
        if speech and self._should_drop(speech_ms):
            return
        if (cur.blocks - cur.last_interim_blocks) * BLOCK_MS >= INTERIM_EVERY_MS:
            cur.last_interim_blocks = cur.blocks
            self._result(seg, final=False)

    def _assign_fault(self, seg: Segment) -> None:
        """Decide once, when a segment is found, which misbehaviour (if any) its results get."""
        faults = self.emu.faults
        if faults.never_final > 0:
            faults.never_final -= 1
            self.misbehaving[seg.index] = "never_final"
        elif faults.malformed_finals > 0:
            faults.malformed_finals -= 1
            self.malformed_sent += 1
            self.misbehaving[seg.index] = "is_final" if self.malformed_sent % 2 else "transcript"
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
            self.out.put_nowait(_Abort())
        else:
            self.out.put_nowait(_Close(int(faults.drop_kind), "emulated server failure"))
        return True

    def _end_segment(self, *, by: str, last: bool = False) -> bool:
        """Close the open segment with its final; False if nothing (or only noise) was open."""
        cur, self.cur = self.cur, None
        if cur is None:
            return False
        if self.vad_events:
            self._send({"type": "speech_ended", "timestamp": self._seconds(cur.last_speech_end)})
        if cur.segment is None:
            return False
        cur.segment.final_by = by
        if self.misbehaving.get(cur.segment.index) == "never_final":
            if last:  # the stream still ends as the spec says
                self._final_message("", by=by, last=True, words=[])
            return True
        self._result(cur.segment, final=True, by=by, last=last)
        return True

    def _flush(self, *, by: str) -> None:
        """finalize / close_stream: exactly one final, empty when nothing was open."""
        last = by == "close_stream"
        if not self._end_segment(by=by, last=last):
            self._final_message("", by=by, last=last, words=[])

    def _result(self, seg: Segment, *, final: bool, by: str = "", last: bool = False) -> None:
        text = f"speech {seg.index} {(seg.end - seg.start) / self.rec.declared_rate:.2f}s"
        if not final:
            copies = 1
            if seg.index in self.flooded:
                self.flooded.discard(seg.index)
                copies += self.emu.faults.interim_flood
            for _ in range(copies):
                self._send(self._head() | {"transcript": text, "is_final": False, "is_last": False})
            return
        words = [
            {
                "word": f"speech{seg.index}",
                "start": self._seconds(seg.start),
                "end": self._seconds(seg.end),
                "confidence": 0.9,
                "speaker": 0,
            }
        ]
        self._final_message(
            text, by=by, last=last, words=words, malformed=self.misbehaving.get(seg.index)
        )

    def _final_message(
        self, text: str, *, by: str, last: bool, words: list[Any], malformed: str | None = None
    ) -> None:
        language = self.rec.language
        detected = AGGREGATE_FIRST.get(language, language)
        message: dict[str, Any] = self._head() | {
            "transcript": text,
            "is_final": True,
            "is_last": last,
            "language": detected,
            "languages": [detected],
        }
        if not self.omit_from_finalize:
            message["from_finalize"] = by in ("finalize", "close_stream")
        if self.words:
            message["words"] = words
        if not last and malformed == "is_final":
            message["is_final"] = "yes"
        elif not last and malformed == "transcript":
            message["transcript"] = [text]
        if self.final_delay > 0:
            self.out.put_nowait(_Delay(self.final_delay))
        self._send(message)

    def _head(self) -> dict[str, Any]:
        head: dict[str, Any] = {} if self.legacy else {"type": "transcription"}
        return head | {"session_id": self.rec.session_id}

    def _send(self, message: dict[str, Any]) -> None:
        if self.emu.faults.mute:
            return
        text = message.get("transcript")
        if self.emu.faults.hostile_text and isinstance(text, str) and text:
            message["transcript"] += " \ud83d \x1b[2J\n"
            self.out.put_nowait(json.dumps(message, separators=(",", ":")))  # escaped: legal JSON
            return
        self.out.put_nowait(_json(message))

    def _seconds(self, sample: int) -> float:
        return round(sample / self.rec.declared_rate, 3)


# ---------------------------------------------------------------------------------------------
# The server


class PulseEmulator:
    """The Pulse live endpoints on one 127.0.0.1 port. See the module docstring.

    ``region`` "us" or "india" makes it one of the two hosts: it then refuses (400) languages
    the spec places on the other one; None serves every language.
    """

    def __init__(
        self,
        *,
        good_key: str = "sk_test_good",
        forbidden_key: str = "sk_test_forbidden",
        region: str | None = None,
        concurrency_limit: int | None = None,
        faults: Faults | None = None,
        ssl: ssl_module.SSLContext | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.good_key = good_key
        self.forbidden_key = forbidden_key
        self.region = region
        self.concurrency_limit = concurrency_limit
        self.faults = faults if faults is not None else Faults()
        self.ssl = ssl
        self.host = host
        self.port = port
        self.handshakes: list[Handshake] = []
        self.sessions: list[RecordedSession] = []
        self.base_url = ""
        self.stopping = False
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
        scheme = "wss" if self.ssl is not None else "ws"
        self.base_url = f"{scheme}://{self.host}:{self.port}"
        return self.base_url

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self.stopping = True
        server.close()
        await server.wait_closed()

    async def __aenter__(self) -> PulseEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # -- conveniences for tests -----------------------------------------------------------

    def url(self, path: str = LIVE_PATH, **params: str) -> str:
        """``ws://host:port{path}?{params}``, URL-encoded."""
        query = urlencode(params)
        return f"{self.base_url}{path}" + (f"?{query}" if query else "")

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

    # -- the upgrade ----------------------------------------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        url = urlsplit(request.path)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        auth, key = self._credentials(request, params)
        status, message, headers = self._verdict(url.path, params, key)
        self.handshakes.append(Handshake(time.monotonic(), url.path, status, params, auth, message))
        if status == 101:
            return None
        log.info("upgrade refused with %d: %s", status, message)
        return _response(status, {"error": {"code": status, "message": message}}, headers)

    @staticmethod
    def _credentials(request: Request, params: dict[str, str]) -> tuple[str | None, str | None]:
        parts = request.headers.get("Authorization", "").split(None, 1)
        if len(parts) == 2 and parts[0].lower() == "bearer":
            return "header", parts[1].strip()
        if "token" in params:
            return "token", params["token"]
        return None, None

    def _verdict(
        self, path: str, params: dict[str, str], key: str | None
    ) -> tuple[int, str, list[tuple[str, str]]]:
        if path not in (LIVE_PATH, LEGACY_PATH):
            return 404, f"no route for {path}", []
        if key is None or key not in (self.good_key, self.forbidden_key):
            return 401, "invalid or missing API key", []
        if key == self.forbidden_key:
            return 403, "this key may not use real-time transcription", []
        faults = self.faults
        if faults.http_statuses:
            status = faults.http_statuses.pop(0)
            headers = []
            if status in (429, 503) and faults.retry_after is not None:
                headers.append(("Retry-After", faults.retry_after))
            return status, f"emulated HTTP {status}", headers
        problem = _param_problem(path, params)
        if problem is not None:
            return 400, problem, []
        language = params["language"]
        if self.region == "us" and language in INDIA_ONLY:
            return 400, f"language {language!r} is served by the default host", []
        if self.region == "india" and language in US_ONLY:
            return 400, f"language {language!r} is served by the US host", []
        return 101, "", []

    # -- WebSocket ------------------------------------------------------------------------

    async def _handle_ws(self, ws: ServerConnection) -> None:
        assert ws.request is not None
        url = urlsplit(ws.request.path)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        auth, _ = self._credentials(ws.request, params)
        rec = RecordedSession(
            session_id="sess_" + secrets.token_hex(6),
            path=url.path,
            params=params,
            auth=auth or "",
            language=params["language"],
            encoding=params.get("encoding", "linear16"),
            declared_rate=int(params.get("sample_rate", "16000")),
        )
        self.sessions.append(rec)
        limit = self.concurrency_limit
        if self.faults.close_1008_at_open > 0 or (limit is not None and len(self._live) >= limit):
            if self.faults.close_1008_at_open > 0:
                self.faults.close_1008_at_open -= 1
            rec.ended_by, rec.close_code = "1008", CLOSE_CONCURRENCY
            await ws.close(CLOSE_CONCURRENCY, "concurrency limit exceeded")
            rec.closed_at = time.monotonic()
            return
        log.info("session %s open (%s)", rec.session_id, rec.language)
        session = _Session(self, ws, rec)
        self._live.add(session)
        try:
            await session.run()
        finally:
            self._live.discard(session)


# ---------------------------------------------------------------------------------------------
# Running from synchronous code


def running_in_thread(
    emu: PulseEmulator, timeout: float = 10.0
) -> contextlib.AbstractContextManager[PulseEmulator]:
    """Run ``emu`` in its own thread and event loop for the duration of the ``with`` block."""
    return threaded.running_in_thread(emu, "pulse-emulator", timeout)


def running_emulator(**kwargs: Any) -> contextlib.AbstractContextManager[PulseEmulator]:
    """``with running_emulator(faults=...) as emu:`` -- a :class:`PulseEmulator` in a thread."""
    return running_in_thread(PulseEmulator(**kwargs))


# ---------------------------------------------------------------------------------------------
# CLI


async def _serve_cli(args: argparse.Namespace) -> None:
    emu = PulseEmulator(
        good_key=args.good_key,
        forbidden_key=args.forbidden_key,
        region=args.region,
        concurrency_limit=args.concurrency_limit,
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
        prog="python -m tests.emulator.pulse", description="Local Smallest AI Pulse emulator"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--good-key", default="sk_test_good")
    parser.add_argument("--forbidden-key", default="sk_test_forbidden")
    parser.add_argument("--region", choices=("us", "india"), default=None)
    parser.add_argument("--concurrency-limit", type=int, default=None)
    parser.add_argument("-v", "--verbose", action="store_true", help="log sessions to stderr")
    args = parser.parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
        log.setLevel(logging.INFO)
    asyncio.run(_serve_cli(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
