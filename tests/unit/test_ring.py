"""SampleRing and StampLog: the only things the audio callbacks touch."""

from __future__ import annotations

import itertools
import threading

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.core.ring import SampleRing, StampLog


def ramp(start: int, n: int, channels: int = 1) -> npt.NDArray[np.float32]:
    """Frames whose every channel holds its own absolute index (exact in float32 below 2**24)."""
    values = np.arange(start, start + n, dtype=np.float32)
    return np.repeat(values[:, None], channels, axis=1)


def test_write_then_read_returns_the_frames_in_order() -> None:
    ring = SampleRing(8, channels=2)
    assert ring.write(ramp(0, 5, 2)) == 5
    out = ring.read()
    assert out.shape == (5, 2)
    np.testing.assert_array_equal(out, ramp(0, 5, 2))
    assert ring.available == 0 and ring.read_total == 5 and ring.written == 5


def test_wrap_around_keeps_order() -> None:
    ring = SampleRing(5)
    ring.write(ramp(0, 4))
    np.testing.assert_array_equal(ring.read(3), ramp(0, 3))
    assert ring.write(ramp(4, 4)) == 4  # crosses the end of the buffer
    np.testing.assert_array_equal(ring.read(), ramp(3, 5))


def test_one_dimensional_blocks_fill_a_mono_ring() -> None:
    ring = SampleRing(4)
    ring.write(np.arange(3, dtype=np.float32))
    ring.read(1)
    ring.write(np.arange(3, 5, dtype=np.float32))  # wraps
    assert ring.available == 4
    np.testing.assert_array_equal(ring.read()[:, 0], [1, 2, 3, 4])


def test_full_ring_refuses_the_newest_frames_and_counts_them() -> None:
    ring = SampleRing(4)
    assert ring.write(ramp(0, 3)) == 3
    assert ring.write(ramp(3, 3)) == 1
    assert ring.dropped == 2
    assert ring.write(ramp(6, 1)) == 0
    assert ring.dropped == 3
    np.testing.assert_array_equal(ring.read()[:, 0], [0, 1, 2, 3])


def test_read_into_fills_from_the_front_and_reports_the_count() -> None:
    ring = SampleRing(8, channels=2)
    ring.write(ramp(0, 3, 2))
    out = np.full((5, 2), -1.0, dtype=np.float32)
    assert ring.read_into(out) == 3
    np.testing.assert_array_equal(out[:3], ramp(0, 3, 2))
    assert (out[3:] == -1).all()  # untouched: the caller decides what fills the rest
    assert ring.read_into(out) == 0


def test_read_of_nothing_is_an_empty_block_of_the_right_width() -> None:
    ring = SampleRing(4, channels=3)
    assert ring.read().shape == (0, 3)
    assert ring.read(0).shape == (0, 3)


def test_discard_drops_unread_frames() -> None:
    ring = SampleRing(8)
    ring.write(ramp(0, 6))
    assert ring.discard() == 6
    assert ring.available == 0
    ring.write(ramp(6, 2))
    np.testing.assert_array_equal(ring.read()[:, 0], [6, 7])


@pytest.mark.parametrize(("capacity", "channels"), [(0, 1), (-1, 1), (4, 0)])
def test_rejects_impossible_shapes(capacity: int, channels: int) -> None:
    with pytest.raises(ValueError):
        SampleRing(capacity, channels)


def test_repr_shows_the_state() -> None:
    ring = SampleRing(4)
    ring.write(ramp(0, 6))
    assert repr(ring) == "SampleRing(capacity=4, channels=1, available=4, written=4, dropped=2)"


# An operation: ("w", n) writes n frames, ("r", m) reads up to m, ("i", m) reads into an m-frame
# buffer, ("d", 0) discards. Any sequence of them is an interleaving of producer and consumer.
operations = st.lists(
    st.tuples(st.sampled_from(["w", "r", "i", "d"]), st.integers(0, 40)), max_size=120
)


@settings(max_examples=300, deadline=None)
@given(capacity=st.integers(1, 32), channels=st.integers(1, 3), ops=operations)
def test_no_frame_is_lost_or_reordered_under_any_interleaving(
    capacity: int, channels: int, ops: list[tuple[str, int]]
) -> None:
    ring = SampleRing(capacity, channels)
    offered = 0
    accepted: list[float] = []  # what the model says the ring holds, in order
    got: list[float] = []
    expect_dropped = 0
    for op, n in ops:
        if op == "w":
            free = capacity - len(accepted)
            took = ring.write(ramp(offered, n, channels))
            assert took == min(n, free)
            accepted += [float(v) for v in range(offered, offered + took)]
            expect_dropped += n - took
            offered += n
        elif op == "r":
            out = ring.read(n)
            assert out.shape == (min(n, len(accepted)), channels)
            assert (out == out[:, :1]).all()  # channels of a frame stay together
            got += out[:, 0].tolist()
            assert got[-out.shape[0] :] == accepted[: out.shape[0]] or out.shape[0] == 0
            del accepted[: out.shape[0]]
        elif op == "i":
            buf = np.full((n, channels), -1.0, dtype=np.float32)
            k = ring.read_into(buf)
            assert k == min(n, len(accepted))
            assert buf[:k, 0].tolist() == accepted[:k]
            assert (buf[k:] == -1).all()
            got += buf[:k, 0].tolist()
            del accepted[:k]
        else:
            assert ring.discard() == len(accepted)
            accepted.clear()
        assert ring.available == len(accepted) <= capacity
        assert ring.dropped == expect_dropped
    # Everything read came out in strictly increasing order: nothing reordered or duplicated.
    assert all(a < b for a, b in itertools.pairwise(got))


def test_concurrent_producer_and_consumer_lose_nothing_silently() -> None:
    """Real threads: every frame offered is either read, in order, or counted as dropped."""
    ring = SampleRing(64, channels=2)
    total = 200_000
    rng = np.random.default_rng(7)
    sizes = rng.integers(1, 48, size=20_000)
    done = threading.Event()
    got: list[npt.NDArray[np.float32]] = []

    def produce() -> None:
        pos = 0
        for n in sizes:
            n = int(min(n, total - pos))
            if n <= 0:
                break
            ring.write(ramp(pos, n, 2))
            pos += n
        done.set()

    def consume() -> None:
        while True:
            finished = done.is_set()
            out = ring.read(int(rng.integers(1, 40)))
            if out.shape[0]:
                got.append(out.copy())
            elif finished:
                return

    threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    values = np.concatenate(got)
    assert (values[:, 0] == values[:, 1]).all()
    assert (np.diff(values[:, 0]) > 0).all()  # in order, no duplicates
    assert values.shape[0] + ring.dropped == total  # lost frames are all counted
    # Where frames are missing, the ring was full: each gap is exactly what was dropped.
    gaps = np.diff(values[:, 0]) - 1
    assert int(gaps.sum()) + int(values[0, 0]) + int(total - 1 - values[-1, 0]) == ring.dropped


def test_stamp_log_maps_positions_to_callback_times() -> None:
    log = StampLog(size=4)
    assert log.last() is None and log.first_time() is None and log.time_of(0) is None
    log.record(100, 1.0)
    log.record(200, 2.0)
    assert log.first_time() == 1.0
    assert log.last() == (200, 2.0)
    assert log.time_of(0) == 1.0
    assert log.time_of(99) == 1.0
    assert log.time_of(100) == 2.0
    assert log.time_of(200) is None  # not delivered yet
    assert log.count == 2


def test_stamp_log_forgets_old_stamps_rather_than_guessing() -> None:
    log = StampLog(size=3)
    for i in range(1, 7):
        log.record(i * 10, float(i))
    # Only the newest size-1 stamps are trusted (the next write overwrites the oldest slot).
    assert log.time_of(55) == 6.0
    assert log.time_of(45) is None  # its callback may be an overwritten one
    assert log.first_time() is None
    assert log.last() == (60, 6.0)
    with pytest.raises(ValueError):
        StampLog(size=1)
    assert repr(log) == "StampLog(size=3, count=6)"


def test_a_parked_ring_keeps_the_newest_frames_and_says_what_it_skipped() -> None:
    """Parked (nobody reading at rest), a full ring overwrites its oldest frames; the first read
    afterwards returns the newest, with their true position, never a frame that may be torn."""
    ring = SampleRing(16)
    ring.write(ramp(0, 4))
    ring.park()
    for start in range(4, 100, 6):  # far more than the ring holds
        assert ring.write(ramp(start, 6)) == 6
    assert ring.dropped == 0 and ring.written == 100
    ring.unpark()
    position, out = ring.read_block()
    # The oldest margin (a quarter of the ring) is left out: a write may have been landing there.
    assert position == 100 - 16 + ring.margin
    np.testing.assert_array_equal(out[:, 0], np.arange(position, 100, dtype=np.float32))
    assert ring.skipped == position and ring.read_total == 100
    # Unparked again: a full ring refuses the newest, as before, and nothing more is skipped.
    ring.write(ramp(100, 20))
    assert ring.dropped == 4
    position, out = ring.read_block()
    assert position == 100 and out[:, 0].tolist() == list(range(100, 116))
    assert ring.skipped == 100 - 16 + ring.margin


def test_a_parked_ring_that_did_not_wrap_loses_nothing() -> None:
    ring = SampleRing(64)
    ring.park()
    ring.write(ramp(0, 10))
    ring.unpark()
    position, out = ring.read_block()
    assert position == 0 and out[:, 0].tolist() == list(range(10))
    assert ring.skipped == 0


def test_parking_under_real_threads_never_returns_a_torn_or_misplaced_frame() -> None:
    """A producer writing as fast as it can while the consumer parks and unparks: every frame read
    carries its own position (so nothing is torn or misplaced), in order; gaps only while
    parked, and all of them counted."""
    ring = SampleRing(256, channels=2)
    total = 400_000
    done = threading.Event()
    got: list[tuple[int, npt.NDArray[np.float32]]] = []

    def produce() -> None:
        offered = 0
        while offered < total:
            n = min(32, total - offered)
            ring.write(ramp(ring.written, n, 2))  # each frame holds the position it lands at
            offered += n
        done.set()

    def consume() -> None:
        rng = np.random.default_rng(3)
        while True:
            finished = done.is_set()
            if rng.random() < 0.05:
                ring.park()
                for _ in range(int(rng.integers(1, 50))):
                    threading.Event().wait(0)  # let the producer run on
                ring.unpark()
            position, out = ring.read_block()
            if out.shape[0]:
                expected = np.arange(position, position + out.shape[0], dtype=np.float32)
                np.testing.assert_array_equal(out[:, 0], expected)
                np.testing.assert_array_equal(out[:, 1], expected)
                got.append((position, out))
            elif finished:
                return

    threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    starts = [p for p, _ in got]
    assert all(a < b for a, b in itertools.pairwise(starts))
    assert ring.read_total == ring.written
    read = sum(out.shape[0] for _, out in got)
    assert read + ring.skipped == ring.written  # every gap is counted
    assert ring.skipped > 0  # (the test did park while the producer ran on)


@settings(max_examples=200, deadline=None)
@given(
    size=st.integers(2, 12),
    steps=st.lists(st.integers(1, 50), min_size=0, max_size=40),
    probe=st.integers(-5, 2000),
)
def test_stamp_log_lookup_matches_a_walk_through_the_log(
    size: int, steps: list[int], probe: int
) -> None:
    """The binary search finds what walking the trusted stamps in order would find."""
    log = StampLog(size=size)
    pos = 0
    stamps: list[tuple[int, float]] = []
    for i, n in enumerate(steps):
        pos += n
        log.record(pos, float(i))
        stamps.append((pos, float(i)))
    trusted = stamps[-(size - 1) :] if stamps else []
    oldest_is_first = len(stamps) <= size - 1
    expected = None
    for k, (p, t) in enumerate(trusted):
        if p > probe:
            expected = t if (k > 0 or oldest_is_first) else None
            break
    assert log.time_of(probe) == expected
