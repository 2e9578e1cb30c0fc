"""The Pinch protocol core: every branch, and fuzzing for 'only ProtocolError, never a crash'."""

from __future__ import annotations

import json
import math
import struct
from urllib.parse import parse_qs

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.core import pinch
from dragoman.core.errors import (
    AuthError,
    BadRequest,
    InvalidParameter,
    NotEntitled,
    ProtocolError,
    ServiceBusy,
    ServiceUnavailable,
)
from dragoman.core.events import ErrorKind, Ignored, Ready, ServerError, Transcript
from dragoman.core.pinch import CloseAction, SessionParams

# --- session parameters ------------------------------------------------------------------------


def test_default_query_follows_the_spec_table() -> None:
    query = parse_qs(SessionParams().query_string())
    assert query == {
        "sourceLanguage": ["en"],
        "targetLanguage": ["es"],
        "voiceType": ["male"],
        "audioOutputEnabled": ["true"],
        "finalizeMode": ["stable"],
        "twoWay": ["false"],
    }


def test_booleans_are_lowercase_text_and_context_is_url_encoded() -> None:
    params = SessionParams(audio_output=False, two_way=True, context="Zoë & Co = 100% ACME/β")
    raw = params.query_string()
    assert "audioOutputEnabled=false" in raw and "twoWay=true" in raw
    assert " " not in raw and "&Co" not in raw
    assert parse_qs(raw)["context"] == ["Zoë & Co = 100% ACME/β"]


def test_clone_is_refused_client_side_with_the_services_sentence() -> None:
    with pytest.raises(InvalidParameter, match=r"voiceType='clone' is not supported yet"):
        SessionParams(voice_type="clone").query_string()


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"voice_type": "robot"}, "not a voice"),
        ({"finalize_mode": "eager"}, "finalizeMode"),
        ({"source_language": "english!"}, "source language"),
        ({"target_language": ""}, "target language"),
        ({"target_language": "auto"}, "cannot be 'auto'"),
    ],
)
def test_invalid_parameters_are_refused(changes: dict[str, str], match: str) -> None:
    with pytest.raises(InvalidParameter, match=match):
        pinch.with_changes(SessionParams(), **changes)


def test_auto_source_and_regional_codes_are_valid() -> None:
    assert pinch.with_changes(SessionParams(), source_language="auto", target_language="zh-TW")


def test_session_url_joins_base_and_path() -> None:
    url = pinch.session_url("https://ws.example/", SessionParams())
    assert url.startswith("https://ws.example/v1/session?sourceLanguage=en&")


def test_update_metadata_carries_only_changes() -> None:
    old = SessionParams()
    new = SessionParams(target_language="de", voice_type="female")
    assert json.loads(pinch.build_update_metadata(old, new) or "") == {
        "type": "update_metadata",
        "targetLanguage": "de",
        "voiceType": "female",
    }
    assert pinch.build_update_metadata(old, old) is None


def test_update_metadata_booleans_and_cleared_context() -> None:
    old = SessionParams(context="ACME")
    frame = pinch.build_update_metadata(old, SessionParams(audio_output=False))
    assert json.loads(frame or "") == {
        "type": "update_metadata",
        "audioOutputEnabled": False,
        "context": "",
    }


def test_update_metadata_refuses_clone() -> None:
    with pytest.raises(InvalidParameter):
        pinch.build_update_metadata(SessionParams(), SessionParams(voice_type="clone"))


def test_padding_is_300_ms_of_zeros_in_20_ms_frames() -> None:
    frames = pinch.padding_frames()
    assert len(frames) == 15 and all(f == bytes(640) for f in frames)
    assert sum(len(f) for f in frames) == 9600


# --- allocation --------------------------------------------------------------------------------


def _body(**data: object) -> bytes:
    return json.dumps(data).encode()


def test_allocation_success() -> None:
    alloc = pinch.parse_allocation(
        200, _body(session_id="ss_1", ws_url="wss://h/session?token=SECRET", expires_in=60)
    )
    assert alloc.session_id == "ss_1" and alloc.expires_in == 60.0
    assert "SECRET" not in repr(alloc)


def test_allocation_expiry_defaults_to_60_s() -> None:
    alloc = pinch.parse_allocation(200, _body(session_id="s", ws_url="ws://127.0.0.1/x"))
    assert alloc.expires_in == 60.0


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1]",
        _body(ws_url="wss://h/x"),
        _body(session_id="", ws_url="wss://h/x"),
        _body(session_id="s"),
        _body(session_id="s", ws_url="https://h/x"),
        _body(session_id="s", ws_url="wss://h/x", expires_in="60"),
        _body(session_id="s", ws_url="wss://h/x", expires_in=0),
        _body(session_id="s", ws_url="wss://h/x", expires_in=True),
    ],
)
def test_malformed_allocation_is_a_protocol_error(body: bytes) -> None:
    with pytest.raises(ProtocolError):
        pinch.parse_allocation(200, body)


@pytest.mark.parametrize(
    ("ws_url", "reason"),
    [
        ("ws://[::1/session?token=SECRET", "no valid host"),
        ("wss://h:99999/session?token=SECRET", "no valid port"),
        ("wss://h /session?token=SECRET", "spaces"),
        ("wss://user@h/session?token=SECRET", "a user name without a password"),
        ("ws:/h/session?token=SECRET", "is not a URL"),
    ],
)
def test_a_ws_url_the_socket_cannot_open_is_a_protocol_error_without_the_token(
    ws_url: str, reason: str
) -> None:
    with pytest.raises(ProtocolError, match="no usable ws_url") as raised:
        pinch.parse_allocation(200, _body(session_id="s", ws_url=ws_url))
    assert reason in str(raised.value) and "SECRET" not in str(raised.value)


def test_a_ws_url_fragment_is_dropped_and_credentials_kept() -> None:
    alloc = pinch.parse_allocation(
        200, _body(session_id="s", ws_url="wss://u:p@h/session?token=SECRET#frag")
    )
    assert alloc.ws_url == "wss://u:p@h/session?token=SECRET"
    assert "SECRET" not in repr(alloc) and "u:p" not in repr(alloc)


@pytest.mark.parametrize(
    ("status", "error"),
    [(401, AuthError), (403, NotEntitled), (400, BadRequest), (402, BadRequest)],
)
def test_final_statuses(status: int, error: type[Exception]) -> None:
    with pytest.raises(error):
        pinch.parse_allocation(status, b'{"error": {"code": "x", "message": "Nope"}}')


def test_400_shows_the_servers_message() -> None:
    with pytest.raises(BadRequest, match="targetLanguage is invalid"):
        pinch.parse_allocation(400, b'{"message": "targetLanguage is invalid"}')
    with pytest.raises(BadRequest, match="no reason"):
        pinch.parse_allocation(402, b"")


@pytest.mark.parametrize("status", [429, 503])
def test_busy_statuses_are_retryable_with_retry_after(status: int) -> None:
    with pytest.raises(ServiceBusy) as caught:
        pinch.parse_allocation(status, b'{"error": "full"}', retry_after="3")
    assert caught.value.retry_after == 3.0 and caught.value.retryable
    assert "full" in str(caught.value)


def test_other_5xx_is_retryable_unavailable() -> None:
    with pytest.raises(ServiceUnavailable) as caught:
        pinch.parse_allocation(502, b"<html>Bad gateway</html>")
    assert caught.value.retryable and not isinstance(caught.value, ServiceBusy)


def test_unexpected_status_points_at_the_url() -> None:
    with pytest.raises(ServiceUnavailable, match="check the service URL") as caught:
        pinch.parse_allocation(404, b"")
    assert not caught.value.retryable


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"error": {"code": "c", "message": "M1"}}', "M1"),
        (b'{"error": "M2"}', "M2"),
        (b'{"message": "M3"}', "M3"),
        (b'{"error": {"code": "c"}}', '{"error": {"code": "c"}}'),
        (b'{"other": 1}', '{"other": 1}'),
        (b"plain   text\n", "plain text"),
        (b"\xff\xfe", "\ufffd\ufffd"),
    ],
)
def test_error_body_shapes(body: bytes, message: str) -> None:
    assert pinch.error_body_message(body) == message


def test_error_body_is_truncated() -> None:
    shown = pinch.error_body_message(b"x" * 5000)
    assert len(shown) == pinch.MAX_SHOWN_BODY and shown.endswith("…")


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (None, None),
        ("2", 2.0),
        (" 1.5 ", 1.5),
        ("Wed, 21 Oct 2015 07:28:00 GMT", None),
        ("-1", None),
        ("nan", None),
        ("inf", None),
    ],
)
def test_retry_after(value: str | None, seconds: float | None) -> None:
    assert pinch.parse_retry_after(value) == seconds


def test_redact_url_shows_only_allow_listed_values() -> None:
    assert pinch.redact_url("wss://h/s") == "wss://h/s"
    red = pinch.redact_url("wss://h/session?token=abc&sourceLanguage=en&sig=s1&lang=k")
    assert red == "wss://h/session?token=***&sourceLanguage=en&sig=***&lang=***"


# --- server frames -----------------------------------------------------------------------------


def test_ready_ignores_extra_fields() -> None:
    assert isinstance(pinch.parse_text_frame('{"type": "ready", "v": 2}'), Ready)
    assert isinstance(pinch.parse_text_frame(b'{"type": "ready"}'), Ready)


def test_original_and_translated_transcripts() -> None:
    original = pinch.parse_text_frame(
        json.dumps(
            {
                "type": "original_transcript",
                "text": "hello",
                "is_final": True,
                "correlation_id": "c1",
                "timestamp": 1700000000.5,
                "language_detected": "en",
                "confidence": 0.9,
            }
        )
    )
    assert original == Transcript(
        role="source",
        text="hello",
        is_final=True,
        correlation_id="c1",
        timestamp=1700000000.5,
        language="en",
        confidence=0.9,
    )
    for kind in ("translated_transcript", "translation"):
        event = pinch.parse_text_frame(json.dumps({"type": kind, "text": "hola"}))
        assert event == Transcript(role="translation", text="hola", is_final=False)


def test_numeric_correlation_and_language_field() -> None:
    event = pinch.parse_text_frame(
        '{"type": "original_transcript", "text": "x", "correlation_id": 7, "language": "fr"}'
    )
    assert isinstance(event, Transcript)
    assert event.correlation_id == "7" and event.language == "fr"


@pytest.mark.parametrize(
    ("fields", "role"),
    [
        ({}, "source"),
        ({"source": "original"}, "source"),
        ({"kind": "Source"}, "source"),
        ({"role": "translation"}, "translation"),
        ({"transcript_type": "translated"}, "translation"),
        ({"origin": "target"}, "translation"),
        ({"source": 3, "kind": "translated"}, "translation"),
        ({"source": "mystery"}, "source"),
    ],
)
def test_generic_transcript_markers(fields: dict[str, object], role: str) -> None:
    event = pinch.parse_text_frame(json.dumps({"type": "transcript", "text": "t", **fields}))
    assert isinstance(event, Transcript) and event.role == role


def test_unknown_types_are_ignored_not_errors() -> None:
    assert pinch.parse_text_frame('{"type": "segment_started", "id": 1}') == Ignored(
        "segment_started"
    )


@pytest.mark.parametrize(
    "frame",
    [
        "not json",
        "[1, 2]",
        '"ready"',
        "{}",
        '{"type": 5}',
        '{"type": "original_transcript"}',
        '{"type": "original_transcript", "text": 5}',
        '{"type": "original_transcript", "text": "x", "is_final": "yes"}',
        '{"type": "original_transcript", "text": "x", "correlation_id": true}',
        '{"type": "original_transcript", "text": "x", "correlation_id": [1]}',
        '{"type": "original_transcript", "text": "x", "timestamp": "now"}',
        '{"type": "original_transcript", "text": "x", "confidence": true}',
        '{"type": "original_transcript", "text": "x", "language_detected": 1}',
        "[" * 100_000,
    ],
)
def test_malformed_frames_are_protocol_errors(frame: str) -> None:
    with pytest.raises(ProtocolError):
        pinch.parse_text_frame(frame)


def test_unsupported_target_error_is_recognised() -> None:
    event = pinch.parse_text_frame(
        '{"type": "error", "message": "targetLanguage=\'sw\' is not supported"}'
    )
    assert isinstance(event, ServerError)
    assert event.kind is ErrorKind.UNSUPPORTED_TARGET_LANGUAGE and event.language == "sw"
    assert "text only" in event.sentence


def test_clone_error_is_recognised() -> None:
    event = pinch.parse_text_frame(
        '{"type": "error", "error": "voiceType=\'clone\' is not supported yet"}'
    )
    assert isinstance(event, ServerError) and event.kind is ErrorKind.CLONE_NOT_SUPPORTED


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        ('{"type": "error", "error": {"message": "boom"}}', "boom"),
        ('{"type": "error", "code": 1}', '{"type": "error", "code": 1}'),
        (b'{"type": "error"}', '{"type": "error"}'),
    ],
)
def test_other_errors_show_message_or_raw_frame(frame: str | bytes, message: str) -> None:
    event = pinch.parse_text_frame(frame)
    assert isinstance(event, ServerError) and event.kind is ErrorKind.OTHER
    assert event.message == message and message in event.sentence


def test_binary_frames_are_float32_24k() -> None:
    samples = np.array([0.0, 0.5, -0.25], dtype="<f4")
    audio = pinch.decode_audio(samples.tobytes())
    assert audio.rate == 24_000 and audio.dropped_bytes == 0
    np.testing.assert_array_equal(audio.samples, samples)
    assert audio.samples.dtype == np.float32


@pytest.mark.parametrize("extra", [1, 2, 3])
def test_odd_byte_counts_drop_the_partial_sample(extra: int) -> None:
    data = struct.pack("<2f", 0.25, -0.5) + b"\x01" * extra
    audio = pinch.decode_audio(data)
    assert audio.dropped_bytes == extra
    np.testing.assert_array_equal(audio.samples, [0.25, -0.5])


def test_non_finite_samples_become_silence() -> None:
    audio = pinch.decode_audio(struct.pack("<3f", math.nan, math.inf, 0.5))
    np.testing.assert_array_equal(audio.samples, [0.0, 0.0, 0.5])


# --- close codes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "action"),
    [
        (1000, CloseAction.DONE),
        (4401, CloseAction.REALLOCATE_NOW),
        (4503, CloseAction.REALLOCATE),
        (1006, CloseAction.REALLOCATE_BACKOFF),
        (None, CloseAction.REALLOCATE_BACKOFF),
        (1011, CloseAction.REALLOCATE_BACKOFF),
        (1009, CloseAction.REALLOCATE_BACKOFF),
    ],
)
def test_close_codes(code: int | None, action: CloseAction) -> None:
    decision = pinch.close_decision(code)
    assert decision.action is action and decision.sentence.endswith(".")


def test_close_reason_is_shown() -> None:
    assert "overload" in pinch.close_decision(1011, "overload").sentence
    assert "code 1011)" in pinch.close_decision(1011).sentence


# --- fuzzing -----------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
frame_dicts = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(
            [
                "ready",
                "error",
                "original_transcript",
                "translated_transcript",
                "translation",
                "transcript",
                "other",
            ]
        )
        | json_values,
        "text": json_values,
        "is_final": json_values,
        "correlation_id": json_values,
        "timestamp": json_values,
        "language_detected": json_values,
        "confidence": json_values,
        "message": json_values,
        "error": json_values,
        "source": json_values,
    },
)


@settings(max_examples=400)
@given(st.one_of(st.text(), st.binary(), frame_dicts.map(json.dumps), json_values.map(json.dumps)))
def test_fuzz_text_frames_raise_only_protocol_error(frame: str | bytes) -> None:
    try:
        pinch.parse_text_frame(frame)
    except ProtocolError:
        pass


@settings(max_examples=200)
@given(st.binary(max_size=4096))
def test_fuzz_binary_frames_never_raise(data: bytes) -> None:
    audio = pinch.decode_audio(data)
    assert audio.samples.size * 4 + audio.dropped_bytes == len(data)
    assert np.isfinite(audio.samples).all()


@settings(max_examples=200)
@given(st.integers(100, 599), st.binary(max_size=512), st.none() | st.text(max_size=12))
def test_fuzz_allocation_raises_only_our_errors(
    status: int, body: bytes, retry: str | None
) -> None:
    from dragoman.core.errors import DragomanError

    try:
        pinch.parse_allocation(status, body, retry)
    except DragomanError:
        pass


ws_urls = st.one_of(
    st.text(max_size=80),
    st.builds(
        "{}://{}{}{}{}".format,
        st.sampled_from(["ws", "wss", "WSS", "http", ""]),
        st.sampled_from(["", "u@", "u:p@", "@"]),
        st.one_of(
            st.sampled_from(["h", "[::1", "[::1]", "::1]", "[::1]x", "127.0.0.1", "[v1.x]", ""]),
            st.text(max_size=12),
        ),
        st.sampled_from(["", ":", ":0", ":443", ":99999", ":-1", ":1_0", ": 8"]),
        st.text(max_size=30),
    ),
)


@settings(max_examples=300)
@given(ws_urls, st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=5)))
def test_fuzz_allocated_ws_urls_raise_only_protocol_error(ws_url: str, expires: object) -> None:
    body = {"session_id": "s", "ws_url": ws_url}
    if expires is not None:
        body["expires_in"] = expires
    try:
        alloc = pinch.parse_allocation(200, json.dumps(body).encode())
    except ProtocolError:
        return
    assert alloc.ws_url.startswith(("ws://", "wss://", "WSS://")) and "#" not in alloc.ws_url


@pytest.mark.parametrize(
    ("context", "match"),
    [
        ("x" * (pinch.MAX_CONTEXT_CHARS + 1), "too long"),
        ("é" * 1500, "too long"),  # short, but 9,000 characters once URL-encoded
        ("Zoë \udcff", "not text"),
    ],
)
def test_a_context_that_cannot_travel_in_the_query_is_refused(context: str, match: str) -> None:
    with pytest.raises(InvalidParameter, match=match):
        SessionParams(context=context).query_string()
    assert SessionParams(context="x" * pinch.MAX_CONTEXT_CHARS).query_string()


def test_engine_settings_map_onto_pinch_parameters() -> None:
    from dragoman.core.engine import EngineSettings

    params = SessionParams.from_settings(
        EngineSettings(voice="female", speech_output=False, two_way=True, context="")
    )
    assert params == SessionParams(voice_type="female", audio_output=False, two_way=True)
    with pytest.raises(InvalidParameter, match="clone"):
        SessionParams.from_settings(EngineSettings(voice="clone"))
