"""Pinch dubbing jobs, sans I/O: requests, responses, the job record and its state machine.

The spec (``specs/pinch-dubbing.md``) describes an asynchronous API: a local file is uploaded
through a presigned link (``POST /api/dubbing/upload-url``, then ``PUT`` of the bytes with exactly
the announced Content-Type), a job is created (``POST /api/dubbing/jobs``), polled
(``GET /api/dubbing/jobs/{id}``) until it is ``completed`` or ``failed``, and its output fetched
from a signed link that expires (a fresh one comes from ``GET /api/dubbing/jobs/{id}/result``).

Everything here takes bytes, numbers and the current time in, and gives typed values or our own
errors out; the async client (``dragoman.providers.dubbing``) only moves bytes and sleeps.
What the server sends is untrusted: ``progress`` is free-form (a number, an object, text), error
bodies come in several shapes, and a field that is missing or odd is tolerated (``None``) rather
than fatal, except the job id, without which nothing can continue.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from enum import Enum
from pathlib import PurePosixPath
from typing import Any, Final, TypeVar
from urllib.parse import SplitResult, quote, urlsplit

from dragoman.core.backoff import exponential
from dragoman.core.errors import (
    AuthError,
    BadRequest,
    DragomanError,
    NotEntitled,
    ProtocolError,
    ServiceBusy,
    ServiceUnavailable,
    UsageError,
)
from dragoman.core.i18n import QT_TRANSLATE_NOOP, joined
from dragoman.core.wire import is_number, json_object, parse_retry_after, truncate

DEFAULT_BASE_URL: Final = "https://api.startpinch.com"
UPLOAD_URL_PATH: Final = "/api/dubbing/upload-url"
JOBS_PATH: Final = "/api/dubbing/jobs"
SUPPORT_ADDRESS: Final = "support@startpinch.com"
PORTAL_URL: Final = "https://portal.startpinch.com/dashboard/developers"

AUTO: Final = "auto"
LANGUAGES: Final = ("en", "es", "fr", "de", "it", "pt", "ru", "ja", "ko", "zh")
# What a 400 may name: the fields of our requests.
REQUEST_FIELDS: Final = (
    "source_url",
    "target_lang",
    "source_lang",
    "reduce_accent",
    "filename",
    "content_type",
)

# Spec: video mp4/mov/mkv/webm/avi/flv/ts; audio wav/mp3/flac/ogg/m4a/aac/wma.  The Content-Type
# announced for the upload must be the one the PUT carries, so it comes from this one table.
VIDEO_TYPES: Final = {
    ".mp4": "video/mp4",
    ".mov": "video/quicktime",
    ".mkv": "video/x-matroska",
    ".webm": "video/webm",
    ".avi": "video/x-msvideo",
    ".flv": "video/x-flv",
    ".ts": "video/mp2t",
}
AUDIO_TYPES: Final = {
    ".wav": "audio/wav",
    ".mp3": "audio/mpeg",
    ".flac": "audio/flac",
    ".ogg": "audio/ogg",
    ".m4a": "audio/mp4",
    ".aac": "audio/aac",
    ".wma": "audio/x-ms-wma",
}

# Polling: the spec asks for every 10-15 s and never faster than 5 s (decided: 12 s).
POLL_INTERVAL_S: Final = 12.0
MIN_POLL_S: Final = 5.0
# Signed links last 48 h; one that expires within this margin is refreshed before use.
EXPIRY_MARGIN_S: Final = 60.0
MAX_JOB_ID_CHARS: Final = 200
MAX_STAGE_NAME_CHARS: Final = 80
MAX_STORED_JOBS: Final = 500


def retry_delays() -> Iterator[float]:
    """Between attempts of one request after 429/5xx or a network failure: 1, 2, 4, 8, 16 s."""
    return exponential(1.0, 2.0, 30.0, attempts=5)


# ----------------------------------------------------------------------------------------------
# Errors: ours, each a sentence with the next step


class InsufficientBalance(NotEntitled):
    """HTTP 402 ``insufficient_balance``: the account cannot pay for the job."""


class DubbingRejected(BadRequest):
    """Pinch refused the request (400 and friends); ``field`` is what it named, if anything."""

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.field = field


class JobNotFound(UsageError):
    """HTTP 404 for a job id: not this key's job, or a typo."""


class JobFailed(DragomanError):
    """The job ended in ``failed``; the sentence quotes the server's error."""

    exit_code = 6

    def __init__(self, message: str, *, job_id: str, code: str | None = None) -> None:
        super().__init__(message)
        self.job_id = job_id
        self.code = code


class StorageRefused(ProtocolError):
    """The storage host refused a presigned upload or download (403, 410, 404 ...).

    ``expired`` says a download link is worth refreshing (a fresh link may succeed).
    """

    def __init__(self, message: str, *, status: int, expired: bool) -> None:
        super().__init__(message)
        self.status = status
        self.expired = expired


# ----------------------------------------------------------------------------------------------
# States


class JobState(Enum):
    """The server's job states, in the order a job goes through them."""

    PENDING = "pending"
    DOWNLOADING = "downloading"
    PROCESSING = "processing"
    UPLOADING = "uploading"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def terminal(self) -> bool:
        return self in (JobState.COMPLETED, JobState.FAILED)


_STATE_BY_NAME: Final = {s.value: s for s in JobState}


def parse_state(status: object) -> JobState | None:
    """A ``status`` as a state; None for anything unknown (a state Pinch adds later)."""
    if not isinstance(status, str):
        return None
    return _STATE_BY_NAME.get(status.strip().lower())


def advance(current: JobState | None, reported: JobState | None) -> JobState | None:
    """The job's state after the server reported ``reported``.

    A terminal state is final: a completed job read back as ``processing`` (a stale replica)
    stays completed.  An unknown status keeps what we knew.  Otherwise the server is the
    authority, even backwards (a source download that is retried goes back to ``downloading``).
    """
    if current is not None and current.terminal:
        return current
    if reported is None:
        return current
    return reported


# ----------------------------------------------------------------------------------------------
# Media and names


@dataclass(frozen=True, slots=True)
class Media:
    kind: str  # "video" or "audio"
    content_type: str
    extension: str


def media_for_name(name: str) -> Media:
    """The media type of a file to upload, from its extension; UsageError for anything else."""
    extension = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if extension in VIDEO_TYPES:
        return Media("video", VIDEO_TYPES[extension], extension)
    if extension in AUDIO_TYPES:
        return Media("audio", AUDIO_TYPES[extension], extension)
    known = " ".join(e.lstrip(".") for e in (*VIDEO_TYPES, *AUDIO_TYPES))
    raise UsageError(
        f"{name}: Pinch dubs video ({', '.join(e.lstrip('.') for e in VIDEO_TYPES)}) and audio "
        f"({', '.join(e.lstrip('.') for e in AUDIO_TYPES)}) files; convert it to one of: {known}."
    )


def is_url(source: str) -> bool:
    return source.lower().startswith(("https://", "http://"))


def _split(url: str) -> SplitResult | None:
    """``urlsplit`` without its ValueError (a broken IPv6 bracket or port): None instead."""
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError:
        return None
    return parts


def _url_path(source: str) -> str:
    if not is_url(source):
        return source.replace("\\", "/")
    parts = _split(source)
    return parts.path if parts is not None else ""


def check_source_url(url: str) -> str:
    """A ``source_url`` as given, or UsageError when it cannot be a link at all."""
    parts = _split(url)
    if parts is None or not is_url(url) or not parts.hostname or " " in url:
        raise UsageError(
            f"{display_url(url)} is not a usable link: give a direct https:// link to a media "
            "file, or a local file."
        )
    return url


WEB_PAGE_HINT: Final = (
    "the source URL must be a direct, publicly reachable link to a media file (…/talk.mp4), "
    "not a web page such as a YouTube or Vimeo page: download the media and give the file instead"
)


def web_page_hint(url: str) -> str | None:
    """The spec's hint when ``url`` does not look like a media file (no media extension)."""
    extension = PurePosixPath(_url_path(url)).suffix.lower()
    if extension in VIDEO_TYPES or extension in AUDIO_TYPES:
        return None
    return f"{display_url(url)} does not end in a media file name: {WEB_PAGE_HINT}."


def display_url(url: str) -> str:
    """A URL as shown to people or logs: scheme, host and path; the query (signatures) and any
    user part dropped."""
    parts = _split(url)
    if parts is None:
        return "(an unreadable URL)"
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    shown = f"{parts.scheme}://{host}{parts.path}" if parts.scheme else parts.path
    if parts.query:
        shown += "?…"
    return truncate(shown)


def source_stem(source: str) -> str:
    """The name results are called after: a file's stem, or a URL's last path segment's."""
    stem = PurePosixPath(_url_path(source)).stem
    stem = re.sub(r"[^\w.\- ]+", "_", stem).strip(" .")
    return stem or "dubbing"


def source_kind(source: str) -> str:
    """ "audio" for an audio source (by extension), else "video" (links without one too)."""
    return "audio" if PurePosixPath(_url_path(source)).suffix.lower() in AUDIO_TYPES else "video"


def output_extension(kind: str, output_url: str | None) -> str:
    """Spec: video in, mp4 out; audio in, mp3 or wav out (the link's own extension says which)."""
    if kind == "video":
        return ".mp4"
    extension = PurePosixPath(_url_path(output_url or "")).suffix.lower()
    return extension if extension in (".mp3", ".wav") else ".mp3"


def subtitle_extension(url: str) -> str:
    extension = PurePosixPath(_url_path(url)).suffix.lower()
    return extension if extension in (".srt", ".vtt", ".ass", ".json") else ".srt"


def result_name(stem: str, language: str, extension: str) -> str:
    """``NAME.LANG.EXT``: the output beside its source."""
    return f"{stem}.{language}{extension}"


def part_name(final_name: str, job_id: str) -> str:
    """The temporary name a download grows under until it is complete (per job: resumable)."""
    tag = re.sub(r"[^A-Za-z0-9]+", "", job_id)[:16] or "job"
    return f".{final_name}.{tag}.part"


# ----------------------------------------------------------------------------------------------
# Requests


@dataclass(frozen=True, slots=True)
class ApiRequest:
    """One call to the API: method, path and JSON body; the client adds host and key."""

    method: str
    path: str
    body: dict[str, Any] | None = None

    def url(self, base_url: str) -> str:
        return base_url.rstrip("/") + self.path

    def content(self) -> bytes:
        return b"" if self.body is None else json.dumps(self.body).encode("utf-8")


def check_language(code: str, *, source: bool) -> str:
    """A language code in the shape the API takes (lower case); the server decides support.

    The spec lists en, es, fr, de, it, pt, ru, ja, ko, zh (and ``auto`` as a source); the server's
    ``unsupported_language`` stays the authority, so only the shape is checked here.
    """
    value = code.strip().lower().replace("_", "-")
    if source and value == AUTO:
        return value
    if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", value):
        what = "source" if source else "target"
        known = ", ".join((AUTO, *LANGUAGES) if source else LANGUAGES)
        raise UsageError(f"{code!r} is not a {what} language code: use one of {known}.")
    return value


def check_job_id(job_id: str) -> str:
    value = job_id.strip()
    if not value or len(value) > MAX_JOB_ID_CHARS or not value.isprintable() or " " in value:
        raise UsageError(f"{job_id!r} is not a dubbing job id (see `dragoman jobs`).")
    return value


def upload_url_request(filename: str, content_type: str) -> ApiRequest:
    name = PurePosixPath(filename.replace("\\", "/")).name
    return ApiRequest("POST", UPLOAD_URL_PATH, {"filename": name, "content_type": content_type})


@dataclass(frozen=True, slots=True)
class JobRequest:
    """``POST /api/dubbing/jobs``: what to dub and into which language."""

    source_url: str
    target_lang: str
    source_lang: str = AUTO
    reduce_accent: bool = False

    def request(self) -> ApiRequest:
        body: dict[str, Any] = {
            "source_url": check_source_url(self.source_url),
            "target_lang": check_language(self.target_lang, source=False),
            "source_lang": check_language(self.source_lang, source=True),
        }
        if self.reduce_accent:
            body["reduce_accent"] = True
        return ApiRequest("POST", JOBS_PATH, body)


def job_request(job_id: str) -> ApiRequest:
    return ApiRequest("GET", f"{JOBS_PATH}/{quote(check_job_id(job_id), safe='')}")


def result_request(job_id: str) -> ApiRequest:
    return ApiRequest("GET", f"{JOBS_PATH}/{quote(check_job_id(job_id), safe='')}/result")


# ----------------------------------------------------------------------------------------------
# Free-form values


@dataclass(frozen=True, slots=True)
class Progress:
    """What ``progress`` said, whatever its shape; every part optional."""

    percent: float | None = None
    stage: int | None = None
    stages: int | None = None
    stage_name: str | None = None

    def estimate(self) -> float | None:
        """A percentage for a bar: the server's, else how far through the stages, else None."""
        if self.percent is not None:
            return self.percent
        if self.stage is not None and self.stages:
            return min(100.0, 100.0 * self.stage / self.stages)
        return None

    def text(self) -> str:
        """ "stage 7/9 · Lip sync · 42 %" with only the parts that are known; "" when none."""
        parts: list[str] = []
        if self.stage is not None:
            parts.append(
                QT_TRANSLATE_NOOP("dubbing", "stage %1/%2").arg(self.stage, self.stages)
                if self.stages
                else QT_TRANSLATE_NOOP("dubbing", "stage %1").arg(self.stage)
            )
        if self.stage_name:
            parts.append(self.stage_name)
        if self.percent is not None:
            parts.append(f"{self.percent:.0f} %")
        return joined(" · ", parts) if parts else ""


_PERCENT_KEYS: Final = ("percent", "percentage", "progress", "pct")
_STAGE_KEYS: Final = ("stage", "step", "current_stage")
_STAGES_KEYS: Final = ("total_stages", "stages", "stage_count", "total_steps")
_NAME_KEYS: Final = ("stage_name", "name", "message", "description", "status")
_NUMBER_TEXT: Final = re.compile(r"\s*(\d+(?:\.\d+)?)\s*%?\s*")


def parse_progress(value: object) -> Progress:
    """``progress`` in any shape, never an exception: a number is a percentage (decided), text
    is a percentage ("42%") or a stage name, an object may carry stage, stage count, name and
    percentage under several names.  Anything else says nothing."""
    if isinstance(value, dict):
        return Progress(
            percent=_first(value, _PERCENT_KEYS, _percent),
            stage=_first(value, _STAGE_KEYS, _count),
            stages=_first(value, _STAGES_KEYS, _count),
            stage_name=_first(value, _NAME_KEYS, _name),
        )
    percent = _percent(value)
    if percent is not None:
        return Progress(percent=percent)
    return Progress(stage_name=_name(value))


def _first(data: dict[Any, Any], keys: tuple[str, ...], parse: Any) -> Any:
    for key in keys:
        parsed = parse(data.get(key))
        if parsed is not None:
            return parsed
    return None


def _percent(value: object) -> float | None:
    if isinstance(value, str):
        match = _NUMBER_TEXT.fullmatch(value)
        value = float(match.group(1)) if match else None
    number = _number(value)
    return None if number is None else min(100.0, max(0.0, number))


def _count(value: object) -> int | None:
    number = _number(value)
    if number is None or number < 0 or not number.is_integer():
        return None
    return int(number)


def _name(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = "".join(c for c in value if c.isprintable())
    text = " ".join(text.split())
    if not text:
        return None
    if len(text) > MAX_STAGE_NAME_CHARS:
        text = text[: MAX_STAGE_NAME_CHARS - 1] + "…"
    return text


def _number(value: object) -> float | None:
    """A finite JSON number as a float (``true`` is not 1 here), else None."""
    if isinstance(value, int | float) and not isinstance(value, bool) and is_number(value):
        return float(value)
    return None


def _link(value: object) -> str | None:
    """A link from the server: http(s) with a host, else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    parts = _split(url)
    return url if is_url(url) and parts is not None and parts.hostname else None


def parse_timestamp(value: object) -> float | None:
    """An expiry as epoch seconds: ISO 8601 text (``Z`` or an offset; none means UTC) or a
    number of seconds (milliseconds when it is that large).  Garbage gives None."""
    seconds = _number(value)
    if seconds is not None:
        return seconds / 1000 if seconds > 1e11 else seconds
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def link_expired(expires_at: float | None, now: float, margin: float = EXPIRY_MARGIN_S) -> bool:
    """True when a link expires within ``margin`` seconds (unknown expiry: assume it works, and
    let a refused download refresh it)."""
    return expires_at is not None and expires_at - margin <= now


# ----------------------------------------------------------------------------------------------
# Responses


@dataclass(frozen=True, slots=True)
class UploadTarget:
    upload_url: str
    source_url: str


@dataclass(frozen=True, slots=True)
class JobError:
    code: str | None
    message: str


@dataclass(frozen=True, slots=True)
class JobSnapshot:
    """One ``GET /api/dubbing/jobs/{id}`` (or the creation answer), as far as it made sense."""

    job_id: str
    status: str = ""
    state: JobState | None = None
    source_lang: str | None = None
    target_lang: str | None = None
    progress: Progress = field(default_factory=Progress)
    duration_s: float | None = None
    cost_usd: float | None = None
    output_url: str | None = None
    output_expires_at: float | None = None
    subtitles_original_url: str | None = None
    subtitles_translated_url: str | None = None
    error: JobError | None = None


@dataclass(frozen=True, slots=True)
class DownloadLink:
    url: str
    expires_at: float | None


def parse_upload_target(status: int, body: bytes, retry_after: str | None = None) -> UploadTarget:
    if status not in (200, 201):
        raise api_error(status, body, retry_after)
    data = json_object(body, "upload-url response")
    upload_url, source_url = _link(data.get("upload_url")), _link(data.get("source_url"))
    if upload_url is None or source_url is None:
        raise ProtocolError("The upload-url response has no usable upload_url and source_url.")
    return UploadTarget(upload_url=upload_url, source_url=source_url)


def parse_job(status: int, body: bytes, retry_after: str | None = None) -> JobSnapshot:
    """A job (created or polled); a missing or unusable ``job_id`` is a ProtocolError."""
    if status not in (200, 201, 202):
        raise api_error(status, body, retry_after)
    data = json_object(body, "job")
    job_id = data.get("job_id", data.get("id"))
    if not isinstance(job_id, str):
        raise ProtocolError("The job response has no job_id.")
    try:
        job_id = check_job_id(job_id)
    except UsageError:
        raise ProtocolError("The job response has an unusable job_id.") from None
    raw_status = data.get("status")
    return JobSnapshot(
        job_id=job_id,
        status=_name(raw_status) or "",
        state=parse_state(raw_status),
        source_lang=_name(data.get("source_lang")),
        target_lang=_name(data.get("target_lang")),
        progress=parse_progress(data.get("progress")),
        duration_s=_number(data.get("input_duration_sec")),
        cost_usd=_number(data.get("cost_usd")),
        output_url=_link(data.get("output_url")),
        output_expires_at=parse_timestamp(data.get("output_expires_at")),
        subtitles_original_url=_link(data.get("subtitles_original_url")),
        subtitles_translated_url=_link(data.get("subtitles_translated_url")),
        error=parse_job_error(data.get("error")),
    )


def parse_result(status: int, body: bytes, retry_after: str | None = None) -> DownloadLink:
    if status != 200:
        raise api_error(status, body, retry_after)
    data = json_object(body, "result response")
    url = _link(data.get("download_url", data.get("output_url")))
    if url is None:
        raise ProtocolError("The result response has no usable download_url.")
    return DownloadLink(url=url, expires_at=parse_timestamp(data.get("expires_at")))


def parse_job_error(value: object) -> JobError | None:
    """A failed job's ``error``: ``{code, message}``, a string, or anything else (then generic)."""
    if value is None or value == "" or value == {}:
        return None
    if isinstance(value, str):
        return JobError(code=None, message=truncate(value))
    if isinstance(value, dict):
        code = _name(value.get("code"))
        message = value.get("message", value.get("detail"))
        text = truncate(message) if isinstance(message, str) and message.strip() else None
        return JobError(code=code, message=text or code or "no reason given")
    return JobError(code=None, message="no reason given")


# ----------------------------------------------------------------------------------------------
# Error bodies and statuses


@dataclass(frozen=True, slots=True)
class ErrorParts:
    code: str | None = None
    message: str = ""
    field: str | None = None


def error_parts(body: bytes) -> ErrorParts:
    """Whatever an error body says: ``{"error": {code, message, field}}``, ``{"error": "..."}``,
    top-level ``code``/``message``/``field``, a ``detail`` string or list (``loc`` names the
    field), or plain text.  The field is also found by name in the message."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        return _with_field_from_message(ErrorParts(message=truncate(text)))
    error = data.get("error")
    inner = error if isinstance(error, dict) else data
    code = _name(inner.get("code")) or _name(data.get("code"))
    message = inner.get("message")
    if isinstance(error, str):
        message = error
    field_name = _field_name(inner.get("field", inner.get("param")))
    detail = data.get("detail")
    if isinstance(detail, str) and not isinstance(message, str):
        message = detail
    if isinstance(detail, list) and detail and isinstance(detail[0], dict):
        first = detail[0]
        loc = first.get("loc")
        if isinstance(loc, list) and loc and field_name is None:
            field_name = _field_name(loc[-1])
        if not isinstance(message, str):
            message = first.get("msg")
    parts = ErrorParts(
        code=code,
        message=truncate(message) if isinstance(message, str) else "",
        field=field_name,
    )
    return _with_field_from_message(parts)


def _field_name(value: object) -> str | None:
    name = _name(value)
    return name if name is not None and re.fullmatch(r"[A-Za-z_][\w.]{0,60}", name) else None


def _with_field_from_message(parts: ErrorParts) -> ErrorParts:
    if parts.field is not None:
        return parts
    for name in REQUEST_FIELDS:
        if re.search(rf"\b{name}\b", parts.message):
            return replace(parts, field=name)
    return parts


def api_error(status: int, body: bytes, retry_after: str | None = None) -> DragomanError:
    """An API error response as our error, with what to do next.

    Retryable failures (429, 5xx) are ServiceUnavailable with ``retryable``; the caller owns the
    schedule.  401, 402, 403, 404 and the 4xx refusals are final.
    """
    parts = error_parts(body)
    code = (parts.code or "").lower()
    detail = f" ({parts.message})" if parts.message else ""
    if status == 401 or code == "unauthorized":
        return AuthError(
            "Pinch did not accept the API key: set a valid one (Settings → Keys, or "
            f"`dragoman auth set`); keys are made on {PORTAL_URL}."
        )
    if status == 402 or code == "insufficient_balance":
        return InsufficientBalance(
            f"Your Pinch balance is too low for this job{detail}: add credit on the Pinch "
            "portal (https://portal.startpinch.com), then try again."
        )
    if status == 403:
        return NotEntitled(
            f"This Pinch API key may not use dubbing (HTTP 403){detail}: ask {SUPPORT_ADDRESS} "
            "to enable it for your account."
        )
    if status in (429, 503):
        what = "rate limited" if status == 429 else "busy"
        return ServiceBusy(
            f"Pinch dubbing is {what} (HTTP {status}){detail}.",
            retry_after=parse_retry_after(retry_after),
        )
    if 500 <= status < 600:
        return ServiceUnavailable(f"Pinch dubbing failed (HTTP {status}){detail}.")
    if status == 404 and code in ("", "not_found", "job_not_found"):
        return JobNotFound(
            "Pinch knows no such dubbing job for this key (HTTP 404): check the job id "
            "(`dragoman jobs` lists yours) and that the key is the one that started it."
        )
    if 400 <= status < 500:
        return _refusal(status, code, parts)
    return ServiceUnavailable(
        f"The Pinch dubbing endpoint answered HTTP {status}{detail}: check the service URL.",
        retryable=False,
    )


def _refusal(status: int, code: str, parts: ErrorParts) -> DubbingRejected:
    detail = f" ({parts.message})" if parts.message else ""
    field_name = parts.field
    if code == "unsupported_language":
        which = f"the {field_name} " if field_name else "that "
        sentence = (
            f"Pinch cannot dub {which}language{detail}: choose one of {', '.join(LANGUAGES)} "
            "(the source may also be auto)."
        )
    elif code == "video_too_long":
        sentence = (
            f"The recording is too long for Pinch dubbing{detail}: cut it into shorter parts "
            "and dub them one by one."
        )
    elif code == "video_too_large":
        sentence = (
            f"The file is too large for Pinch dubbing{detail}: compress it or cut it into parts."
        )
    elif code == "invalid_url":
        field_name = field_name or "source_url"
        sentence = f"Pinch cannot use {field_name}{detail}: {WEB_PAGE_HINT}."
    elif field_name is not None:
        sentence = (
            f"Pinch refused the job's {field_name} (HTTP {status}){detail}: correct {field_name} "
            "and try again."
        )
    else:
        sentence = f"Pinch refused the job (HTTP {status}){detail}: check the options and source."
    return DubbingRejected(sentence, code=code or None, field=field_name)


def storage_error(status: int, *, upload: bool) -> StorageRefused:
    """A presigned link's refusal.  Storage hosts answer opaquely (a 403 with XML); the body
    is not quoted, the likely causes are."""
    if upload:
        return StorageRefused(
            f"The storage host refused the upload (HTTP {status}): the upload link expired or "
            "the file's Content-Type did not match the one announced; try again.",
            status=status,
            expired=False,
        )
    return StorageRefused(
        f"The download link was refused (HTTP {status}); it has probably expired: fetch the "
        "result again (`dragoman dub --resume JOB_ID`) for a fresh link.",
        status=status,
        expired=status in (400, 401, 403, 404, 410),
    )


def failure_sentence(job_id: str, error: JobError | None) -> str:
    reason = error.message if error is not None else "no reason given"
    if error is not None and error.code and error.code != error.message:
        reason = f"{error.code}: {reason}"
    return (
        f"Pinch could not dub job {job_id} ({reason.rstrip('.')}). Check the source and options "
        f"and start a new job; if it keeps failing, write to {SUPPORT_ADDRESS} with the job id."
    )


# ----------------------------------------------------------------------------------------------
# Polling policy and the stuck hint


def poll_interval(requested: float | None, *, loopback: bool) -> float:
    """The pause between polls: ``requested`` or 12 s; below 5 s only against this machine."""
    if requested is None:
        return POLL_INTERVAL_S
    if not math.isfinite(requested) or requested <= 0:
        raise UsageError(f"--poll must be a positive number of seconds, not {requested:g}.")
    if requested < MIN_POLL_S and not loopback:
        raise UsageError(
            f"Polling every {requested:g} s is too fast for Pinch: use at least {MIN_POLL_S:g} s "
            "(below that only for a local test server)."
        )
    return requested


@dataclass(frozen=True, slots=True)
class StuckPolicy:
    """When a job in ``processing`` is far beyond what its duration predicts.

    Spec: a 1-hour file typically finishes in under 15 minutes, so processing takes about
    ``ratio`` (1/4) of the media's duration; ``factor`` times that (at least ``floor_s``, for
    short or unknown durations) counts as stuck.
    """

    ratio: float = 0.25
    floor_s: float = 15 * 60.0
    factor: float = 3.0

    def limit(self, duration_s: float | None) -> float:
        expected = max(self.ratio * (duration_s or 0.0), self.floor_s)
        return self.factor * expected


def stuck_hint(job_id: str, waited_s: float) -> str:
    return (
        f"Job {job_id} has been processing for {_minutes(waited_s)}, far longer than its length "
        "predicts (a 1-hour file usually finishes in under 15 minutes). Check whether the job "
        "reports an error and whether its source_url is publicly reachable; still waiting. "
        f"Support ({SUPPORT_ADDRESS}) will ask for the job id."
    )


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    return f"{minutes:.0f} minutes" if minutes >= 2 else f"{seconds:.0f} s"


# ----------------------------------------------------------------------------------------------
# The local job record and its state machine


class Phase(Enum):
    """Where a job is on this computer, around the server's states."""

    UPLOADING = "uploading"  # the source is being uploaded, or the job created (no id yet)
    WAITING = "waiting"  # the job exists; polling it
    FETCHING = "fetching"  # completed; downloading the output and subtitles
    DONE = "done"  # everything saved
    FAILED = "failed"  # the job failed on Pinch (its error is kept)
    STOPPED = "stopped"  # we stopped waiting (the job may continue on Pinch)
    ERROR = "error"  # a problem here (a key, a network, a file): retry possible

    @property
    def active(self) -> bool:
        return self in (Phase.UPLOADING, Phase.WAITING, Phase.FETCHING)


@dataclass(frozen=True, slots=True)
class DubbingJob:
    """One job as this computer knows it: kept in the local store, shown in lists."""

    key: str  # local id (the server's job id comes later)
    source: str  # a local path or a URL
    target_lang: str
    source_lang: str = AUTO
    reduce_accent: bool = False
    origin: str = "cli"  # "cli" or "app": the app resumes its own jobs at start
    job_id: str = ""
    phase: Phase = Phase.UPLOADING
    state: JobState | None = None
    status: str = ""
    progress: Progress = field(default_factory=Progress)
    uploaded: float | None = None  # fraction of the upload sent
    fetched: float | None = None  # fraction of the output downloaded
    duration_s: float | None = None
    cost_usd: float | None = None
    output_path: str = ""  # where the output was (or will be) saved
    subtitle_paths: tuple[str, ...] = ()
    out: str = ""  # what the user asked for (--out)
    subtitles_dir: str = ""  # --subtitles
    error: str = ""  # a sentence, for FAILED and ERROR
    error_code: str = ""
    created_at: float = 0.0
    updated_at: float = 0.0
    processing_since: float | None = None
    stuck_hinted: bool = False

    def __repr__(self) -> str:
        return (
            f"DubbingJob({self.key}, job_id={self.job_id!r}, phase={self.phase.value}, "
            f"state={self.state.value if self.state else None})"
        )

    @property
    def is_url(self) -> bool:
        return is_url(self.source)

    @property
    def name(self) -> str:
        return PurePosixPath(_url_path(self.source)).name or display_url(self.source)

    @property
    def languages(self) -> str:
        return f"{self.source_lang} → {self.target_lang}"


def new_job(
    key: str,
    source: str,
    target_lang: str,
    *,
    now: float,
    source_lang: str = AUTO,
    reduce_accent: bool = False,
    origin: str = "cli",
    out: str = "",
    subtitles_dir: str = "",
) -> DubbingJob:
    return DubbingJob(
        key=key,
        source=source,
        target_lang=check_language(target_lang, source=False),
        source_lang=check_language(source_lang, source=True),
        reduce_accent=reduce_accent,
        origin=origin,
        out=out,
        subtitles_dir=subtitles_dir,
        created_at=now,
        updated_at=now,
    )


def job_uploading(job: DubbingJob, sent: int, total: int, now: float) -> DubbingJob:
    fraction = 1.0 if total <= 0 else min(1.0, sent / total)
    return replace(job, phase=Phase.UPLOADING, uploaded=fraction, error="", updated_at=now)


def job_observed(
    job: DubbingJob, snapshot: JobSnapshot, now: float, policy: StuckPolicy | None = None
) -> DubbingJob:
    """The record after the server reported ``snapshot`` (the creation answer or a poll).

    Applies the state machine (:func:`advance`), keeps what the server stopped repeating
    (duration, cost), tracks how long the job has been processing and sets ``stuck_hinted``
    the first time that exceeds the policy's limit (the caller shows the hint once).
    """
    state = advance(job.state, snapshot.state)
    since = job.processing_since
    if state is JobState.PROCESSING:
        since = now if job.state is not JobState.PROCESSING or since is None else since
    else:
        since = None
    duration = snapshot.duration_s if snapshot.duration_s is not None else job.duration_s
    stuck = job.stuck_hinted or (
        since is not None and policy is not None and now - since > policy.limit(duration)
    )
    phase = Phase.WAITING
    error, error_code = "", ""
    if state is JobState.COMPLETED and job.phase is not Phase.DONE:
        phase = Phase.FETCHING
    elif state is JobState.COMPLETED:
        phase = Phase.DONE
    elif state is JobState.FAILED:
        phase = Phase.FAILED
        error = failure_sentence(snapshot.job_id, snapshot.error)
        error_code = (snapshot.error.code if snapshot.error else None) or ""
    return replace(
        job,
        job_id=snapshot.job_id,
        phase=phase,
        state=state,
        status=snapshot.status or job.status,
        progress=snapshot.progress if state is not JobState.COMPLETED else Progress(percent=100),
        uploaded=None,
        duration_s=duration,
        cost_usd=snapshot.cost_usd if snapshot.cost_usd is not None else job.cost_usd,
        error=error,
        error_code=error_code,
        updated_at=now,
        processing_since=since,
        stuck_hinted=stuck,
    )


def job_fetching(job: DubbingJob, received: int, total: int | None, now: float) -> DubbingJob:
    fraction = None if not total else min(1.0, received / total)
    return replace(job, phase=Phase.FETCHING, fetched=fraction, updated_at=now)


def job_done(
    job: DubbingJob, output_path: str, subtitle_paths: tuple[str, ...], now: float
) -> DubbingJob:
    return replace(
        job,
        phase=Phase.DONE,
        output_path=output_path,
        subtitle_paths=subtitle_paths,
        fetched=None,
        error="",
        updated_at=now,
    )


def job_stopped(job: DubbingJob, now: float) -> DubbingJob:
    return replace(job, phase=Phase.STOPPED, uploaded=None, fetched=None, updated_at=now)


def job_errored(job: DubbingJob, sentence: str, now: float) -> DubbingJob:
    return replace(job, phase=Phase.ERROR, error=sentence, uploaded=None, updated_at=now)


def job_resumed(job: DubbingJob, now: float) -> DubbingJob:
    """Waiting again (after a stop, an error or a restart): from upload when no job exists."""
    if not job.job_id:
        phase = Phase.UPLOADING
    elif job.state is JobState.COMPLETED:
        phase = Phase.FETCHING
    else:
        phase = Phase.WAITING
    return replace(job, phase=phase, error="", updated_at=now)


# English messages (dragoman.core.i18n): the CLI prints them, the Dubbing window translates them.
_PHASE_TEXT: Final = {
    Phase.UPLOADING: QT_TRANSLATE_NOOP("dubbing", "uploading"),
    Phase.WAITING: QT_TRANSLATE_NOOP("dubbing", "waiting"),
    Phase.FETCHING: QT_TRANSLATE_NOOP("dubbing", "downloading the result"),
    Phase.DONE: QT_TRANSLATE_NOOP("dubbing", "done"),
    Phase.FAILED: QT_TRANSLATE_NOOP("dubbing", "failed"),
    Phase.STOPPED: QT_TRANSLATE_NOOP("dubbing", "not waiting (the job may go on at Pinch)"),
    Phase.ERROR: QT_TRANSLATE_NOOP("dubbing", "needs attention"),
}


def describe(job: DubbingJob) -> str:
    """The state as one short line: "processing · stage 3/7 · Lip sync · 42 %"."""
    if job.phase is Phase.UPLOADING and job.uploaded is not None:
        return QT_TRANSLATE_NOOP("dubbing", "uploading %1 %").arg(f"{job.uploaded * 100:.0f}")
    if job.phase is Phase.UPLOADING and job.job_id == "" and job.is_url:
        return QT_TRANSLATE_NOOP("dubbing", "creating the job")
    if job.phase is Phase.FETCHING and job.fetched is not None:
        return QT_TRANSLATE_NOOP("dubbing", "downloading the result %1 %").arg(
            f"{job.fetched * 100:.0f}"
        )
    if job.phase is Phase.WAITING:
        parts: list[str] = [job.status or _PHASE_TEXT[Phase.WAITING]]  # the service's word
        if detail := job.progress.text():
            parts.append(detail)
        if job.stuck_hinted:
            parts.append(QT_TRANSLATE_NOOP("dubbing", "longer than expected"))
        return joined(" · ", parts)
    return _PHASE_TEXT[job.phase]


def percent(job: DubbingJob) -> float | None:
    """The number for a progress bar in this phase, or None (a busy indicator)."""
    if job.phase is Phase.UPLOADING:
        return None if job.uploaded is None else job.uploaded * 100
    if job.phase is Phase.FETCHING:
        return None if job.fetched is None else job.fetched * 100
    if job.phase is Phase.DONE:
        return 100.0
    if job.phase is Phase.WAITING:
        return job.progress.estimate()
    return None


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def format_cost(cost: float | None) -> str:
    return "" if cost is None else f"${cost:.2f}"


@dataclass
class JobCallbacks:
    """What the owner of a running job hears: ``changed`` for what must be kept (the store),
    awaited; ``progressed`` for transient numbers (bytes up or down); ``hinted`` for the stuck
    hint.  The runner (``dragoman.providers.dubbing.JobRunner``) calls them."""

    changed: Callable[[DubbingJob], Awaitable[None]]
    progressed: Callable[[DubbingJob], None] = field(default=lambda _job: None)
    hinted: Callable[[DubbingJob, str], None] = field(default=lambda _job, _text: None)


# ----------------------------------------------------------------------------------------------
# The store's file: JSON, parsed defensively (a hand-edited or truncated file loses rows, not all)

STORE_VERSION: Final = 1


def job_to_record(job: DubbingJob) -> dict[str, Any]:
    record = asdict(job)
    record["phase"] = job.phase.value
    record["state"] = job.state.value if job.state else None
    record["subtitle_paths"] = list(job.subtitle_paths)
    return record


def job_from_record(record: object) -> DubbingJob | None:
    """A stored record back as a job, or None when it is not one (then it is skipped)."""
    if not isinstance(record, dict):
        return None
    try:
        progress = record.get("progress")
        paths = record.get("subtitle_paths") or []
        values: dict[str, Any] = {
            **record,
            "phase": Phase(record.get("phase")),
            "state": parse_state(record.get("state")),
            "progress": _typed(Progress(**progress)) if isinstance(progress, dict) else Progress(),
            "subtitle_paths": tuple(paths) if isinstance(paths, list) else None,
        }
        known = DubbingJob.__dataclass_fields__
        return _typed(DubbingJob(**{k: v for k, v in values.items() if k in known}))
    except (TypeError, ValueError):
        return None


_T = TypeVar("_T")
_FIELD_TYPES: Final[dict[str, tuple[type, ...]]] = {
    "str": (str,),
    "bool": (bool,),
    "float": (int, float),
    "float | None": (int, float, type(None)),
    "int | None": (int, type(None)),
    "str | None": (str, type(None)),
}


def _typed(value: _T) -> _T:
    """``value`` (a dataclass read from the store) if each simple field has its declared type;
    TypeError otherwise.  ``true`` is no number here, and paths must all be text."""
    for name, spec in value.__dataclass_fields__.items():  # type: ignore[attr-defined]  # a dataclass
        allowed = _FIELD_TYPES.get(spec.type)
        item = getattr(value, name)
        if allowed is None:
            continue
        if not isinstance(item, allowed) or (bool not in allowed and isinstance(item, bool)):
            raise TypeError(name)
    if isinstance(value, DubbingJob) and not all(isinstance(p, str) for p in value.subtitle_paths):
        raise TypeError("subtitle_paths")
    return value


def parse_job_file(text: str) -> list[DubbingJob]:
    """The jobs a store file holds, oldest first; unreadable rows (or files) give nothing."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    rows = data.get("jobs") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        return []
    return [job for job in map(job_from_record, rows) if job is not None]


def dump_job_file(jobs: list[DubbingJob]) -> str:
    """The store file for ``jobs``; the oldest finished ones go beyond MAX_STORED_JOBS."""
    kept = list(jobs)
    while len(kept) > MAX_STORED_JOBS:
        finished = next((j for j in kept if not j.phase.active), kept[0])
        kept.remove(finished)
    return json.dumps(
        {"version": STORE_VERSION, "jobs": [job_to_record(j) for j in kept]},
        ensure_ascii=False,
        indent=1,
    )


def upsert(jobs: list[DubbingJob], job: DubbingJob) -> list[DubbingJob]:
    """``jobs`` with ``job`` replacing the one with its key (or appended)."""
    for index, existing in enumerate(jobs):
        if existing.key == job.key:
            return [*jobs[:index], job, *jobs[index + 1 :]]
    return [*jobs, job]


def find_job(jobs: list[DubbingJob], wanted: str) -> DubbingJob | None:
    """A job by server id or local key (the newest, if several)."""
    for job in reversed(jobs):
        if wanted in (job.job_id, job.key):
            return job
    return None
