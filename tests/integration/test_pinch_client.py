"""The async Pinch client against the emulator over real TCP on 127.0.0.1.

Each row of the spec's troubleshooting facts is reproduced here. Backoff delays are recorded by an
injected sleep, so retries are asserted exactly without waiting for them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import httpx
import numpy as np
import pytest

from dragoman.core.engine import EngineSettings
from dragoman.core.errors import (
    AuthError,
    InvalidParameter,
    NotEntitled,
    ServiceBusy,
    SessionLost,
    UsageError,
)
from dragoman.core.events import (
    Closed,
    ErrorKind,
    Failed,
    Ready,
    Reconnected,
    Reconnecting,
    ServerError,
    SessionEvent,
    Transcript,
    TranslatedAudio,
)
from dragoman.providers.pinch import PinchConfig, PinchSession
from tests.emulator.pinch import PinchEmulator, transform
from tests.signals import frames_of, sentence, silence

GOOD = "pk_test_good"


@pytest.fixture
async def emu() -> AsyncIterator[PinchEmulator]:
    async with PinchEmulator() as emulator:
        yield emulator


@dataclass
class Run:
    """A session under test plus everything it reported."""

    session: PinchSession
    delays: list[float] = field(default_factory=list)
    events: list[SessionEvent] = field(default_factory=list)
    reader: asyncio.Task[None] | None = None

    def of(self, kind: type) -> list:  # type: ignore[type-arg]
        return [e for e in self.events if isinstance(e, kind)]

    async def wait_for(self, kind: type, count: int = 1, limit: float = 10.0) -> None:
        async with asyncio.timeout(limit):
            while len(self.of(kind)) < count:  # noqa: ASYNC110 - events arrive from the reader
                await asyncio.sleep(0.005)

    async def ended(self, limit: float = 10.0) -> None:
        """Until the event stream ends (after Failed or Closed, whichever came)."""
        assert self.reader is not None
        async with asyncio.timeout(limit):
            await self.reader

    async def finish(self) -> None:
        await self.session.close()
        assert self.reader is not None
        await self.reader


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5) as client:
        yield client


def start(
    emu: PinchEmulator,
    http: httpx.AsyncClient,
    settings: EngineSettings | None = None,
    key: str = GOOD,
    clock: Callable[[], float] = time.monotonic,
    **config: object,
) -> Run:
    delays: list[float] = []

    async def fake_sleep(delay: float) -> None:
        delays.append(delay)
        await asyncio.sleep(0)

    session = PinchSession(
        api_key=key,
        settings=settings or EngineSettings(),
        config=PinchConfig(base_url=emu.base_url, **config),  # type: ignore[arg-type]
        http=http,
        sleep=fake_sleep,
        clock=clock,
    )
    run = Run(session=session, delays=delays)

    async def read() -> None:
        async for event in session.events():
            run.events.append(event)

    session.start()
    run.reader = asyncio.create_task(read())
    return run


def push(session: PinchSession, pcm: np.ndarray) -> list[bytes]:  # type: ignore[type-arg]
    frames = frames_of(pcm)
    for frame in frames:
        session.push_audio(frame)
    return frames


# --- allocation ------------------------------------------------------------------------------


async def test_401_is_an_auth_error_without_retry(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    run = start(emu, http, key="pk_wrong")
    await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, AuthError) and "API key" in str(failed.error)
    assert [a.status for a in emu.allocations] == [401] and run.delays == []


async def test_403_is_not_entitled(emu: PinchEmulator, http: httpx.AsyncClient) -> None:
    run = start(emu, http, key="pk_test_forbidden")
    await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, NotEntitled)
    assert [a.status for a in emu.allocations] == [403]


async def test_503_is_retried_after_1_then_2_seconds(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    emu.faults.fail_503 = 2
    run = start(emu, http)
    await run.wait_for(Ready)
    assert run.delays == [1.0, 2.0]
    assert [a.status for a in emu.allocations] == [503, 503, 200]
    assert [e.delay for e in run.of(Reconnecting)] == [1.0, 2.0]
    await run.finish()


async def test_503_gives_up_after_1_2_4_seconds(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    emu.faults.fail_503 = 10
    run = start(emu, http)
    await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, ServiceBusy) and "gave up after 4 tries" in str(failed.error)
    assert run.delays == [1.0, 2.0, 4.0]


async def test_429_honours_retry_after(emu: PinchEmulator, http: httpx.AsyncClient) -> None:
    emu.faults.fail_429 = 1
    emu.faults.retry_after = "3"
    run = start(emu, http)
    await run.wait_for(Ready)
    assert run.delays == [3.0]
    await run.finish()


# --- the socket ------------------------------------------------------------------------------


async def test_no_audio_before_ready_and_nothing_lost(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    emu.faults.ready_delay = 0.3
    run = start(emu, http)
    frames = push(run.session, np.concatenate([sentence(0.6, 1), silence(0.3)]))
    await run.wait_for(Ready)
    await run.session.wait_sent()
    await run.finish()
    (rec,) = emu.sessions
    assert rec.audio_before_ready == 0
    assert bytes(rec.audio) == b"".join(frames)
    assert rec.close_code == 1000


async def test_300_ms_of_zeros_follow_the_last_audio(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    run = start(emu, http)
    frames = push(run.session, sentence(0.8, 2))
    run.session.end_utterance()
    await run.wait_for(TranslatedAudio)
    await run.finish()
    (rec,) = emu.sessions
    audio = bytes(rec.audio)
    assert audio == b"".join(frames) + bytes(9600)
    finals = [e for e in run.of(Transcript) if e.is_final and e.role == "source"]
    assert finals, "the last sentence must finalise thanks to the padding"


async def test_4401_at_open_gives_a_new_session_and_keeps_the_audio(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    emu.faults.close_4401_at_open = 1
    run = start(emu, http)
    frames = push(run.session, sentence(0.5, 3))
    await run.wait_for(Reconnected)
    await run.session.wait_sent()
    await run.finish()
    first, second = emu.sessions
    assert first.ended_by == "4401" and first.audio == b""
    assert bytes(second.audio) == b"".join(frames)
    assert run.of(Reconnecting)[0].delay == 0.0  # at once, as the spec says


async def test_ready_never_arriving_gives_a_new_session(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    emu.faults.no_ready = 1
    run = start(emu, http, ready_timeout=0.3)
    frames = push(run.session, sentence(0.4, 4))
    await run.wait_for(Reconnected)
    await run.session.wait_sent()
    await run.finish()
    first, second = emu.sessions
    assert first.audio == b"" and bytes(second.audio) == b"".join(frames)
    assert "did not get ready" in run.of(Reconnecting)[0].reason


@pytest.mark.parametrize("kind", ["4503", "tcp"])
@pytest.mark.parametrize("finalize", ["stable", "sentence"])
async def test_a_sentence_cut_mid_way_is_replayed_whole_to_the_new_session(
    emu: PinchEmulator, http: httpx.AsyncClient, kind: str, finalize: str
) -> None:
    emu.faults.drop_after_speech_ms = 700
    emu.faults.drop_kind = kind
    a, b = sentence(0.5, 10), sentence(1.6, 11)
    stream = np.concatenate([silence(0.2), a, silence(0.6), b, silence(0.5)])
    run = start(emu, http, EngineSettings(finalize_mode=finalize))
    frames = push(run.session, stream)
    run.session.end_utterance()
    await run.wait_for(Reconnected)
    await emu.wait_for(
        lambda: (
            len(emu.sessions) == 2
            and emu.sessions[1].segments
            and emu.sessions[1].segments[-1].finalised
        )
    )
    await run.finish()

    sent = b"".join(frames) + bytes(9600)
    first, second = emu.sessions
    assert first.ended_by == kind
    b_onset = (len(silence(0.2)) + len(a) + len(silence(0.6))) * 2
    # The new session got one contiguous run of the input, to the very end, in order...
    start_at = sent.find(bytes(second.audio))
    assert start_at >= 0 and start_at + len(second.audio) == len(sent)
    # ...starting before B's onset (B re-sent whole) and after A (already final, not repeated).
    assert start_at <= b_onset
    assert start_at >= (len(silence(0.2)) + len(a)) * 2
    # The transcript holds each sentence once: A final from session 1, B from session 2.
    finals = [e for e in run.of(Transcript) if e.is_final and e.role == "source"]
    first_ids = {s.correlation_id for s in first.segments if s.finalised}
    second_ids = {s.correlation_id for s in second.segments if s.finalised}
    assert len(first_ids) == 1 and len(second_ids) == 1
    assert {e.correlation_id for e in finals} == first_ids | second_ids
    assert not [
        s
        for s in first.segments
        if not s.finalised and s.correlation_id in {e.correlation_id for e in finals}
    ]


async def test_reconnection_is_bounded(emu: PinchEmulator, http: httpx.AsyncClient) -> None:
    emu.faults.close_4401_at_open = 100
    run = start(emu, http, max_reconnects=3)
    await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, SessionLost) and "after 3 attempts" in str(failed.error)
    assert len(emu.sessions) == 4
    assert run.delays == [0.0, 1.0, 2.0]


# --- a server that loses every session ----------------------------------------------------------

# How a session can die right after ready, and the delays before each of the 5 new sessions: an
# ended session (1000, 4503) is replaced at once the first time, then the ladder; faults climb it.
DEATHS = {
    "1000": [0.0, 1.0, 2.0, 4.0, 8.0],
    "4503": [0.0, 1.0, 2.0, 4.0, 8.0],
    "1011": [1.0, 2.0, 4.0, 8.0, 16.0],
    "tcp": [1.0, 2.0, 4.0, 8.0, 16.0],
    "oversized": [1.0, 2.0, 4.0, 8.0, 16.0],  # the client refuses the frame: close 1009
}
PADDING = 9600  # the 300 ms of zeros after each utterance


def source_finals(run: Run) -> list[Transcript]:
    return [e for e in run.of(Transcript) if e.is_final and e.role == "source"]


def assert_gave_up(run: Run, emu: PinchEmulator, sessions: int) -> SessionLost:
    """The stream ended with Failed(SessionLost) (its last event) after ``sessions`` sessions,
    and the sentence names the last three so support can find them."""
    failed = run.events[-1]
    assert isinstance(failed, Failed) and isinstance(failed.error, SessionLost)
    assert run.of(Failed) == [failed] and not run.of(Closed)
    assert len(emu.sessions) == sessions
    text = str(failed.error)
    assert "after 5 attempts" in text and "support@startpinch.com" in text
    tried = [s.session_id for s in emu.sessions[-3:]]
    assert f"sessions {', '.join(tried)}" in text
    return failed.error


@pytest.mark.parametrize("error", [None, "emulated overload"], ids=["quietly", "after-error"])
@pytest.mark.parametrize("kind", sorted(DEATHS))
async def test_sessions_lost_right_after_ready_end_in_session_lost(
    emu: PinchEmulator, http: httpx.AsyncClient, kind: str, error: str | None
) -> None:
    emu.faults.kill_after_ready = 100
    emu.faults.kill_kind = kind
    emu.faults.kill_error = error
    run = start(emu, http)
    frames = push(run.session, np.concatenate([silence(0.2), sentence(1.0, 30), silence(0.3)]))
    run.session.end_utterance()
    await run.ended()

    lost = assert_gave_up(run, emu, sessions=6)  # the first session and max_reconnects more
    assert all(s.ready_at is not None for s in emu.sessions)
    assert "every new session was lost within 5 s of starting" in str(lost)
    assert run.delays == DEATHS[kind]
    assert [e.attempt for e in run.of(Reconnecting)] == [1, 2, 3, 4, 5]
    # Each session got the utterance at most once: nothing was re-sent without bound.
    utterance = len(b"".join(frames)) + PADDING
    assert all(len(s.audio) <= utterance for s in emu.sessions)
    assert sum(len(s.audio) for s in emu.sessions) <= 6 * utterance
    assert bool(run.of(ServerError)) is (error is not None)
    # Nothing said is lost: every frame pushed, byte for byte, and not the padding.
    assert run.session.unfinished_audio() == frames


@pytest.mark.parametrize("kind", ["4503", "tcp"])
async def test_sessions_cut_before_any_final_spend_the_budget_however_long_they_lived(
    emu: PinchEmulator, http: httpx.AsyncClient, kind: str
) -> None:
    """Staying up is not enough: each new session replays the sentence and is cut mid-way again,
    so none ever finalises anything (stable_after_s=0: every one lived "long enough")."""
    emu.faults.drop_after_speech_ms = 700
    emu.faults.drop_kind = kind
    emu.faults.drop_sessions = 100
    run = start(emu, http, stable_after_s=0.0)
    frames = push(run.session, np.concatenate([silence(0.2), sentence(1.6, 31)]))
    run.session.end_utterance()
    await run.ended()

    lost = assert_gave_up(run, emu, sessions=6)
    assert "before a final covered the speech sent to it" in str(lost)
    assert {s.ended_by for s in emu.sessions} == {kind}
    assert run.delays == (
        [0.0, 1.0, 2.0, 4.0, 8.0] if kind == "4503" else [1.0, 2.0, 4.0, 8.0, 16.0]
    )
    assert not source_finals(run)
    utterance = len(b"".join(frames)) + PADDING
    assert sum(len(s.audio) for s in emu.sessions) <= 6 * utterance
    assert run.session.unfinished_audio() == frames


@pytest.mark.parametrize("drop", ["4503", "tcp"])
async def test_a_long_healthy_session_that_drops_gets_the_whole_budget_again(
    emu: PinchEmulator, http: httpx.AsyncClient, drop: str
) -> None:
    """Two failed opens, then a session that works for a minute: its loss starts afresh."""
    skew = [0.0]  # the session's clock runs ahead when the test says a minute has passed

    def clock() -> float:
        return time.monotonic() + skew[0]

    emu.faults.close_4401_at_open = 2
    emu.faults.drop_after_speech_ms = 700
    emu.faults.drop_kind = drop
    run = start(emu, http, clock=clock)
    said = push(run.session, np.concatenate([silence(0.2), sentence(0.5, 32), silence(0.6)]))
    await run.wait_for(Reconnected)
    async with asyncio.timeout(10):
        while not source_finals(run):  # noqa: ASYNC110 - events arrive from the reader
            await asyncio.sleep(0.005)
    assert run.delays == [0.0, 1.0]  # two failures spent before the good session
    skew[0] += 60.0  # it has now been up a minute, with a final behind it
    emu.faults.kill_after_ready = 100  # from now on every new session dies at once
    emu.faults.kill_kind = "1011"
    cut = push(run.session, np.concatenate([sentence(1.6, 33), silence(0.3)]))
    run.session.end_utterance()
    await run.ended()

    assert_gave_up(run, emu, sessions=2 + 1 + 5)
    assert emu.sessions[2].ended_by == drop
    # The ladder starts again ("may stay immediate" after a healthy session the server ended).
    afresh = [0.0, 1.0, 2.0, 4.0, 8.0] if drop == "4503" else [1.0, 2.0, 4.0, 8.0, 16.0]
    assert run.delays == [0.0, 1.0, *afresh]
    assert [e.attempt for e in run.of(Reconnecting)] == [1, 2, 1, 2, 3, 4, 5]
    # The finalised sentence is not kept; at most its trailing silence leads the cut one.
    unfinished = run.session.unfinished_audio()
    assert unfinished[-len(cut) :] == cut
    lead = unfinished[: -len(cut)]
    assert len(lead) <= 10 and lead == said[len(said) - len(lead) :]


async def test_translated_audio_is_the_servers_float32(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    run = start(emu, http)
    push(run.session, np.concatenate([sentence(0.7, 5), silence(0.1)]))
    run.session.end_utterance()
    await emu.wait_for(
        lambda: emu.sessions and emu.sessions[0].segments and emu.sessions[0].segments[0].finalised
    )
    expected_samples = len(transform(emu.sessions[0].segment_pcm(emu.sessions[0].segments[0])))
    await emu.wait_for(lambda: len(emu.sessions[0].sent_audio) == 4 * expected_samples)

    def received_samples() -> int:
        return sum(e.samples.size for e in run.of(TranslatedAudio))

    await emu.wait_for(lambda: received_samples() == expected_samples)
    await run.finish()
    received = np.concatenate([e.samples for e in run.of(TranslatedAudio)])
    expected = np.frombuffer(bytes(emu.sessions[0].sent_audio), dtype="<f4")
    np.testing.assert_array_equal(received, expected)
    (segment,) = emu.sessions[0].segments
    np.testing.assert_array_equal(expected, transform(emu.sessions[0].segment_pcm(segment)))


async def test_unsupported_target_is_reported_with_the_text_only_way_out(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    run = start(emu, http, EngineSettings(target_language="sw"))
    await run.wait_for(ServerError)
    (error,) = run.of(ServerError)
    assert error.kind is ErrorKind.UNSUPPORTED_TARGET_LANGUAGE and error.language == "sw"
    assert "text only" in error.sentence
    # Switching to text only mid-session uses update_metadata, not a new session.
    await run.session.update(EngineSettings(target_language="sw", speech_output=False))
    await emu.wait_for(lambda: emu.sessions[0].updates)
    assert emu.sessions[0].updates == [{"type": "update_metadata", "audioOutputEnabled": False}]
    assert emu.sessions[0].metadata["audioOutputEnabled"] is False
    await run.finish()
    assert len(emu.sessions) == 1


async def test_clone_is_refused_before_anything_is_sent(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    with pytest.raises(InvalidParameter, match="voiceType='clone' is not supported yet"):
        start(emu, http, EngineSettings(voice="clone"))
    assert emu.allocations == [] and emu.sessions == []


async def test_garbage_frames_are_counted_not_fatal(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    emu.faults.garbage = True
    run = start(emu, http)
    push(run.session, sentence(0.6, 6))
    run.session.end_utterance()
    await run.wait_for(TranslatedAudio)
    await run.finish()
    assert run.session.stats.protocol_errors >= 5
    assert run.session.stats.ignored_frames >= 1
    assert len(emu.sessions) == 1 and not run.of(Failed)


async def test_an_oversized_frame_replaces_the_session(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    emu.faults.oversized_frame_bytes = 5 * 1024 * 1024
    run = start(emu, http)
    await run.wait_for(Reconnecting)
    emu.faults.oversized_frame_bytes = 0
    await run.wait_for(Reconnected)
    await run.finish()
    assert "1009" in run.of(Reconnecting)[0].reason


async def test_close_on_a_stalled_server_is_bounded(
    emu: PinchEmulator, http: httpx.AsyncClient
) -> None:
    emu.faults.stall_after_ready = True
    run = start(emu, http, close_timeout=0.3)
    await run.wait_for(Ready)
    push(run.session, sentence(0.3, 7))
    async with asyncio.timeout(5):
        await run.finish()
    assert run.of(Closed)


def test_plain_http_only_towards_loopback() -> None:
    with pytest.raises(UsageError, match="unencrypted"):
        PinchConfig(base_url="http://pinch.example.com")
    assert PinchConfig(base_url="http://127.0.0.1:9").base_url
    assert PinchConfig(base_url="http://localhost:9").base_url


async def test_neither_token_nor_key_reaches_the_logs(
    emu: PinchEmulator, http: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    emu.faults.close_4401_at_open = 1  # a reconnection logs more
    run = start(emu, http)
    push(run.session, sentence(0.5, 8))
    run.session.end_utterance()
    await run.wait_for(TranslatedAudio)
    await run.finish()
    tokens = emu.issued_tokens()
    assert len(tokens) == 2
    # Everything logged in this process, except by the emulator's server side.
    client = [r for r in caplog.records if not r.name.startswith(("websockets.server", "tests."))]
    text = "\n".join(r.getMessage() for r in client)
    assert "session" in text and "ready" in text  # state transitions are logged...
    for secret in [*tokens, GOOD]:
        assert secret not in text  # ...secrets never
