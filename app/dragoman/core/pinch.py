"""Pinch real-time translation: the protocol core, sans I/O.

Builds what the client sends (allocation query, update_metadata, end-of-utterance padding) and
turns what the server sends (allocation responses, text and binary frames, close codes) into typed
results. No sockets and no clocks: the providers layer pumps bytes through these functions. The
authority is Pinch's real-time spec; where it says *decided*, the choice is recorded here too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields, replace
from enum import Enum
from typing import Any, Final, Literal
from urllib.parse import quote_plus, urlencode

from dragoman.core.engine import EngineCapabilities, EngineSettings
from dragoman.core.errors import (
    AuthError,
    BadRequest,
    InvalidParameter,
    InvalidUrl,
    NotEntitled,
    ProtocolError,
    ServiceBusy,
    ServiceUnavailable,
)
from dragoman.core.events import (
    ErrorKind,
    Ignored,
    Ready,
    Role,
    ServerError,
    ServerEvent,
    Transcript,
    TranslatedAudio,
)
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.core.urls import redact_url as redact_url
from dragoman.core.urls import split_url
from dragoman.core.wire import MAX_SHOWN_BODY as MAX_SHOWN_BODY
from dragoman.core.wire import error_body_message as error_body_message
from dragoman.core.wire import is_number as _is_number
from dragoman.core.wire import json_object as _json_object
from dragoman.core.wire import parse_retry_after as parse_retry_after
from dragoman.core.wire import truncate as _truncate

DEFAULT_BASE_URL: Final = "https://ws.startpinch.com"
SESSION_PATH: Final = "/v1/session"
INPUT_RATE: Final = 16_000
OUTPUT_RATE: Final = 24_000
FRAME_MS: Final = 20
FRAME_SAMPLES: Final = INPUT_RATE * FRAME_MS // 1000
FRAME_BYTES: Final = FRAME_SAMPLES * 2
PADDING_MS: Final = 300
READY_TIMEOUT_S: Final = 5.0
DEFAULT_EXPIRES_IN_S: Final = 60.0
# Decided: the context travels URL-encoded in the allocation query, and servers refuse request
# lines beyond about 8 KB (HTTP 414), so a longer context is refused before anything is sent.
MAX_CONTEXT_CHARS: Final = 2000
MAX_CONTEXT_ENCODED: Final = 6000

# Pinch's dubbing languages, the likely speech-output set (the spec, section 4); the shipped
# language table marks the same set, and the server's "not supported" error stays the authority.
SPEECH_LANGUAGES: Final = ("en", "es", "fr", "de", "it", "pt", "ru", "ja", "ko", "zh")
CAPABILITIES: Final = EngineCapabilities(
    name="pinch",
    display_name=QT_TRANSLATE_NOOP("engines", "Pinch real-time translation"),
    translates=True,
    speaks=True,
    voices=("male", "female"),
    auto_detect=True,
    two_way=True,
    input_rate=16_000,
    output_rate=24_000,
)

VoiceType = Literal["male", "female"]
FinalizeMode = Literal["stable", "sentence"]
VOICE_TYPES: Final = ("male", "female")
FINALIZE_MODES: Final = ("stable", "sentence")
CLONE_REFUSED: Final = QT_TRANSLATE_NOOP(
    "errors",
    "voiceType='clone' is not supported yet: the real-time API speaks with a male or female "
    "voice, choose one of those.",
)


@dataclass(frozen=True, slots=True)
class SessionParams:
    """Everything that configures a translation session; all of it can change mid-session."""

    source_language: str = "en"
    target_language: str = "es"
    voice_type: str = "male"
    audio_output: bool = True
    finalize_mode: str = "stable"
    two_way: bool = False
    context: str | None = None

    @classmethod
    def from_settings(cls, settings: EngineSettings) -> SessionParams:
        """Pinch's parameters for the engine-neutral settings (validated)."""
        return cls(
            source_language=settings.source_language,
            target_language=settings.target_language,
            voice_type=settings.voice,
            audio_output=settings.speech_output,
            finalize_mode=settings.finalize_mode,
            two_way=settings.two_way,
            context=settings.context or None,
        ).validate()

    def validate(self) -> SessionParams:
        """Refuse what the service would refuse, before anything is sent; returns self."""
        if self.voice_type == "clone":
            raise InvalidParameter(CLONE_REFUSED)
        if self.voice_type not in VOICE_TYPES:
            raise InvalidParameter(
                f"voiceType={self.voice_type!r} is not a voice: choose male or female."
            )
        if self.finalize_mode not in FINALIZE_MODES:
            raise InvalidParameter(
                f"finalizeMode={self.finalize_mode!r} is not known: choose stable or sentence."
            )
        for name, code in (("source", self.source_language), ("target", self.target_language)):
            if not _LANGUAGE_CODE.fullmatch(code):
                raise InvalidParameter(f"{code!r} is not a language code for the {name} language.")
        if self.target_language == "auto":
            raise InvalidParameter("The target language cannot be 'auto': choose a language.")
        if self.context is not None:
            _check_context(self.context)
        return self

    def wire_fields(self) -> dict[str, str]:
        """The parameters under their wire names, values as the service expects them."""
        out = {
            _WIRE_NAMES[f.name]: _wire_value(getattr(self, f.name))
            for f in fields(self)
            if getattr(self, f.name) is not None
        }
        return out

    def query_string(self) -> str:
        """The allocation query: booleans as ``true``/``false``, context URL-encoded."""
        return urlencode(self.validate().wire_fields())


def _check_context(context: str) -> None:
    try:
        encoded = quote_plus(context)
    except UnicodeEncodeError:  # a lone surrogate, e.g. from undecodable command-line bytes
        raise InvalidParameter(
            "The context holds characters that are not text (a broken encoding?): retype it."
        ) from None
    if len(context) > MAX_CONTEXT_CHARS or len(encoded) > MAX_CONTEXT_ENCODED:
        raise InvalidParameter(
            f"The context is too long ({len(context):,} characters; at most "
            f"{MAX_CONTEXT_CHARS:,}): keep it to the names and jargon that matter."
        )


_LANGUAGE_CODE: Final = re.compile(r"auto|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_WIRE_NAMES: Final = {
    "source_language": "sourceLanguage",
    "target_language": "targetLanguage",
    "voice_type": "voiceType",
    "audio_output": "audioOutputEnabled",
    "finalize_mode": "finalizeMode",
    "two_way": "twoWay",
    "context": "context",
}


def _wire_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def session_url(base_url: str, params: SessionParams) -> str:
    """``{base}/v1/session?...`` for a base with or without a trailing slash or path."""
    return f"{base_url.rstrip('/')}{SESSION_PATH}?{params.query_string()}"


def build_update_metadata(old: SessionParams, new: SessionParams) -> str | None:
    """The update_metadata frame carrying only what changed (decided: flat camelCase fields).

    Returns None when nothing changed.  A context cleared to None is sent as an empty string.
    """
    new.validate()
    changes: dict[str, Any] = {"type": "update_metadata"}
    for f in fields(new):
        before, after = getattr(old, f.name), getattr(new, f.name)
        if before != after:
            changes[_WIRE_NAMES[f.name]] = "" if after is None else after
    if len(changes) == 1:
        return None
    return json.dumps(changes)


def with_changes(params: SessionParams, **changes: Any) -> SessionParams:
    """A validated copy of ``params`` with ``changes`` applied (field names as in SessionParams)."""
    return replace(params, **changes).validate()


def padding_frames() -> list[bytes]:
    """The end-of-utterance silence: 300 ms of PCM16 zeros as 20 ms frames.

    Without it the last sentence never finalises; frames of the normal size keep the wire within
    the documented 20-40 ms per frame.
    """
    count = PADDING_MS // FRAME_MS
    return [bytes(FRAME_BYTES)] * count


# ----------------------------------------------------------------------------------------------
# Allocation


@dataclass(frozen=True, slots=True)
class Allocation:
    """A granted session: ``ws_url`` carries the single-use token and must stay out of logs."""

    session_id: str
    ws_url: str
    expires_in: float

    def __repr__(self) -> str:
        return (
            f"Allocation(session_id={self.session_id!r}, ws_url={redact_url(self.ws_url)!r}, "
            f"expires_in={self.expires_in})"
        )


def parse_allocation(status: int, body: bytes, retry_after: str | None = None) -> Allocation:
    """Map an allocation response onto an Allocation or one of our typed errors.

    Retryable failures are ServiceUnavailable (and its subclass ServiceBusy) with ``retryable``
    set; the caller owns the retry schedule.
    """
    if status == 200:
        return _allocation_from_body(body)
    message = error_body_message(body)
    # The sentences are messages with arguments (dragoman.core.i18n): English here and in the
    # CLI, translated where the desktop UI shows them; the service's own words stay as sent.
    if status == 401:
        raise AuthError(
            QT_TRANSLATE_NOOP(
                "errors",
                "Pinch did not accept the API key: set a valid key "
                "(create one on the Pinch developer portal).",
            )
        )
    if status == 403:
        raise NotEntitled(
            QT_TRANSLATE_NOOP(
                "errors",
                "This Pinch API key is not entitled to real-time translation: ask Pinch support "
                "to enable it for your account, quoting your key's name.",
            )
        )
    if status in (429, 503):
        busy = (
            QT_TRANSLATE_NOOP("errors", "The Pinch service is rate limited (HTTP %1)%2.")
            if status == 429
            else QT_TRANSLATE_NOOP("errors", "The Pinch service is busy (HTTP %1)%2.")
        )
        raise ServiceBusy(
            busy.arg(status, _detail(message)), retry_after=parse_retry_after(retry_after)
        )
    if status in (400, 402):
        raise BadRequest(
            QT_TRANSLATE_NOOP("errors", "Pinch refused the session (HTTP %1): %2.").arg(
                status, message or QT_TRANSLATE_NOOP("errors", "no reason")
            )
        )
    if 500 <= status < 600:
        raise ServiceUnavailable(
            QT_TRANSLATE_NOOP("errors", "The Pinch service failed (HTTP %1)%2.").arg(
                status, _detail(message)
            )
        )
    raise ServiceUnavailable(
        QT_TRANSLATE_NOOP(
            "errors", "The Pinch endpoint answered HTTP %1%2: check the service URL."
        ).arg(status, _detail(message)),
        retryable=False,
    )


def _detail(message: str) -> str:
    return f": {message}" if message else ""


def _allocation_from_body(body: bytes) -> Allocation:
    data = _json_object(body, "allocation response")
    session_id, ws_url = data.get("session_id"), data.get("ws_url")
    expires_in = data.get("expires_in", DEFAULT_EXPIRES_IN_S)
    if not isinstance(session_id, str) or not session_id:
        raise ProtocolError("The allocation response has no session_id.")
    if not isinstance(ws_url, str):
        raise ProtocolError("The allocation response has no usable ws_url.")
    ws_url = _usable_ws_url(ws_url)
    if not _is_number(expires_in) or expires_in <= 0:
        raise ProtocolError("The allocation response has an invalid expires_in.")
    return Allocation(session_id=session_id, ws_url=ws_url, expires_in=float(expires_in))


def _usable_ws_url(ws_url: str) -> str:
    """``ws_url`` as the socket library will open it, or ProtocolError (never its ValueError).

    Opened exactly as returned, except for a fragment: it never reaches the server, and the
    socket library refuses URLs that have one (decided: drop it rather than the session).
    """
    without_fragment = ws_url.partition("#")[0]
    try:
        url = split_url(without_fragment)
    except InvalidUrl as error:
        raise ProtocolError(f"The allocation response has no usable ws_url ({error})") from None
    if url.scheme not in ("ws", "wss"):
        raise ProtocolError("The allocation response has no usable ws_url (not ws:// or wss://).")
    if url.userinfo is not None and ":" not in url.userinfo:
        raise ProtocolError(
            "The allocation response has no usable ws_url (a user name without a password)."
        )
    return without_fragment


# ----------------------------------------------------------------------------------------------
# Server frames


def parse_text_frame(text: str | bytes) -> ServerEvent:
    """A server text frame as a typed event; malformed frames raise ProtocolError."""
    data = _json_object(text, "frame")
    kind = data.get("type")
    if not isinstance(kind, str):
        raise ProtocolError("A frame has no 'type'.")
    if kind == "ready":
        return Ready(session_id="")
    if kind == "error":
        return _server_error(data, text)
    role = _transcript_role(kind, data)
    if role is None:
        return Ignored(type=kind)
    return _transcript(role, data)


_ORIGINAL_TYPES: Final = frozenset({"original_transcript"})
_TRANSLATED_TYPES: Final = frozenset({"translated_transcript", "translation"})
_MARKER_FIELDS: Final = ("source", "kind", "role", "transcript_type", "origin")
_SOURCE_MARKERS: Final = frozenset({"original", "source"})
_TRANSLATION_MARKERS: Final = frozenset({"translated", "translation", "target"})


def _transcript_role(kind: str, data: dict[str, Any]) -> Role | None:
    if kind in _ORIGINAL_TYPES:
        return "source"
    if kind in _TRANSLATED_TYPES:
        return "translation"
    if kind != "transcript":
        return None
    # Decided: a plain "transcript" is the original unless a marker says it is the translation.
    for name in _MARKER_FIELDS:
        marker = data.get(name)
        if isinstance(marker, str) and marker.lower() in _TRANSLATION_MARKERS:
            return "translation"
        if isinstance(marker, str) and marker.lower() in _SOURCE_MARKERS:
            return "source"
    return "source"


def _transcript(role: Role, data: dict[str, Any]) -> Transcript:
    text = data.get("text")
    if not isinstance(text, str):
        raise ProtocolError(f"A {role} transcript has no text.")
    is_final = data.get("is_final", False)
    if not isinstance(is_final, bool):
        raise ProtocolError("A transcript's is_final is not a boolean.")
    correlation = data.get("correlation_id")
    if correlation is not None and (
        isinstance(correlation, bool) or not isinstance(correlation, str | int)
    ):
        raise ProtocolError("A transcript's correlation_id is neither text nor a number.")
    return Transcript(
        role=role,
        text=text,
        is_final=is_final,
        correlation_id=None if correlation is None else str(correlation),
        timestamp=_optional_number(data, "timestamp"),
        language=_optional_text(data, "language_detected") or _optional_text(data, "language"),
        confidence=_optional_number(data, "confidence"),
    )


def _optional_number(data: dict[str, Any], name: str) -> float | None:
    value = data.get(name)
    if value is None:
        return None
    if not _is_number(value):
        raise ProtocolError(f"A transcript's {name} is not a number.")
    return float(value)


def _optional_text(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise ProtocolError(f"A transcript's {name} is not text.")
    return value


_UNSUPPORTED_TARGET: Final = re.compile(r"targetLanguage\s*=\s*'([^']*)'\s+is not supported")
_CLONE: Final = re.compile(r"voiceType\s*=\s*'clone'\s+is not supported")


def _server_error(data: dict[str, Any], raw: str | bytes) -> ServerError:
    message = data.get("message")
    if not isinstance(message, str):
        error = data.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            message = error["message"]
        elif isinstance(error, str):
            message = error
        else:
            message = raw if isinstance(raw, str) else raw.decode("utf-8", errors="replace")
    message = _truncate(message)
    if match := _UNSUPPORTED_TARGET.search(message):
        language = match.group(1)
        return ServerError(
            kind=ErrorKind.UNSUPPORTED_TARGET_LANGUAGE,
            message=message,
            sentence=QT_TRANSLATE_NOOP(
                "errors",
                "Pinch cannot speak '%1' yet: switch to text only, "
                "or choose a target language with speech output.",
            ).arg(language),
            language=language,
        )
    if _CLONE.search(message):
        return ServerError(
            kind=ErrorKind.CLONE_NOT_SUPPORTED, message=message, sentence=CLONE_REFUSED
        )
    return ServerError(
        kind=ErrorKind.OTHER,
        message=message,
        sentence=QT_TRANSLATE_NOOP("errors", "The Pinch service said: %1").arg(message),
    )


def decode_audio(data: bytes) -> TranslatedAudio:
    """A binary frame as float32 24 kHz samples.

    A length that is not a multiple of 4 is malformed (decided: drop the trailing partial sample
    and report it in ``dropped_bytes``, rather than shifting every later sample out of alignment).
    Non-finite samples are replaced by silence so they can never reach a loudspeaker.
    """
    usable = len(data) - len(data) % 4
    import numpy as np  # here, not at import: the window opens before any audio is decoded

    samples = np.frombuffer(data, dtype="<f4", count=usable // 4).astype(np.float32)
    if not np.isfinite(samples).all():
        samples = np.nan_to_num(samples, nan=0.0, posinf=0.0, neginf=0.0)
    return TranslatedAudio(samples=samples, rate=OUTPUT_RATE, dropped_bytes=len(data) - usable)


# ----------------------------------------------------------------------------------------------
# Close codes


class CloseAction(Enum):
    DONE = "done"
    REALLOCATE_NOW = "reallocate_now"
    REALLOCATE = "reallocate"
    REALLOCATE_BACKOFF = "reallocate_backoff"


@dataclass(frozen=True, slots=True)
class CloseDecision:
    action: CloseAction
    sentence: str


def close_decision(code: int | None, reason: str = "") -> CloseDecision:
    """What to do when the socket closes with ``code`` (None: dropped without a close frame)."""
    # English messages (dragoman.core.i18n): the reconnecting banner shows them translated.
    if code == 1000:
        return CloseDecision(
            CloseAction.DONE, QT_TRANSLATE_NOOP("errors", "The session ended normally.")
        )
    if code == 4401:
        return CloseDecision(
            CloseAction.REALLOCATE_NOW,
            QT_TRANSLATE_NOOP("errors", "The session link expired; starting a new session."),
        )
    if code == 4503:
        return CloseDecision(
            CloseAction.REALLOCATE,
            QT_TRANSLATE_NOOP("errors", "The server ended the session; starting a new one."),
        )
    if code == 1009:
        return CloseDecision(
            CloseAction.REALLOCATE_BACKOFF,
            QT_TRANSLATE_NOOP(
                "errors", "A message was too large to accept (code 1009); reconnecting."
            ),
        )
    if code is None or code == 1006:
        return CloseDecision(
            CloseAction.REALLOCATE_BACKOFF,
            QT_TRANSLATE_NOOP("errors", "The connection dropped; reconnecting."),
        )
    return CloseDecision(
        CloseAction.REALLOCATE_BACKOFF,
        QT_TRANSLATE_NOOP(
            "errors", "The server closed the connection (code %1: %2); reconnecting."
        ).arg(code, _truncate(reason))
        if reason
        else QT_TRANSLATE_NOOP(
            "errors", "The server closed the connection (code %1); reconnecting."
        ).arg(code),
    )
