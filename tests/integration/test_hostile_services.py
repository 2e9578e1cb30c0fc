"""Hostile services and networks (issue 15), against the emulators over real TCP on 127.0.0.1.

What a server, a proxy or the network can do to a session must end in one of our errors, with one
sentence, in bounded time, and without a secret in any message or log line: a ``ws_url`` the
socket library cannot open, answers dripped a byte at a time, Retry-After headers asking for
days, a failing service, a certificate that signs itself, an error message before a forced close.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from dragoman.core.engine import EngineSettings
from dragoman.core.errors import ProtocolError, ServiceBusy, ServiceUnavailable, SessionLost
from dragoman.core.events import Closed, Failed, Reconnecting, ServerError, Transcript
from dragoman.core.pulse import PulseParams
from dragoman.providers.pinch import PinchConfig, PinchSession
from dragoman.providers.pulse import PulseConfig, PulseSession
from tests.emulator.pinch import PinchEmulator
from tests.emulator.pulse import LEGACY_PATH, LIVE_PATH, Faults, PulseEmulator
from tests.integration import test_pinch_client as pinch_client
from tests.integration import test_pulse_client as pulse_client
from tests.signals import sentence, silence
from tests.testbed.hostile import (
    DripServer,
    Request,
    RewritingTransport,
    drip,
    http_response,
    rewrite_ws_url,
    self_signed,
)

SIGNATURE = "SIGNATURE0123456789abcdef0123456789"


def notices(events: list[Any]) -> list[Any]:
    """Notice events (looked up by name: the type is new with these tests)."""
    return [e for e in events if type(e).__name__ == "Notice"]


def client_log(caplog: pytest.LogCaptureFixture) -> str:
    """Every message the client logged (the emulators' own logs left out)."""
    return "\n".join(
        r.getMessage()
        for r in caplog.records
        if not r.name.startswith(("tests.", "websockets.server"))
    )


# --- 5: no token or signature in any message or log line -----------------------------------------

WS_URL_SHAPES = {
    "fragment": lambda url: f"{url}#part",
    "user-without-password": lambda url: url.replace("://", "://someone@", 1),
    "signature": lambda url: f"{url}&sig={SIGNATURE}",
}


@pytest.mark.parametrize("shape", sorted(WS_URL_SHAPES))
async def test_the_session_token_never_reaches_a_message_or_a_log(
    shape: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    transport = RewritingTransport(rewrite_ws_url(WS_URL_SHAPES[shape]))
    async with PinchEmulator() as emu, httpx.AsyncClient(transport=transport, timeout=5) as http:
        run = pinch_client.start(emu, http, max_reconnects=1)
        pinch_client.push(run.session, np.concatenate([sentence(0.6, 3), silence(0.3)]))
        run.session.end_utterance()
        if shape == "user-without-password":  # the socket library cannot open it: say so
            await run.ended()
            (failed,) = run.of(Failed)
            assert isinstance(failed.error, ProtocolError)
            assert "a user name without a password" in str(failed.error)
        else:  # opened (without the fragment, which never reaches a server)
            async with asyncio.timeout(10):
                while not [e for e in run.of(Transcript) if e.is_final]:  # noqa: ASYNC110
                    await asyncio.sleep(0.01)
            await run.finish()
            assert not run.of(Failed) and len(emu.sessions) == 1
            assert "opening session" in client_log(caplog)
    secrets = [*emu.issued_tokens(), SIGNATURE]
    assert secrets[0]
    said = [repr(e) for e in run.events] + [str(e.error) for e in run.of(Failed)]
    said.append(client_log(caplog))
    leaks = [(s, text) for text in said for s in secrets if s in text]
    assert not leaks


# --- 6: deadlines for allocation and for the handshake ---------------------------------------


async def drip_allocation(request: Request, writer: asyncio.StreamWriter) -> None:
    writer.write(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n"
    )
    await drip(writer, b" " * 400, every=0.1)


async def test_an_allocation_dripped_a_byte_at_a_time_ends_at_its_deadline() -> None:
    async with DripServer(drip_allocation) as server, httpx.AsyncClient(timeout=5) as http:
        session = PinchSession(
            api_key="pk_test_good",
            settings=EngineSettings(),
            config=PinchConfig(base_url=server.base_url, http_timeout=0.5, max_reconnects=1),
            http=http,
            sleep=lambda _: asyncio.sleep(0),
        )
        session.start()
        started = time.monotonic()
        async with asyncio.timeout(8):
            events = [e async for e in session.events()]
        await session.close()
    (failed,) = [e for e in events if isinstance(e, Failed)]
    assert isinstance(failed.error, SessionLost)
    assert "did not answer within 0.5 s" in str(failed.error)
    assert "still failing after 1 attempts over 1 s" in str(failed.error)  # 2 x 0.5 s
    assert len(server.requests) == 2 and time.monotonic() - started < 4


async def drip_upgrade(request: Request, writer: asyncio.StreamWriter) -> None:
    if request.target.startswith("/v1/session"):
        port = writer.get_extra_info("sockname")[1]
        body = {"session_id": "ss_drip", "ws_url": f"ws://127.0.0.1:{port}/session?token=T"}
        writer.write(http_response(200, body))
        await writer.drain()
        return
    await drip(writer, b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n", every=0.1)


async def test_a_websocket_handshake_dripped_a_byte_at_a_time_ends_at_its_deadline() -> None:
    async with DripServer(drip_upgrade) as server, httpx.AsyncClient(timeout=5) as http:
        session = PinchSession(
            api_key="pk_test_good",
            settings=EngineSettings(),
            config=PinchConfig(base_url=server.base_url, open_timeout=0.5, max_reconnects=1),
            http=http,
            sleep=lambda _: asyncio.sleep(0),
        )
        session.start()
        async with asyncio.timeout(8):
            events = [e async for e in session.events()]
        await session.close()
    (failed,) = [e for e in events if isinstance(e, Failed)]
    assert isinstance(failed.error, SessionLost)
    assert "did not open within 0.5 s" in str(failed.error)
    assert [r.target.split("?")[0] for r in server.requests] == ["/v1/session", "/session"] * 2


async def test_a_pulse_handshake_dripped_a_byte_at_a_time_ends_at_its_deadline() -> None:
    async with DripServer(drip_upgrade) as server:
        base = server.base_url.replace("http://", "ws://")
        session = PulseSession(
            api_key="sk_test_good",
            settings=EngineSettings(),
            config=PulseConfig(base_url=base, us_base_url=base, open_timeout=0.5, max_reconnects=1),
            sleep=lambda _: asyncio.sleep(0),
        )
        session.start()
        async with asyncio.timeout(8):
            events = [e async for e in session.events()]
        await session.close()
    (failed,) = [e for e in events if isinstance(e, Failed)]
    assert isinstance(failed.error, SessionLost)
    assert "did not open the session within 0.5 s" in str(failed.error)
    assert len(server.requests) == 2


# --- 13: Retry-After honoured up to a cap and said; one sentence per failure; TLS never retried ---


@pytest.fixture
async def pinch_emu() -> AsyncIterator[PinchEmulator]:
    async with PinchEmulator() as emulator:
        yield emulator


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5) as client:
        yield client


async def test_a_retry_after_beyond_the_cap_is_said_not_waited_out(
    pinch_emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    pinch_emu.faults.fail_429 = 10
    pinch_emu.faults.retry_after = "999999"
    run = pinch_client.start(pinch_emu, http)
    await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, ServiceBusy)
    text = str(failed.error)
    assert "the service asked to wait 12 days" in text and "gave up after 1 try" in text
    assert run.delays == [] and len(pinch_emu.allocations) == 1


async def test_a_retry_after_within_the_cap_is_honoured_and_said(
    pinch_emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    pinch_emu.faults.fail_429 = 1
    pinch_emu.faults.retry_after = "30"
    run = pinch_client.start(pinch_emu, http)
    await run.wait_for(Reconnecting)
    await run.finish()
    assert run.delays == [30.0]
    (waiting,) = run.of(Reconnecting)
    assert "the service asked to wait 30 s" in waiting.reason


async def test_http_500_is_one_ladder_of_retries_and_one_sentence(
    pinch_emu: PinchEmulator,
) -> None:
    pinch_emu.faults.fail_503 = 100
    pinch_emu.faults.retry_after = None

    def as_500(status: int, headers: dict[str, str], body: bytes) -> tuple[int, Any, bytes]:
        return (500 if status == 503 else status), headers, b'{"error": "boom"}'

    slept: list[list[float]] = []  # the run's delays: the clock moves with the fake sleeps

    def clock() -> float:
        return time.monotonic() + sum(slept[0] if slept else [])

    async with httpx.AsyncClient(transport=RewritingTransport(as_500), timeout=5) as http:
        run = pinch_client.start(pinch_emu, http, clock=clock)
        slept.append(run.delays)
        await run.ended()
    (failed,) = run.of(Failed)
    text = str(failed.error)
    assert isinstance(failed.error, ServiceUnavailable)
    assert len(pinch_emu.allocations) == 4 and run.delays == [1.0, 2.0, 4.0]
    assert text == (
        "The Pinch service failed (HTTP 500): boom; gave up after 4 tries over 7 s: "
        "try again in a minute."
    )
    assert "still failing" not in text and "attempts" not in text


async def test_a_self_signed_wss_certificate_is_a_certificate_problem_never_retried(
    tmp_path: Path,
) -> None:
    cert = self_signed(tmp_path)
    async with (
        PinchEmulator(ssl=cert.server_context()) as emu,
        httpx.AsyncClient(timeout=5, verify=cert.trusting_context()) as http,
    ):
        # The allocation's certificate is trusted; the socket's context trusts the system only.
        run = pinch_client.start(emu, http, ssl_context=ssl.create_default_context())
        await run.ended()
    (failed,) = run.of(Failed)
    text = str(failed.error)
    assert isinstance(failed.error, ServiceUnavailable)
    assert "self-signed certificate" in text and "certificate problem" in text
    assert "check your connection" not in text
    assert len(emu.allocations) == 1 and run.delays == [] and not run.of(Reconnecting)


async def test_a_self_signed_https_allocation_is_a_certificate_problem_never_retried(
    tmp_path: Path,
) -> None:
    cert = self_signed(tmp_path)
    async with (
        PinchEmulator(ssl=cert.server_context()) as emu,
        httpx.AsyncClient(timeout=5, verify=ssl.create_default_context()) as http,
    ):
        run = pinch_client.start(emu, http)
        await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, ServiceUnavailable)
    assert "self-signed certificate" in str(failed.error)
    assert "certificate problem, not your connection" in str(failed.error)
    assert emu.allocations == [] and run.delays == [] and not run.of(Reconnecting)


async def test_pulse_retry_after_beyond_the_cap_is_said_not_waited_out() -> None:
    async with PulseEmulator() as emu:
        emu.faults = Faults(http_statuses=[503] * 5, retry_after="999999")
        run = pulse_client.start(emu)
        await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, ServiceBusy)
    assert "the service asked to wait 12 days" in str(failed.error)
    assert run.delays == [] and len(emu.handshakes) == 1


async def test_pulse_retry_after_within_the_cap_is_honoured_and_said() -> None:
    async with PulseEmulator() as emu:
        emu.faults = Faults(http_statuses=[429], retry_after="30")
        run = pulse_client.start(emu)
        await run.wait_for(Reconnecting)
        await run.finish()
    assert run.delays == [30.0]
    assert "the service asked to wait 30 s" in run.of(Reconnecting)[0].reason


async def test_pulse_500_twice_is_one_sentence_with_the_time_spent() -> None:
    async with PulseEmulator() as emu:
        emu.faults = Faults(http_statuses=[500, 500, 500])
        run = pulse_client.start(emu)
        await run.ended()
    (failed,) = run.of(Failed)
    assert str(failed.error).startswith("The Pulse service failed (HTTP 500)")
    assert "twice in a row (2 tries over 0 s): try again later." in str(failed.error)


async def test_a_self_signed_pulse_certificate_is_a_certificate_problem(tmp_path: Path) -> None:
    cert = self_signed(tmp_path)
    async with PulseEmulator(ssl=cert.server_context()) as emu:
        run = pulse_client.start(emu, ssl_context=ssl.create_default_context())
        await run.ended()
    (failed,) = run.of(Failed)
    assert "self-signed certificate" in str(failed.error)
    assert "certificate problem, not your connection" in str(failed.error)
    assert run.delays == [] and emu.sessions == []


# --- 14: Pulse: an error before a forced close, a missing is_last, a full endpoint URL ----------


async def test_a_pinch_error_frame_before_a_forced_close_is_the_reason_given(
    pinch_emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    pinch_emu.faults.kill_after_ready = 1
    pinch_emu.faults.kill_kind = "1011"
    pinch_emu.faults.kill_error = "emulated overload"
    run = pinch_client.start(pinch_emu, http)
    pinch_client.push(run.session, np.concatenate([sentence(0.6, 9), silence(0.3)]))
    run.session.end_utterance()
    async with asyncio.timeout(10):
        while not [e for e in run.of(Transcript) if e.is_final]:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    await run.finish()
    (lost,) = run.of(Reconnecting)
    assert lost.reason == (
        "The Pinch service said: emulated overload; then the server closed the connection "
        "(code 1011: emulated server failure); reconnecting."
    )
    assert run.delays == [1.0] and not run.of(Failed)


@pytest.mark.parametrize("code", ["1011", "1013"])
async def test_an_error_then_a_forced_close_reconnects_with_backoff_and_replays(code: str) -> None:
    async with PulseEmulator() as emu:
        emu.faults = Faults(error_shape="type", drop_after_speech_ms=300, drop_kind=code)
        run = pulse_client.start(emu, params=PulseParams(endpointing=False))
        frames = pulse_client.push(run.session, np.concatenate([sentence(1.0, 7), silence(0.2)]))
        run.session.end_utterance()
        await run.wait_for(ServerError)
        await run.finish()  # closing at once, as an owner may do on an error message
    assert run.delays == [1.0]  # a backoff before the new socket, never a reopen at once
    (lost,) = run.of(Reconnecting)
    assert lost.reason.startswith("The Pulse service said: emulated error in the 'type' shape")
    assert f"code {code}" in lost.reason
    first, second = emu.sessions
    assert first.close_code == int(code) and bytes(second.audio) == b"".join(frames)
    assert [k for _, k in second.control_at] == ["finalize", "close_stream"]
    assert [f.text for f in run.finals() if f.text] == ["speech 1 1.00s"]
    assert not run.of(Failed) and isinstance(run.events[-1], Closed)


async def test_a_missing_is_last_is_said_in_one_sentence() -> None:
    async with PulseEmulator() as emu:
        emu.faults.final_delay = 5.0
        run = pulse_client.start(emu, last_timeout=0.3, close_timeout=0.3)
        pulse_client.push(run.session, sentence(0.5, 5))
        await run.wait_for(Transcript)
        async with asyncio.timeout(3):
            await run.finish()
    (notice,) = notices(run.events)
    assert notice.sentence == (
        "Pulse did not confirm the end of the transcript within 0.3 s of being asked to finish "
        "(no is_last after close_stream): its last words may be missing."
    )
    assert len(emu.sessions) == 1 and isinstance(run.events[-1], Closed)


@pytest.mark.parametrize(
    ("path", "query", "model"),
    [(LEGACY_PATH, {}, None), (LIVE_PATH, {"model": "pulse", "language": "de"}, "pulse")],
)
async def test_a_full_endpoint_url_is_spoken_to_as_given(
    path: str, query: dict[str, str], model: str | None
) -> None:
    async with PulseEmulator() as emu:
        endpoint = emu.url(path, **query)
        session = PulseSession(
            api_key="sk_test_good",
            settings=EngineSettings(source_language="en"),
            config=PulseConfig(base_url=endpoint, us_base_url=endpoint),
        )
        session.start()
        await session.wait_ready()
        await session.close()
    (handshake,) = emu.handshakes
    assert handshake.status == 101 and handshake.path == path
    assert handshake.params.get("model") == model and handshake.params["language"] == "en"


async def test_pulse_says_when_every_result_sent_for_has_come() -> None:
    async with PulseEmulator() as emu:
        run = pulse_client.start(emu, params=PulseParams(endpointing=False))
        await run.wait_for(pulse_client.Ready)
        assert run.session.results_pending() is False  # type: ignore[attr-defined]
        pulse_client.push(run.session, pulse_client.tone(0.5))
        run.session.end_utterance()
        await run.session.wait_sent()
        assert run.session.results_pending() is True  # type: ignore[attr-defined]
        await run.wait_finals(1)
        assert run.session.results_pending() is False  # type: ignore[attr-defined]
        await run.finish()
