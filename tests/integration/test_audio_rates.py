"""Captured 16 kHz audio matches the fed speech whatever the device's own rate and channels.

One private PulseAudio daemon per rate (a daemon moves all its sinks to its own rate, see the test
bed), each with a mono and a stereo microphone recorded at the same time.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

import numpy as np
import pytest

from dragoman.audio import portaudio
from dragoman.audio.capture import Capture
from dragoman.audio.devices import find_device, list_devices
from tests.audio_checks import align, band_limit, fft_resample, in_process, pcm16
from tests.speech import espeak
from tests.testbed.pulse import PulseTestbed, TestbedError, pulse_daemon

pytestmark = pytest.mark.slow

WIRE = 16_000


@pytest.fixture(scope="module", params=[16_000, 44_100, 48_000], ids=lambda r: f"{r} Hz")
def bed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PulseTestbed]:
    root = tmp_path_factory.mktemp(f"rate{request.param}")
    with contextlib.ExitStack() as stack:
        try:
            daemon = stack.enter_context(
                pulse_daemon(root, rate=request.param, channels=2, microphones={"mono": 1})
            )
        except TestbedError as error:
            problem = str(error)
        else:
            yield stack.enter_context(in_process(daemon))
            return
    pytest.fail(problem, pytrace=False)


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, int]:
    path = tmp_path_factory.mktemp("speech") / "speech.wav"
    samples, rate = espeak("Please bring the quarterly report.", path)
    pad = np.zeros(rate // 5)
    return band_limit(np.concatenate([pad, samples * 0.8, pad]), rate), rate


async def test_capture_matches_the_fed_speech(
    bed: PulseTestbed, speech: tuple[np.ndarray, int]
) -> None:
    samples, rate = speech
    device_rate = bed.rate
    feed = fft_resample(samples, rate, device_rate)
    reference = fft_resample(samples, rate, WIRE)
    mics = {"stereo": ("vmic", 2), "mono": ("mono", 1)}
    caps = {
        kind: Capture(found, preroll_ms=300, tail_ms=200)
        for kind, (name, _) in mics.items()
        if (found := find_device(name, "input", list_devices())) is not None
    }
    assert caps.keys() == mics.keys()
    for cap in caps.values():
        await cap.start()
    try:
        for kind, cap in caps.items():
            # Opened at the device's own rate and channel count: nothing resamples before us.
            assert (cap.samplerate, cap.channels) == (device_rate, mics[kind][1])
        utts = {kind: cap.begin_utterance() for kind, cap in caps.items()}
        loop = asyncio.get_running_loop()
        tasks = {kind: loop.create_task(_collect(utt.frames())) for kind, utt in utts.items()}
        # Stereo: the two channels differ in level, as a real headset's would.
        stereo = np.stack([feed, 0.6 * feed], axis=1)
        feeders = [
            bed.feed("vmic_in", stereo, device_rate, 2),
            bed.feed("mono_in", feed, device_rate, 1),
        ]
        for feeder in feeders:
            await asyncio.to_thread(feeder.wait, 30)
        for utt in utts.values():
            utt.release()
        captured = {kind: pcm16(await asyncio.wait_for(t, 10)) for kind, t in tasks.items()}
    finally:
        for cap in caps.values():
            await cap.stop()
    assert portaudio.open_streams() == 0
    for kind, audio in captured.items():
        fit = align(audio, reference)
        assert fit.correlation >= 0.95, (kind, fit)
        assert fit.overlap >= len(reference) - 32, (kind, "part of the speech is missing")
        stats = caps[kind].stats
        assert stats.overflows == 0 and stats.dropped_frames == 0, (kind, stats)


async def _collect(frames: object) -> bytes:
    return b"".join([f async for f in frames])  # type: ignore[attr-defined]
