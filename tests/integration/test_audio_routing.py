"""Streams reach the named sound-server device, and opening one never writes the environment.

Against a private PulseAudio daemon whose defaults are ``vmic`` / ``vspeaker``: a capture on the
non-default ``headset`` must hear the headset (a 440 Hz tone) and not the default microphone
(1 kHz at the same time); a player on the non-default ``phones`` must sound there and not on the
default speaker. Both ways of aiming a stream are run (see :mod:`dragoman.audio.pulse_route`):
``alsa`` (the ``pulse`` PCM's DEVICE argument) and ``moved`` (the fallback: ``pactl move-*``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import Iterator, MutableMapping
from typing import Any

import numpy as np
import pytest

from dragoman.audio import portaudio, pulse_route
from dragoman.audio.capture import Capture
from dragoman.audio.devices import DeviceInfo, find_device, list_devices
from dragoman.audio.playback import Player
from tests.audio_checks import in_process, pcm16
from tests.testbed.pulse import PulseTestbed, TestbedError, pulse_daemon

pytestmark = pytest.mark.slow

RATE = 48_000
WIRE = 16_000


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseTestbed]:
    root = tmp_path_factory.mktemp("routing")
    with contextlib.ExitStack() as stack:
        try:
            daemon = stack.enter_context(
                pulse_daemon(
                    root, rate=RATE, channels=2, microphones={"headset": 1}, speakers={"phones": 2}
                )
            )
        except TestbedError as error:
            problem = str(error)
        else:
            yield stack.enter_context(in_process(daemon))
            return
    pytest.fail(problem, pytrace=False)


@pytest.fixture(autouse=True)
def no_stream_left_open() -> Iterator[None]:
    yield
    assert portaudio.open_streams() == 0


@pytest.fixture(params=["alsa", "moved"])
def routing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    mode: str = request.param
    if mode == "moved":

        @contextlib.contextmanager
        def unavailable(name: str) -> Iterator[bool]:
            yield False

        monkeypatch.setattr(pulse_route, "pcm_device", unavailable)
    return mode


def device(name: str, kind: str) -> DeviceInfo:
    found = find_device(name, "input" if kind == "input" else "output", list_devices())
    assert found is not None, f"{name} is not listed"
    return found


def tone(freq: float, seconds: float, rate: int, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def strength(x: np.ndarray, rate: int, freq: float) -> float:
    """Spectral magnitude near ``freq`` relative to the strongest component."""
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    near = np.abs(freqs - freq) < 20
    return float(spectrum[near].max() / spectrum.max())


async def wait_for(condition: Any, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {limit} s")
        await asyncio.sleep(0.02)


def our_streams(bed: PulseTestbed, what: str) -> dict[int, int]:
    """This process's sink inputs / source outputs: index → sink/source index."""
    rows = json.loads(bed.pactl("--format=json", "list", what))
    key = "sink" if what == "sink-inputs" else "source"
    return {
        int(row["index"]): int(row[key])
        for row in rows
        if row["properties"].get("application.process.id") == str(os.getpid())
    }


def node_index(bed: PulseTestbed, kind: str, name: str) -> int:
    rows = json.loads(bed.pactl("--format=json", "list", kind))
    return next(int(row["index"]) for row in rows if row["name"] == name)


async def test_capture_on_a_named_source_hears_that_source(bed: PulseTestbed, routing: str) -> None:
    headset = device("headset", "input")
    assert not headset.is_default_input
    feeds = [
        bed.feed("headset_in", tone(440, 6, RATE), RATE, 1),
        bed.feed("vmic_in", tone(1000, 6, RATE), RATE, 2),  # the default microphone, meanwhile
    ]
    loud = asyncio.Event()
    capture = Capture(
        headset, on_level=lambda rms, peak: loud.set() if rms > -20 else None, preroll_ms=0
    )
    try:
        await capture.start()
        await asyncio.wait_for(loud.wait(), 10)
        utt = capture.begin_utterance()
        frames: list[bytes] = []

        async def take() -> None:
            async for frame in utt.frames():
                frames.append(frame)

        taking = asyncio.ensure_future(take())
        await wait_for(lambda: len(frames) >= 50)  # one second
        utt.release()
        await asyncio.wait_for(taking, 10)
    finally:
        await capture.stop()
        for proc in feeds:
            proc.kill()
            proc.wait()
    heard = pcm16(b"".join(frames))[:WIRE]
    assert np.abs(heard).max() > 0.3, routing
    assert strength(heard, WIRE, 440) == pytest.approx(1.0)
    assert strength(heard, WIRE, 1000) < 0.01, f"the default microphone was heard ({routing})"


async def test_player_on_a_named_sink_plays_there(bed: PulseTestbed, routing: str) -> None:
    phones = device("phones", "output")
    assert not phones.is_default_output
    on_phones = bed.record("phones.monitor", RATE, 1)
    on_default = bed.record("vspeaker.monitor", RATE, 1)
    await asyncio.to_thread(on_phones.wait_started)
    await asyncio.to_thread(on_default.wait_started)
    stopped = asyncio.Event()
    player = Player(phones, None, on_playing=lambda playing: None if playing else stopped.set())
    try:
        await player.start()
        player.enqueue(tone(440, 1.0, 24_000), 24_000)
        player.end_stream()
        await asyncio.wait_for(stopped.wait(), 10)
    finally:
        await player.close()
    await asyncio.to_thread(on_phones.wait_for_more, 0.2, RATE)
    await asyncio.to_thread(on_default.wait_for_more, 0.2, RATE)
    there, elsewhere = on_phones.stop()[:, 0], on_default.stop()[:, 0]
    assert np.count_nonzero(np.abs(there) > 0.25) > 0.5 * RATE * 0.5, routing
    assert strength(there, RATE, 440) == pytest.approx(1.0)
    assert np.abs(elsewhere).max() < 0.01, f"the default speaker played it ({routing})"


async def test_the_route_survives_an_underrun(bed: PulseTestbed) -> None:
    """PortAudio re-prepares the PCM after an underrun, and the ``pulse`` plug-in then creates a
    new server stream: it must come back on the named sink, not on the default one (which is
    what a stream that was only *moved* there does)."""
    phones = device("phones", "output")
    calls = {"n": 0, "underflows": 0}

    def stalling(outdata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        outdata.fill(0.0)
        calls["n"] += 1
        if status.output_underflow:
            calls["underflows"] += 1
        if calls["n"] == 40:
            time.sleep(0.4)  # the fault: a callback held up far longer than the buffer lasts

    stream = await asyncio.to_thread(
        portaudio.open_stream,
        "output",
        device_index=phones.index,
        device_label=phones.name,
        pulse_name="phones",
        samplerate=RATE,
        channels=2,
        callback=stalling,
        blocksize=RATE // 200,
        latency="high",
    )
    try:
        await asyncio.to_thread(portaudio.start_stream, stream, phones.name)
        first = await asyncio.to_thread(our_streams, bed, "sink-inputs")
        await wait_for(lambda: calls["n"] > 200)
        after = await asyncio.to_thread(our_streams, bed, "sink-inputs")
    finally:
        await asyncio.to_thread(portaudio.close_stream, stream)
    target = node_index(bed, "sinks", "phones")
    assert list(first.values()) == [target]
    assert set(after) != set(first), "no underrun happened: the test proves nothing"
    assert list(after.values()) == [target], "after the underrun the stream left the sink"


class WriteRecorder(MutableMapping[str, str]):
    """``os.environ`` stand-in: reads go through, writes are recorded (and still made)."""

    def __init__(self, real: MutableMapping[str, str], writes: list[str]) -> None:
        self._real = real
        self.writes = writes

    def __getitem__(self, key: str) -> str:
        return self._real[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.writes.append(f"set {key}")
        self._real[key] = value

    def __delitem__(self, key: str) -> None:
        self.writes.append(f"del {key}")
        del self._real[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._real)

    def __len__(self) -> int:
        return len(self._real)

    def copy(self) -> dict[str, str]:
        return dict(self._real)


async def test_opening_streams_never_writes_the_environment(
    bed: PulseTestbed, routing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    headset, phones = device("headset", "input"), device("phones", "output")
    writes: list[str] = []
    monkeypatch.setattr(os, "environ", WriteRecorder(os.environ, writes))
    monkeypatch.setattr(os, "putenv", lambda key, value: writes.append(f"putenv {key}"))
    monkeypatch.setattr(os, "unsetenv", lambda key: writes.append(f"unsetenv {key}"))
    capture = Capture(headset)
    player = Player(phones, None)
    try:
        await asyncio.gather(capture.start(), player.start())
        sinks = await asyncio.to_thread(our_streams, bed, "sink-inputs")
        sources = await asyncio.to_thread(our_streams, bed, "source-outputs")
    finally:
        await capture.stop()
        await player.close()
    assert writes == []
    assert list(sinks.values()) == [node_index(bed, "sinks", "phones")]
    assert list(sources.values()) == [node_index(bed, "sources", "headset")]
