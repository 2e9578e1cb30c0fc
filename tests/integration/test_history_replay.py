"""Replay of a row's translated speech: the right row even when the audio came before its text,
at the audio's own rate, silent while muted, and to the monitor output only.

The controller runs on asyncio-on-Qt with a scripted engine session (the emulator always sends
audio after the text; a live service need not), then the real Player on a private PulseAudio.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from dragoman.controller import SessionController, State
from dragoman.core.engine import EngineCapabilities, EngineSession, EngineSettings
from dragoman.core.events import Closed, Ready, SessionEvent, Transcript, TranslatedAudio
from dragoman.core.settings import Settings
from dragoman.core.transcript import Segment
from tests.fakes import FakeCapture, FakePlayer
from tests.qtloop import run_on_qt, until


class ScriptedSession:
    """An engine session whose events the test hands it, in any order."""

    session_id: str | None = "ss_scripted"

    def __init__(self) -> None:
        self.queue: asyncio.Queue[SessionEvent] = asyncio.Queue()

    def start(self) -> None:
        self.queue.put_nowait(Ready("ss_scripted"))

    async def wait_ready(self) -> None:
        return None

    def push_audio(self, frame: bytes) -> None:
        return None

    def end_utterance(self) -> None:
        return None

    async def update(self, settings: EngineSettings) -> None:
        return None

    async def events(self) -> AsyncIterator[SessionEvent]:
        while True:
            event = await self.queue.get()
            yield event
            if isinstance(event, Closed):
                return

    async def close(self) -> None:
        self.queue.put_nowait(Closed())

    async def wait_sent(self) -> None:
        return None

    def all_sent(self) -> bool:
        return True

    def idle_for(self) -> float:
        return 10.0

    def has_open_interims(self) -> bool:
        return False

    def unfinished_audio(self) -> list[bytes]:
        return []


class ScriptedEngine:
    capabilities = EngineCapabilities(
        name="pinch", display_name="Scripted", translates=True, speaks=True
    )

    def __init__(self) -> None:
        self.sessions: list[ScriptedSession] = []

    def open_session(self, settings: EngineSettings) -> EngineSession:
        session = ScriptedSession()
        self.sessions.append(session)
        return session


def src(text: str, cid: str, final: bool = True) -> Transcript:
    return Transcript(role="source", text=text, is_final=final, correlation_id=cid)


def tr(text: str, cid: str, final: bool = True) -> Transcript:
    return Transcript(role="translation", text=text, is_final=final, correlation_id=cid)


def speech(n: int, rate: int, level: float) -> TranslatedAudio:
    return TranslatedAudio(samples=np.full(n, level, dtype=np.float32), rate=rate)


@pytest.fixture
def run(qapp: QApplication) -> Callable[[Callable[..., Any]], Any]:
    def runner(body: Callable[..., Any]) -> Any:
        async def main() -> Any:
            engine = ScriptedEngine()
            player = FakePlayer()
            controller = SessionController(
                settings=Settings(warm_session=True),
                engine_factory=lambda _settings: engine,
                capture=FakeCapture(),
                player=player,
            )
            try:
                controller.warm_up()
                await until(lambda: controller.state is State.READY)
                return await body(controller, engine.sessions[0], player)
            finally:
                await controller.shutdown()

        return run_on_qt(qapp, main())

    return runner


async def play(session: ScriptedSession, *events: SessionEvent) -> None:
    for event in events:
        session.queue.put_nowait(event)
    await until(lambda: session.queue.empty())
    await asyncio.sleep(0)  # the last one handled


def test_audio_before_its_text_replays_with_its_row_at_its_own_rate(run: Any) -> None:
    async def body(c: SessionController, session: ScriptedSession, player: FakePlayer) -> None:
        bound: list[tuple[str, int, int]] = []
        c.translation_audio_bound.connect(
            lambda seg, audio: bound.append((seg.key, len(audio.samples), audio.rate))
        )
        await play(
            session,
            speech(120, 24_000, 0.1),  # before any text at all: waits for its row
            src("one", "a"),
            tr("uno", "a"),
            src("two", "b"),
            tr("dos", "b", final=False),
            speech(300, 16_000, 0.2),  # before the final translation of "two", at its own rate
            speech(100, 16_000, 0.2),
            tr("dos", "b"),
        )
        assert bound == [("a", 120, 24_000), ("b", 300, 16_000), ("b", 100, 16_000)]
        live = len(player.chunks)
        assert live == 3 and player.outputs == [None] * 3  # live speech: every output
        assert c.replay("b")
        samples, rate = player.chunks[-1]
        assert rate == 16_000 and len(samples) == 400 and np.all(samples == np.float32(0.2))
        assert player.outputs[-1] == ("monitor",)  # never into the call unless chosen
        assert c.replay("a")
        assert player.chunks[-1][1] == 24_000 and len(player.chunks[-1][0]) == 120
        assert not c.replay("nothing-like-it")

    run(body)


def test_a_replay_is_silent_while_muted_and_reaches_the_call_only_when_chosen(run: Any) -> None:
    async def body(c: SessionController, session: ScriptedSession, player: FakePlayer) -> None:
        await play(session, src("one", "a"), tr("uno", "a"), speech(50, 24_000, 0.3))
        c.set_playback_muted(True)
        before = len(player.chunks)
        assert c.replay("a")  # the row has speech, but nothing plays
        assert len(player.chunks) == before
        assert not c.play_translation(np.zeros(10, dtype=np.float32), 24_000)
        c.set_playback_muted(False)
        c.apply_settings(replace(c.settings, replay_to_call=True))
        c.replay("a")
        assert player.outputs[-1] == ("call", "monitor")

    run(body)


def test_rows_keep_keys_even_without_correlation_ids(run: Any) -> None:
    async def body(c: SessionController, session: ScriptedSession, player: FakePlayer) -> None:
        seen: list[Segment] = []
        c.segment_changed.connect(seen.append)
        await play(
            session,
            Transcript(role="source", text="hola", is_final=True),
            speech(10, 24_000, 0.1),
        )
        assert seen[-1].key == "#1"
        assert c.replay("#1")

    run(body)


# -- the real player: a replay reaches the monitor output and nothing else -------------------


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.audio_checks import in_process
    from tests.testbed.pulse import TestbedError, pulse_daemon

    root = tmp_path_factory.mktemp("replay")
    with contextlib.ExitStack() as stack:
        try:
            daemon = stack.enter_context(
                pulse_daemon(root, rate=48_000, channels=1, speakers={"phones": 1})
            )
        except TestbedError as error:
            problem = str(error)
        else:
            yield stack.enter_context(in_process(daemon))
            return
    pytest.fail(problem, pytrace=False)


@pytest.mark.slow
async def test_the_player_plays_a_replay_to_the_monitor_output_only(bed: Any) -> None:
    from dragoman.audio.devices import find_device, list_devices
    from dragoman.audio.playback import Player

    devices = list_devices()
    call = find_device("vspeaker", "output", devices)
    monitor = find_device("phones", "output", devices)
    assert call is not None and monitor is not None
    t = np.arange(16_000) / 16_000
    tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    call_rec = bed.record("vspeaker.monitor", 48_000, 1)
    phones_rec = bed.record("phones.monitor", 48_000, 1)
    await asyncio.to_thread(call_rec.wait_started)
    await asyncio.to_thread(phones_rec.wait_started)
    stopped = asyncio.Event()
    player = Player(call, monitor, on_playing=lambda on: None if on else stopped.set())
    try:
        player.enqueue(tone, 16_000, outputs=("monitor",))
        player.end_stream()
        await asyncio.wait_for(stopped.wait(), 10)
    finally:
        await player.close()
    await asyncio.to_thread(phones_rec.wait_for_more, 0.25, 48_000)
    heard_call, heard_phones = call_rec.stop(), phones_rec.stop()
    rms = [
        float(np.sqrt(np.mean(np.square(a, dtype=np.float64)))) for a in (heard_call, heard_phones)
    ]
    assert rms[0] < 1e-4, rms  # the call output heard nothing
    loud = np.abs(heard_phones) > 0.25
    assert loud.sum() / 48_000 == pytest.approx(1.0 * 2 / 3, rel=0.15), rms  # a second of tone
