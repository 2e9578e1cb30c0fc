"""The Pulse emulator (tests/emulator/pulse.py) checked with a plain websockets client."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect as sync_connect

from tests.emulator.pulse import (
    ERROR_SHAPES,
    LEGACY_PATH,
    Faults,
    PulseEmulator,
    RecordedSession,
    running_emulator,
)

GOOD = "sk_test_good"
FORBIDDEN = "sk_test_forbidden"
SR = 16_000
REPO = Path(__file__).resolve().parents[2]
BASIC = {"model": "pulse", "language": "en", "encoding": "linear16", "sample_rate": "16000"}


def silence(seconds: float, rate: int = SR) -> bytes:
    return bytes(int(seconds * rate) * 2)


def tone(seconds: float, freq: float = 440.0, rate: int = SR) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return (0.3 * 32767 * np.sin(2 * np.pi * freq * t)).astype("<i2").tobytes()


@pytest.fixture
async def emu() -> AsyncIterator[PulseEmulator]:
    async with PulseEmulator() as server:
        yield server


def open_ws(
    emu: PulseEmulator, key: str | None = GOOD, path: str | None = None, **params: str
) -> Any:
    headers = {} if key is None else {"Authorization": f"Bearer {key}"}
    query = {**BASIC, **params}
    url = emu.url(path or "/waves/v1/stt/live", **{k: v for k, v in query.items() if v})
    return connect(url, additional_headers=headers)


class Inbox:
    """Everything the server sent on one socket (all JSON text)."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.json: list[dict[str, Any]] = []
        self.times: list[float] = []

    async def until(self, predicate: Callable[[Inbox], bool], limit: float = 5.0) -> None:
        async with asyncio.timeout(limit):
            while not predicate(self):
                message = await self.ws.recv()
                assert isinstance(message, str)
                self.json.append(json.loads(message))
                self.times.append(time.monotonic())

    def results(self) -> list[dict[str, Any]]:
        return [m for m in self.json if "transcript" in m]

    def finals(self) -> list[dict[str, Any]]:
        return [m for m in self.results() if m["is_final"] is True]


async def send_pcm(ws: ClientConnection, pcm: bytes, frame: int = 640) -> None:
    for i in range(0, len(pcm), frame):
        await ws.send(pcm[i : i + frame])


async def closed(emu: PulseEmulator, index: int = -1) -> RecordedSession:
    await emu.wait_for(lambda: bool(emu.sessions) and emu.sessions[index].closed)
    return emu.sessions[index]


async def refused(emu: PulseEmulator, key: str | None = GOOD, **params: str) -> tuple[int, str]:
    with pytest.raises(InvalidStatus) as info:
        async with open_ws(emu, key, **params):
            pass
    response = info.value.response
    return response.status_code, json.loads(bytes(response.body or b""))["error"]["message"]


# --- the upgrade ---------------------------------------------------------------------------------


async def test_upgrade_records_params_sends_nothing_and_answers_a_finalize(
    emu: PulseEmulator,
) -> None:
    async with open_ws(emu, punctuate="true", bogus="1") as ws:
        with pytest.raises(TimeoutError):  # no "ready" in Pulse: silence until audio or control
            async with asyncio.timeout(0.2):
                await ws.recv()
        await ws.send('{"type":"finalize"}')
        inbox = Inbox(ws)
        await inbox.until(lambda b: bool(b.finals()))
    rec = await closed(emu)
    ((final),) = inbox.json
    assert final == {
        "type": "transcription",
        "session_id": rec.session_id,
        "transcript": "",
        "is_final": True,
        "is_last": False,
        "language": "en",
        "languages": ["en"],
        "from_finalize": True,
    }
    assert rec.params == {**BASIC, "punctuate": "true", "bogus": "1"}
    assert (rec.auth, rec.language, rec.encoding, rec.declared_rate) == (
        "header",
        "en",
        "linear16",
        16000,
    )
    assert (rec.ended_by, rec.close_code) == ("client", 1000)
    assert [h.status for h in emu.handshakes] == [101]


@pytest.mark.parametrize(("key", "status"), [(None, 401), ("sk_wrong", 401), (FORBIDDEN, 403)])
async def test_keys_are_checked_before_the_upgrade(
    emu: PulseEmulator, key: str | None, status: int
) -> None:
    code, message = await refused(emu, key)
    assert code == status and message
    assert [(h.status, h.auth) for h in emu.handshakes] == [
        (status, None if key is None else "header")
    ]
    assert emu.sessions == []


async def test_a_browser_style_token_is_accepted_and_recorded(emu: PulseEmulator) -> None:
    async with connect(emu.url(**BASIC, token=GOOD)) as ws:
        await ws.send('{"type":"finalize"}')
        await ws.recv()
    assert (await closed(emu)).auth == "token"


@pytest.mark.parametrize(
    ("params", "phrase"),
    [
        ({"language": ""}, "language is required"),
        ({"language": "sw"}, "'sw' is not supported"),
        ({"model": "whisper"}, "model 'whisper'"),
        ({"encoding": "wav"}, "encoding 'wav'"),
        ({"sample_rate": "11025"}, "sample_rate '11025'"),
        ({"sample_rate": "16k"}, "sample_rate '16k'"),
        ({"punctuate": "True"}, "punctuate must be true or false"),
        ({"vad_events": "1"}, "vad_events must be true or false"),
        ({"eou_timeout_ms": "0"}, "eou_timeout_ms"),
        ({"keywords": "Dragoman"}, "word:intensity"),
    ],
)
async def test_bad_parameters_get_400(
    emu: PulseEmulator, params: dict[str, str], phrase: str
) -> None:
    code, message = await refused(emu, **params)
    assert code == 400 and phrase in message


async def test_what_the_spec_allows_is_accepted(emu: PulseEmulator) -> None:
    params = {
        "model": "",
        "sample_rate": "",
        "encoding": "",
        "keywords": "Dragoman:5,New York:2.5",
        "eou_timeout_ms": "600",
        "itn_normalize": "false",
    }
    async with open_ws(emu, **params):
        pass
    async with open_ws(emu, path=LEGACY_PATH, language="hi"):
        pass
    new, legacy = emu.sessions
    assert (new.declared_rate, new.encoding) == (16000, "linear16")  # the spec's defaults
    assert "model" not in new.params
    assert (legacy.path, legacy.language) == (LEGACY_PATH, "hi")


async def test_unknown_path_is_404(emu: PulseEmulator) -> None:
    with pytest.raises(InvalidStatus) as info:
        async with connect(emu.url("/v1/listen", **BASIC)):
            pass
    assert info.value.response.status_code == 404


async def test_fault_statuses_are_spent_in_order_by_authorised_upgrades(
    emu: PulseEmulator,
) -> None:
    emu.faults = Faults(http_statuses=[429, 500, 503], retry_after="3")
    assert (await refused(emu, key=None))[0] == 401  # does not spend the budget
    statuses, retry_after = [], []
    for _ in range(3):
        with pytest.raises(InvalidStatus) as info:
            async with open_ws(emu):
                pass
        statuses.append(info.value.response.status_code)
        retry_after.append(info.value.response.headers.get("Retry-After"))
    assert statuses == [429, 500, 503] and retry_after == ["3", None, "3"]
    async with open_ws(emu):
        pass
    assert [h.status for h in emu.handshakes] == [401, 429, 500, 503, 101]


@pytest.mark.parametrize(
    ("region", "refused_language", "accepted"),
    [("us", "ta", ["ja", "en", "multi-asian"]), ("india", "ja", ["ta", "en", "bn"])],
)
async def test_a_region_refuses_the_other_hosts_languages(
    region: str, refused_language: str, accepted: list[str]
) -> None:
    async with PulseEmulator(region=region) as emu:
        code, message = await refused(emu, language=refused_language)
        assert code == 400 and "host" in message
        for language in accepted:
            async with open_ws(emu, language=language):
                pass
        assert [s.language for s in emu.sessions] == accepted


# --- recognition ---------------------------------------------------------------------------------


async def test_speech_gives_interims_then_an_endpointing_final(emu: PulseEmulator) -> None:
    async with open_ws(emu) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, silence(0.5) + tone(0.8) + silence(1.0), frame=1000)
        await inbox.until(lambda b: bool(b.finals()))
    rec = await closed(emu)
    (segment,) = rec.segments
    assert (segment.start, segment.end, segment.final_by) == (8000, 8000 + 12800, "eou")
    interims = [m for m in inbox.results() if m["is_final"] is False]
    assert interims and all(m["type"] == "transcription" for m in interims)
    assert all(
        set(m) == {"type", "session_id", "transcript", "is_final", "is_last"} for m in interims
    )
    (final,) = inbox.finals()
    assert final["transcript"] == "speech 1 0.80s" and final["from_finalize"] is False
    assert inbox.results().index(final) > inbox.results().index(interims[0])
    assert rec.finals() == [final]


async def test_finals_are_per_segment_and_finalize_flushes_mid_speech(emu: PulseEmulator) -> None:
    async with open_ws(emu, endpointing="false") as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, tone(0.5) + silence(1.0))  # no endpointing: no final yet
        await ws.send('{"type":"finalize"}')
        await inbox.until(lambda b: len(b.finals()) == 1)
        await send_pcm(ws, tone(0.3))
        await ws.send('{"type":"finalize"}')
        await inbox.until(lambda b: len(b.finals()) == 2)
    texts = [(m["transcript"], m["from_finalize"]) for m in inbox.finals()]
    assert texts == [("speech 1 0.50s", True), ("speech 2 0.30s", True)]
    assert [s.final_by for s in (await closed(emu)).segments] == ["finalize", "finalize"]


async def test_close_stream_answers_is_last_then_closes_1000(emu: PulseEmulator) -> None:
    async with open_ws(emu) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, tone(0.4))
        await ws.send('{"type":"close_stream"}')
        await ws.send(tone(0.1))  # too late: not recognised
        with pytest.raises(ConnectionClosed) as info:
            await inbox.until(lambda b: False)
    assert info.value.rcvd is not None and info.value.rcvd.code == 1000
    (final,) = inbox.finals()
    assert final["transcript"] == "speech 1 0.40s"
    assert final["is_last"] is True and final["from_finalize"] is True
    rec = await closed(emu)
    assert (rec.ended_by, rec.close_code) == ("server", 1000)
    assert rec.audio_after_close_stream == len(tone(0.1))
    assert len(rec.audio) == len(tone(0.4))


async def test_close_stream_with_nothing_open_still_sends_is_last(emu: PulseEmulator) -> None:
    async with open_ws(emu) as ws:
        await ws.send('{"type":"close_stream"}')
        inbox = Inbox(ws)
        with pytest.raises(ConnectionClosed):
            await inbox.until(lambda b: False)
    ((final),) = inbox.json
    assert (final["transcript"], final["is_final"], final["is_last"]) == ("", True, True)


@pytest.mark.parametrize(("declared", "seconds", "hz"), [(16000, "1.00", 440), (8000, "2.00", 220)])
async def test_the_declared_rate_is_trusted_not_checked(
    emu: PulseEmulator, declared: int, seconds: str, hz: int
) -> None:
    """16 kHz audio declared as 8 kHz comes out twice as long and an octave down."""
    async with open_ws(emu, sample_rate=str(declared)) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, tone(1.0))
        await ws.send('{"type":"finalize"}')
        await inbox.until(lambda b: bool(b.finals()))
    assert inbox.finals()[0]["transcript"] == f"speech 1 {seconds}s"
    rec = await closed(emu)
    assert rec.declared_rate == declared and abs(rec.dominant_hz() - hz) < 3


async def test_other_encodings_are_recorded_not_recognised(emu: PulseEmulator) -> None:
    async with open_ws(emu, encoding="mulaw", sample_rate="8000") as ws:
        await ws.send(b"\x7f" * 4000)
        await ws.send('{"type":"finalize"}')
        inbox = Inbox(ws)
        await inbox.until(lambda b: bool(b.finals()))
    assert inbox.finals()[0]["transcript"] == ""
    assert len((await closed(emu)).audio) == 4000


async def test_eou_timeout_vad_events_and_words(emu: PulseEmulator) -> None:
    params = {"eou_timeout_ms": "200", "vad_events": "true", "word_timestamps": "true"}
    async with open_ws(emu, **params) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, silence(0.2) + tone(0.3) + silence(0.3))
        await inbox.until(lambda b: bool(b.finals()))
        await inbox.until(lambda b: any(m.get("type") == "speech_ended" for m in b.json))
    kinds = [m["type"] for m in inbox.json if m["type"] != "transcription"]
    assert kinds == ["speech_started", "speech_ended"]
    started, ended = (m for m in inbox.json if m["type"] != "transcription")
    assert (started["timestamp"], ended["timestamp"]) == (0.2, 0.5)
    (final,) = inbox.finals()
    assert final["words"] == [
        {"word": "speech1", "start": 0.2, "end": 0.5, "confidence": 0.9, "speaker": 0}
    ]


async def test_silence_and_clicks_start_nothing(emu: PulseEmulator) -> None:
    async with open_ws(emu) as ws:
        await send_pcm(ws, silence(0.5) + tone(0.04) + silence(1.0))
        await ws.send('{"type":"finalize"}')
        inbox = Inbox(ws)
        await inbox.until(lambda b: bool(b.finals()))
    assert [m["transcript"] for m in inbox.json] == [""]
    assert (await closed(emu)).segments == []


async def test_aggregate_languages_report_a_member(emu: PulseEmulator) -> None:
    async with open_ws(emu, language="multi-asian") as ws:
        await ws.send('{"type":"finalize"}')
        message = json.loads(await ws.recv())
    assert (message["language"], message["languages"]) == ("zh", ["zh"])


async def test_unknown_controls_are_recorded_and_ignored(emu: PulseEmulator) -> None:
    async with open_ws(emu) as ws:
        for text in ('{"type":"keepalive"}', "not json", "[1]", '{"type":"finalize"}'):
            await ws.send(text)
        assert json.loads(await ws.recv())["from_finalize"] is True
    rec = await closed(emu)
    assert rec.controls[:3] == ['{"type":"keepalive"}', "not json", "[1]"]
    assert [kind for _, kind in rec.control_at] == ["keepalive", "finalize"]


# --- faults --------------------------------------------------------------------------------------


async def test_1008_at_open_spends_its_budget(emu: PulseEmulator) -> None:
    emu.faults.close_1008_at_open = 1
    async with open_ws(emu) as ws:
        with pytest.raises(ConnectionClosed) as info:
            await ws.recv()
    assert info.value.rcvd is not None and info.value.rcvd.code == 1008
    assert (emu.sessions[0].ended_by, emu.sessions[0].close_code) == ("1008", 1008)
    async with open_ws(emu) as ws:
        await ws.send('{"type":"finalize"}')
        assert json.loads(await ws.recv())["is_final"] is True


async def test_concurrency_limit_closes_the_extra_socket_with_1008() -> None:
    async with PulseEmulator(concurrency_limit=1) as emu:
        async with open_ws(emu) as first:
            async with open_ws(emu) as second:
                with pytest.raises(ConnectionClosed) as info:
                    await second.recv()
            assert info.value.rcvd is not None and info.value.rcvd.code == 1008
            await first.send('{"type":"finalize"}')
            assert json.loads(await first.recv())["is_final"] is True
        await closed(emu, 0)
        async with open_ws(emu):  # the first one is gone: room again
            pass
    assert [s.ended_by for s in emu.sessions] == ["client", "1008", "client"]


@pytest.mark.parametrize("kind", ["tcp", "1011"])
async def test_drop_mid_turn(emu: PulseEmulator, kind: str) -> None:
    emu.faults = Faults(drop_after_speech_ms=400, drop_kind=kind)
    async with open_ws(emu) as ws:
        inbox = Inbox(ws)
        with pytest.raises(ConnectionClosed) as info:
            await send_pcm(ws, tone(1.0) + silence(1.0))
            await inbox.until(lambda b: False)
    rec = await closed(emu)
    assert rec.ended_by == kind
    if kind == "tcp":
        assert info.value.rcvd is None and rec.close_code is None
    else:
        assert info.value.rcvd is not None and info.value.rcvd.code == 1011
        assert rec.close_code == 1011
    (segment,) = rec.segments
    assert not segment.finalised and segment.speech_ms == 400
    assert not inbox.finals() and emu.faults.drop_sessions == 0


@pytest.mark.parametrize("kind", ["1000", "1011", "tcp", "oversized"])
@pytest.mark.parametrize("error_shape", [None, "status"])
async def test_kill_at_open(emu: PulseEmulator, kind: str, error_shape: str | None) -> None:
    emu.faults = Faults(
        kill_at_open=1, kill_kind=kind, kill_error_shape=error_shape, kill_frame_bytes=100_000
    )
    messages: list[Any] = []
    headers = {"Authorization": f"Bearer {GOOD}"}
    async with connect(emu.url(**BASIC), additional_headers=headers, max_size=50_000) as ws:
        with pytest.raises(ConnectionClosed) as info:
            while True:
                messages.append(json.loads(await ws.recv()))
    rec = await closed(emu)
    assert not [m for m in messages if "transcript" in m]
    errors = [m for m in messages if m.get("status") == "error"]
    assert len(errors) == (error_shape is not None)
    if kind == "tcp":
        assert rec.ended_by == "tcp" and info.value.rcvd is None
    elif kind == "oversized":  # the client refused the message: its close ends the session
        assert rec.ended_by == "client" and rec.close_code == 1009
    else:
        assert rec.ended_by == ("server" if kind == "1000" else kind)
        assert info.value.rcvd is not None and info.value.rcvd.code == int(kind)
    assert emu.faults.kill_at_open == 0  # a budget: the next socket is left alone
    async with open_ws(emu) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, tone(0.4))
        await ws.send('{"type":"finalize"}')
        await inbox.until(lambda b: bool(b.finals()))


async def test_slow_finals_delay_the_final_not_the_interims(emu: PulseEmulator) -> None:
    emu.faults.final_delay = 0.4
    async with open_ws(emu) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, tone(0.7))
        await inbox.until(lambda b: bool(b.results()))
        interim_lag = time.monotonic() - inbox.times[0]
        asked = time.monotonic()
        await ws.send('{"type":"finalize"}')
        await inbox.until(lambda b: bool(b.finals()))
    assert inbox.times[-1] - asked >= 0.4 > interim_lag


async def test_legacy_shapes_and_no_from_finalize(emu: PulseEmulator) -> None:
    emu.faults = Faults(legacy_shapes=True, omit_from_finalize=True)
    async with open_ws(emu) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, tone(0.4))
        await ws.send('{"type":"finalize"}')
        await inbox.until(lambda b: bool(b.finals()))
    assert all("type" not in m for m in inbox.json)
    (final,) = inbox.finals()
    assert final["transcript"] == "speech 1 0.40s" and "from_finalize" not in final


@pytest.mark.parametrize("shape", ERROR_SHAPES)
async def test_error_messages_in_each_shape(emu: PulseEmulator, shape: str) -> None:
    emu.faults.error_shape = shape
    async with open_ws(emu) as ws:
        await ws.send(silence(0.02))
        error = json.loads(await ws.recv())
        await ws.send(silence(0.02))  # once per session
        await ws.send('{"type":"finalize"}')
        assert json.loads(await ws.recv())["is_final"] is True
    message = f"emulated error in the {shape!r} shape"
    assert (
        error
        == {
            "type": {"type": "error", "message": message},
            "status": {"status": "error", "message": message},
            "object": {"error": {"code": "emulated", "message": message}},
            "code": {"error_code": "emulated", "message": message},
        }[shape]
    )


# --- threads and the command line ----------------------------------------------------------------


def test_running_in_thread_from_sync_code() -> None:
    with running_emulator(good_key="sk_k1") as emu:
        query = "&".join(f"{k}={v}" for k, v in BASIC.items())
        url = f"{emu.base_url}/waves/v1/stt/live?{query}"
        with sync_connect(url, additional_headers={"Authorization": "Bearer sk_k1"}) as ws:
            pcm = tone(0.3)
            for i in range(0, len(pcm), 640):
                ws.send(pcm[i : i + 640])
            ws.send('{"type":"close_stream"}')
            emu.wait_until(lambda: bool(emu.sessions) and bool(emu.sessions[0].finals()))
        emu.wait_until(lambda: emu.sessions[0].closed)
    assert [m["transcript"] for m in emu.sessions[0].finals()] == ["speech 1 0.30s"]


def test_cli_prints_listening_line_and_serves() -> None:
    cmd = [sys.executable, "-m", "tests.emulator.pulse", "--port", "0", "--good-key", "sk_cli"]
    with subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline().strip()
            assert line.startswith("listening on ws://127.0.0.1:")
            query = "&".join(f"{k}={v}" for k, v in BASIC.items())
            url = f"{line.removeprefix('listening on ')}/waves/v1/stt/live?{query}"
            with pytest.raises(InvalidStatus) as info:
                sync_connect(url, additional_headers={"Authorization": "Bearer sk_other"})
            assert info.value.response.status_code == 401
            with sync_connect(url, additional_headers={"Authorization": "Bearer sk_cli"}) as ws:
                ws.send('{"type":"finalize"}')
                assert json.loads(ws.recv())["from_finalize"] is True
        finally:
            proc.terminate()
            assert proc.wait(timeout=10) == 0
