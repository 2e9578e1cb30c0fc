"""Jitter-buffer policy: when playout starts, pauses and resumes; never what it plays."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.core.jitter import JitterBuffer, JitterConfig, PlayoutState

RATE = 24_000
CHUNK = 480  # 20 ms


def chunk(start: int, n: int = CHUNK) -> np.ndarray:
    return np.arange(start, start + n, dtype=np.float32)


def test_waits_for_the_target_depth_before_playing() -> None:
    jb = JitterBuffer(RATE)
    assert jb.state is PlayoutState.IDLE
    assert jb.pull(100, now=0.0).size == 0
    jb.push(chunk(0), now=0.0)
    jb.push(chunk(480), now=0.02)
    assert jb.state is PlayoutState.BUFFERING
    assert jb.pull(2000, now=0.02).size == 0  # 40 ms < 60 ms
    jb.push(chunk(960), now=0.04)
    out = jb.pull(2000, now=0.04)  # 60 ms reached
    assert jb.state is PlayoutState.PLAYING
    np.testing.assert_array_equal(out, chunk(0, 1440))
    assert jb.starts == 1


def test_a_short_reply_starts_after_waiting_the_target_time() -> None:
    jb = JitterBuffer(RATE)
    jb.push(chunk(0, 240), now=1.0)  # 10 ms and nothing more
    assert jb.pull(1000, now=1.05).size == 0
    assert jb.pull(1000, now=1.06).size == 240


def test_end_of_stream_plays_at_once_and_is_not_an_underrun() -> None:
    jb = JitterBuffer(RATE)
    jb.push(chunk(0), now=0.0)
    jb.end_stream()
    assert jb.pull(1000, now=0.0).size == CHUNK
    assert jb.pull(1000, now=0.01, downstream=0).size == 0
    assert jb.state is PlayoutState.IDLE
    jb.push(chunk(480), now=5.0)  # the next turn
    assert jb.underruns == 0 and not jb.ended
    assert jb.state is PlayoutState.BUFFERING


def test_running_dry_mid_stream_then_resuming_counts_one_underrun() -> None:
    jb = JitterBuffer(RATE)
    for i in range(3):
        jb.push(chunk(i * CHUNK), now=i * 0.02)
    assert jb.pull(10_000, now=0.04).size == 3 * CHUNK
    # The device still holds audio: an empty queue is not yet a gap.
    assert jb.pull(100, now=0.05, downstream=500).size == 0
    assert jb.state is PlayoutState.PLAYING
    jb.push(chunk(1440), now=0.06)  # arrives in time: straight through, no rebuffering
    assert jb.pull(1000, now=0.06, downstream=200).size == CHUNK
    assert jb.underruns == 0
    assert jb.pull(100, now=0.1, downstream=0).size == 0
    assert jb.state is PlayoutState.STARVED
    jb.push(chunk(1920), now=0.3)
    assert jb.underruns == 1
    assert jb.state is PlayoutState.BUFFERING  # rebuffers rather than trickling
    assert jb.target_ms > JitterConfig().target_ms


def test_a_long_silence_starts_the_next_stream_even_without_end_stream() -> None:
    jb = JitterBuffer(RATE)
    jb.push(chunk(0), now=0.0)
    jb.pull(1000, now=0.1)
    jb.pull(1000, now=0.1, downstream=0)
    assert jb.state is PlayoutState.STARVED
    jb.push(chunk(480), now=1.2)  # the next turn, 1.1 s later
    assert jb.underruns == 0 and jb.state is PlayoutState.BUFFERING
    assert jb.jitter_ms == 0.0  # the pause between turns is not network lateness
    assert jb.target_ms == JitterConfig().target_ms
    jb.pull(1000, now=1.3)
    jb.pull(1000, now=1.3, downstream=0)
    jb.push(chunk(960), now=1.5)  # 200 ms later: a gap mid-stream
    assert jb.underruns == 1


def test_end_stream_after_running_dry_is_not_an_underrun() -> None:
    jb = JitterBuffer(RATE)
    jb.push(chunk(0), now=0.0)
    jb.end_stream()
    jb.pull(1000, now=0.0)
    jb.pull(1000, now=0.1, downstream=0)
    jb.end_stream()  # the engine says "done" late
    assert jb.state is PlayoutState.IDLE
    jb2 = JitterBuffer(RATE)
    jb2.push(chunk(0), now=0.0)
    jb2.pull(1000, now=0.1)
    jb2.pull(1000, now=0.2, downstream=0)
    assert jb2.state is PlayoutState.STARVED
    jb2.end_stream()
    assert jb2.state is PlayoutState.IDLE
    jb2.push(chunk(480), now=3.0)
    assert jb2.underruns == 0


def test_flush_drops_everything() -> None:
    jb = JitterBuffer(RATE)
    jb.push(chunk(0), now=0.0)
    jb.push(chunk(480), now=0.01)
    assert jb.flush() == 960
    assert jb.buffered == 0 and jb.state is PlayoutState.IDLE
    assert jb.pull(1000, now=1.0).size == 0


def test_regular_arrivals_keep_the_base_target() -> None:
    jb = JitterBuffer(RATE)
    for i in range(100):
        jb.push(chunk(i * CHUNK), now=i * 0.02)
        jb.pull(CHUNK, now=i * 0.02, downstream=CHUNK)
    assert jb.jitter_ms == pytest.approx(0.0, abs=1e-6)
    assert jb.measured and jb.target_ms == JitterConfig().min_target_ms


def test_jittery_arrivals_raise_the_target_and_it_relaxes_again() -> None:
    rng = np.random.default_rng(0)
    jb = JitterBuffer(RATE)
    t = 0.0
    for i in range(100):
        t += 0.02 + float(rng.uniform(0.0, 0.08))  # each chunk up to 80 ms late
        jb.push(chunk(i * CHUNK), now=t)
    assert jb.jitter_ms > 30
    assert jb.target_ms > 60
    raised = jb.target_ms
    for _ in range(200):
        t += 0.02
        jb.push(chunk(0), now=t)
    assert jb.target_ms < raised
    assert jb.target_ms == pytest.approx(JitterConfig().min_target_ms, abs=1.0)


def test_faster_than_real_time_bursts_are_not_jitter() -> None:
    jb = JitterBuffer(RATE)
    for i in range(50):
        jb.push(chunk(i * CHUNK), now=i * 0.001)
    assert jb.jitter_ms == 0.0


def test_the_target_never_exceeds_the_maximum() -> None:
    config = JitterConfig(target_ms=60, max_target_ms=200)
    jb = JitterBuffer(RATE, config)
    t = 0.0
    for i in range(50):
        t += 1.0  # every chunk a second late
        jb.push(chunk(i * CHUNK), now=t)
        assert jb.pull(10_000, now=t + 0.5).size == CHUNK  # plays once its wait is over
        jb.pull(10_000, now=t + 0.5, downstream=0)  # and then runs dry
    assert jb.underruns == 49
    assert jb.target_ms == 200


def test_clean_streams_relax_the_underrun_boost() -> None:
    jb = JitterBuffer(RATE, JitterConfig(underrun_step_ms=40, jitter_factor=0))
    jb.push(chunk(0), now=0.0)
    jb.pull(1000, now=0.1)
    jb.pull(1000, now=0.1, downstream=0)
    jb.push(chunk(0), now=0.5)  # an underrun: +40 ms
    assert jb.target_ms == 100
    jb.end_stream()  # that stream had an underrun: no relaxing
    assert jb.target_ms == 100
    jb.push(chunk(0), now=10.0)  # a clean stream halves the boost
    jb.end_stream()
    assert jb.target_ms == 80


@pytest.mark.parametrize(
    "kwargs",
    [
        {"target_ms": 0},
        {"target_ms": 500, "max_target_ms": 400},
        {"jitter_factor": -1},
        {"underrun_step_ms": -1},
        {"smoothing": 0},
        {"smoothing": 1.5},
        {"new_stream_gap_ms": 0},
        {"min_target_ms": 0},
        {"min_target_ms": 500, "max_target_ms": 400},
        {"measured_after": -1},
    ],
)
def test_config_rejects_nonsense(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        JitterConfig(**kwargs)


def test_rejects_a_bad_rate_and_has_a_useful_repr() -> None:
    with pytest.raises(ValueError):
        JitterBuffer(0)
    assert "idle" in repr(JitterBuffer(RATE))


step = st.one_of(
    st.tuples(st.just("push"), st.integers(0, 2000), st.floats(0, 0.2)),
    st.tuples(st.just("pull"), st.integers(0, 3000), st.floats(0, 0.2)),
    st.tuples(st.just("dry"), st.just(0), st.floats(0, 0.2)),
    st.tuples(st.just("end"), st.just(0), st.just(0.0)),
)


@settings(max_examples=300, deadline=None)
@given(steps=st.lists(step, max_size=80))
def test_plays_exactly_what_arrived_in_order_whatever_the_timing(
    steps: list[tuple[str, int, float]],
) -> None:
    """No sample is dropped, repeated, reordered or invented; pulls never exceed the request."""
    jb = JitterBuffer(RATE)
    now = 0.0
    pushed = 0
    played: list[np.ndarray] = []
    for op, n, dt in steps:
        now += dt
        if op == "push":
            jb.push(chunk(pushed, n), now=now)
            pushed += n
        elif op == "pull":
            out = jb.pull(n, now=now, downstream=n % 2 * 100)
            assert out.size <= n
            played.append(out)
        elif op == "dry":
            played.append(jb.pull(4000, now=now, downstream=0))
        else:
            jb.end_stream()
        assert 0 <= jb.buffered == pushed - jb.pulled_total
        assert jb.target_ms <= JitterConfig().max_target_ms
    jb.end_stream()
    played.append(jb.pull(10**7, now=now + 1.0))
    everything = np.concatenate([np.zeros(0, dtype=np.float32), *played])
    np.testing.assert_array_equal(everything, np.arange(pushed, dtype=np.float32))


def test_the_start_target_comes_from_the_measured_jitter_and_carries_to_the_next_turn() -> None:
    """Unmeasured, the first turn waits for ``target_ms``; once arrivals were timed, a punctual
    connection starts the next turn after one 20 ms chunk, and a jittery one waits for about
    twice its lateness: the measurement, not a fixed prebuffer."""
    punctual = JitterBuffer(RATE)
    assert not punctual.measured and punctual.target_ms == 60.0
    for i in range(10):  # the first turn: 200 ms arriving in real time
        punctual.push(chunk(i * CHUNK), now=i * 0.02)
    punctual.end_stream()
    punctual.pull(10_000, now=0.2)
    punctual.pull(10_000, now=0.4, downstream=0)  # played out: the turn is over
    punctual.push(chunk(0), now=5.0)  # the next turn's first chunk
    assert punctual.measured and punctual.target_ms == 20.0
    assert punctual.pull(1000, now=5.0).size == CHUNK  # plays at once: 20 ms are enough
    jittery = JitterBuffer(RATE)
    t = 0.0
    for i in range(40):
        t += 0.02 + (0.03 if i % 2 else 0.0)  # every other chunk 30 ms late
        jittery.push(chunk(i * CHUNK), now=t)
    jittery.end_stream()
    jittery.pull(10**6, now=t)
    jittery.pull(10**6, now=t + 1.0, downstream=0)
    assert 20.0 < jittery.jitter_ms <= 30.0
    assert jittery.target_ms == pytest.approx(2 * jittery.jitter_ms)
    jittery.push(chunk(0), now=t + 5.0)
    assert jittery.pull(1000, now=t + 5.0).size == 0  # 20 ms are not enough for this one
    assert jittery.ready_at() == pytest.approx(t + 5.0 + jittery.target_ms / 1000)
