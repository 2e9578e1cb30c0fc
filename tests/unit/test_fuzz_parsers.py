"""Fuzzing the parsers of untrusted input: only our own errors, on any input (issue 15, item 7).

Every parser here reads what a server, a person or a file hands us: Pinch and Pulse frames and
HTTP answers, URLs (and the redactor that puts them in messages), stored settings.  Each must
answer with a typed result or one of our errors (DragomanError subclasses), never ValueError,
RecursionError, OverflowError or UnicodeError.

Each of the 11 properties runs a few hundred examples in the quick run (``-m "not slow"``) and
2,000 more in the full run, 22,000 in all (about a minute, to keep CI within its budget);
``DRAGOMAN_FUZZ_EXAMPLES=10000 pytest -m slow tests/unit/test_fuzz_parsers.py`` runs 110,000
(about five minutes here), and any other number that many per property.  The generators draw
one seeded ``random.Random`` per example where they can: hypothesis' own draws cost too much for
that many structured examples.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.core import pinch, pulse, wire
from dragoman.core.errors import DragomanError, InvalidParameter, ProtocolError, UsageError
from dragoman.core.settings import DEFAULTS, Settings, from_strings, to_strings, with_value
from tests.unit.test_urls import any_text, check_any_text, check_redaction, urls_with_secrets

DEFAULT_EXAMPLES = 300
SLOW_EXAMPLES = int(os.environ.get("DRAGOMAN_FUZZ_EXAMPLES", "2000"))  # per property


def fuzz(strategy: st.SearchStrategy[Any]) -> Callable[[Callable[[Any], None]], Any]:
    """Two tests from one property: a quick one and a slow one with SLOW_EXAMPLES examples."""

    def both(check: Callable[[Any], None]) -> Any:
        quick = settings(max_examples=DEFAULT_EXAMPLES, deadline=None)(given(strategy)(check))
        slow = settings(
            max_examples=SLOW_EXAMPLES,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )(given(strategy)(check))
        return quick, pytest.mark.slow(slow)

    return both


# --- random building blocks --------------------------------------------------------------------

NASTY_TEXT = (
    "",
    " ",
    "\x00",
    "\ud83d",
    "\u202e",
    "é",
    "🙂",
    "[" * 3000,
    "x" * 5000,
    "9" * 400,
    "1e999",
    "NaN",
    "-0",
    "true",
)
URLISH = "ws:/[]@?#&;=%.<>\"' abhxé0123456789"


# Characters to draw from: ASCII (controls included), a lone surrogate, bidi controls, letters
# beyond ASCII and astral ones.
POOL = tuple(chr(c) for c in range(128)) + tuple("\ud83d\udc00\u202e\u200béßøλ中🙂\U0010ffff")


def junk(rnd: random.Random, size: int = 20, alphabet: str | None = None) -> str:
    if alphabet is None and rnd.random() < 0.3:
        return rnd.choice(NASTY_TEXT)
    return "".join(rnd.choices(alphabet or POOL, k=rnd.randint(0, size)))


def json_value(rnd: random.Random, depth: int = 0) -> Any:
    kind = rnd.randint(0, 9 if depth < 3 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rnd.choice((True, False))
    if kind == 2:
        return rnd.choice((0, -1, 1, 2**70, 10**400, rnd.randint(-(10**6), 10**6)))
    if kind == 3:
        return rnd.choice((0.5, -0.0, 1e308, rnd.random()))
    if kind in (4, 5, 6):
        return junk(rnd)
    if kind in (7, 8):
        return [json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))]
    return {junk(rnd, 6): json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))}


def frame_dict(rnd: random.Random, fields: dict[str, tuple[Any, ...]]) -> dict[str, Any]:
    """A JSON object with some of ``fields`` (each a plausible value or random JSON)."""
    out: dict[str, Any] = {}
    for name, plausible in fields.items():
        if rnd.random() < 0.6:
            out[name] = rnd.choice(plausible) if rnd.random() < 0.7 else json_value(rnd)
    if rnd.random() < 0.2:
        out[junk(rnd, 6)] = json_value(rnd)
    return out


def as_wire(rnd: random.Random, data: dict[str, Any]) -> str | bytes:
    text = json.dumps(data, ensure_ascii=rnd.random() < 0.5)
    choice = rnd.randint(0, 9)
    if choice == 0:
        return text[: rnd.randint(0, len(text))]  # cut short
    if choice == 1:
        return text.encode("utf-8", errors="surrogatepass")
    if choice == 2:
        return "[" * rnd.randint(1, 20_000)
    return text


randoms = st.randoms(use_true_random=True)


# --- Pinch -------------------------------------------------------------------------------------

WS_URLS = (
    "wss://h/session?token=t",
    "ws://127.0.0.1:9/s",
    "ws://[::1/session?token=t",
    "wss://h:99999/s",
    "wss://u@h/s#f",
    "wss://u:p@h/s",
    "wss://[::1]x/",
    "https://h/s",
    "ws:/h",
    "wss://h /s",
)
PINCH_FRAME_FIELDS = {
    "type": (
        "ready",
        "error",
        "original_transcript",
        "translated_transcript",
        "translation",
        "transcript",
        "segment_started",
        "",
    ),
    "text": ("hola", "", "\ud83d"),
    "is_final": (True, False, "yes"),
    "correlation_id": ("c1", 7, True),
    "timestamp": (1.5, "x", 10**400),
    "language_detected": ("en", 3),
    "confidence": (0.9, float("nan")),
    "message": ("targetLanguage='xx' is not supported", "voiceType='clone' is not supported yet"),
    "error": ({"message": "m"}, "e"),
    "source": ("original", "translation", 3),
}


@st.composite
def pinch_allocations(draw: st.DrawFn) -> tuple[int, bytes, str | None]:
    rnd = draw(randoms)
    status = rnd.choice(
        (200, 200, 200, 400, 401, 402, 403, 404, 429, 500, 503, rnd.randint(100, 599))
    )
    body = frame_dict(
        rnd,
        {
            "session_id": ("ss_1", "", 5),
            "ws_url": WS_URLS + tuple(junk(rnd, 30, URLISH) for _ in range(3)),
            "expires_in": (60, 0, -1, True, "60", 10**400, 1e308),
            "error": ({"code": "x", "message": "m"}, "busy"),
            "message": ("m",),
        },
    )
    wire_body = as_wire(rnd, body)
    data = wire_body if isinstance(wire_body, bytes) else wire_body.encode("utf-8", "surrogatepass")
    retry_after = rnd.choice((None, "3", "-1", "nan", "1e999", junk(rnd, 8)))
    return status, data, retry_after


@fuzz(pinch_allocations())
def check_pinch_allocation(case: tuple[int, bytes, str | None]) -> None:
    try:
        allocation = pinch.parse_allocation(*case)
    except DragomanError:
        return
    assert allocation.ws_url.lower().startswith(("ws://", "wss://"))
    assert "#" not in allocation.ws_url and allocation.expires_in > 0


test_fuzz_pinch_allocation, test_fuzz_pinch_allocation_slow = check_pinch_allocation


@fuzz(
    st.one_of(
        randoms.map(lambda rnd: as_wire(rnd, frame_dict(rnd, PINCH_FRAME_FIELDS))),
        st.text(max_size=50),
        st.binary(max_size=50),
    )
)
def check_pinch_text_frame(frame: str | bytes) -> None:
    try:
        pinch.parse_text_frame(frame)
    except ProtocolError:
        pass


test_fuzz_pinch_frames, test_fuzz_pinch_frames_slow = check_pinch_text_frame


@fuzz(st.tuples(st.one_of(st.none(), st.integers(-(2**40), 2**40)), st.text(max_size=400)))
def check_close_decisions(case: tuple[int | None, str]) -> None:
    code, reason = case
    for decision in (pinch.close_decision(code, reason), pulse.close_decision(code, reason)):
        assert len(decision.sentence) < 500


test_fuzz_close_decisions, test_fuzz_close_decisions_slow = check_close_decisions


@fuzz(randoms)
def check_pinch_session_params(rnd: random.Random) -> None:
    params = pinch.SessionParams(
        source_language=rnd.choice(("en", "auto", "zh-Hant", ""))
        if rnd.random() < 0.5
        else junk(rnd),
        target_language=rnd.choice(("es", "auto", "x")) if rnd.random() < 0.5 else junk(rnd),
        voice_type=rnd.choice(("male", "female", "clone", junk(rnd))),
        finalize_mode=rnd.choice(("stable", "sentence", junk(rnd))),
        audio_output=rnd.random() < 0.5,
        two_way=rnd.random() < 0.5,
        context=rnd.choice((None, junk(rnd, 3000), "é" * 1500, "x" * 2000)),
    )
    try:
        query = params.query_string()
    except InvalidParameter:
        return
    assert len(query) < 8000


test_fuzz_pinch_params, test_fuzz_pinch_params_slow = check_pinch_session_params


@fuzz(st.binary(max_size=2048))
def check_pinch_audio(data: bytes) -> None:
    audio = pinch.decode_audio(data)
    assert audio.samples.size * 4 + audio.dropped_bytes == len(data)


test_fuzz_pinch_audio, test_fuzz_pinch_audio_slow = check_pinch_audio


# --- Pulse -------------------------------------------------------------------------------------

PULSE_FIELDS = {
    "type": ("transcription", "error", "speech_started", "speech_ended", None, 5),
    "transcript": ("hello", "", "\ud83d"),
    "is_final": (True, False, None, "yes"),
    "is_last": (True, False, None),
    "from_finalize": (True, False),
    "session_id": ("sess_1", 4, "", True),
    "language": ("en", 3),
    "languages": (["en", 3], "en"),
    "words": ([{"word": "w", "start": 10**400, "confidence": "x"}], [1, None], "w"),
    "timestamp": (1.0, "x", 10**400),
    "status": ("error", "ok"),
    "error": ({"message": "m", "code": 7}, "e", "", {"message": ""}),
    "error_code": ("E1", 2, True, None),
    "message": ("m", "", 3),
}


@fuzz(
    st.one_of(
        randoms.map(lambda rnd: as_wire(rnd, frame_dict(rnd, PULSE_FIELDS))),
        st.text(max_size=50),
        st.binary(max_size=50),
    )
)
def check_pulse_message(message: str | bytes) -> None:
    try:
        pulse.parse_message(message)
    except ProtocolError:
        pass


test_fuzz_pulse_messages, test_fuzz_pulse_messages_slow = check_pulse_message


@fuzz(randoms)
def check_pulse_handshake_and_url(rnd: random.Random) -> None:
    body = as_wire(rnd, frame_dict(rnd, {"error": ({"message": "m"}, "e"), "message": ("m",)}))
    data = body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass")
    failure = pulse.handshake_failure(
        rnd.randint(100, 599), data, rnd.choice((None, "2", junk(rnd, 8)))
    )
    assert isinstance(failure.error, DragomanError)
    base = rnd.choice(("wss://api.smallest.ai", "http://127.0.0.1:9/waves/v1/pulse/get_text"))
    if rnd.random() < 0.6:
        base = junk(rnd, 40, URLISH)
    language = rnd.choice(pulse.STREAMING_LANGUAGES) if rnd.random() < 0.7 else junk(rnd, 5)
    try:
        url = pulse.live_url(base, pulse.PulseParams(language=language), legacy=rnd.random() < 0.5)
        pulse.choose_base(
            language, base_url=base, us_base_url=base, region=rnd.choice((*pulse.REGIONS, "x"))
        )
    except UsageError:
        return
    assert url.startswith(("ws://", "wss://"))


test_fuzz_pulse_handshakes, test_fuzz_pulse_handshakes_slow = check_pulse_handshake_and_url


# --- the shared wire helpers, URLs and the redactor ----------------------------------------------


@fuzz(st.tuples(st.one_of(st.none(), st.text(max_size=30)), st.binary(max_size=300)))
def check_wire(case: tuple[str | None, bytes]) -> None:
    retry_after, body = case
    seconds = wire.parse_retry_after(retry_after)
    assert seconds is None or seconds >= 0
    assert len(wire.error_body_message(body)) <= wire.MAX_SHOWN_BODY


test_fuzz_wire, test_fuzz_wire_slow = check_wire

test_fuzz_redaction, test_fuzz_redaction_slow = fuzz(urls_with_secrets)(check_redaction)
test_fuzz_urls, test_fuzz_urls_slow = fuzz(any_text)(check_any_text)


# --- stored settings ---------------------------------------------------------------------------

SETTING_NAMES = tuple(f for f in to_strings(DEFAULTS))


@fuzz(randoms)
def check_settings(rnd: random.Random) -> None:
    raw = {}
    for name in rnd.sample(SETTING_NAMES, rnd.randint(0, 6)):
        raw[name] = rnd.choice(
            (
                to_strings(DEFAULTS)[name],
                junk(rnd),
                junk(rnd, 40, URLISH),
                json.dumps(json_value(rnd)),
            )
        )
    result = from_strings(raw)
    assert isinstance(result.settings, Settings)
    assert from_strings(to_strings(result.settings)).problems == ()
    for name, text in raw.items():
        try:
            with_value(result.settings, name, text)
        except UsageError:
            pass


test_fuzz_settings, test_fuzz_settings_slow = check_settings
