"""The async Pulse client against the emulator over real TCP on 127.0.0.1.

Each row of the Pulse troubleshooting facts is reproduced here: a wrong key, a wrong sample rate
declared, partials vs finals, reconnection with replay, close_stream / is_last, the 1008
concurrency limit and the region hosts.  Backoff delays are recorded by an injected sleep, so
retries are asserted exactly without waiting for them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

from dragoman.core.engine import EngineSettings
from dragoman.core.errors import (
    AuthError,
    BadRequest,
    InvalidParameter,
    NotEntitled,
    ServiceBusy,
    ServiceUnavailable,
    SessionLost,
    UsageError,
)
from dragoman.core.events import (
    Closed,
    Failed,
    Ignored,
    Ready,
    Reconnected,
    Reconnecting,
    ServerError,
    SessionEvent,
    Transcript,
)
from dragoman.core.pulse import CAPABILITIES, PulseParams
from dragoman.core.transcript import TranscriptBuilder
from dragoman.providers.pulse import PulseConfig, PulseEngine, PulseSession
from tests.emulator.pulse import ERROR_SHAPES, LEGACY_PATH, Faults, PulseEmulator
from tests.signals import frames_of, sentence, silence

GOOD = "sk_test_good"


@pytest.fixture
async def emu() -> AsyncIterator[PulseEmulator]:
    async with PulseEmulator() as emulator:
        yield emulator


@dataclass
class Run:
    """A session under test plus everything it reported."""

    session: PulseSession
    delays: list[float] = field(default_factory=list)
    events: list[SessionEvent] = field(default_factory=list)
    reader: asyncio.Task[None] | None = None

    def of(self, kind: type) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]

    def finals(self) -> list[Transcript]:
        return [e for e in self.of(Transcript) if e.is_final]

    async def wait_for(self, kind: type, count: int = 1, limit: float = 10.0) -> None:
        async with asyncio.timeout(limit):
            while len(self.of(kind)) < count:  # noqa: ASYNC110 - events arrive from the reader
                await asyncio.sleep(0.005)

    async def wait_finals(self, count: int, limit: float = 10.0) -> None:
        async with asyncio.timeout(limit):
            while len(self.finals()) < count:  # noqa: ASYNC110 - events arrive from the reader
                await asyncio.sleep(0.005)

    async def ended(self, limit: float = 10.0) -> None:
        assert self.reader is not None
        async with asyncio.timeout(limit):
            await self.reader

    async def finish(self) -> None:
        await self.session.close()
        await self.ended()


def start(
    emu: PulseEmulator,
    settings: EngineSettings | None = None,
    key: str = GOOD,
    us: PulseEmulator | None = None,
    sleep: Callable[[float], Awaitable[None]] | None = None,
    clock: Callable[[], float] = time.monotonic,
    **config: Any,
) -> Run:
    delays: list[float] = []

    async def fake_sleep(delay: float) -> None:
        delays.append(delay)
        await (asyncio.sleep(0) if sleep is None else sleep(delay))

    session = PulseSession(
        api_key=key,
        settings=settings or EngineSettings(),
        config=PulseConfig(base_url=emu.base_url, us_base_url=(us or emu).base_url, **config),
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


def push(session: PulseSession, pcm: np.ndarray[Any, Any]) -> list[bytes]:
    frames = frames_of(pcm)
    for frame in frames:
        session.push_audio(frame)
    return frames


def tone(seconds: float, hz: float = 440.0) -> np.ndarray[Any, Any]:
    t = np.arange(int(seconds * 16_000)) / 16_000
    return (0.3 * 32767 * np.sin(2 * np.pi * hz * t)).astype(np.int16)


# --- keys and refused upgrades --------------------------------------------------------------------


async def test_wrong_key_is_an_auth_error_without_retry(emu: PulseEmulator) -> None:
    run = start(emu, key="sk_wrong")
    await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, AuthError) and "API key" in str(failed.error)
    assert [h.status for h in emu.handshakes] == [401] and run.delays == []
    assert run.events == [failed]  # the stream ends with Failed, nothing was ever ready


async def test_forbidden_key_is_not_entitled(emu: PulseEmulator) -> None:
    run = start(emu, key="sk_test_forbidden")
    await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, NotEntitled) and "plan" in str(failed.error)
    assert [h.status for h in emu.handshakes] == [403]


async def test_the_key_travels_as_a_bearer_header_on_the_upgrade(emu: PulseEmulator) -> None:
    run = start(emu)
    await run.wait_for(Ready)
    await run.finish()
    (handshake,) = emu.handshakes
    assert handshake.auth == "header" and "token" not in handshake.params


async def test_429_backs_off_from_half_a_second_honouring_retry_after(
    emu: PulseEmulator,
) -> None:
    emu.faults = Faults(http_statuses=[429, 429, 429], retry_after=None)
    run = start(emu)
    await run.wait_for(Ready)
    assert run.delays == [0.5, 1.0, 2.0]
    await run.finish()
    emu.faults = Faults(http_statuses=[429], retry_after="3")
    run = start(emu)
    await run.wait_for(Ready)
    assert run.delays == [3.0]
    assert "rate limiting" in run.of(Reconnecting)[0].reason
    await run.finish()


async def test_500_is_retried_once_then_given_up(emu: PulseEmulator) -> None:
    emu.faults.http_statuses = [500]
    run = start(emu)
    await run.wait_for(Ready)
    assert run.delays == [1.0]
    await run.finish()
    emu.faults.http_statuses = [500, 500, 500]
    run = start(emu)
    await run.ended()
    (failed,) = run.of(Failed)
    assert type(failed.error) is ServiceUnavailable and "twice in a row" in str(failed.error)
    assert run.delays == [1.0]


async def test_503_retries_on_the_reconnect_schedule_and_gives_up_after_5(
    emu: PulseEmulator,
) -> None:
    emu.faults = Faults(http_statuses=[503] * 10, retry_after=None)
    run = start(emu)
    await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, ServiceBusy) and "after 5 retries" in str(failed.error)
    assert run.delays == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert [h.status for h in emu.handshakes] == [503] * 6


async def test_a_parameter_the_server_refuses_is_a_bad_request() -> None:
    """A host that does not serve the language answers 400 (here: a gateway pinned to India)."""
    async with PulseEmulator(region="india") as india:
        run = start(india, EngineSettings(source_language="ja"), us=india)
        await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, BadRequest) and "US host" in str(failed.error)


def test_languages_pulse_cannot_stream_are_refused_before_connecting() -> None:
    with pytest.raises(InvalidParameter, match="does not transcribe 'sw'"):
        PulseSession(
            api_key=GOOD,
            settings=EngineSettings(source_language="sw"),
            config=PulseConfig(base_url="ws://127.0.0.1:9", us_base_url="ws://127.0.0.1:9"),
        )


def test_plain_ws_only_towards_loopback() -> None:
    with pytest.raises(UsageError, match="unencrypted"):
        PulseConfig(base_url="ws://pulse.example.com")
    with pytest.raises(UsageError, match="unencrypted"):
        PulseConfig(us_base_url="http://pulse.example.com")
    with pytest.raises(UsageError, match="region"):
        PulseConfig(region="eu")
    assert PulseConfig(base_url="ws://localhost:9").base_url


# --- what is declared is what is sent -------------------------------------------------------------


async def test_the_declared_rate_is_the_rate_on_the_wire(emu: PulseEmulator) -> None:
    """The server trusts sample_rate; a 440 Hz second must come out as 440 Hz and 1.00 s."""
    run = start(emu)
    frames = push(run.session, tone(1.0))
    run.session.end_utterance()
    await run.wait_finals(1)
    await run.finish()
    (rec,) = emu.sessions
    assert rec.declared_rate == CAPABILITIES.input_rate == 16_000
    assert (rec.encoding, rec.path) == ("linear16", "/waves/v1/stt/live")
    assert bytes(rec.audio) == b"".join(frames)
    assert abs(rec.dominant_hz() - 440.0) < 2.0
    assert run.finals()[0].text == "speech 1 1.00s"


async def test_the_query_carries_language_model_and_lowercase_booleans(
    emu: PulseEmulator,
) -> None:
    params = PulseParams(vad_events=True, endpointing=False, keywords=("Dragoman:5",))
    run = start(emu, EngineSettings(source_language="hi"), params=params)
    await run.wait_for(Ready)
    await run.finish()
    assert emu.sessions[0].params == {
        "model": "pulse",
        "language": "hi",
        "encoding": "linear16",
        "sample_rate": "16000",
        "punctuate": "true",
        "capitalize": "true",
        "keywords": "Dragoman:5",
        "endpointing": "false",
        "vad_events": "true",
    }


async def test_the_legacy_path_takes_no_model(emu: PulseEmulator) -> None:
    run = start(emu, legacy_path=True)
    push(run.session, sentence(0.4, 1))
    run.session.end_utterance()
    await run.wait_finals(1)
    await run.finish()
    assert emu.sessions[0].path == LEGACY_PATH and "model" not in emu.sessions[0].params


# --- partials vs finals ---------------------------------------------------------------------------


async def test_partials_replace_each_other_and_finals_append(emu: PulseEmulator) -> None:
    run = start(emu)
    push(run.session, np.concatenate([silence(0.2), tone(1.0), silence(1.0)]))
    await run.wait_finals(1)  # endpointing closed the first sentence
    push(run.session, tone(0.7))
    await run.wait_for(Transcript, len(run.of(Transcript)) + 1)
    assert run.session.has_open_interims()
    run.session.end_utterance()
    await run.wait_finals(2)
    assert not run.session.has_open_interims()
    await run.finish()

    transcripts = run.of(Transcript)
    interims = [t for t in transcripts if not t.is_final]
    assert len(interims) >= 4 and all(t.role == "source" for t in transcripts)
    finals = [t.text for t in run.finals()]
    assert finals[:2] == ["speech 1 1.00s", "speech 2 0.70s"]
    assert finals[2:] == [""]  # close_stream's is_last: nothing was left to say
    builder = TranscriptBuilder()
    for event in transcripts:
        builder.add(event)
    assert [s.original for s in builder.segments if s.original] == finals[:2]
    assert builder.sessions == [emu.sessions[0].session_id] == run.session.stats.session_ids
    assert run.session.session_id == emu.sessions[0].session_id


async def test_release_sends_the_tail_then_finalize(emu: PulseEmulator) -> None:
    run = start(emu, params=PulseParams(endpointing=False))
    frames = push(run.session, tone(0.6))
    run.session.end_utterance()
    await run.wait_finals(1)
    (rec,) = emu.sessions
    (when, kind), last_frame_at = rec.control_at[0], rec.frames[-1][0]
    assert kind == "finalize" and when >= last_frame_at and len(rec.audio) == len(b"".join(frames))
    (final,) = run.finals()
    assert final.text == "speech 1 0.60s" and final.language == "en"
    await run.finish()


# --- close_stream / is_last -----------------------------------------------------------------------


async def test_close_sends_close_stream_and_waits_for_is_last(emu: PulseEmulator) -> None:
    run = start(emu, params=PulseParams(endpointing=False))
    frames = push(run.session, tone(0.8))  # no release: close must flush it
    await run.finish()
    (rec,) = emu.sessions
    assert bytes(rec.audio) == b"".join(frames) and rec.audio_after_close_stream == 0
    assert [kind for _, kind in rec.control_at] == ["close_stream"]
    assert (rec.ended_by, rec.close_code) == ("server", 1000)  # the server closed, not us
    (final,) = run.finals()
    assert final.text == "speech 1 0.80s"
    assert isinstance(run.events[-1], Closed)
    assert run.events.index(final) < len(run.events) - 1
    assert run.session.stats.last_timeouts == 0


async def test_a_slow_is_last_is_waited_for_within_the_timeout(emu: PulseEmulator) -> None:
    emu.faults.final_delay = 0.3
    run = start(emu, last_timeout=2.0)
    push(run.session, tone(0.5))
    await run.finish()
    assert [f.text for f in run.finals()] == ["speech 1 0.50s"]
    assert emu.sessions[0].ended_by == "server"


async def test_an_is_last_that_never_comes_is_bounded(emu: PulseEmulator) -> None:
    emu.faults.final_delay = 5.0
    run = start(emu, last_timeout=0.3, close_timeout=0.3)
    push(run.session, sentence(0.5, 5))
    await run.wait_for(Transcript)
    async with asyncio.timeout(3):
        await run.finish()
    assert run.session.stats.last_timeouts == 1
    assert emu.sessions[0].ended_by == "client" and emu.sessions[0].close_code == 1000
    assert isinstance(run.events[-1], Closed)


async def test_close_is_idempotent_and_works_before_start() -> None:
    session = PulseSession(
        api_key=GOOD,
        settings=EngineSettings(),
        config=PulseConfig(base_url="ws://127.0.0.1:9", us_base_url="ws://127.0.0.1:9"),
    )
    await session.close()
    await session.close()
    session.start()  # too late: nothing opens
    assert [e async for e in session.events()] == [Closed()]


# --- reconnection with replay ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["tcp", "1011"])
async def test_a_turn_cut_mid_way_is_replayed_whole_to_the_new_session(
    emu: PulseEmulator, kind: str
) -> None:
    emu.faults = Faults(drop_after_speech_ms=700, drop_kind=kind)
    a, b = sentence(0.5, 10), sentence(1.6, 11)
    run = start(emu)
    first = push(run.session, np.concatenate([silence(0.2), a, silence(1.0)]))
    await run.wait_finals(1)  # A is final (endpointing) before B is said
    rest = push(run.session, np.concatenate([b, silence(0.3)]))
    run.session.end_utterance()
    await run.wait_for(Reconnected)
    await run.wait_finals(2)
    await run.finish()

    one, two = emu.sessions
    assert one.ended_by == kind and two.ended_by == "server"
    assert run.delays == [1.0]
    (reconnecting,) = run.of(Reconnecting)
    assert reconnecting.attempt == 1 and reconnecting.reason.endswith("reconnecting.")
    (reconnected,) = run.of(Reconnected)
    assert reconnected.replayed_ms > 0

    sent = b"".join(first + rest)
    b_onset = (len(silence(0.2)) + len(a) + len(silence(1.0))) * 2
    # The new session got one contiguous run of the input, to the very end, in order...
    start_at = sent.find(bytes(two.audio))
    assert start_at >= 0 and start_at + len(two.audio) == len(sent)
    # ...starting before B's onset (B re-sent whole) and after A (already final, not repeated).
    assert (len(silence(0.2)) + len(a)) * 2 <= start_at <= b_onset
    # Then the finalize that had not been answered, in its place after the tail.
    assert [k for _, k in two.control_at] == ["finalize", "close_stream"]
    # Each sentence once: A from the first session, B (re-said whole) from the second.
    said = [(m["session_id"], m["transcript"]) for r in (one, two) for m in r.finals()]
    heard = [(f.session_id, f.text) for f in run.finals()]
    assert heard == said
    spoken = [(sid, text) for sid, text in said if text]
    assert [sid for sid, _ in spoken] == [one.session_id, two.session_id]
    assert float(spoken[1][1].split()[-1].rstrip("s")) >= 1.5  # B whole, not its last part


async def test_a_finalized_turn_is_never_replayed(emu: PulseEmulator) -> None:
    """The finalize's final confirms exactly the audio before it, even with no pause after it.

    A release straight after the last word leaves no silence for a pause-based guess to find:
    only the position noted when ``finalize`` went out can tell the next drop what is done.
    """
    emu.faults = Faults(drop_after_speech_ms=300, drop_kind="tcp")
    run = start(emu, params=PulseParams(endpointing=False))
    await run.wait_for(Ready)
    emu.faults.drop_sessions = 0  # the first turn goes through
    first = push(run.session, tone(0.5))
    run.session.end_utterance()
    await run.wait_finals(1)
    emu.faults.drop_sessions = 1  # the second turn is cut
    second = push(run.session, tone(0.8, 330))
    run.session.end_utterance()
    await run.wait_for(Reconnected)
    await run.wait_finals(2)
    await run.finish()
    one, two = emu.sessions
    assert bytes(one.audio).startswith(b"".join(first))
    assert bytes(two.audio) == b"".join(second)  # the new session never hears turn one again
    assert 0 < run.of(Reconnected)[0].replayed_ms <= 800
    assert [f.text for f in run.finals() if f.text] == ["speech 1 0.50s", "speech 1 0.80s"]


async def test_audio_captured_while_disconnected_is_sent_after_reconnecting(
    emu: PulseEmulator,
) -> None:
    gate = asyncio.Event()
    delays: list[float] = []

    async def held_sleep(delay: float) -> None:
        delays.append(delay)
        await gate.wait()

    emu.faults = Faults(drop_after_speech_ms=300, drop_kind="tcp")
    session = PulseSession(
        api_key=GOOD,
        settings=EngineSettings(),
        config=PulseConfig(base_url=emu.base_url, us_base_url=emu.base_url),
        sleep=held_sleep,
    )
    session.start()
    events: list[SessionEvent] = []

    async def read() -> None:
        async for event in session.events():
            events.append(event)

    reader = asyncio.create_task(read())
    before = push(session, sentence(0.6, 20))
    await emu.wait_for(lambda: bool(delays))  # disconnected, waiting to reconnect
    meanwhile = push(session, np.concatenate([sentence(0.5, 21), silence(0.2)]))
    assert not session.all_sent()
    gate.set()
    session.end_utterance()
    await session.wait_sent()
    await session.close()
    await reader
    _, two = emu.sessions
    assert bytes(two.audio) == b"".join(before + meanwhile)  # nothing was final: all replayed
    assert [k for _, k in two.control_at] == ["finalize", "close_stream"]
    assert sum(1 for e in events if isinstance(e, Transcript) and e.is_final and e.text) == 1


LADDER = [1.0, 2.0, 4.0, 8.0, 16.0]


def assert_gave_up(run: Run, emu: PulseEmulator, sockets: int) -> SessionLost:
    """The stream ended with Failed(SessionLost) (its last event) after ``sockets`` sockets."""
    failed = run.events[-1]
    assert isinstance(failed, Failed) and isinstance(failed.error, SessionLost)
    assert run.of(Failed) == [failed] and not run.of(Closed)
    assert len(emu.sessions) == sockets and "after 5 attempts" in str(failed.error)
    return failed.error


@pytest.mark.parametrize("error_shape", [None, "type"], ids=["quietly", "after-error"])
@pytest.mark.parametrize("kind", ["1000", "1011", "tcp", "oversized"])
async def test_sockets_lost_right_after_opening_end_in_session_lost(
    emu: PulseEmulator, kind: str, error_shape: str | None
) -> None:
    emu.faults = Faults(kill_at_open=100, kill_kind=kind, kill_error_shape=error_shape)
    run = start(emu)
    frames = push(run.session, np.concatenate([silence(0.2), sentence(1.0, 50), silence(0.3)]))
    run.session.end_utterance()
    await run.ended()

    lost = assert_gave_up(run, emu, sockets=6)  # the first socket and max_reconnects more
    assert "every new session was lost within 5 s of starting" in str(lost)
    assert run.delays == LADDER
    assert [e.attempt for e in run.of(Reconnecting)] == [1, 2, 3, 4, 5]
    # Each socket got the turn at most once: nothing was re-sent without bound.
    turn = len(b"".join(frames))
    assert all(len(s.audio) <= turn for s in emu.sessions)
    assert sum(len(s.audio) for s in emu.sessions) <= 6 * turn
    assert bool(run.of(ServerError)) is (error_shape is not None)
    # Nothing said is lost: every frame pushed, byte for byte.
    assert run.session.unfinished_audio() == frames


@pytest.mark.parametrize("stable_after_s", [5.0, 0.0])
async def test_sockets_lost_after_an_interim_but_before_any_final_spend_the_budget(
    emu: PulseEmulator, stable_after_s: float
) -> None:
    """A result is not progress: each socket replays the turn, sends an interim (at 300 ms)
    and is dropped (at 500 ms) before any final.  With stable_after_s=0 every socket lived
    "long enough", and still none of them counts as a successful open."""
    emu.faults = Faults(drop_after_speech_ms=500, drop_kind="1011", drop_sessions=100)
    run = start(emu, stable_after_s=stable_after_s)
    frames = push(run.session, np.concatenate([tone(0.7), silence(1.0)]))
    run.session.end_utterance()
    await run.ended()

    lost = assert_gave_up(run, emu, sockets=6)
    assert all(s.results() and not s.finals() for s in emu.sessions)
    assert run.delays == LADDER
    pattern = "within 5 s of starting" if stable_after_s else "before a final covered the speech"
    assert pattern in str(lost) and "code 1011" in str(lost)
    tried = [s.session_id for s in emu.sessions[-3:]]  # Pulse names them in its results
    assert f"(Pulse sessions {', '.join(tried)})" in str(lost)
    assert sum(len(s.audio) for s in emu.sessions) <= 6 * len(b"".join(frames))
    assert run.session.unfinished_audio() == frames


async def test_a_long_healthy_session_that_drops_gets_the_whole_budget_again(
    emu: PulseEmulator,
) -> None:
    """Two refused upgrades, then a socket that works for a minute: its loss starts afresh."""
    skew = [0.0]  # the session's clock runs ahead when the test says a minute has passed

    def clock() -> float:
        return time.monotonic() + skew[0]

    emu.faults = Faults(http_statuses=[503, 503], retry_after=None)
    run = start(emu, clock=clock, params=PulseParams(endpointing=False))
    await run.wait_for(Ready)
    push(run.session, tone(0.5))
    run.session.end_utterance()
    await run.wait_finals(1)
    assert run.delays == [1.0, 2.0]  # two failures spent before the good socket
    skew[0] += 60.0  # it has now been open a minute, with a final behind it
    emu.faults.drop_after_speech_ms = 300  # this turn is cut ...
    emu.faults.drop_kind = "tcp"
    emu.faults.kill_at_open = 100  # ... and every new socket dies at once
    cut = push(run.session, tone(0.8, 330))
    run.session.end_utterance()
    await run.ended()

    assert_gave_up(run, emu, sockets=1 + 5)
    assert emu.sessions[0].ended_by == "tcp"
    assert run.delays == [1.0, 2.0, *LADDER]
    assert [e.attempt for e in run.of(Reconnecting)] == [1, 2, 1, 2, 3, 4, 5]
    assert run.session.unfinished_audio() == cut  # the finalised turn is not kept


async def test_sockets_that_never_carried_anything_count_against_the_budget(
    emu: PulseEmulator,
) -> None:
    emu.faults = Faults(drop_after_speech_ms=100, drop_kind="1011", drop_sessions=6)
    run = start(emu)
    push(run.session, tone(0.5))
    await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, SessionLost) and "code 1011" in str(failed.error)
    assert not any(s.results() for s in emu.sessions) and len(emu.sessions) == 6
    assert run.delays == [1.0, 2.0, 4.0, 8.0, 16.0]


async def test_1008_has_its_own_sentence_and_is_bounded(emu: PulseEmulator) -> None:
    emu.faults.close_1008_at_open = 100
    run = start(emu)
    await run.ended()
    (failed,) = run.of(Failed)
    assert isinstance(failed.error, SessionLost)
    assert "concurrency limit" in str(failed.error) and "after 5 attempts" in str(failed.error)
    assert "close other programs" in str(failed.error)
    assert run.delays == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert all("concurrency limit" in r.reason for r in run.of(Reconnecting))
    assert len(emu.sessions) == 6 and {s.close_code for s in emu.sessions} == {1008}


async def test_a_second_session_over_the_limit_recovers_when_room_frees() -> None:
    room = asyncio.Event()

    async def wait_for_room(delay: float) -> None:
        await room.wait()

    async with PulseEmulator(concurrency_limit=1) as emu:
        holder = start(emu)
        await holder.wait_for(Ready)
        run = start(emu, sleep=wait_for_room)
        await run.wait_for(Reconnecting)
        await holder.finish()
        room.set()
        await run.wait_for(Reconnected)
        push(run.session, sentence(0.4, 40))
        run.session.end_utterance()
        await run.wait_finals(1)
        await run.finish()
    assert emu.sessions[1].ended_by == "1008" and not run.of(Failed)


# --- settings, shapes, errors ---------------------------------------------------------------------


async def test_a_language_change_flushes_and_opens_a_new_session(emu: PulseEmulator) -> None:
    run = start(emu, params=PulseParams(endpointing=False))
    await run.wait_for(Ready)
    english = push(run.session, tone(0.5))
    await run.session.update(EngineSettings(source_language="de"))
    german = push(run.session, tone(0.6, 330))
    run.session.end_utterance()
    await run.wait_for(Reconnected)
    await run.wait_finals(2)
    await run.finish()
    one, two = emu.sessions
    assert (one.language, two.language) == ("en", "de")
    assert bytes(one.audio) == b"".join(english) and bytes(two.audio) == b"".join(german)
    assert [k for _, k in one.control_at] == ["close_stream"]
    assert [k for _, k in two.control_at] == ["finalize", "close_stream"]
    assert [f.text for f in run.finals() if f.text] == ["speech 1 0.50s", "speech 1 0.60s"]
    assert run.of(Reconnected)[0].replayed_ms == 0 and not run.of(Reconnecting)


async def test_an_unchanged_language_keeps_the_session(emu: PulseEmulator) -> None:
    run = start(emu)
    await run.wait_for(Ready)
    await run.session.update(EngineSettings(target_language="de", voice="female"))
    await run.finish()
    assert len(emu.sessions) == 1 and run.session.params.language == "en"


async def test_legacy_untyped_results_without_from_finalize(emu: PulseEmulator) -> None:
    emu.faults = Faults(legacy_shapes=True, omit_from_finalize=True)
    run = start(emu)
    push(run.session, tone(0.5))
    run.session.end_utterance()
    await run.wait_finals(1)
    await run.finish()
    assert run.finals()[0].text == "speech 1 0.50s"
    assert run.session.stats.protocol_errors == 0


@pytest.mark.parametrize("shape", ERROR_SHAPES)
async def test_server_errors_in_every_shape_reach_the_owner(emu: PulseEmulator, shape: str) -> None:
    emu.faults.error_shape = shape
    run = start(emu, params=PulseParams(vad_events=True))
    push(run.session, sentence(0.4, 70))
    run.session.end_utterance()
    await run.wait_finals(1)
    await run.finish()
    (error,) = run.of(ServerError)
    assert error.message == f"emulated error in the {shape!r} shape"
    assert error.sentence.startswith("The Pulse service said:")
    assert {e.type for e in run.of(Ignored)} == {"speech_started", "speech_ended"}
    assert not run.of(Failed)


# --- region hosts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "host"), [("ja", "us"), ("zh", "us"), ("ta", "india"), ("en", "india")]
)
async def test_the_host_follows_the_language(language: str, host: str) -> None:
    async with PulseEmulator(region="india") as india, PulseEmulator(region="us") as us:
        run = start(india, EngineSettings(source_language=language), us=us)
        push(run.session, sentence(0.3, 80))
        run.session.end_utterance()
        await run.wait_finals(1)
        await run.finish()
    served = {"india": india, "us": us}[host]
    other = us if served is india else india
    assert [s.language for s in served.sessions] == [language] and other.handshakes == []


async def test_the_engine_opens_sessions_and_publishes_capabilities(emu: PulseEmulator) -> None:
    engine = PulseEngine(
        api_key=GOOD, config=PulseConfig(base_url=emu.base_url, us_base_url=emu.base_url)
    )
    assert engine.capabilities.translates is False and "pulse" in repr(engine).lower()
    session = engine.open_session(EngineSettings(source_language="fr"))
    session.start()
    await session.wait_ready()
    await session.close()
    assert emu.sessions[0].language == "fr"


async def test_the_key_never_reaches_the_logs(
    emu: PulseEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    emu.faults = Faults(drop_after_speech_ms=300, drop_kind="tcp")  # a reconnection logs more
    run = start(emu)
    push(run.session, np.concatenate([sentence(0.5, 90), silence(0.2)]))
    run.session.end_utterance()
    await run.wait_for(Reconnected)
    await run.wait_finals(1)
    await run.finish()
    client = [r for r in caplog.records if not r.name.startswith(("websockets.server", "tests."))]
    text = "\n".join(r.getMessage() for r in client)
    assert "opening a Pulse session" in text and "reconnecting" in text
    assert GOOD not in text and "Bearer" not in text
