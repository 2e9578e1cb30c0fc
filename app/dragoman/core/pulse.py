"""Smallest AI Pulse real-time transcription: the protocol core, sans I/O.

Builds what the client sends (the live URL with its query, the control messages) and turns what
the server sends (handshake refusals, JSON messages, close codes) into typed results.  No sockets
and no clocks: ``dragoman.providers.pulse`` pumps bytes through these functions and passes time in.
The authority is Smallest AI's Pulse spec; where it is silent, the choice is marked *decided* here.

Two facts shape everything below:

* Pulse has no ``ready`` message and no allocation: the socket is ready once the upgrade succeeds,
  and the server names its session only in its results (``session_id``).
* Finals are not cumulative: each ``is_final`` result is one segment of speech, never a rewrite of
  earlier text, so consumers append them (``TranscriptBuilder`` does; see ``Result``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, Final, Literal
from urllib.parse import urlencode

from dragoman.core.engine import EngineCapabilities, EngineSettings
from dragoman.core.errors import (
    AuthError,
    BadRequest,
    DragomanError,
    InvalidParameter,
    NotEntitled,
    ProtocolError,
    ServiceBusy,
    ServiceUnavailable,
)
from dragoman.core.events import ErrorKind, Ignored, ServerError, Transcript
from dragoman.core.urls import split_url
from dragoman.core.wire import (
    error_body_message,
    is_number,
    json_object,
    parse_retry_after,
    truncate,
)

DEFAULT_BASE_URL: Final = "wss://api.smallest.ai"
US_BASE_URL: Final = "wss://api.us.smallest.ai"
LIVE_PATH: Final = "/waves/v1/stt/live"
LEGACY_PATH: Final = "/waves/v1/pulse/get_text"
MODEL: Final = "pulse"
INPUT_RATE: Final = 16_000  # what the engine interface pushes: 20 ms PCM16 mono frames

SAMPLE_RATES: Final = (8000, 16000, 22050, 24000, 44100, 48000)
ENCODINGS: Final = ("linear16", "linear32", "alaw", "mulaw", "opus", "ogg_opus")

# The spec's streaming languages, in its order.
STREAMING_LANGUAGES: Final = (
    "en", "hi", "de", "es", "ru", "it", "fr", "nl", "pt",
    "zh", "yue", "ja", "ko",
    "gu", "mr", "or", "bn", "ta", "te", "kn", "ml",
    "north_indic", "multi-asian", "multi-south-indic",
)  # fmt: skip
US_LANGUAGES: Final = frozenset({"zh", "yue", "ja", "ko", "multi-asian"})
INDIA_LANGUAGES: Final = frozenset(
    {"gu", "mr", "or", "bn", "ta", "te", "kn", "ml", "multi-south-indic"}
)

FINALIZE: Final = '{"type":"finalize"}'
CLOSE_STREAM: Final = '{"type":"close_stream"}'

# Decided: an open counts as successful (the reconnection budget resets) once it carried a result
# or stayed up this long; a server that accepts and at once closes every socket stays bounded.
STABLE_OPEN_S: Final = 5.0

CAPABILITIES: Final = EngineCapabilities(
    name="pulse",
    display_name="Smallest AI Pulse",
    translates=False,
    speaks=False,
    voices=(),
    source_languages=STREAMING_LANGUAGES,
    target_languages=(),
    auto_detect=False,
    two_way=False,
    input_rate=INPUT_RATE,
    output_rate=None,
)

REGIONS: Final = ("auto", "default", "us")


@dataclass(frozen=True, slots=True)
class AudioFormat:
    """What the client streams.  The session derives it from the frames it sends, never from
    settings, so the declared rate is always the rate on the wire (the server does not resample).
    """

    encoding: str = "linear16"
    sample_rate: int = INPUT_RATE

    def validate(self) -> AudioFormat:
        if self.encoding not in ENCODINGS:
            raise InvalidParameter(
                f"encoding={self.encoding!r} is not one Pulse accepts: {', '.join(ENCODINGS)}."
            )
        if self.sample_rate not in SAMPLE_RATES:
            rates = ", ".join(str(r) for r in SAMPLE_RATES)
            raise InvalidParameter(
                f"sample_rate={self.sample_rate} is not one Pulse accepts: {rates}."
            )
        return self


PCM16_16K: Final = AudioFormat()

_KEYWORD: Final = re.compile(r"[^,:]*[^,:\s][^,:]*:-?\d+(\.\d+)?")


@dataclass(frozen=True, slots=True)
class PulseParams:
    """The recognition options of a session.  None means "the server's default" (not sent).

    Decided defaults: punctuation and capitals on, because Dragoman's Pulse mode is captions and
    dictation, read as sentences; everything else is left to the server.
    """

    language: str = "en"
    punctuate: bool | None = True
    capitalize: bool | None = True
    word_timestamps: bool | None = None
    itn_normalize: bool | None = None
    keywords: tuple[str, ...] = ()  # "word:intensity"
    eou_timeout_ms: int | None = None
    endpointing: bool | None = None
    vad_events: bool | None = None

    @classmethod
    def from_settings(cls, settings: EngineSettings, template: PulseParams) -> PulseParams:
        """``template``'s options with the spoken language of ``settings`` (validated).

        Pulse transcribes only: the target language, voice, speech output, finalize mode, two-way
        and context (free text, whereas Pulse keywords need ``word:intensity``) do not apply.
        """
        return replace(template, language=settings.source_language).validate()

    def validate(self) -> PulseParams:
        """Refuse what the service would refuse, before anything is sent; returns self."""
        if self.language not in STREAMING_LANGUAGES:
            raise InvalidParameter(
                f"Pulse does not transcribe {self.language!r} in real time: choose one of "
                f"{', '.join(STREAMING_LANGUAGES)}."
            )
        for keyword in self.keywords:
            if not _KEYWORD.fullmatch(keyword.strip()):
                raise InvalidParameter(
                    f"The keyword {keyword!r} is not of the form word:intensity (e.g. Dragoman:5)."
                )
        if self.eou_timeout_ms is not None and (
            isinstance(self.eou_timeout_ms, bool)
            or not isinstance(self.eou_timeout_ms, int)
            or self.eou_timeout_ms <= 0
        ):
            raise InvalidParameter("eou_timeout_ms must be a positive number of milliseconds.")
        return self


def host_for(language: str, region: str = "auto") -> Literal["default", "us"]:
    """Which host serves ``language``: the US host for zh/yue/ja/ko/multi-asian, else the default.

    An explicit ``region`` wins unless the language needs the other host, which is refused.
    """
    if region not in REGIONS:
        raise InvalidParameter(f"region={region!r} is not known: choose auto, default or us.")
    if region == "us" and language in INDIA_LANGUAGES:
        raise InvalidParameter(f"Pulse serves {language!r} only from its default (India) host.")
    if region == "default" and language in US_LANGUAGES:
        raise InvalidParameter(f"Pulse serves {language!r} only from its US host.")
    if region == "us" or (region == "auto" and language in US_LANGUAGES):
        return "us"
    return "default"


def query(params: PulseParams, audio: AudioFormat = PCM16_16K, *, legacy: bool = False) -> str:
    """The live query: booleans as ``true``/``false``, keywords comma-joined, None left out.

    The legacy path takes no ``model``.
    """
    params.validate()
    audio.validate()
    pairs: list[tuple[str, str]] = [] if legacy else [("model", MODEL)]
    pairs += [
        ("language", params.language),
        ("encoding", audio.encoding),
        ("sample_rate", str(audio.sample_rate)),
    ]
    options: tuple[tuple[str, object], ...] = (
        ("word_timestamps", params.word_timestamps),
        ("punctuate", params.punctuate),
        ("capitalize", params.capitalize),
        ("itn_normalize", params.itn_normalize),
        ("keywords", ",".join(k.strip() for k in params.keywords) or None),
        ("eou_timeout_ms", params.eou_timeout_ms),
        ("endpointing", params.endpointing),
        ("vad_events", params.vad_events),
    )
    for name, value in options:
        if isinstance(value, bool):
            pairs.append((name, "true" if value else "false"))
        elif value is not None:
            pairs.append((name, str(value)))
    return urlencode(pairs)


def live_url(
    base_url: str, params: PulseParams, audio: AudioFormat = PCM16_16K, *, legacy: bool = False
) -> str:
    """``{base}{path}?{query}``; an ``https``/``http`` base is spoken to as ``wss``/``ws``.

    ``base_url`` is a base (a host, perhaps with a proxy's path prefix) or a full endpoint URL:
    a path that already ends in the live or the legacy path is kept, and says which protocol
    variant to speak (the legacy path takes no ``model``); the endpoint's own query parameters
    are kept unless ours set them.  A URL that is not one raises InvalidUrl.
    """
    url = split_url(base_url)
    scheme = {"https": "wss", "http": "ws"}.get(url.scheme, url.scheme)
    path = url.path.rstrip("/")
    if path.endswith((LIVE_PATH, LEGACY_PATH)):
        legacy = path.endswith(LEGACY_PATH)
    else:
        path += LEGACY_PATH if legacy else LIVE_PATH
    ours = query(params, audio, legacy=legacy)
    names = {pair.partition("=")[0] for pair in ours.split("&")}
    theirs = [p for p in url.query.split("&") if p and p.partition("=")[0] not in names]
    return f"{scheme}://{url.netloc}{path}?" + "&".join([*theirs, ours])


def choose_base(language: str, *, base_url: str, us_base_url: str, region: str = "auto") -> str:
    """The base URL of the host that serves ``language`` (see ``host_for``)."""
    return us_base_url if host_for(language, region) == "us" else base_url


# ----------------------------------------------------------------------------------------------
# Handshake refusals (HTTP status before the upgrade)


class Retry(Enum):
    NEVER = "never"
    ONCE = "once"  # 500: one more try, then give up
    BACKOFF = "backoff"  # 503 and other 5xx: the reconnection schedule
    RATE_LIMITED = "rate_limited"  # 429: its own schedule from 500 ms, honouring Retry-After


@dataclass(frozen=True, slots=True)
class HandshakeFailure:
    """A refused upgrade: the error to show and how (whether) to retry."""

    error: DragomanError
    retry: Retry


def handshake_failure(
    status: int, body: bytes = b"", retry_after: str | None = None
) -> HandshakeFailure:
    """Map the HTTP answer to a refused upgrade onto our errors and a retry policy."""
    message = error_body_message(body)
    detail = f": {message}" if message else ""
    if status == 401:
        return HandshakeFailure(
            AuthError(
                "Smallest AI did not accept the API key: set a valid key (they start with sk_; "
                "create one in the Smallest AI console)."
            ),
            Retry.NEVER,
        )
    if status == 403:
        return HandshakeFailure(
            NotEntitled(
                "This Smallest AI key may not use Pulse real-time transcription (workspace or "
                f"plan){detail}: check the key's workspace and plan in the Smallest AI console."
            ),
            Retry.NEVER,
        )
    if status == 400:
        return HandshakeFailure(
            BadRequest(
                f"Smallest AI refused the session parameters (HTTP 400): {message or 'no reason'}."
            ),
            Retry.NEVER,
        )
    if status == 429:
        return HandshakeFailure(
            ServiceBusy(
                f"Smallest AI is rate limiting this key (HTTP 429){detail}.",
                retry_after=parse_retry_after(retry_after),
            ),
            Retry.RATE_LIMITED,
        )
    if status == 500:
        return HandshakeFailure(
            ServiceUnavailable(f"The Pulse service failed (HTTP 500){detail}."), Retry.ONCE
        )
    if status == 503:
        return HandshakeFailure(
            ServiceBusy(
                f"The Pulse service is busy (HTTP 503){detail}.",
                retry_after=parse_retry_after(retry_after),
            ),
            Retry.BACKOFF,
        )
    if 500 <= status < 600:
        return HandshakeFailure(
            ServiceUnavailable(f"The Pulse service failed (HTTP {status}){detail}."),
            Retry.BACKOFF,
        )
    return HandshakeFailure(
        ServiceUnavailable(
            f"The Pulse endpoint answered HTTP {status}{detail}: check the service URL.",
            retryable=False,
        ),
        Retry.NEVER,
    )


# ----------------------------------------------------------------------------------------------
# Server messages


@dataclass(frozen=True, slots=True)
class Word:
    word: str
    start: float | None = None
    end: float | None = None
    confidence: float | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """One transcription message.

    ``transcript.text`` is this segment only.  An interim replaces the previous interim; a final
    closes its segment and the next result starts a new one, so finals are appended, never merged.
    ``from_finalize`` marks the one final that answers a ``finalize``; ``is_last`` the one that
    answers ``close_stream`` (the server closes after it).
    """

    transcript: Transcript
    is_last: bool = False
    from_finalize: bool = False
    languages: tuple[str, ...] = ()
    words: tuple[Word, ...] = ()


@dataclass(frozen=True, slots=True)
class SpeechActivity:
    """``speech_started`` / ``speech_ended`` (only with vad_events=true); session-relative time."""

    started: bool
    timestamp: float | None = None


PulseMessage = Result | SpeechActivity | ServerError | Ignored


def parse_message(text: str | bytes) -> PulseMessage:
    """A server text message as a typed result; malformed messages raise ProtocolError.

    Required fields are strict (a result without text, or an ``is_final`` that is not a boolean,
    cannot be acted on); optional metadata of the wrong type is dropped (decided: a bad word list
    must not cost the user the text of a final).
    """
    data = json_object(text, "message")
    kind = data.get("type")
    if _is_error(data):
        return _server_error(data, text)
    if kind is None:
        if "transcript" not in data:
            raise ProtocolError("A message has neither a type nor a transcript.")
        return _result(data)  # the older, untyped shape
    if not isinstance(kind, str):
        raise ProtocolError("A message's type is not text.")
    if kind == "transcription":
        return _result(data)
    if kind in ("speech_started", "speech_ended"):
        return SpeechActivity(kind == "speech_started", _number(data.get("timestamp")))
    return Ignored(type=kind)


def _is_error(data: dict[str, Any]) -> bool:
    """Any of the spec's three shapes: ``type``/``status`` "error", an ``error`` object or code."""
    error = data.get("error")
    return (
        data.get("type") == "error"
        or data.get("status") == "error"
        or isinstance(error, dict)
        or (isinstance(error, str) and bool(error))
        or data.get("error_code") is not None
    )


def _server_error(data: dict[str, Any], raw: str | bytes) -> ServerError:
    error = data.get("error")
    nested = error if isinstance(error, dict) else {}
    message: object = data.get("message")
    if not isinstance(message, str) or not message.strip():
        message = nested.get("message")
    if not isinstance(message, str) or not message.strip():
        message = error if isinstance(error, str) else None
    if not isinstance(message, str):
        message = raw if isinstance(raw, str) else raw.decode("utf-8", errors="replace")
    code = data.get("error_code", nested.get("code"))
    shown = truncate(message)
    shown_code = "" if isinstance(code, bool) or not isinstance(code, str | int) else str(code)
    suffix = f" (code {truncate(shown_code)})" if shown_code.strip() else ""
    return ServerError(
        kind=ErrorKind.OTHER, message=shown, sentence=f"The Pulse service said: {shown}{suffix}"
    )


def _result(data: dict[str, Any]) -> Result:
    text = data.get("transcript")
    if not isinstance(text, str):
        raise ProtocolError("A transcription has no transcript text.")
    is_final = _flag(data, "is_final")
    is_last = _flag(data, "is_last")
    session = data.get("session_id")
    words = _words(data.get("words"))
    confidences = [w.confidence for w in words if w.confidence is not None]
    languages = data.get("languages")
    language = data.get("language")
    return Result(
        transcript=Transcript(
            role="source",
            text=text,
            # is_last comes only on the last final: final whatever is_final says.
            is_final=is_final or is_last,
            language=language if isinstance(language, str) else None,
            confidence=sum(confidences) / len(confidences) if confidences else None,
            session_id=str(session) if isinstance(session, str | int) and session != "" else None,
        ),
        is_last=is_last,
        from_finalize=_flag(data, "from_finalize"),
        languages=(
            tuple(x for x in languages if isinstance(x, str)) if isinstance(languages, list) else ()
        ),
        words=words,
    )


def _flag(data: dict[str, Any], name: str) -> bool:
    value = data.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ProtocolError(f"A transcription's {name} is not a boolean.")
    return value


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and is_number(value):
        return float(value)
    return None


def _words(value: object) -> tuple[Word, ...]:
    if not isinstance(value, list):
        return ()
    words = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("word"), str):
            continue
        speaker = item.get("speaker")
        words.append(
            Word(
                word=item["word"],
                start=_number(item.get("start")),
                end=_number(item.get("end")),
                confidence=_number(item.get("confidence")),
                speaker=str(speaker) if isinstance(speaker, str | int) else None,
            )
        )
    return tuple(words)


# ----------------------------------------------------------------------------------------------
# Close codes and the reconnection budget


class CloseAction(Enum):
    DONE = "done"
    RECONNECT = "reconnect"


@dataclass(frozen=True, slots=True)
class CloseDecision:
    """What to do after a close; ``reason`` and ``advice`` compose the sentences shown."""

    action: CloseAction
    reason: str
    advice: str = "check your connection and try again"
    next_step: str = "reconnecting"

    @property
    def sentence(self) -> str:
        if self.action is CloseAction.DONE:
            return f"{self.reason}."
        return f"{self.reason}; {self.next_step}."

    def gave_up(self, attempts: int) -> str:
        """The sentence once the budget is spent, with the next step for a person."""
        return f"{self.reason}, and it was still failing after {attempts} attempts: {self.advice}."


CONCURRENCY_LIMIT: Final = CloseDecision(
    CloseAction.RECONNECT,
    "Smallest AI refused the session: this API key has reached its concurrency limit, the "
    "number of live sessions its plan allows (close code 1008)",
    advice="close other programs or windows that use this key, or raise the concurrency "
    "limit of your Smallest AI plan",
    next_step="retrying",
)


def close_decision(code: int | None, reason: str = "") -> CloseDecision:
    """What to do when the socket closes with ``code`` (None: dropped without a close frame)."""
    if code == 1000:
        return CloseDecision(CloseAction.DONE, "The session ended normally")
    if code == 1008:
        return CONCURRENCY_LIMIT
    if code is None or code == 1006:
        return CloseDecision(CloseAction.RECONNECT, "The connection dropped")
    detail = f": {truncate(reason)}" if reason else ""
    return CloseDecision(
        CloseAction.RECONNECT, f"The server closed the connection (code {code}{detail})"
    )


def open_succeeded(lived_s: float, results: int, close_code: int | None) -> bool:
    """Whether a socket that has now closed counts as a successful open (budget reset).

    The spec resets the reconnection budget "after a successful open"; decided: an open succeeded
    if it carried a transcription result or lived ``STABLE_OPEN_S``, and never if the server
    refused it for concurrency (1008), so a server that accepts and at once closes stays bounded.
    """
    if close_code == 1008:
        return False
    return results > 0 or lived_s >= STABLE_OPEN_S
