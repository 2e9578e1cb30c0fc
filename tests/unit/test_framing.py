"""PcmFramer: fixed 640-byte frames out of any chunking, nothing lost, nothing reordered."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dragoman.core.framing import PcmFramer
from dragoman.core.wav import float_to_pcm16


def ramp(n: int) -> npt.NDArray[np.float32]:
    # Distinct PCM16 values so any loss, duplication or reordering shows.
    return (np.arange(n, dtype=np.float32) % 32000) / np.float32(32768)


def test_default_frame_is_twenty_ms_of_16_khz_pcm16() -> None:
    framer = PcmFramer()
    assert framer.frame_samples == 320
    frames = framer.push(ramp(640))
    assert [len(f) for f in frames] == [640, 640]
    assert framer.pending_samples == 0
    assert framer.flush() == []


def test_small_chunks_wait_for_a_whole_frame() -> None:
    framer = PcmFramer(4)
    assert framer.push(np.array([0.1, 0.2, 0.3])) == []
    assert framer.pending_samples == 3
    [frame] = framer.push(np.array([0.4, 0.5]))
    assert frame == float_to_pcm16(np.array([0.1, 0.2, 0.3, 0.4]))
    assert framer.pending_samples == 1


def test_flush_pads_the_last_partial_frame_with_silence() -> None:
    framer = PcmFramer(4)
    framer.push(np.array([0.5, -0.5], dtype=np.float32))
    [frame] = framer.flush()
    assert np.frombuffer(frame, dtype="<i2").tolist() == [16384, -16384, 0, 0]
    assert framer.flush() == []
    assert framer.pending_samples == 0


def test_empty_chunks_and_reset() -> None:
    framer = PcmFramer(4)
    assert framer.push(np.zeros(0, dtype=np.float32)) == []
    framer.push(np.ones(3, dtype=np.float32))
    framer.reset()
    assert framer.flush() == []
    assert "pending=0" in repr(framer)


def test_frame_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        PcmFramer(0)


@given(
    total=st.integers(0, 3000),
    frame=st.sampled_from([1, 7, 160, 320, 480]),
    data=st.data(),
)
def test_any_chunking_yields_the_same_stream(total: int, frame: int, data: st.DataObject) -> None:
    signal = ramp(total)
    cuts = sorted(data.draw(st.lists(st.integers(0, total), max_size=30)))
    framer = PcmFramer(frame)
    frames: list[bytes] = []
    for start, stop in zip([0, *cuts], [*cuts, total], strict=True):
        frames += framer.push(signal[start:stop])
        assert framer.pending_samples < frame
    frames += framer.flush()
    assert all(len(f) == 2 * frame for f in frames)
    stream = b"".join(frames)
    whole = float_to_pcm16(signal)
    assert stream[: len(whole)] == whole
    assert stream[len(whole) :] == bytes(len(stream) - len(whole))
    assert len(frames) == -(-total // frame)


@given(
    st.lists(
        st.one_of(
            st.floats(-2.0, 2.0, width=32),
            st.sampled_from([float("nan"), float("inf"), float("-inf"), 1.0, -1.0, 0.5 / 32768]),
        ),
        max_size=200,
    )
)
def test_the_framers_conversion_is_float_to_pcm16_byte_for_byte(values: list[float]) -> None:
    from dragoman.core.framing import to_pcm16

    x = np.array(values, dtype=np.float32)
    assert to_pcm16(x) == float_to_pcm16(x)
