"""The Pinch emulator (tests/emulator/pinch.py) checked with plain httpx/websockets clients."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import json
import ssl
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, ConnectionClosedError
from websockets.sync.client import connect as sync_connect

from tests.emulator.pinch import (
    Faults,
    PinchEmulator,
    RecordedSession,
    running_emulator,
    transform,
)

GOOD = "pk_test_good"
FORBIDDEN = "pk_test_forbidden"
SR = 16_000
REPO = Path(__file__).resolve().parents[2]


# --- audio helpers ---------------------------------------------------------------------------


def silence(seconds: float) -> bytes:
    return bytes(int(seconds * SR) * 2)


def tone(seconds: float, freq: float = 440.0, amp: float = 0.3) -> bytes:
    t = np.arange(int(seconds * SR)) / SR
    return (amp * 32767 * np.sin(2 * np.pi * freq * t)).astype("<i2").tobytes()


def burst(seconds: float, lead: float = 0.2) -> bytes:
    """Silence, a tone, then the client's 300 ms of trailing zeros."""
    return silence(lead) + tone(seconds) + silence(0.3)


# --- protocol helpers ------------------------------------------------------------------------


@pytest.fixture
async def emu() -> AsyncIterator[PinchEmulator]:
    async with PinchEmulator() as server:
        yield server


async def allocate(emu: PinchEmulator, key: str | None = GOOD, **params: str) -> httpx.Response:
    headers = {} if key is None else {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient() as client:
        return await client.get(f"{emu.base_url}/v1/session", params=params, headers=headers)


async def ws_url(emu: PinchEmulator, **params: str) -> str:
    response = await allocate(emu, **params)
    assert response.status_code == 200, response.text
    url = response.json()["ws_url"]
    assert isinstance(url, str)
    return url


class Inbox:
    """Everything the server sent on one socket."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.raw: list[str | bytes] = []
        self.json: list[Any] = []
        self.audio = bytearray()

    async def until(self, predicate: Callable[[Inbox], bool], limit: float = 5.0) -> None:
        async with asyncio.timeout(limit):
            while not predicate(self):
                message = await self.ws.recv()
                self.raw.append(message)
                if isinstance(message, bytes):
                    if len(message) % 4 == 0:
                        self.audio += message
                    continue
                try:
                    self.json.append(json.loads(message))
                except ValueError:
                    self.json.append(None)

    def of_type(self, *types: str) -> list[dict[str, Any]]:
        return [m for m in self.json if isinstance(m, dict) and m.get("type") in types]

    def finals(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.of_type(kind) if m.get("is_final") is True]


async def send_pcm(ws: ClientConnection, pcm: bytes, frame: int = 640) -> None:
    for i in range(0, len(pcm), frame):
        await ws.send(pcm[i : i + frame])


async def closed(emu: PinchEmulator, index: int = -1) -> RecordedSession:
    await emu.wait_for(lambda: bool(emu.sessions) and emu.sessions[index].closed)
    return emu.sessions[index]


# --- allocation --------------------------------------------------------------------------------


async def test_allocation_ok_records_params_and_defaults(emu: PinchEmulator) -> None:
    response = await allocate(emu, targetLanguage="de", twoWay="true", bogus="1")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["session_id"].startswith("ss_")
    assert body["expires_in"] == 60
    assert body["ws_url"].startswith(emu.base_url.replace("http", "ws") + "/session?token=")
    (alloc,) = emu.allocations
    assert alloc.status == 200
    assert alloc.params == {"targetLanguage": "de", "twoWay": "true", "bogus": "1"}

    async with connect(body["ws_url"]) as ws:
        assert json.loads(await ws.recv()) == {"type": "ready"}
    rec = await closed(emu)
    assert rec.session_id == body["session_id"]
    assert rec.metadata == {
        "sourceLanguage": "en",
        "targetLanguage": "de",
        "voiceType": "male",
        "audioOutputEnabled": True,
        "finalizeMode": "stable",
        "twoWay": True,
    }
    assert rec.close_code == 1000
    assert rec.ended_by == "client"


@pytest.mark.parametrize(("key", "status"), [(None, 401), ("pk_wrong", 401), (FORBIDDEN, 403)])
async def test_allocation_auth_errors(emu: PinchEmulator, key: str | None, status: int) -> None:
    response = await allocate(emu, key=key)
    assert response.status_code == status
    error = response.json()["error"]
    assert isinstance(error["code"], str)
    assert isinstance(error["message"], str)
    assert [a.status for a in emu.allocations] == [status]


async def test_allocation_503_then_429_then_ok(emu: PinchEmulator) -> None:
    emu.faults = Faults(fail_503=2, fail_429=1, retry_after="3")
    # Unauthorised calls do not consume the fault budget.
    assert (await allocate(emu, key=None)).status_code == 401
    first, second = await allocate(emu), await allocate(emu)
    assert first.status_code == second.status_code == 503
    assert first.json()["error"]["code"] == "capacity"
    limited = await allocate(emu)
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "3"
    assert (await allocate(emu)).status_code == 200
    assert [a.status for a in emu.allocations] == [401, 503, 503, 429, 200]


async def test_429_without_retry_after(emu: PinchEmulator) -> None:
    emu.faults = Faults(fail_429=1, retry_after=None)
    response = await allocate(emu)
    assert response.status_code == 429
    assert "retry-after" not in response.headers


async def test_unknown_http_path_and_method(emu: PinchEmulator) -> None:
    async with httpx.AsyncClient() as client:
        assert (await client.get(f"{emu.base_url}/v2/whatever")).status_code == 404
        response = await client.post(
            f"{emu.base_url}/v1/session", headers={"Authorization": f"Bearer {GOOD}"}
        )
    assert response.status_code == 405
    assert [a.status for a in emu.allocations] == [405]


# --- tokens ------------------------------------------------------------------------------------


async def expect_close(url: str, code: int) -> None:
    async with connect(url) as ws:
        with pytest.raises(ConnectionClosed) as info:
            await ws.recv()
    assert info.value.rcvd is not None
    assert info.value.rcvd.code == code


async def test_reused_token_gets_4401(emu: PinchEmulator) -> None:
    url = await ws_url(emu)
    async with connect(url) as ws:
        assert json.loads(await ws.recv())["type"] == "ready"
    await expect_close(url, 4401)
    rec = await closed(emu)
    assert (rec.rejected, rec.ended_by) == ("used", "4401")


async def test_expired_and_unknown_tokens_get_4401() -> None:
    async with PinchEmulator(token_expiry=0.2) as emu:
        response = await allocate(emu)
        assert response.json()["expires_in"] == 0.2
        await asyncio.sleep(0.25)
        await expect_close(response.json()["ws_url"], 4401)
        assert (await closed(emu)).rejected == "expired"
        await expect_close(f"{emu.ws_base}/session?token=nope", 4401)
        assert (await closed(emu)).rejected == "unknown"
        await expect_close(f"{emu.ws_base}/session", 4401)


async def test_close_4401_at_open_fault(emu: PinchEmulator) -> None:
    emu.faults.close_4401_at_open = 1
    await expect_close(await ws_url(emu), 4401)
    assert emu.sessions[0].rejected == "fault"
    async with connect(await ws_url(emu)) as ws:
        assert json.loads(await ws.recv())["type"] == "ready"


# --- recognition, translation, audio --------------------------------------------------------


async def test_tone_burst_interim_final_translation_and_audio(emu: PinchEmulator) -> None:
    url = await ws_url(emu, targetLanguage="de", finalizeMode="sentence")
    pcm = silence(0.5) + tone(0.8) + silence(0.5)
    async with connect(url) as ws:
        inbox = Inbox(ws)
        await inbox.until(lambda b: bool(b.json))
        assert inbox.json[0] == {"type": "ready"}
        await send_pcm(ws, pcm, frame=1000)  # frame size need not be a multiple of 640
        expected = transform(tone(0.8))
        await inbox.until(lambda b: len(b.audio) >= expected.nbytes)

    rec = await closed(emu)
    assert rec.audio == pcm
    assert rec.audio_before_ready == 0
    (seg,) = rec.segments
    assert (seg.start, seg.end, seg.finalised) == (8000, 8000 + 12800, True)

    originals = inbox.of_type("original_transcript")
    translated = inbox.of_type("translated_transcript")
    interims = [m for m in originals if m["is_final"] is False]
    assert interims, "interim transcripts come while the segment is open"
    (final,) = inbox.finals("original_transcript")
    assert final["text"] == "speech 1 0.80s"
    assert final["language_detected"] == "en"
    assert isinstance(final["timestamp"], float)
    assert originals.index(final) > originals.index(interims[0])
    assert [m["is_final"] for m in translated] == [False, True]
    assert translated[-1]["text"] == "[de] speech 1 0.80s"
    ids = {m["correlation_id"] for m in originals + translated}
    assert ids == {seg.correlation_id} == {f"{rec.session_id}-1"}

    # Translated audio: after the final translation, float32 frames of uneven sizes.
    first_audio = next(i for i, m in enumerate(inbox.raw) if isinstance(m, bytes))
    last_text = max(i for i, m in enumerate(inbox.raw) if isinstance(m, str))
    assert first_audio > last_text
    sizes = {len(m) for m in inbox.raw if isinstance(m, bytes)}
    assert len(sizes) > 1
    assert all(size % 4 == 0 for size in sizes)
    got = np.frombuffer(bytes(inbox.audio), dtype="<f4")
    np.testing.assert_array_equal(got, transform(rec.segment_pcm(seg)))
    assert bytes(rec.sent_audio) == bytes(inbox.audio)


def test_transform_is_deterministic_and_resamples() -> None:
    pcm = tone(0.1)
    out = transform(pcm)
    assert out.dtype == np.float32
    assert len(out) == (len(pcm) // 2) * 3 // 2
    np.testing.assert_array_equal(out, transform(bytearray(pcm)))
    src = np.frombuffer(pcm, dtype="<i2") / 32768.0
    assert abs(float(np.max(np.abs(out))) - 0.5 * float(np.max(np.abs(src)))) < 1e-3
    assert len(transform(b"")) == 0
    assert len(transform(b"\x01")) == 0


@pytest.mark.parametrize(
    ("mode", "texts"),
    [
        ("stable", ["speech 1.1 1.00s", "speech 1.2 1.00s", "speech 1.3 0.50s"]),
        ("sentence", ["speech 1 2.50s"]),
    ],
)
async def test_finalize_modes(emu: PinchEmulator, mode: str, texts: list[str]) -> None:
    url = await ws_url(emu, finalizeMode=mode, audioOutputEnabled="false")
    async with connect(url) as ws:
        inbox = Inbox(ws)
        await inbox.until(lambda b: bool(b.json))
        await send_pcm(ws, burst(2.5))
        await inbox.until(lambda b: len(b.finals("translated_transcript")) == len(texts))
    assert [m["text"] for m in inbox.finals("original_transcript")] == texts
    assert [m["text"] for m in inbox.finals("translated_transcript")] == [
        f"[es] {t}" for t in texts
    ]
    rec = await closed(emu)
    assert rec.segments[0].finalised
    assert not inbox.audio, "text-only mode sends no audio"
    assert not rec.sent_audio


async def test_silence_and_clicks_start_nothing(emu: PinchEmulator) -> None:
    url = await ws_url(emu)
    click = tone(0.04)  # 40 ms < 60 ms of speech: noise
    async with connect(url) as ws:
        assert json.loads(await ws.recv())["type"] == "ready"
        await send_pcm(ws, silence(0.5) + click + silence(0.5))
    rec = await closed(emu)
    assert len(rec.audio) == 32000 + len(click)
    assert rec.segments == []
    assert rec.sent == [{"type": "ready"}]


async def test_input_ending_mid_speech_never_finalises(emu: PinchEmulator) -> None:
    url = await ws_url(emu, finalizeMode="sentence")
    async with connect(url) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, silence(0.1) + tone(0.7))  # no trailing silence
        await inbox.until(lambda b: bool(b.of_type("original_transcript")))
    rec = await closed(emu)
    assert len(rec.audio) == int(0.8 * SR) * 2
    (seg,) = rec.segments
    assert not seg.finalised
    assert not [m for m in rec.sent if m.get("is_final") is True]


async def test_unsupported_target_error_then_update_fixes_it(emu: PinchEmulator) -> None:
    url = await ws_url(emu, targetLanguage="xx", finalizeMode="sentence")
    async with connect(url) as ws:
        inbox = Inbox(ws)
        await inbox.until(lambda b: len(b.json) >= 2)
        assert inbox.json[0] == {"type": "ready"}
        assert inbox.json[1] == {
            "type": "error",
            "message": "targetLanguage='xx' is not supported",
        }
        await send_pcm(ws, burst(0.5))
        await inbox.until(lambda b: bool(b.finals("original_transcript")))
        # Transcribed, not translated.
        rec = emu.sessions[-1]
        await emu.wait_for(lambda: bool(rec.segments) and rec.segments[0].finalised)
        assert not inbox.of_type("translated_transcript")
        await ws.send(json.dumps({"type": "update_metadata", "targetLanguage": "fr-CA"}))
        await send_pcm(ws, burst(0.5))
        await inbox.until(lambda b: len(b.finals("translated_transcript")) == 1)
        await inbox.until(lambda b: len(b.audio) >= transform(tone(0.5)).nbytes)
    (translated,) = inbox.finals("translated_transcript")
    assert translated["text"] == "[fr-CA] speech 2 0.50s"
    assert translated["correlation_id"] == f"{rec.session_id}-2"
    assert len(inbox.of_type("error")) == 1


async def test_voice_clone_error_and_text_only_is_fine(emu: PinchEmulator) -> None:
    async with connect(await ws_url(emu, voiceType="clone")) as ws:
        inbox = Inbox(ws)
        await inbox.until(lambda b: len(b.json) >= 2)
    assert inbox.json[1] == {"type": "error", "message": "voiceType='clone' is not supported yet"}
    # Text-only mode: neither the voice nor the target language matters.
    url = await ws_url(emu, voiceType="clone", targetLanguage="sw", audioOutputEnabled="false")
    async with connect(url) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, burst(0.3))
        await inbox.until(lambda b: bool(b.finals("translated_transcript")))
    assert not inbox.of_type("error")


async def test_update_metadata_recorded_and_applied(emu: PinchEmulator) -> None:
    async with connect(await ws_url(emu)) as ws:
        assert json.loads(await ws.recv())["type"] == "ready"
        await ws.send('{"type":"update_metadata","targetLanguage":"de","voiceType":"female"}')
        await ws.send('{"type":"update_metadata","audioOutputEnabled":"false","twoWay":true}')
        await ws.send('{"type":"something_else"}')
        await ws.send("not json")
        rec = emu.sessions[-1]
        await emu.wait_for(lambda: len(rec.text_frames) == 4)
    assert rec.updates == [
        {"type": "update_metadata", "targetLanguage": "de", "voiceType": "female"},
        {"type": "update_metadata", "audioOutputEnabled": "false", "twoWay": True},
    ]
    assert rec.metadata["targetLanguage"] == "de"
    assert rec.metadata["voiceType"] == "female"
    assert rec.metadata["audioOutputEnabled"] is False
    assert rec.metadata["twoWay"] is True
    assert rec.text_frames[2:] == ['{"type":"something_else"}', "not json"]


async def test_legacy_shapes(emu: PinchEmulator) -> None:
    emu.faults.legacy_shapes = True
    async with connect(await ws_url(emu, finalizeMode="sentence")) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, burst(0.4))
        await inbox.until(lambda b: bool(b.finals("translation")))
    (final,) = [m for m in inbox.of_type("transcript") if m["is_final"]]
    assert final["source"] == "original"
    assert final["text"] == "speech 1 0.40s"


# --- faults ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["4503", "tcp"])
async def test_drop_mid_segment(emu: PinchEmulator, kind: str) -> None:
    emu.faults = Faults(drop_after_speech_ms=400, drop_kind=kind)
    async with connect(await ws_url(emu, finalizeMode="sentence")) as ws:
        inbox = Inbox(ws)
        with pytest.raises(ConnectionClosedError) as info:
            await send_pcm(ws, burst(1.0))
            await inbox.until(lambda b: False)
    rec = await closed(emu)
    if kind == "4503":
        assert info.value.rcvd is not None
        assert info.value.rcvd.code == 4503
        assert rec.close_code == 4503
    else:
        assert info.value.rcvd is None
        assert rec.close_code is None
    assert rec.ended_by == kind
    (seg,) = rec.segments
    assert not seg.finalised
    assert seg.speech_ms == 400
    assert not inbox.finals("original_transcript")
    assert not [m for m in rec.sent if m.get("is_final") is True]
    assert emu.faults.drop_sessions == 0

    # The budget is spent: the next session runs normally.
    async with connect(await ws_url(emu, finalizeMode="sentence")) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, burst(1.0))
        await inbox.until(lambda b: bool(b.finals("translated_transcript")))


async def test_no_ready_and_audio_before_ready(emu: PinchEmulator) -> None:
    emu.faults.no_ready = 1
    async with connect(await ws_url(emu)) as ws:
        await send_pcm(ws, burst(0.5))
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.3):
                await ws.recv()
    rec = await closed(emu)
    assert rec.ready_at is None
    assert rec.audio_before_ready == len(rec.audio) == len(burst(0.5))
    assert rec.sent == []
    assert rec.segments == []
    # Budget spent: the next session gets ready.
    async with connect(await ws_url(emu)) as ws:
        assert json.loads(await ws.recv())["type"] == "ready"


async def test_ready_delay_counts_audio_sent_before_ready(emu: PinchEmulator) -> None:
    emu.faults.ready_delay = 0.2
    async with connect(await ws_url(emu)) as ws:
        await ws.send(bytes(640))
        await ws.send(bytes(640))
        started = time.monotonic()
        assert json.loads(await ws.recv())["type"] == "ready"
        assert time.monotonic() - started > 0.1
        await ws.send(bytes(640))
    rec = await closed(emu)
    assert rec.audio_before_ready == 1280
    assert len(rec.audio) == 1920
    assert [n for _, n in rec.frames] == [640, 640, 640]


async def test_garbage_frames_then_normal(emu: PinchEmulator) -> None:
    emu.faults.garbage = True
    async with connect(await ws_url(emu, finalizeMode="sentence")) as ws:
        inbox = Inbox(ws)
        await inbox.until(lambda b: len(b.raw) >= 8)
        await send_pcm(ws, burst(0.3))
        await inbox.until(lambda b: bool(b.finals("translated_transcript")))
    ready, invalid, array, string, no_type, bad_final, unknown, odd = inbox.raw[:8]
    assert json.loads(ready) == {"type": "ready"}
    with pytest.raises(ValueError):
        json.loads(invalid)
    assert isinstance(json.loads(array), list)
    assert isinstance(json.loads(string), str)
    assert json.loads(no_type) == {"no": "type"}
    assert json.loads(bad_final)["is_final"] == "yes"
    assert json.loads(unknown)["type"] == "segment_started"
    assert odd == bytes(range(1, 8))
    assert inbox.finals("original_transcript")[0]["text"] == "speech 1 0.30s"


async def test_oversized_frame(emu: PinchEmulator) -> None:
    emu.faults.oversized_frame_bytes = 100_000
    async with connect(await ws_url(emu), max_size=None) as ws:
        inbox = Inbox(ws)
        await inbox.until(lambda b: len(b.raw) >= 2)
    frame = inbox.raw[1]
    assert isinstance(frame, str)
    assert len(frame) == 100_000
    assert json.loads(frame)["type"] == "padding"


@pytest.mark.parametrize("kind", ["1000", "1011", "4503", "tcp", "oversized"])
@pytest.mark.parametrize("error", [None, "emulated overload"])
async def test_kill_after_ready(emu: PinchEmulator, kind: str, error: str | None) -> None:
    emu.faults.kill_after_ready = 1
    emu.faults.kill_kind = kind
    emu.faults.kill_error = error
    emu.faults.kill_frame_bytes = 100_000
    async with connect(await ws_url(emu), max_size=50_000) as ws:
        inbox = Inbox(ws)
        with pytest.raises(ConnectionClosed) as info:
            await inbox.until(lambda b: False)
    rec = await closed(emu)
    assert rec.ready_at is not None and rec.segments == []
    assert inbox.of_type("ready") and not inbox.of_type("original_transcript")
    assert inbox.of_type("error") == (
        [] if error is None else [{"type": "error", "message": error}]
    )
    if kind == "tcp":
        assert rec.ended_by == "tcp" and info.value.rcvd is None
    elif kind == "oversized":  # the client refused the frame: its close ends the session
        assert rec.ended_by == "client" and rec.close_code == 1009
        assert info.value.sent is not None and info.value.sent.code == 1009
    else:
        assert rec.ended_by == kind
        assert info.value.rcvd is not None and info.value.rcvd.code == int(kind)
    # A budget: the next session is left alone.
    assert emu.faults.kill_after_ready == 0
    async with connect(await ws_url(emu)) as ws:
        inbox = Inbox(ws)
        await send_pcm(ws, burst(0.4))
        await inbox.until(lambda b: bool(b.finals("original_transcript")))


async def test_stall_after_ready() -> None:
    emu = PinchEmulator(faults=Faults(stall_after_ready=True))
    await emu.start()
    try:
        async with connect(await ws_url(emu), close_timeout=0.1) as ws:
            assert json.loads(await ws.recv())["type"] == "ready"
            await send_pcm(ws, burst(0.5))
            with pytest.raises(TimeoutError):
                async with asyncio.timeout(0.3):
                    await ws.recv()
        rec = emu.sessions[-1]
        assert rec.ended_by == "stall"
        assert rec.segments == []
    finally:
        await emu.stop()
    assert rec.closed


# --- TLS, threads, CLI -------------------------------------------------------------------------


def _self_signed(tmp_path: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    pytest.importorskip("cryptography")
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    client = ssl.create_default_context(cadata=cert_pem.decode())
    return server, client


async def test_tls(tmp_path: Path) -> None:
    server_ctx, client_ctx = _self_signed(tmp_path)
    async with PinchEmulator(ssl=server_ctx) as emu:
        assert emu.base_url.startswith("https://127.0.0.1:")
        async with httpx.AsyncClient(verify=client_ctx) as client:
            response = await client.get(
                f"{emu.base_url}/v1/session", headers={"Authorization": f"Bearer {GOOD}"}
            )
        url = response.json()["ws_url"]
        assert url.startswith("wss://127.0.0.1:")
        async with connect(url, ssl=client_ctx) as ws:
            assert json.loads(await ws.recv())["type"] == "ready"


def test_running_in_thread_from_sync_code() -> None:
    with running_emulator(good_key="k1", faults=Faults(fail_503=1)) as emu:
        headers = {"Authorization": "Bearer k1"}
        with httpx.Client() as client:
            assert client.get(f"{emu.base_url}/v1/session", headers=headers).status_code == 503
            response = client.get(
                f"{emu.base_url}/v1/session",
                params={"finalizeMode": "sentence", "audioOutputEnabled": "false"},
                headers=headers,
            )
        with sync_connect(response.json()["ws_url"]) as ws:
            assert json.loads(ws.recv())["type"] == "ready"
            pcm = burst(0.3)
            for i in range(0, len(pcm), 640):
                ws.send(pcm[i : i + 640])
            emu.wait_until(lambda: bool(emu.sessions[0].of_type("translated_transcript")))
        emu.wait_until(lambda: emu.sessions[0].closed)
    rec = emu.sessions[0]
    assert rec.ended_by == "client"
    assert [m["text"] for m in rec.of_type("original_transcript") if m["is_final"]] == [
        "speech 1 0.30s"
    ]


def test_cli_prints_listening_line_and_serves() -> None:
    cmd = [sys.executable, "-m", "tests.emulator.pinch", "--port", "0", "--good-key", "cli"]
    with subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline().strip()
            assert line.startswith("listening on http://127.0.0.1:")
            base = line.removeprefix("listening on ")
            response = httpx.get(f"{base}/v1/session", headers={"Authorization": "Bearer cli"})
            assert response.status_code == 200
        finally:
            proc.terminate()
            assert proc.wait(timeout=10) == 0
