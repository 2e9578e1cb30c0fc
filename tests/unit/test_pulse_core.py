"""The Pulse protocol core: every branch, and fuzzing for 'only ProtocolError, never a crash'."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.core import pulse
from dragoman.core.engine import EngineSettings
from dragoman.core.errors import (
    AuthError,
    BadRequest,
    DragomanError,
    InvalidParameter,
    InvalidUrl,
    NotEntitled,
    ProtocolError,
    ServiceBusy,
    ServiceUnavailable,
)
from dragoman.core.events import ErrorKind, Ignored, ServerError, Transcript
from dragoman.core.pulse import (
    AudioFormat,
    CloseAction,
    PulseParams,
    Result,
    Retry,
    SpeechActivity,
    Word,
)
from dragoman.core.transcript import TranscriptBuilder, to_text

# --- the live URL and its query -----------------------------------------------------------------


def test_default_query_declares_16k_linear16_and_the_decided_options() -> None:
    assert parse_qs(pulse.query(PulseParams())) == {
        "model": ["pulse"],
        "language": ["en"],
        "encoding": ["linear16"],
        "sample_rate": ["16000"],
        "punctuate": ["true"],
        "capitalize": ["true"],
    }


def test_every_option_booleans_lowercase_and_keywords_comma_joined() -> None:
    params = PulseParams(
        language="hi",
        punctuate=False,
        capitalize=None,
        word_timestamps=True,
        itn_normalize=False,
        keywords=("Dragoman:5", " New Delhi:2.5 "),
        eou_timeout_ms=600,
        endpointing=False,
        vad_events=True,
    )
    raw = pulse.query(params, AudioFormat("mulaw", 8000))
    assert parse_qs(raw) == {
        "model": ["pulse"],
        "language": ["hi"],
        "encoding": ["mulaw"],
        "sample_rate": ["8000"],
        "word_timestamps": ["true"],
        "punctuate": ["false"],
        "itn_normalize": ["false"],
        "keywords": ["Dragoman:5,New Delhi:2.5"],
        "eou_timeout_ms": ["600"],
        "endpointing": ["false"],
        "vad_events": ["true"],
    }
    assert "True" not in raw and "False" not in raw and " " not in raw


def test_legacy_path_takes_no_model() -> None:
    url = pulse.live_url("wss://api.smallest.ai", PulseParams(), legacy=True)
    parts = urlsplit(url)
    assert parts.path == "/waves/v1/pulse/get_text"
    assert "model" not in parse_qs(parts.query)


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("wss://api.smallest.ai", "wss://api.smallest.ai/waves/v1/stt/live"),
        ("https://api.smallest.ai/", "wss://api.smallest.ai/waves/v1/stt/live"),
        ("http://127.0.0.1:9/", "ws://127.0.0.1:9/waves/v1/stt/live"),
        ("ws://127.0.0.1:9/gateway/", "ws://127.0.0.1:9/gateway/waves/v1/stt/live"),
    ],
)
def test_live_url_speaks_websocket_to_any_base(base: str, expected: str) -> None:
    url = pulse.live_url(base, PulseParams())
    assert url.split("?")[0] == expected
    assert parse_qs(urlsplit(url).query)["language"] == ["en"]


@pytest.mark.parametrize(
    ("endpoint", "legacy_asked", "path", "model"),
    [
        ("wss://h/waves/v1/pulse/get_text", False, "/waves/v1/pulse/get_text", None),
        ("https://h/waves/v1/stt/live/", True, "/waves/v1/stt/live", ["pulse"]),
        ("ws://127.0.0.1:9/p/waves/v1/stt/live", False, "/p/waves/v1/stt/live", ["pulse"]),
    ],
)
def test_a_full_endpoint_url_keeps_its_path(
    endpoint: str, legacy_asked: bool, path: str, model: list[str] | None
) -> None:
    url = pulse.live_url(endpoint, PulseParams(), legacy=legacy_asked)
    parts = urlsplit(url)
    assert parts.path == path and parse_qs(parts.query).get("model") == model


def test_an_endpoints_own_query_is_kept_unless_ours_sets_it() -> None:
    url = pulse.live_url(
        "wss://h/waves/v1/stt/live?model=pulse&language=de&region=eu&flag", PulseParams()
    )
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    assert query["language"] == ["en"] and query["model"] == ["pulse"]
    assert query["region"] == ["eu"] and query["flag"] == [""]


@pytest.mark.parametrize("base", ["http://[::1", "wss://h:99999", "wss://", "api.smallest.ai"])
def test_a_base_that_is_not_a_url_is_our_error(base: str) -> None:
    with pytest.raises(InvalidUrl):
        pulse.live_url(base, PulseParams())


@pytest.mark.parametrize(
    ("params", "match"),
    [
        (PulseParams(language="sw"), "does not transcribe 'sw'"),
        (PulseParams(language="auto"), "does not transcribe 'auto'"),
        (PulseParams(language="EN"), "does not transcribe"),
        (PulseParams(keywords=("Dragoman",)), "word:intensity"),
        (PulseParams(keywords=("Dragoman:high",)), "word:intensity"),
        (PulseParams(keywords=(":5",)), "word:intensity"),
        (PulseParams(keywords=("a,b:5",)), "word:intensity"),
        (PulseParams(eou_timeout_ms=0), "eou_timeout_ms"),
        (PulseParams(eou_timeout_ms=True), "eou_timeout_ms"),
        (PulseParams(eou_timeout_ms="800"), "eou_timeout_ms"),  # type: ignore[arg-type]
    ],
)
def test_invalid_params_are_refused_before_anything_is_sent(
    params: PulseParams, match: str
) -> None:
    with pytest.raises(InvalidParameter, match=match):
        pulse.query(params)


@pytest.mark.parametrize(
    ("audio", "match"),
    [(AudioFormat("pcm", 16000), "encoding='pcm'"), (AudioFormat("linear16", 16001), "16001")],
)
def test_audio_formats_outside_the_spec_are_refused(audio: AudioFormat, match: str) -> None:
    with pytest.raises(InvalidParameter, match=match):
        pulse.query(PulseParams(), audio)


def test_every_spec_rate_and_encoding_is_accepted() -> None:
    for rate in (8000, 16000, 22050, 24000, 44100, 48000):
        assert f"sample_rate={rate}" in pulse.query(PulseParams(), AudioFormat("linear16", rate))
    for encoding in ("linear16", "linear32", "alaw", "mulaw", "opus", "ogg_opus"):
        assert AudioFormat(encoding).validate().encoding == encoding


def test_settings_give_the_language_only() -> None:
    template = PulseParams(vad_events=True, keywords=("ACME:3",))
    params = PulseParams.from_settings(
        EngineSettings(source_language="ta", target_language="de", context="free text"), template
    )
    assert params == PulseParams(language="ta", vad_events=True, keywords=("ACME:3",))
    with pytest.raises(InvalidParameter):
        PulseParams.from_settings(EngineSettings(source_language="auto"), template)


def test_capabilities_are_data() -> None:
    caps = pulse.CAPABILITIES
    assert (caps.name, caps.translates, caps.speaks, caps.input_rate) == (
        "pulse",
        False,
        False,
        16000,
    )
    assert caps.source_languages == pulse.STREAMING_LANGUAGES and len(caps.source_languages) == 24
    assert caps.target_languages == () and caps.output_rate is None


# --- region hosts --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh", "yue", "ja", "ko", "multi-asian"])
def test_east_asian_languages_go_to_the_us_host(language: str) -> None:
    assert pulse.host_for(language) == "us"
    base = pulse.choose_base(language, base_url="wss://a", us_base_url="wss://us")
    assert base == "wss://us"


@pytest.mark.parametrize("language", ["ta", "te", "kn", "ml", "en", "hi", "de", "north_indic"])
def test_other_languages_go_to_the_default_host(language: str) -> None:
    assert pulse.host_for(language) == "default"
    assert pulse.choose_base(language, base_url="wss://a", us_base_url="wss://us") == "wss://a"


def test_an_explicit_region_wins_when_it_can_serve_the_language() -> None:
    assert pulse.host_for("en", "us") == "us"
    assert pulse.host_for("en", "default") == "default"
    assert pulse.host_for("ja", "us") == "us"


@pytest.mark.parametrize(
    ("language", "region", "match"),
    [
        ("ta", "us", "default \\(India\\) host"),
        ("multi-south-indic", "us", "default"),
        ("ja", "default", "US host"),
        ("en", "eu", "region='eu'"),
    ],
)
def test_a_region_that_cannot_serve_the_language_is_refused(
    language: str, region: str, match: str
) -> None:
    with pytest.raises(InvalidParameter, match=match):
        pulse.host_for(language, region)


# --- refused upgrades ----------------------------------------------------------------------------


def test_401_is_an_auth_error_never_retried() -> None:
    failure = pulse.handshake_failure(401, b'{"error": "bad key"}')
    assert isinstance(failure.error, AuthError) and failure.retry is Retry.NEVER
    assert "sk_" in str(failure.error)


def test_403_is_not_entitled_with_the_servers_reason() -> None:
    failure = pulse.handshake_failure(403, b'{"message": "workspace suspended"}')
    assert isinstance(failure.error, NotEntitled) and failure.retry is Retry.NEVER
    assert "workspace suspended" in str(failure.error)


def test_400_shows_the_servers_message_or_says_there_was_none() -> None:
    failure = pulse.handshake_failure(400, b'{"error": {"message": "sample_rate 1 bad"}}')
    assert isinstance(failure.error, BadRequest) and failure.retry is Retry.NEVER
    assert "sample_rate 1 bad" in str(failure.error)
    assert "no reason" in str(pulse.handshake_failure(400).error)


def test_429_backs_off_on_its_own_schedule_with_retry_after() -> None:
    failure = pulse.handshake_failure(429, b"", retry_after="7")
    assert isinstance(failure.error, ServiceBusy) and failure.retry is Retry.RATE_LIMITED
    assert failure.error.retry_after == 7.0 and "rate limiting" in str(failure.error)


def test_500_is_retried_once() -> None:
    failure = pulse.handshake_failure(500, b"oops")
    assert type(failure.error) is ServiceUnavailable and failure.retry is Retry.ONCE
    assert "oops" in str(failure.error)


def test_503_is_busy_and_retried_with_backoff() -> None:
    failure = pulse.handshake_failure(503, b"", retry_after="Wed, 21 Oct 2015 07:28:00 GMT")
    assert isinstance(failure.error, ServiceBusy) and failure.retry is Retry.BACKOFF
    assert failure.error.retry_after is None


def test_other_5xx_are_retried_with_backoff() -> None:
    failure = pulse.handshake_failure(502, b"<html>Bad gateway</html>")
    assert type(failure.error) is ServiceUnavailable and failure.retry is Retry.BACKOFF


@pytest.mark.parametrize("status", [302, 404, 426])
def test_unexpected_statuses_point_at_the_url(status: int) -> None:
    failure = pulse.handshake_failure(status)
    assert isinstance(failure.error, ServiceUnavailable) and failure.retry is Retry.NEVER
    assert not failure.error.retryable and "check the service URL" in str(failure.error)


def test_a_hostile_error_body_is_cut_to_a_sentence() -> None:
    nested = pulse.handshake_failure(400, b"[" * 50_000)
    assert isinstance(nested.error, BadRequest) and len(str(nested.error)) < 400
    assert len(str(pulse.handshake_failure(403, b"x" * 5000).error)) < 500


# --- server messages -----------------------------------------------------------------------------


def _msg(**fields: object) -> str:
    return json.dumps({"type": "transcription", "session_id": "s1", **fields})


def test_interim_result() -> None:
    result = pulse.parse_message(_msg(transcript="hel", is_final=False, is_last=False))
    assert result == Result(Transcript(role="source", text="hel", is_final=False, session_id="s1"))


def test_final_result_with_every_field() -> None:
    result = pulse.parse_message(
        _msg(
            transcript="Hello there.",
            is_final=True,
            is_last=False,
            from_finalize=True,
            language="en",
            languages=["en", 5],
            words=[
                {"word": "Hello", "start": 0.1, "end": 0.4, "confidence": 0.8, "speaker": 0},
                {"word": "there.", "start": 0.5, "end": 0.9, "confidence": 0.6, "speaker": "B"},
                {"word": "nope", "start": "x", "confidence": True, "speaker": [1]},
                {"start": 1.0},
                "junk",
            ],
            utterances=[{"text": "Hello there."}],
        )
    )
    assert isinstance(result, Result)
    assert result.transcript == Transcript(
        role="source",
        text="Hello there.",
        is_final=True,
        language="en",
        confidence=pytest.approx(0.7),
        session_id="s1",
    )
    assert result.from_finalize and not result.is_last and result.languages == ("en",)
    assert result.words == (
        Word("Hello", 0.1, 0.4, 0.8, "0"),
        Word("there.", 0.5, 0.9, 0.6, "B"),
        Word("nope"),
    )


def test_is_last_is_final_whatever_is_final_says() -> None:
    result = pulse.parse_message(_msg(transcript="", is_final=False, is_last=True))
    assert isinstance(result, Result) and result.is_last and result.transcript.is_final


def test_untyped_legacy_shape_is_a_transcription() -> None:
    result = pulse.parse_message(b'{"transcript": "hi", "is_final": true, "session_id": 42}')
    assert isinstance(result, Result)
    assert result.transcript.text == "hi" and result.transcript.is_final
    assert result.transcript.session_id == "42"


@pytest.mark.parametrize(
    "fields",
    [
        {"session_id": ""},
        {"session_id": [1]},
        {"language": 5, "languages": "en", "words": {"w": 1}, "is_final": None},
    ],
)
def test_bad_optional_metadata_is_dropped_not_fatal(fields: dict[str, object]) -> None:
    result = pulse.parse_message(json.dumps({"transcript": "t", **fields}))
    assert isinstance(result, Result) and result.transcript.text == "t"
    assert result.transcript.session_id is None and result.transcript.language is None
    assert result.languages == () and result.words == () and not result.transcript.is_final


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ('{"type": "speech_started", "timestamp": 1.25}', SpeechActivity(True, 1.25)),
        ('{"type": "speech_ended", "timestamp": 3}', SpeechActivity(False, 3.0)),
        ('{"type": "speech_ended", "timestamp": "soon"}', SpeechActivity(False, None)),
        ('{"type": "speech_started", "timestamp": 1e999}', SpeechActivity(True, None)),
        ('{"type": "speech_started", "timestamp": ' + "9" * 400 + "}", SpeechActivity(True)),
        ('{"type": "metadata", "duration": 1}', Ignored("metadata")),
    ],
)
def test_vad_events_and_unknown_types(message: str, expected: object) -> None:
    assert pulse.parse_message(message) == expected


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ('{"type": "error", "message": "Invalid audio"}', "Invalid audio"),
        ('{"status": "error", "message": "Quota exceeded"}', "Quota exceeded"),
        ('{"error": {"message": "Bad frame", "code": "E42"}}', "Bad frame"),
        ('{"error": "Session timed out"}', "Session timed out"),
        ('{"error_code": 4001, "message": "Too loud"}', "Too loud"),
        ('{"type": "error", "message": " ", "error": {"message": "nested"}}', "nested"),
        ('{"type": "error", "message": 5, "error": "plain"}', "plain"),
        ('{"status": "error", "code": 1}', '{"status": "error", "code": 1}'),
        (b'{"error": {"code": "E1"}}', '{"error": {"code": "E1"}}'),
    ],
)
def test_the_three_error_shapes_show_the_message(message: str | bytes, shown: str) -> None:
    event = pulse.parse_message(message)
    assert isinstance(event, ServerError) and event.kind is ErrorKind.OTHER
    assert event.message == shown and event.sentence.startswith("The Pulse service said: ")
    assert shown in event.sentence


def test_error_codes_are_shown_but_not_booleans_or_blanks() -> None:
    coded = pulse.parse_message('{"error_code": "rate_limit", "message": "slow down"}')
    assert isinstance(coded, ServerError) and coded.sentence.endswith("slow down (code rate_limit)")
    nested = pulse.parse_message('{"error": {"message": "m", "code": 7}}')
    assert isinstance(nested, ServerError) and nested.sentence.endswith("(code 7)")
    for code in ("true", '""', '" "'):
        plain = pulse.parse_message('{"type": "error", "message": "m", "error_code": ' + code + "}")
        assert isinstance(plain, ServerError) and plain.sentence.endswith("said: m")


@pytest.mark.parametrize(
    "message",
    [
        _msg(transcript="t", error=None),
        _msg(transcript="t", error=""),
        _msg(transcript="t", status="ok"),
    ],
)
def test_empty_error_fields_do_not_make_an_error(message: str) -> None:
    assert isinstance(pulse.parse_message(message), Result)


@pytest.mark.parametrize(
    "message",
    [
        "not json",
        "[1, 2]",
        '"transcription"',
        "{}",
        '{"session_id": "s"}',
        '{"type": 5, "transcript": "t"}',
        '{"type": "transcription"}',
        '{"type": "transcription", "transcript": 5}',
        '{"type": "transcription", "transcript": "t", "is_final": "true"}',
        '{"type": "transcription", "transcript": "t", "is_last": 1}',
        '{"type": "transcription", "transcript": "t", "from_finalize": "yes"}',
        "[" * 100_000,
    ],
)
def test_malformed_messages_are_protocol_errors(message: str) -> None:
    with pytest.raises(ProtocolError):
        pulse.parse_message(message)


def test_finals_are_segments_appended_never_merged() -> None:
    """Pulse finals are not cumulative: three finals make three sentences, each once."""
    stream = [
        _msg(transcript="good", is_final=False),
        _msg(transcript="Good morning.", is_final=True),
        _msg(transcript="the meet", is_final=False),
        _msg(transcript="The meeting starts", is_final=False),
        _msg(transcript="The meeting starts at ten.", is_final=True, from_finalize=True),
        _msg(transcript="", is_final=True, is_last=True),
    ]
    builder = TranscriptBuilder()
    for raw in stream:
        result = pulse.parse_message(raw)
        assert isinstance(result, Result)
        builder.add(result.transcript)
    assert to_text(builder) == "Good morning.\n\nThe meeting starts at ten.\n\n"
    assert builder.sessions == ["s1"]


# --- close codes and the reconnection budget -----------------------------------------------------


def test_1000_is_done() -> None:
    decision = pulse.close_decision(1000)
    assert (
        decision.action is CloseAction.DONE and decision.sentence == "The session ended normally."
    )


def test_1008_has_its_own_sentence() -> None:
    decision = pulse.close_decision(1008, "too many")
    assert decision is pulse.CONCURRENCY_LIMIT and decision.action is CloseAction.RECONNECT
    assert "concurrency" in decision.sentence and decision.sentence.endswith("; retrying.")
    gave_up = decision.gave_up(5)
    assert "after 5 attempts" in gave_up and "close other programs" in gave_up


@pytest.mark.parametrize("code", [None, 1006])
def test_a_drop_reconnects(code: int | None) -> None:
    decision = pulse.close_decision(code)
    assert decision.action is CloseAction.RECONNECT
    assert decision.sentence == "The connection dropped; reconnecting."
    assert decision.gave_up(3).endswith("after 3 attempts: check your connection and try again.")


def test_other_codes_show_code_and_reason() -> None:
    assert "(code 1011: overload)" in pulse.close_decision(1011, "overload").sentence
    assert "(code 4000)" in pulse.close_decision(4000).sentence


@pytest.mark.parametrize(
    ("lived", "results", "code", "succeeded"),
    [
        (0.1, 0, None, False),
        (0.1, 1, None, True),
        (pulse.STABLE_OPEN_S, 0, 1011, True),
        (600.0, 9, 1008, False),
    ],
)
def test_what_counts_as_a_successful_open(
    lived: float, results: int, code: int | None, succeeded: bool
) -> None:
    assert pulse.open_succeeded(lived, results, code) is succeeded


# --- fuzzing -------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
word_dicts = st.fixed_dictionaries(
    {},
    optional={k: json_values for k in ("word", "start", "end", "confidence", "speaker")},
)
message_dicts = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(
            ["transcription", "speech_started", "speech_ended", "error", "other"]
        )
        | json_values,
        "transcript": json_values,
        "is_final": json_values,
        "is_last": json_values,
        "from_finalize": json_values,
        "session_id": json_values,
        "language": json_values,
        "languages": json_values,
        "words": st.lists(word_dicts, max_size=3) | json_values,
        "timestamp": json_values,
        "status": st.just("error") | json_values,
        "error": json_values,
        "error_code": json_values,
        "message": json_values,
    },
)


@settings(max_examples=300)
@given(
    st.one_of(st.text(), st.binary(), message_dicts.map(json.dumps), json_values.map(json.dumps))
)
def test_fuzz_messages_raise_only_protocol_error(message: str | bytes) -> None:
    try:
        parsed = pulse.parse_message(message)
    except ProtocolError:
        return
    assert isinstance(parsed, Result | SpeechActivity | ServerError | Ignored)


@settings(max_examples=200)
@given(st.integers(100, 599), st.binary(max_size=512), st.none() | st.text(max_size=12))
def test_fuzz_refused_upgrades_map_to_our_errors(
    status: int, body: bytes, retry_after: str | None
) -> None:
    failure = pulse.handshake_failure(status, body, retry_after)
    assert isinstance(failure.error, DragomanError) and str(failure.error).endswith(".")


@settings(max_examples=200)
@given(
    st.text(max_size=12),
    st.lists(st.text(max_size=12), max_size=3),
    st.none() | st.integers(-5, 5000),
    st.sampled_from(["auto", "default", "us", "eu"]),
)
def test_fuzz_params_refuse_only_with_invalid_parameter(
    language: str, keywords: list[str], eou: int | None, region: str
) -> None:
    params = PulseParams(language=language, keywords=tuple(keywords), eou_timeout_ms=eou)
    try:
        url = pulse.live_url(
            pulse.choose_base(language, base_url="wss://a", us_base_url="wss://b", region=region),
            params,
        )
    except InvalidParameter:
        return
    assert parse_qs(urlsplit(url).query)["language"] == [language]
