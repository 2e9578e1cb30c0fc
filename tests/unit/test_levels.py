"""Level meter and speech-present detector math."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.core.levels import (
    SILENCE_DBFS,
    LevelMeter,
    SpeechDetector,
    SpeechDetectorConfig,
    block_levels,
    dbfs,
)
from tests.signals import sentence

RATE = 16_000


def tone(freq: float, seconds: float, amplitude: float, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return amplitude * np.sin(2 * np.pi * freq * t)


@pytest.mark.parametrize(
    ("amplitude", "expected"),
    [(1.0, 0.0), (0.5, -6.0206), (0.1, -20.0), (1e-3, -60.0), (2.0, 6.0206)],
)
def test_dbfs_of_amplitudes(amplitude: float, expected: float) -> None:
    assert dbfs(amplitude) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize("amplitude", [0.0, -0.5, float("nan"), 1e-9])
def test_silence_and_nonsense_read_as_the_floor(amplitude: float) -> None:
    assert dbfs(amplitude) == SILENCE_DBFS


def test_block_levels_of_a_full_scale_sine() -> None:
    rms, peak = block_levels(tone(1000, 0.1, 1.0))
    assert rms == pytest.approx(-3.0103, abs=0.01)
    assert peak == pytest.approx(0.0, abs=0.01)


def test_block_levels_of_stereo_and_empty_blocks() -> None:
    stereo = np.stack([tone(440, 0.05, 0.5), tone(440, 0.05, 0.5)], axis=1)
    assert block_levels(stereo)[1] == pytest.approx(-6.02, abs=0.01)
    assert block_levels(np.zeros(0)) == (SILENCE_DBFS, SILENCE_DBFS)
    assert block_levels(np.zeros(100)) == (SILENCE_DBFS, SILENCE_DBFS)


def test_meter_reports_one_reading_per_window() -> None:
    meter = LevelMeter(RATE, interval=0.02)
    assert meter.window == 320
    readings = meter.push(tone(500, 1.0, 0.25))
    assert len(readings) == 50
    for rms, peak in readings:
        assert rms == pytest.approx(dbfs(0.25 / math.sqrt(2)), abs=0.1)
        assert peak == pytest.approx(dbfs(0.25), abs=0.1)
    assert meter.push(np.zeros(319)) == []
    assert len(meter.push(np.zeros(1))) == 1
    meter.push(np.ones(100))
    meter.reset()
    assert meter.push(np.zeros(320)) == [(SILENCE_DBFS, SILENCE_DBFS)]
    assert repr(meter) == "LevelMeter(rate=16000, window=320, pending=0)"


@settings(max_examples=100, deadline=None)
@given(cuts=st.lists(st.integers(0, 8000), max_size=20))
def test_meter_readings_do_not_depend_on_chunking(cuts: list[int]) -> None:
    signal = np.random.default_rng(3).uniform(-0.8, 0.8, 8000)
    whole = LevelMeter(RATE).push(signal)
    meter = LevelMeter(RATE)
    bounds = [0, *sorted(cuts), len(signal)]
    pieces = [meter.push(signal[a:b]) for a, b in itertools.pairwise(bounds)]
    chunked = [r for piece in pieces for r in piece]
    assert len(chunked) == len(whole)
    for a, b in zip(chunked, whole, strict=True):
        assert a == pytest.approx(b, abs=1e-9)


@pytest.mark.parametrize(("rate", "interval"), [(0, 0.1), (16000, 0.0), (16000, -1.0)])
def test_meter_rejects_impossible_settings(rate: int, interval: float) -> None:
    with pytest.raises(ValueError):
        LevelMeter(rate, interval)


def frames(signal: np.ndarray, size: int = 320) -> list[np.ndarray]:
    return [signal[i : i + size] for i in range(0, len(signal) - size + 1, size)]


def run(detector: SpeechDetector, signal: np.ndarray) -> int:
    return sum(detector.push_frame(f) for f in frames(signal))


def test_speech_is_detected() -> None:
    detector = SpeechDetector()
    voiced = run(detector, sentence(2.0, seed=1) / 32768.0)
    assert detector.speech_detected
    assert voiced > 50  # most syllables
    assert detector.heard_ms == pytest.approx(2000)


def test_silence_and_faint_noise_are_not_speech() -> None:
    detector = SpeechDetector()
    run(detector, np.zeros(RATE))
    assert not detector.speech_detected
    rng = np.random.default_rng(0)
    run(detector, 0.0005 * rng.standard_normal(2 * RATE))  # about -66 dBFS
    assert not detector.speech_detected
    assert detector.voiced_ms == 0


def test_a_steady_sound_is_learnt_as_the_floor() -> None:
    detector = SpeechDetector()
    run(detector, tone(120, 3.0, 0.3))  # hum, loud but never changing
    assert not detector.speech_detected
    assert detector.noise_floor_dbfs == pytest.approx(dbfs(0.3 / math.sqrt(2)), abs=0.5)


def test_speech_over_room_noise_is_detected() -> None:
    rng = np.random.default_rng(1)
    room = 0.003 * rng.standard_normal(4 * RATE)  # about -50 dBFS of room tone
    speech = np.concatenate([np.zeros(RATE), sentence(2.0, seed=2) / 32768.0, np.zeros(RATE)])
    detector = SpeechDetector()
    run(detector, room + speech)
    assert detector.speech_detected
    floor = detector.noise_floor_dbfs
    assert floor is not None and floor < -45


def test_one_click_is_not_speech() -> None:
    detector = SpeechDetector()
    signal = np.zeros(RATE)
    signal[4800:5000] = 0.5  # inside one 20 ms frame
    run(detector, signal)
    assert detector.voiced_ms == 20
    assert not detector.speech_detected


def test_reset_starts_a_new_utterance_but_keeps_the_floor() -> None:
    detector = SpeechDetector()
    run(detector, sentence(1.0, seed=3) / 32768.0)
    floor = detector.noise_floor_dbfs
    detector.reset()
    assert not detector.speech_detected and detector.heard_ms == 0
    assert detector.noise_floor_dbfs == floor
    assert "speech=False" in repr(detector)


def test_thresholds_are_configurable() -> None:
    strict = SpeechDetector(SpeechDetectorConfig(min_speech_ms=10_000))
    run(strict, sentence(2.0, seed=4) / 32768.0)
    assert not strict.speech_detected
    deaf = SpeechDetector(SpeechDetectorConfig(threshold_dbfs=0.0))
    run(deaf, sentence(2.0, seed=4) / 32768.0)
    assert deaf.voiced_ms == 0
    with pytest.raises(ValueError):
        SpeechDetector(frame_ms=0)
    assert "floor=unknown" in repr(SpeechDetector())


def test_a_floor_learnt_earlier_carries_over() -> None:
    """A hold that starts with a steady hum knows the hum is floor, not speech."""
    hum = tone(120, 0.5, 0.05)
    fresh = SpeechDetector()
    run(fresh, hum)
    seeded = SpeechDetector(floor_dbfs=fresh.noise_floor_dbfs)
    assert run(seeded, hum) == 0
    unseeded = SpeechDetector(floor_dbfs=-90.0)  # a floor from a silent room: the hum is loud
    assert run(unseeded, hum) > 0
