"""StreamResampler / resample: chunking never changes the output."""

from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.audio.resample import Quality, StreamResampler, resample

RATE_PAIRS = [
    (48_000, 16_000),
    (44_100, 16_000),
    (8_000, 16_000),
    (22_050, 16_000),
    (16_000, 24_000),
    (24_000, 48_000),
    (24_000, 44_100),
]


def noise(n: int, seed: int = 0) -> npt.NDArray[np.float32]:
    return np.random.default_rng(seed).uniform(-0.9, 0.9, n).astype(np.float32)


def run_stream(
    resampler: StreamResampler, signal: npt.NDArray[np.float32], cuts: list[int]
) -> npt.NDArray[np.float32]:
    bounds = [0, *sorted(cuts), len(signal)]
    parts = [resampler.process(signal[a:b]) for a, b in itertools.pairwise(bounds)]
    parts.append(resampler.process(np.zeros(0, dtype=np.float32), last=True))
    for part in parts:
        assert part.dtype == np.float32 and part.ndim == 1
    return np.concatenate(parts)


@settings(max_examples=60, deadline=None)
@given(
    rates=st.sampled_from(RATE_PAIRS),
    quality=st.sampled_from(["QQ", "LQ", "MQ", "HQ", "VHQ"]),
    length=st.integers(0, 6000),
    data=st.data(),
)
def test_streaming_equals_one_shot_for_any_chunking(
    rates: tuple[int, int], quality: Quality, length: int, data: st.DataObject
) -> None:
    in_rate, out_rate = rates
    signal = noise(length, seed=length)
    cuts = data.draw(st.lists(st.integers(0, length), max_size=40))
    resampler = StreamResampler(in_rate, out_rate, quality=quality)
    streamed = run_stream(resampler, signal, cuts)
    whole = resample(signal, in_rate, out_rate, quality=quality)
    assert streamed.shape == whole.shape
    np.testing.assert_allclose(streamed, whole, rtol=0, atol=1e-6)


def test_last_chunk_carries_data_too_and_resampler_is_reusable() -> None:
    signal = noise(4800, seed=3)
    resampler = StreamResampler(48_000, 16_000)
    first = np.concatenate(
        [resampler.process(signal[:1000]), resampler.process(signal[1000:], last=True)]
    )
    second = resampler.process(signal, last=True)  # a new signal after the flush
    whole = resample(signal, 48_000, 16_000)
    np.testing.assert_allclose(first, whole, atol=1e-6)
    np.testing.assert_allclose(second, whole, atol=1e-6)
    assert len(whole) == 1600


def test_reset_discards_a_half_fed_signal() -> None:
    signal = noise(2000, seed=4)
    resampler = StreamResampler(44_100, 16_000)
    resampler.process(noise(3000, seed=5))
    resampler.reset()
    again = np.concatenate([resampler.process(signal), resampler.process(signal[:0], last=True)])
    np.testing.assert_allclose(again, resample(signal, 44_100, 16_000), atol=1e-6)


def test_identity_fast_path_copies_and_converts() -> None:
    resampler = StreamResampler(16_000, 16_000)
    assert resampler.is_identity
    chunk = np.array([0.1, 0.2, 0.3], dtype=np.float64)
    out = resampler.process(chunk)
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, chunk.astype(np.float32))
    view = np.zeros(4, dtype=np.float32)
    result = resampler.process(view, last=True)
    view[0] = 1.0
    assert result[0] == 0.0  # never a view of the caller's (ring) buffer
    np.testing.assert_array_equal(resample(chunk, 24_000, 24_000), chunk.astype(np.float32))


def test_output_length_and_content_follow_the_ratio() -> None:
    t = np.arange(48_000) / 48_000
    tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    out = resample(tone, 48_000, 16_000)
    assert len(out) == 16_000
    expected = 0.5 * np.sin(2 * np.pi * 440 * np.arange(16_000) / 16_000)
    np.testing.assert_allclose(out[100:-100], expected[100:-100], atol=2e-3)


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError, match="positive"):
        StreamResampler(0, 16_000)
    with pytest.raises(ValueError, match="quality"):
        StreamResampler(48_000, 16_000, quality="best")  # type: ignore[arg-type]  # the point of the test
    with pytest.raises(ValueError, match="1-D"):
        StreamResampler(48_000, 16_000).process(np.zeros((10, 2), dtype=np.float32))
    with pytest.raises(ValueError, match="1-D"):
        resample(np.zeros((10, 2), dtype=np.float32), 48_000, 16_000)
    assert "48000 -> 16000" in repr(StreamResampler(48_000, 16_000))
