"""A local emulator of Pinch's dubbing API (asynchronous jobs), for tests.

It follows ``/work/shared/specs/pinch-dubbing.md`` and, like the real-time emulator, is
deliberately independent of the ``dragoman`` package so it can catch client bugs.  Where the spec
leaves room it takes the liberty a real server could: ``progress`` comes as a number, an object,
text or not at all; a 400 names its field in ``error.field``, in a FastAPI-style ``detail`` list or
only in the message; storage refusals are opaque XML.

One port serves both the API and the "storage host" of the presigned links:

* ``POST /api/dubbing/upload-url`` → a signed ``PUT /storage/upload/{token}?...`` link whose
  signature covers the announced Content-Type (a mismatch is an opaque 403, as the spec warns),
  which refuses an ``Authorization`` header and a body without Content-Length, and records the
  bytes' length and SHA-256 (the first ``keep_bytes`` are kept);
* ``POST /api/dubbing/jobs``, ``GET /api/dubbing/jobs/{id}`` (each poll is a tick of the job's
  state machine, see :class:`Pace`) and ``GET /api/dubbing/jobs/{id}/result`` (a fresh link);
* ``GET /storage/output/...`` and ``/storage/subtitles/...``: signed, expiring downloads that
  honour ``Range`` (so a client can resume).

The dubbed output is deterministic (:func:`output_bytes`); tests compare hashes.
Run it on its own with ``python -m tests.emulator.dubbing --port 0``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import re
import secrets
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import h11

from tests.emulator import threaded

__all__ = [
    "LANGUAGES",
    "DubbingEmulator",
    "EmuJob",
    "Faults",
    "Pace",
    "Upload",
    "main",
    "output_bytes",
    "running_emulator",
    "subtitle_bytes",
]

log = logging.getLogger("tests.emulator.dubbing")

LANGUAGES = frozenset({"en", "es", "fr", "de", "it", "pt", "ru", "ja", "ko", "zh"})
MEDIA_EXTENSIONS = frozenset(
    ".mp4 .mov .mkv .webm .avi .flv .ts .wav .mp3 .flac .ogg .m4a .aac .wma".split()
)
AUDIO_EXTENSIONS = frozenset(".wav .mp3 .flac .ogg .m4a .aac .wma".split())
STATES = ("pending", "downloading", "processing", "uploading", "completed")
STAGE_NAMES = ("Transcribing", "Translating", "Synthesizing voice", "Lip sync", "Mixing")
LINK_LIFETIME_S = 48 * 3600.0
READ_CHUNK = 256 * 1024
SEND_CHUNK = 64 * 1024
MAX_API_BODY = 1024 * 1024


def output_bytes(job_id: str, target_lang: str, size: int) -> bytes:
    """THE dubbed output of a job: a header line, then a SHA-256 chain, ``size`` bytes in all."""
    out = bytearray(f"EMULATED DUB {job_id} {target_lang}\n".encode())
    block = hashlib.sha256(job_id.encode()).digest()
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:size])


def subtitle_bytes(job_id: str, language: str) -> bytes:
    return (
        f"1\n00:00:00,000 --> 00:00:02,000\n[{language}] {job_id} line one\n\n"
        f"2\n00:00:02,000 --> 00:00:04,500\n[{language}] {job_id} line two\n"
    ).encode()


@dataclass
class Pace:
    """How a job moves: each state lasts ``polls`` GETs of the job (and at least ``seconds``);
    ``processing`` lasts ``processing_polls``, each showing more progress."""

    polls: int = 1
    seconds: float = 0.0
    processing_polls: int = 3


@dataclass
class Faults:
    """Fault injection.  Count fields are budgets: each fault that fires decrements its field."""

    fail_429: int = 0  # API requests answered 429 (with Retry-After: retry_after unless None)
    fail_503: int = 0  # then this many answered 503
    fail_500: int = 0  # then this many answered 500 with an HTML body
    retry_after: str | None = "1"
    fault_paths: tuple[str, ...] = ()  # only API paths starting with one of these ('' = all)
    drop_api: int = 0  # API requests whose connection is closed without an answer
    drop_download_after: int | None = None  # the next download is cut after this many bytes
    drop_downloads: int = 1  # ... budget of downloads cut so
    fail_downloads_503: int = 0  # storage GETs answered 503
    expire_output_links: bool = False  # output_url in job status has already expired
    expire_subtitle_links: int = 0  # budget of job answers whose subtitle links are expired
    fail_jobs: int = 0  # jobs that end in failed ...
    failure: object = field(
        default_factory=lambda: {"code": "source_unreachable", "message": "Could not fetch it."}
    )
    fail_in: str = "downloading"  # ... from this state
    stuck: bool = False  # processing never ends while set
    progress_style: str = "number"  # number | object | text | none | mixed
    error_style: str = "field"  # how a 400 names its field: field | detail | message
    max_duration_s: float | None = None  # longer media: 400 video_too_long
    max_bytes: int | None = None  # larger uploads: 400 video_too_large
    omit_nulls: bool = False  # leave out absent fields instead of sending null


@dataclass
class Upload:
    token: str
    filename: str
    content_type: str  # announced in POST /upload-url
    put_content_type: str | None = None
    size: int = 0
    sha256: str = ""
    head: bytes = b""
    complete: bool = False
    puts: int = 0


@dataclass
class EmuJob:
    job_id: str
    source_url: str
    target_lang: str
    source_lang: str
    reduce_accent: bool
    duration_s: float
    cost_usd: float
    audio: bool
    state: str = "pending"
    polls_in_state: int = 0
    entered_at: float = 0.0
    stage: int = 0
    fail: object = None
    polls: int = 0
    results: int = 0  # fresh links handed out by /result


@dataclass
class RequestRecord:
    method: str
    path: str
    authorized: bool  # carried an Authorization header
    status: int = 0
    range: str | None = None
    content_length: str | None = None
    chunked: bool = False


class DubbingEmulator:
    def __init__(
        self,
        *,
        good_key: str = "pk_test_good",
        broke_key: str = "pk_test_broke",
        forbidden_key: str = "pk_test_forbidden",
        host: str = "127.0.0.1",
        port: int = 0,
        pace: Pace | None = None,
        faults: Faults | None = None,
        link_lifetime: float = LINK_LIFETIME_S,
        bytes_per_second: float = 16_000.0,
        url_duration_s: float = 42.0,
        usd_per_minute: float = 0.1,
        output_size: int = 150_001,
        keep_bytes: int = 1024 * 1024,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.good_key, self.broke_key, self.forbidden_key = good_key, broke_key, forbidden_key
        self.host, self.port = host, port
        self.pace = pace or Pace()
        self.faults = faults or Faults()
        self.link_lifetime = link_lifetime
        self.bytes_per_second = bytes_per_second
        self.url_duration_s = url_duration_s
        self.usd_per_minute = usd_per_minute
        self.output_size = output_size
        self.keep_bytes = keep_bytes
        self.clock = clock
        self.base_url = ""
        self.uploads: dict[str, Upload] = {}
        self.jobs: dict[str, EmuJob] = {}
        self.created: list[dict[str, Any]] = []  # the bodies of accepted job creations
        self.requests: list[RequestRecord] = []
        self._secret = secrets.token_bytes(16)
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> DubbingEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> str:
        if self._server is not None:
            return self.base_url
        self._server = await asyncio.start_server(self._accept, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        self.base_url = f"http://{self.host}:{self.port}"
        return self.base_url

    async def stop(self) -> None:
        if self._server is None:
            return
        self._server.close()
        for task in list(self._connections):
            task.cancel()
        for task in list(self._connections):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self._server.wait_closed()
        self._server = None

    # -- what tests read ------------------------------------------------------------------------

    def output_of(self, job_id: str) -> bytes:
        job = self.jobs[job_id]
        return output_bytes(job_id, job.target_lang, self.output_size)

    def storage_requests(self) -> list[RequestRecord]:
        return [r for r in self.requests if r.path.startswith("/storage/")]

    def api_requests(self, path_prefix: str = "/api/") -> list[RequestRecord]:
        return [r for r in self.requests if r.path.startswith(path_prefix)]

    # -- connections ----------------------------------------------------------------------------

    def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.create_task(self._serve(reader, writer))
        self._connections.add(task)
        task.add_done_callback(self._connections.discard)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = h11.Connection(h11.SERVER)
        try:
            while True:
                event = await _next_event(conn, reader)
                if not isinstance(event, h11.Request):
                    return
                exchange = _Exchange(conn, reader, writer, event)
                self.requests.append(exchange.record)
                await self._route(exchange)
                if exchange.closed or conn.our_state is not h11.DONE:
                    return
                if conn.their_state is not h11.DONE:
                    return
                conn.start_next_cycle()
        except (ConnectionError, h11.ProtocolError, asyncio.IncompleteReadError):
            return
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _route(self, ex: _Exchange) -> None:
        path, method = ex.path, ex.method
        if path.startswith("/storage/upload/") and method == "PUT":
            await self._put_upload(ex)
        elif path.startswith(("/storage/output/", "/storage/subtitles/")) and method == "GET":
            await self._download(ex)
        elif path.startswith("/api/dubbing/"):
            await self._api(ex)
        else:
            await ex.read_body(MAX_API_BODY)
            await ex.send_json(404, {"error": {"code": "not_found", "message": "No such route."}})

    # -- the API --------------------------------------------------------------------------------

    async def _api(self, ex: _Exchange) -> None:
        raw = await ex.read_body(MAX_API_BODY)
        key = _bearer(ex.header("authorization"))
        if key not in (self.good_key, self.broke_key, self.forbidden_key):
            await ex.send_json(
                401, {"error": {"code": "unauthorized", "message": "Invalid or missing API key."}}
            )
            return
        if key == self.forbidden_key:
            await ex.send_json(
                403, {"error": {"code": "forbidden", "message": "Dubbing is not enabled."}}
            )
            return
        if await self._api_fault(ex):
            return
        path, method = ex.path, ex.method
        job_match = re.fullmatch(r"/api/dubbing/jobs/([^/]+)(/result)?", path)
        if path == "/api/dubbing/upload-url" and method == "POST":
            await self._upload_url(ex, raw)
        elif path == "/api/dubbing/jobs" and method == "POST":
            await self._create(ex, raw, broke=key == self.broke_key)
        elif job_match and method == "GET":
            job = self.jobs.get(job_match.group(1))
            if job is None:
                await ex.send_json(
                    404, {"error": {"code": "not_found", "message": "Job not found."}}
                )
            elif job_match.group(2):
                await self._result(ex, job)
            else:
                await ex.send_json(200, self._status(job))
        else:
            await ex.send_json(405, {"error": {"code": "method_not_allowed", "message": path}})

    async def _api_fault(self, ex: _Exchange) -> bool:
        f = self.faults
        if f.fault_paths and not ex.path.startswith(f.fault_paths):
            return False
        if f.drop_api > 0:
            f.drop_api -= 1
            ex.abort()
            return True
        if f.fail_429 > 0:
            f.fail_429 -= 1
            headers = [("Retry-After", f.retry_after)] if f.retry_after is not None else []
            body = {"error": {"code": "rate_limited", "message": "Too many requests."}}
            await ex.send_json(429, body, headers=headers)
            return True
        if f.fail_503 > 0:
            f.fail_503 -= 1
            body = {"error": {"code": "unavailable", "message": "Try again shortly."}}
            await ex.send_json(503, body)
            return True
        if f.fail_500 > 0:
            f.fail_500 -= 1
            await ex.send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
            return True
        return False

    async def _upload_url(self, ex: _Exchange, raw: bytes) -> None:
        data = _json_body(raw)
        filename = data.get("filename") if data else None
        content_type = data.get("content_type") if data else None
        for name, value in (("filename", filename), ("content_type", content_type)):
            if not isinstance(value, str) or not value:
                await ex.send_json(400, self._field_error("invalid_request", name, "required"))
                return
        assert isinstance(filename, str) and isinstance(content_type, str)
        token = secrets.token_hex(8)
        self.uploads[token] = Upload(token=token, filename=filename, content_type=content_type)
        path = f"/storage/upload/{token}"
        expires = int(self.clock() + 3600)
        sig = self._sign(path, expires, content_type)
        await ex.send_json(
            200,
            {
                "upload_url": f"{self.base_url}{path}?X-Expires={expires}&X-Signature={sig}",
                "source_url": f"{self.base_url}/storage/source/{token}/{quote(filename)}",
            },
        )

    async def _create(self, ex: _Exchange, raw: bytes, *, broke: bool) -> None:
        data = _json_body(raw)
        if data is None:
            await ex.send_json(
                400, {"error": {"code": "invalid_request", "message": "Body must be JSON."}}
            )
            return
        problem = self._job_problem(data)
        if problem is not None:
            await ex.send_json(400, problem)
            return
        source_url = data["source_url"]
        upload = self._upload_for(source_url)
        f = self.faults
        if upload is not None:
            duration = max(1.0, upload.size / self.bytes_per_second)
            if f.max_bytes is not None and upload.size > f.max_bytes:
                await ex.send_json(400, _error("video_too_large", "The file is too large."))
                return
        else:
            duration = self.url_duration_s
        if f.max_duration_s is not None and duration > f.max_duration_s:
            await ex.send_json(400, _error("video_too_long", "The media is too long."))
            return
        if broke:
            await ex.send_json(
                402,
                _error("insufficient_balance", "Insufficient balance: $0.00 available."),
            )
            return
        job_id = "dub_" + secrets.token_hex(6)
        extension = _extension(urlsplit(source_url).path)
        job = EmuJob(
            job_id=job_id,
            source_url=source_url,
            target_lang=data["target_lang"],
            source_lang=data.get("source_lang", "auto"),
            reduce_accent=bool(data.get("reduce_accent", False)),
            duration_s=round(duration, 2),
            cost_usd=round(duration / 60 * self.usd_per_minute, 4),
            audio=extension in AUDIO_EXTENSIONS,
            entered_at=self.clock(),
        )
        if f.fail_jobs > 0:
            f.fail_jobs -= 1
            job.fail = f.failure
        self.jobs[job_id] = job
        self.created.append(dict(data))
        log.info("job %s created (%s)", job_id, source_url)
        await ex.send_json(
            201, {"job_id": job_id, "status": "pending", "created_at": _iso(self.clock())}
        )

    def _job_problem(self, data: dict[str, Any]) -> dict[str, Any] | None:
        source_url = data.get("source_url")
        if not isinstance(source_url, str) or not source_url:
            return self._field_error("invalid_request", "source_url", "field required")
        parts = urlsplit(source_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return self._field_error("invalid_url", "source_url", "must be an http(s) URL")
        if self._upload_for(source_url) is None and (
            _extension(parts.path) not in MEDIA_EXTENSIONS
        ):
            return self._field_error(
                "invalid_url", "source_url", "is not a direct link to a media file"
            )
        target = data.get("target_lang")
        if not isinstance(target, str) or not target:
            return self._field_error("invalid_request", "target_lang", "field required")
        if target not in LANGUAGES:
            return self._field_error(
                "unsupported_language", "target_lang", f"'{target}' is not supported"
            )
        source = data.get("source_lang", "auto")
        if not isinstance(source, str) or (source != "auto" and source not in LANGUAGES):
            return self._field_error(
                "unsupported_language", "source_lang", f"'{source}' is not supported"
            )
        if "reduce_accent" in data and not isinstance(data["reduce_accent"], bool):
            return self._field_error("invalid_request", "reduce_accent", "must be a boolean")
        return None

    def _field_error(self, code: str, name: str, message: str) -> dict[str, Any]:
        style = self.faults.error_style
        if style == "detail":
            return {
                "error": {"code": code, "message": f"{name}: {message}"},
                "detail": [{"loc": ["body", name], "msg": message, "type": "value_error"}],
            }
        if style == "message":
            return _error(code, f"{name} {message}")
        return {"error": {"code": code, "message": message, "field": name}}

    def _upload_for(self, source_url: str) -> Upload | None:
        match = re.fullmatch(
            re.escape(self.base_url) + r"/storage/source/([0-9a-f]+)/.*", source_url
        )
        upload = self.uploads.get(match.group(1)) if match else None
        return upload if upload is not None and upload.complete else None

    # -- the job state machine ----------------------------------------------------------------

    def _tick(self, job: EmuJob) -> None:
        job.polls += 1
        if job.state in ("completed", "failed"):
            return
        job.polls_in_state += 1
        now = self.clock()
        needed = self.pace.processing_polls if job.state == "processing" else self.pace.polls
        stuck = job.state == "processing" and self.faults.stuck
        if not stuck and job.polls_in_state >= needed and now - job.entered_at >= self.pace.seconds:
            if job.fail is not None and job.state == self.faults.fail_in:
                job.state = "failed"
                return
            job.state = STATES[STATES.index(job.state) + 1]
            job.polls_in_state, job.entered_at = 0, now
        if job.state == "processing":  # the poll that sees processing first sees stage 1
            job.stage = min(job.polls_in_state + 1, len(STAGE_NAMES))

    def _progress(self, job: EmuJob) -> object:
        if job.state == "completed":
            return 100
        if job.state != "processing":
            return {"pending": 0, "downloading": 5, "uploading": 95}.get(job.state, 0)
        fraction = job.stage / (len(STAGE_NAMES) + 1)
        percent = round(10 + 80 * fraction)
        style = self.faults.progress_style
        if style == "mixed":
            style = ("number", "object", "text", "none")[job.polls % 4]
        if style == "object":
            return {"stage": job.stage, "stage_name": STAGE_NAMES[job.stage - 1]}
        if style == "text":
            return f"{percent}%"
        if style == "none":
            return None
        return percent

    def _status(self, job: EmuJob) -> dict[str, Any]:
        self._tick(job)
        body: dict[str, Any] = {
            "job_id": job.job_id,
            "status": job.state,
            "source_lang": job.source_lang,
            "target_lang": job.target_lang,
            "progress": self._progress(job),
            "input_duration_sec": job.duration_s if job.state != "pending" else None,
            "cost_usd": job.cost_usd if job.state != "pending" else None,
            "output_url": None,
            "output_expires_at": None,
            "subtitles_original_url": None,
            "subtitles_translated_url": None,
            "error": job.fail if job.state == "failed" else None,
        }
        if job.state == "completed":
            expired = self.faults.expire_output_links
            url, expires = self._output_link(job, expired=expired)
            body["output_url"], body["output_expires_at"] = url, _iso(expires)
            old_subtitles = self.faults.expire_subtitle_links > 0
            if old_subtitles:
                self.faults.expire_subtitle_links -= 1
            for which in ("original", "translated"):
                body[f"subtitles_{which}_url"] = self._link(
                    f"/storage/subtitles/{job.job_id}/{which}.srt", expired=old_subtitles
                )[0]
        if self.faults.omit_nulls:
            body = {k: v for k, v in body.items() if v is not None}
        return body

    async def _result(self, ex: _Exchange, job: EmuJob) -> None:
        if job.state != "completed":
            await ex.send_json(
                409, _error("job_not_completed", f"The job is {job.state}, not completed.")
            )
            return
        job.results += 1
        url, expires = self._output_link(job, expired=False)
        await ex.send_json(200, {"download_url": url, "expires_at": _iso(expires)})

    def _output_link(self, job: EmuJob, *, expired: bool) -> tuple[str, float]:
        extension = (".wav" if job.source_url.endswith(".wav") else ".mp3") if job.audio else ".mp4"
        return self._link(f"/storage/output/{job.job_id}/dubbed{extension}", expired=expired)

    def _link(self, path: str, *, expired: bool) -> tuple[str, float]:
        expires = self.clock() + (-60 if expired else self.link_lifetime)
        sig = self._sign(path, int(expires), "")
        return f"{self.base_url}{path}?X-Expires={int(expires)}&X-Signature={sig}", expires

    def _sign(self, path: str, expires: int, content_type: str) -> str:
        message = f"{path}|{expires}|{content_type}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]

    def _signature_problem(self, ex: _Exchange, content_type: str) -> str | None:
        query = dict(parse_qsl(ex.query))
        try:
            expires = int(query.get("X-Expires", ""))
        except ValueError:
            return "AccessDenied"
        expected = self._sign(ex.path, expires, content_type)
        if not hmac.compare_digest(query.get("X-Signature", ""), expected):
            return "SignatureDoesNotMatch"
        if expires < self.clock():
            return "AccessDenied"  # S3 says "Request has expired" in the body
        return None

    # -- the storage host -----------------------------------------------------------------------

    async def _put_upload(self, ex: _Exchange) -> None:
        token = ex.path.rsplit("/", 1)[-1]
        upload = self.uploads.get(token)
        if ex.header("authorization") is not None:
            await ex.read_body(None)
            await ex.send_xml(400, "InvalidArgument", "Only one auth mechanism allowed.")
            return
        if ex.record.chunked or ex.record.content_length is None:
            await ex.read_body(None, sink=lambda _data: None)
            await ex.send_xml(411, "MissingContentLength", "You must provide Content-Length.")
            return
        put_type = ex.header("content-type") or ""
        problem = self._signature_problem(ex, put_type) if upload is not None else "NoSuchKey"
        if problem is not None or upload is None:
            await ex.read_body(None)
            status = 404 if upload is None else 403
            await ex.send_xml(status, problem or "NoSuchKey", "The request was refused.")
            return
        digest = hashlib.sha256()
        head = bytearray()
        size = 0

        def sink(data: bytes) -> None:
            nonlocal size
            digest.update(data)
            size += len(data)
            if len(head) < self.keep_bytes:
                head.extend(data[: self.keep_bytes - len(head)])

        await ex.read_body(None, sink=sink)
        upload.puts += 1
        upload.put_content_type = put_type
        upload.size, upload.sha256, upload.head = size, digest.hexdigest(), bytes(head)
        upload.complete = True
        await ex.send(200, b"", "application/xml", headers=[("ETag", f'"{upload.sha256[:32]}"')])

    async def _download(self, ex: _Exchange) -> None:
        await ex.read_body(MAX_API_BODY)
        if ex.header("authorization") is not None:
            await ex.send_xml(400, "InvalidArgument", "Only one auth mechanism allowed.")
            return
        problem = self._signature_problem(ex, "")
        parts = ex.path.split("/")  # ['', 'storage', kind, job_id, name]
        job = self.jobs.get(parts[3]) if len(parts) == 5 else None
        if problem is not None or job is None or job.state != "completed":
            await ex.send_xml(403, problem or "AccessDenied", "Request has expired.")
            return
        if self.faults.fail_downloads_503 > 0:
            self.faults.fail_downloads_503 -= 1
            await ex.send_xml(503, "SlowDown", "Please reduce your request rate.")
            return
        if parts[2] == "output":
            data = self.output_of(job.job_id)
            content_type = "audio/mpeg" if job.audio else "video/mp4"
        else:
            language = job.target_lang if parts[4].startswith("translated") else job.source_lang
            data = subtitle_bytes(job.job_id, language)
            content_type = "application/x-subrip"
        start = _range_start(ex.header("range"), len(data))
        if start is None:
            await ex.send_xml(416, "InvalidRange", "The requested range is not satisfiable.")
            return
        headers = [("Accept-Ranges", "bytes")]
        status = 200
        if ex.header("range") is not None:
            status = 206
            headers.append(("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}"))
        cut = None
        f = self.faults
        if parts[2] == "output" and f.drop_download_after is not None and f.drop_downloads > 0:
            f.drop_downloads -= 1
            cut = f.drop_download_after
        await ex.send(status, data[start:], content_type, headers=headers, cut_after=cut)


# ---------------------------------------------------------------------------------------------
# HTTP plumbing (h11 over asyncio streams)


async def _next_event(conn: h11.Connection, reader: asyncio.StreamReader) -> Any:
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA:
            conn.receive_data(await reader.read(READ_CHUNK))
            continue
        return event


class _Exchange:
    """One request and its answer on an h11 connection."""

    def __init__(
        self,
        conn: h11.Connection,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        request: h11.Request,
    ) -> None:
        self.conn, self.reader, self.writer = conn, reader, writer
        self.method = request.method.decode()
        target = urlsplit(request.target.decode())
        self.path, self.query = target.path, target.query
        self.headers = {k.decode().lower(): v.decode() for k, v in request.headers}
        self.closed = False
        self.record = RequestRecord(
            method=self.method,
            path=self.path,
            authorized="authorization" in self.headers,
            range=self.headers.get("range"),
            content_length=self.headers.get("content-length"),
            chunked="chunked" in self.headers.get("transfer-encoding", "").lower(),
        )

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    async def read_body(
        self, limit: int | None, sink: Callable[[bytes], None] | None = None
    ) -> bytes:
        body = bytearray()
        while True:
            event = await _next_event(self.conn, self.reader)
            if isinstance(event, h11.Data):
                if sink is not None:
                    sink(bytes(event.data))
                elif limit is None or len(body) < limit:
                    body += event.data
            elif isinstance(event, h11.EndOfMessage):
                return bytes(body)
            else:
                raise ConnectionError(f"unexpected {event!r} while reading a body")

    async def send_json(
        self, status: int, body: object, headers: list[tuple[str, str]] | None = None
    ) -> None:
        await self.send(status, json.dumps(body).encode(), "application/json", headers=headers)

    async def send_xml(self, status: int, code: str, message: str) -> None:
        xml = f"<?xml version='1.0'?><Error><Code>{code}</Code><Message>{message}</Message></Error>"
        await self.send(status, xml.encode(), "application/xml")

    async def send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        *,
        headers: list[tuple[str, str]] | None = None,
        cut_after: int | None = None,
    ) -> None:
        self.record.status = status
        all_headers = [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            *(headers or []),
        ]
        if self.conn.their_state is not h11.DONE:
            all_headers.append(("Connection", "close"))
        self.writer.write(self.conn.send(h11.Response(status_code=status, headers=all_headers)))
        view = memoryview(body)
        for offset in range(0, len(body), SEND_CHUNK):
            chunk = view[offset : offset + SEND_CHUNK]
            if cut_after is not None and offset + len(chunk) > cut_after:
                self.writer.write(self.conn.send(h11.Data(data=chunk[: cut_after - offset])))
                await self.writer.drain()
                self.abort()
                return
            self.writer.write(self.conn.send(h11.Data(data=chunk)))
            await self.writer.drain()
        self.writer.write(self.conn.send(h11.EndOfMessage()))
        await self.writer.drain()

    def abort(self) -> None:
        self.closed = True
        self.writer.transport.abort()


def _json_body(raw: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _bearer(value: str | None) -> str | None:
    if value is None or not value.startswith("Bearer "):
        return None
    return value[7:].strip()


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _range_start(value: str | None, size: int) -> int | None:
    """The first byte a ``Range: bytes=N-`` asks for (0 without one); None if unsatisfiable."""
    if value is None:
        return 0
    match = re.fullmatch(r"bytes=(\d+)-", value.strip())
    if match is None or int(match.group(1)) >= size:
        return None
    return int(match.group(1))


def running_emulator(**kwargs: Any) -> contextlib.AbstractContextManager[DubbingEmulator]:
    """``with running_emulator(faults=...) as emu:`` -- a :class:`DubbingEmulator` in a thread."""
    return threaded.running_in_thread(DubbingEmulator(**kwargs), "dubbing-emulator")


# ---------------------------------------------------------------------------------------------
# CLI


async def _serve_cli(args: argparse.Namespace) -> None:
    emu = DubbingEmulator(
        host=args.host,
        port=args.port,
        pace=Pace(polls=args.polls, seconds=args.seconds),
        faults=Faults(progress_style=args.progress),
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
        prog="python -m tests.emulator.dubbing", description="Local Pinch dubbing API emulator"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--polls", type=int, default=1, help="polls each state lasts")
    parser.add_argument("--seconds", type=float, default=0.0, help="seconds each state lasts")
    parser.add_argument("--progress", default="mixed", help="number|object|text|none|mixed")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(_serve_cli(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
