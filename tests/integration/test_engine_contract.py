"""The same push-to-talk test drives either engine through the engine interface.

Only the fixture (this file's composition root) knows which engines exist; the tests see an
``Engine`` and read what it can do from ``capabilities``, never from its type.  Each engine runs
against its own emulator over TCP on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import itertools
import socket
from collections.abc import AsyncIterator, Iterator

import httpx
import numpy as np
import pytest

from dragoman.core.engine import Engine, EngineSession, EngineSettings
from dragoman.core.errors import SessionLost
from dragoman.core.events import (
    Closed,
    Failed,
    Ready,
    SessionEvent,
    Transcript,
    TranslatedAudio,
)
from dragoman.providers.pinch import PinchConfig, PinchEngine
from dragoman.providers.pulse import PulseConfig, PulseEngine
from tests.emulator.pinch import PinchEmulator
from tests.emulator.pulse import PulseEmulator
from tests.signals import sentence, silence

SETTLE_S = 0.3  # as the session controller: quiet this long with nothing open means done


@pytest.fixture(params=["pinch", "pulse"])
async def engine(request: pytest.FixtureRequest) -> AsyncIterator[Engine]:
    if request.param == "pinch":
        async with PinchEmulator() as pinch, httpx.AsyncClient(timeout=5) as http:
            config = PinchConfig(base_url=pinch.base_url)
            yield PinchEngine(api_key="pk_test_good", config=config, http=http)
    else:
        async with PulseEmulator() as pulse:
            config = PulseConfig(base_url=pulse.base_url, us_base_url=pulse.base_url)
            yield PulseEngine(api_key="sk_test_good", config=config)


def tiny_delays() -> Iterator[float]:
    """The reconnection ladder made harmless: the tests wait for the budget, not the clock."""
    return itertools.repeat(0.001)


@pytest.fixture(params=["pinch", "pulse"])
async def unreachable(request: pytest.FixtureRequest) -> AsyncIterator[Engine]:
    """An engine whose service refuses every connection (nothing listens on the port)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    if request.param == "pinch":
        async with httpx.AsyncClient(timeout=5) as http:
            config = PinchConfig(base_url=f"http://127.0.0.1:{port}", reconnect_delays=tiny_delays)
            yield PinchEngine(api_key="pk_test_good", config=config, http=http)
    else:
        base = f"ws://127.0.0.1:{port}"
        pulse = PulseConfig(base_url=base, us_base_url=base, reconnect_delays=tiny_delays)
        yield PulseEngine(api_key="sk_test_good", config=pulse)


def capture_frames(rate: int, seconds: float, seed: int) -> list[bytes]:
    """A sentence as the microphone would deliver it: 20 ms PCM16 frames at ``rate``."""
    pcm = np.concatenate([silence(0.2, rate), sentence(seconds, seed, rate)]).astype("<i2")
    size = rate // 50
    return [pcm[i : i + size].tobytes() for i in range(0, len(pcm) - size + 1, size)]


async def settle(session: EngineSession, limit: float = 10.0) -> None:
    """The controller's wait after release: everything sent, nothing open, the server quiet."""
    async with asyncio.timeout(limit):
        while not (  # noqa: ASYNC110 - the controller polls these, so the contract does too
            session.all_sent()
            and not session.has_open_interims()
            and session.idle_for() >= SETTLE_S
        ):
            await asyncio.sleep(0.02)


class Collector:
    def __init__(self, session: EngineSession) -> None:
        self.events: list[SessionEvent] = []
        self.task = asyncio.create_task(self._read(session))

    async def _read(self, session: EngineSession) -> None:
        async for event in session.events():
            self.events.append(event)

    def transcripts(self, role: str, *, final: bool) -> list[Transcript]:
        return [
            e
            for e in self.events
            if isinstance(e, Transcript) and e.role == role and e.is_final is final
        ]


async def test_push_to_talk_gives_a_final_source_transcript(engine: Engine) -> None:
    caps = engine.capabilities
    settings = EngineSettings(source_language="en", target_language="es", speech_output=caps.speaks)
    session = engine.open_session(settings)
    session.start()
    collector = Collector(session)
    await asyncio.wait_for(session.wait_ready(), 5)
    for frame in capture_frames(caps.input_rate, 1.2, seed=7):
        session.push_audio(frame)
    session.end_utterance()
    await settle(session)
    assert collector.transcripts("source", final=True), "the utterance must be finalised"
    await session.close()
    await asyncio.wait_for(collector.task, 10)

    events = collector.events
    assert isinstance(events[0], Ready) and isinstance(events[-1], Closed)
    assert not [e for e in events if isinstance(e, Failed)]
    assert session.unfinished_audio() == []  # everything said was finalised: nothing to retry
    spoken = " ".join(t.text for t in collector.transcripts("source", final=True)).strip()
    assert spoken.startswith("speech 1")
    # What the engine can do is data: it shows up in the events, and nothing else does.
    assert bool(collector.transcripts("translation", final=True)) is caps.translates
    assert any(isinstance(e, TranslatedAudio) for e in events) is caps.speaks
    if caps.source_languages is not None:
        assert settings.source_language in caps.source_languages


async def test_a_settings_update_mid_session_keeps_the_stream_going(engine: Engine) -> None:
    caps = engine.capabilities
    session = engine.open_session(EngineSettings(speech_output=False))
    session.start()
    collector = Collector(session)
    await asyncio.wait_for(session.wait_ready(), 5)
    languages = caps.source_languages or ("en", "de")
    await session.update(
        EngineSettings(source_language=languages[1], target_language="de", speech_output=False)
    )
    for frame in capture_frames(caps.input_rate, 0.8, seed=8):
        session.push_audio(frame)
    session.end_utterance()
    await settle(session)
    await session.close()
    await asyncio.wait_for(collector.task, 10)
    assert collector.transcripts("source", final=True)
    assert isinstance(collector.events[-1], Closed)
    assert not [e for e in collector.events if isinstance(e, Failed)]


async def test_a_session_that_never_connects_keeps_every_frame_for_a_retry(
    unreachable: Engine,
) -> None:
    caps = unreachable.capabilities
    session = unreachable.open_session(EngineSettings(speech_output=caps.speaks))
    session.start()
    collector = Collector(session)
    frames = capture_frames(caps.input_rate, 0.6, seed=9)
    for frame in frames:
        session.push_audio(frame)
    session.end_utterance()
    await asyncio.wait_for(collector.task, 10)
    last = collector.events[-1]
    assert isinstance(last, Failed) and isinstance(last.error, SessionLost)
    # What a "Try again" pushes into a fresh session: every frame, byte for byte, in order.
    assert session.unfinished_audio() == frames
