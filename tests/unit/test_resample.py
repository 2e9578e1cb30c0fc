"""StreamResampler / resample: chunking never changes the output; the low-delay path's delay,
flatness and stopband."""

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
    quality=st.sampled_from(["QQ", "LQ", "MQ", "HQ", "VHQ", "LD"]),
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


LOW_DELAY_PAIRS = [(48_000, 16_000), (44_100, 16_000), (24_000, 48_000), (24_000, 44_100)]


def held_back(resampler: StreamResampler, block: int, blocks: int = 50) -> float:
    """Worst hold-back while streaming, in seconds: output owed for the input given so far,
    minus the output produced."""
    signal = noise(block * blocks, seed=11)
    produced, worst = 0, 0.0
    for i in range(blocks):
        produced += resampler.process(signal[i * block : (i + 1) * block]).size
        owed = (i + 1) * block * resampler.out_rate / resampler.in_rate
        worst = max(worst, (owed - produced) / resampler.out_rate)
    return worst


@pytest.mark.parametrize(("in_rate", "out_rate"), LOW_DELAY_PAIRS)
def test_low_delay_path_holds_back_only_its_group_delay(in_rate: int, out_rate: int) -> None:
    """Measured, not assumed: streamed in 10 ms blocks, the "LD" path never owes more than its
    filter's group delay (plus the one output sample being built), about 2 ms, where soxr "HQ"
    holds back 20-40 ms."""
    ld = StreamResampler(in_rate, out_rate, quality="LD")
    assert ld.delay is not None and 0.001 < ld.delay < 0.0025
    worst = held_back(ld, in_rate // 100)
    assert worst <= ld.delay + 1 / out_rate
    assert held_back(StreamResampler(in_rate, out_rate, quality="HQ"), in_rate // 100) > 0.015
    assert StreamResampler(in_rate, out_rate, quality="HQ").delay is None
    assert StreamResampler(out_rate, out_rate, quality="LD").delay == 0.0


def test_low_delay_path_is_exact_three_to_one_and_linear_phase() -> None:
    """48 -> 16 kHz decimates by exactly 3, and the impulse response is symmetric about the
    input sample it belongs to (delay-compensated: no shift between input and output)."""
    impulse = np.zeros(4800, dtype=np.float32)
    impulse[2400] = 1.0  # lands on output 800 exactly
    out = resample(impulse, 48_000, 16_000, quality="LD")
    assert len(out) == 1600
    assert int(np.argmax(out)) == 800
    np.testing.assert_allclose(out[800 - 50 : 800], out[801:851][::-1], atol=1e-7)
    assert out.sum() == pytest.approx(1 / 3, abs=1e-4)  # unity gain at DC, one output in three


@pytest.mark.parametrize(("in_rate", "out_rate"), LOW_DELAY_PAIRS)
def test_low_delay_path_is_flat_in_the_passband_and_stops_aliases(
    in_rate: int, out_rate: int
) -> None:
    low = min(in_rate, out_rate)

    def gain(freq: float) -> float:
        t = np.arange(in_rate) / in_rate
        tone = np.sin(2 * np.pi * freq * t).astype(np.float32)
        out = resample(tone, in_rate, out_rate, quality="LD")[out_rate // 10 : -out_rate // 10]
        return float(np.sqrt(2 * np.mean(out.astype(np.float64) ** 2)))

    for freq in (100.0, 1000.0, 0.4375 * low):  # up to 7 kHz at 16 kHz
        assert gain(freq) == pytest.approx(1.0, abs=1e-3), freq
    if in_rate > out_rate:  # above the new Nyquist frequency: would alias, must be gone
        for freq in (low / 2 + 50, 0.75 * low):
            assert 20 * np.log10(gain(freq)) < -65, freq


@pytest.mark.parametrize(("in_rate", "out_rate"), [*LOW_DELAY_PAIRS, (16_000, 16_000)])
def test_input_needed_says_exactly_when_an_output_sample_comes_out(
    in_rate: int, out_rate: int
) -> None:
    signal = noise(in_rate // 10, seed=12)
    for outputs in (1, 320, 640, 1000):
        r = StreamResampler(in_rate, out_rate, quality="LD")
        needed = r.input_needed(outputs)
        assert needed is not None
        assert r.process(signal[: needed - 1]).size < outputs
        r = StreamResampler(in_rate, out_rate, quality="LD")
        assert r.process(signal[:needed]).size >= outputs
    assert StreamResampler(48_000, 16_000, quality="HQ").input_needed(320) is None
