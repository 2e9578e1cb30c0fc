"""Pre-roll history, utterance window (pre-roll + hold + tail) and echo gate, in positions."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.core.utterance import EchoGate, History, UtteranceWindow


def ramp(start: int, n: int) -> np.ndarray:
    return np.arange(start, start + n, dtype=np.float32)


def test_history_keeps_the_newest_samples_by_position() -> None:
    h = History(10)
    assert (h.start, h.end) == (0, 0)
    h.append(ramp(0, 4))
    h.append(ramp(4, 9))  # wraps
    assert (h.start, h.end) == (3, 13)
    begin, samples = h.since(5)
    assert begin == 5
    np.testing.assert_array_equal(samples, ramp(5, 8))
    begin, samples = h.since(0)  # older than what is held: clamped
    assert begin == 3
    np.testing.assert_array_equal(samples, ramp(3, 10))
    assert h.since(13)[1].size == 0
    begin, samples = h.since(99)  # the future: nothing yet
    assert begin == 13 and samples.size == 0
    assert repr(h) == "History(capacity=10, start=3, end=13)"


@pytest.mark.parametrize("size", [10, 11, 25])
def test_history_takes_blocks_larger_than_itself(size: int) -> None:
    h = History(10)
    h.append(ramp(0, 7))
    h.append(ramp(7, size))
    end = 7 + size
    begin, samples = h.since(0)
    assert begin == end - 10
    np.testing.assert_array_equal(samples, ramp(end - 10, 10))
    h.append(ramp(end, 3))
    np.testing.assert_array_equal(h.since(0)[1], ramp(end + 3 - 10, 10))


@settings(max_examples=200, deadline=None)
@given(
    capacity=st.integers(1, 50),
    sizes=st.lists(st.integers(0, 80), max_size=30),
    back=st.integers(0, 100),
)
def test_history_always_returns_the_true_samples(
    capacity: int, sizes: list[int], back: int
) -> None:
    h = History(capacity)
    pos = 0
    for n in sizes:
        h.append(ramp(pos, n))
        pos += n
    begin, samples = h.since(pos - back)
    assert begin == max(pos - back, pos - capacity, 0)
    np.testing.assert_array_equal(samples, ramp(begin, pos - begin))


@settings(max_examples=200, deadline=None)
@given(
    capacity=st.integers(1, 50),
    steps=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 80)), max_size=30),
)
def test_history_keeps_positions_true_across_gaps(
    capacity: int, steps: list[tuple[int, int]]
) -> None:
    """A block that starts past the end (a parked ring skipped audio): the gap reads as silence
    and every later sample is still found at its own position."""
    h = History(capacity)
    truth: list[float] = []
    for gap, n in steps:
        pos = len(truth) + gap
        h.append(ramp(pos, n), position=pos)
        truth += [0.0] * gap + [float(v) for v in range(pos, pos + n)]
        assert h.end == len(truth)
    begin, samples = h.since(0)
    assert begin == max(0, len(truth) - capacity)
    assert samples.tolist() == truth[begin:]
    with pytest.raises(ValueError, match="before the end"):
        h.append(ramp(0, 1), position=h.end - 1) if h.end else h.append(ramp(0, 1), position=-1)


def test_window_delivers_preroll_hold_and_exactly_the_tail() -> None:
    w = UtteranceWindow(start=100, tail=30)
    assert w.take(0, ramp(0, 90)).size == 0  # before the pre-roll
    np.testing.assert_array_equal(w.take(90, ramp(90, 60)), ramp(100, 50))
    assert not w.done and not w.release_at
    w.release(160)
    assert (w.release_at, w.end) == (160, 190)
    np.testing.assert_array_equal(w.take(150, ramp(150, 20)), ramp(150, 20))
    assert not w.done
    np.testing.assert_array_equal(w.take(170, ramp(170, 50)), ramp(170, 20))
    assert w.done
    assert w.take(220, ramp(220, 10)).size == 0
    assert "end=190" in repr(w)


def test_window_release_counts_once_and_never_before_the_start() -> None:
    w = UtteranceWindow(start=100, tail=10)
    w.release(50)
    assert (w.release_at, w.end) == (100, 110)
    w.release(500)  # a second key-up is ignored
    assert w.end == 110
    np.testing.assert_array_equal(w.take(100, ramp(100, 30)), ramp(100, 10))
    assert w.done


def test_a_release_whose_tail_ended_before_what_was_fed_closes_at_once() -> None:
    w = UtteranceWindow(start=0, tail=10)
    w.take(0, ramp(0, 100))
    w.release(60)  # stamped 40 samples back, tail 10: it ended at 70, yet 100 went out
    assert (w.release_at, w.end) == (60, 100) and w.done
    assert w.take(100, ramp(100, 5)).size == 0
    late = UtteranceWindow(start=0, tail=50)
    late.take(0, ramp(0, 100))
    late.release(60)  # the usual case: the tail runs past what was fed
    assert late.end == 110 and not late.done


def test_window_skips_a_gap_in_the_stream() -> None:
    w = UtteranceWindow(start=0, tail=0)
    np.testing.assert_array_equal(w.take(0, ramp(0, 10)), ramp(0, 10))
    np.testing.assert_array_equal(w.take(20, ramp(20, 5)), ramp(20, 5))  # 10..19 never came
    assert w.fed == 25
    w.release(40)
    assert w.take(50, ramp(50, 5)).size == 0
    assert w.done


def test_window_rejects_negative_positions() -> None:
    with pytest.raises(ValueError):
        UtteranceWindow(-1, 0)
    with pytest.raises(ValueError):
        UtteranceWindow(0, -1)


@settings(max_examples=200, deadline=None)
@given(
    start=st.integers(0, 200),
    tail=st.integers(0, 100),
    release=st.integers(0, 400),
    cuts=st.lists(st.integers(0, 600), max_size=25),
)
def test_window_output_does_not_depend_on_block_sizes(
    start: int, tail: int, release: int, cuts: list[int]
) -> None:
    """Whatever the blocks, the utterance is exactly positions [start, release + tail)."""
    w = UtteranceWindow(start, tail)
    bounds = [0, *sorted(cuts), 600]
    got = []
    for a, b in itertools.pairwise(bounds):
        if w.release_at is None and b > release:
            # Key-up happens between blocks, once the stream has reached it.
            w.release(release)
        got.append(w.take(a, ramp(a, b - a)))
    w.release(release)
    end = max(release, start) + tail
    np.testing.assert_array_equal(np.concatenate(got), ramp(start, min(end, 600) - start))
    assert w.done == (end <= 600)


def test_gate_mutes_while_closed_and_for_the_hangover() -> None:
    gate = EchoGate(hangover=10)
    block = np.ones(20, dtype=np.float32)
    assert gate.apply(0, block) is block  # open: untouched, no copy
    gate.set_closed(True, 20)
    assert gate.closed and gate.muted_until() is None
    assert not gate.apply(20, block).any()
    gate.set_closed(True, 30)  # no change
    gate.set_closed(False, 40)
    assert gate.muted_until() == 50
    out = gate.apply(40, block)
    assert not out[:10].any() and out[10:].all()
    assert block.all()  # the caller's block is never modified
    assert gate.apply(60, block) is block
    assert repr(gate) == "EchoGate(closed=False, open_from=50)"
    with pytest.raises(ValueError):
        EchoGate(-1)
