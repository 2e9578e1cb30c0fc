"""Jitter buffer for translated speech: when to start, pause and resume playout, never how fast.

Translated audio arrives in network bursts. Playing each chunk the moment it lands would stutter
whenever the next one is late; so playout starts only once ``target`` worth of audio is queued (or
the oldest queued audio has waited that long, so a short reply is not held back forever), and then
runs at the device's own pace.

The start target comes from the measured arrival jitter, not a fixed prebuffer: once a few
arrivals have been timed, it is ``jitter_factor`` times the smoothed lateness of arrivals, never
less than ``min_target_ms`` (a chunk's worth), plus what audible gaps added; the lateness estimate
carries over from one stream (turn) to the next, so a steady connection soon starts every turn
after ``min_target_ms`` (20 ms), a jittery one waits as long as its jitter needs. Before anything
was measured (the first turn) ``target_ms`` is used. Gaps add ``underrun_step_ms`` each, and
streams that played cleanly take half of that back.

Decided: a late burst is queued and played at normal speed, never sped up, skipped or
time-stretched: translated speech must stay intelligible, and latency shrinks again at the next
pause between turns. A gap (an underrun) is counted when playout had run dry *and* more audio of
the same stream then arrived (within ``new_stream_gap_ms``); the natural end of a stream is not an
underrun, and neither is a pause after :meth:`JitterBuffer.end_stream` or
:meth:`JitterBuffer.flush`.

Pure: samples are mono float32 at one fixed rate and time is passed in (monotonic seconds).
"""

from __future__ import annotations

import collections
import enum
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]


class PlayoutState(enum.Enum):
    IDLE = "idle"
    """Nothing queued and nothing expected (start, after the end of a stream, after flush)."""
    BUFFERING = "buffering"
    """Audio is queued but playout waits for the target depth."""
    PLAYING = "playing"
    """Playout runs; an empty queue here just means the device still has audio of its own."""
    STARVED = "starved"
    """Playout ran dry mid-stream; the next arrival rebuffers and counts an underrun."""


@dataclass(frozen=True, slots=True)
class JitterConfig:
    target_ms: float = 60.0
    """Depth to collect before playout starts while arrivals have not been measured yet."""
    min_target_ms: float = 20.0
    """The least depth to start with once they have (a 20 ms chunk: it cannot start sooner)."""
    measured_after: int = 8
    """Arrivals to time before the measured jitter sets the target."""
    max_target_ms: float = 400.0
    """The target never grows beyond this, however bad the network."""
    jitter_factor: float = 2.0
    """Target = this many times the smoothed lateness of arrivals (when above ``target_ms``)."""
    underrun_step_ms: float = 20.0
    """Extra depth added after each underrun."""
    smoothing: float = 1 / 16
    """Weight of a punctual arrival in the lateness estimate (RFC 3550's jitter uses 1/16)."""
    new_stream_gap_ms: float = 1000.0
    """Audio that resumes this long after playout ran dry starts a new stream (the next turn),
    not an underrun: a caller that never says :meth:`JitterBuffer.end_stream` still gets
    honest counts."""

    def __post_init__(self) -> None:
        if not 0 < self.target_ms <= self.max_target_ms:
            raise ValueError(
                f"need 0 < target_ms <= max_target_ms, got {self.target_ms}, {self.max_target_ms}"
            )
        if not 0 < self.min_target_ms <= self.max_target_ms:
            raise ValueError(
                f"need 0 < min_target_ms <= max_target_ms, got {self.min_target_ms}, "
                f"{self.max_target_ms}"
            )
        if self.measured_after < 0:
            raise ValueError(f"measured_after must not be negative, got {self.measured_after}")
        if self.jitter_factor < 0 or self.underrun_step_ms < 0:
            raise ValueError("jitter_factor and underrun_step_ms must not be negative")
        if not 0 < self.smoothing <= 1:
            raise ValueError(f"smoothing must be in (0, 1], got {self.smoothing}")
        if self.new_stream_gap_ms <= 0:
            raise ValueError(f"new_stream_gap_ms must be positive, got {self.new_stream_gap_ms}")


class JitterBuffer:
    """Queue of mono samples at ``rate`` plus the playout policy (see the module docstring)."""

    def __init__(self, rate: int, config: JitterConfig | None = None) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        self.rate = rate
        self.config = config or JitterConfig()
        self._chunks: collections.deque[FloatArray] = collections.deque()
        self._head = 0  # samples of _chunks[0] already pulled
        self._buffered = 0
        self._state = PlayoutState.IDLE
        self._ended = False
        self._buffering_since: float | None = None
        self._starved_at = 0.0
        self._last_arrival: float | None = None
        self._last_duration = 0.0
        self._jitter = 0.0  # smoothed lateness of arrivals, seconds
        self._measured = 0  # arrivals whose lateness was measured (across streams)
        self._boost_ms = 0.0  # extra target after underruns
        self._stream_underruns = 0
        self.underruns = 0
        self.starts = 0
        self.pushed_total = 0
        self.pulled_total = 0

    # -- state -------------------------------------------------------------------------------
    @property
    def state(self) -> PlayoutState:
        return self._state

    @property
    def buffered(self) -> int:
        """Samples queued and not yet pulled."""
        return self._buffered

    @property
    def buffered_ms(self) -> float:
        return 1000.0 * self._buffered / self.rate

    @property
    def jitter_ms(self) -> float:
        """Smoothed lateness of arrivals relative to real-time pacing."""
        return 1000.0 * self._jitter

    @property
    def measured(self) -> bool:
        """Whether enough arrivals were timed for the jitter to set the target."""
        return self._measured >= self.config.measured_after

    @property
    def target_ms(self) -> float:
        """The depth playout waits for now (adaptive, see the module docstring)."""
        cfg = self.config
        base = cfg.min_target_ms if self.measured else cfg.target_ms
        wanted = max(base, cfg.jitter_factor * self.jitter_ms) + self._boost_ms
        return min(cfg.max_target_ms, wanted)

    def ready_at(self) -> float | None:
        """When a buffering queue will start playing by waiting alone (the monotonic time at
        which its oldest audio has waited ``target``), or None when not buffering. For the
        pump, so that it wakes then rather than polling."""
        if self._state is not PlayoutState.BUFFERING or self._buffering_since is None:
            return None
        return self._buffering_since + self.target_ms / 1000.0

    @property
    def ended(self) -> bool:
        return self._ended

    # -- producer ----------------------------------------------------------------------------
    def push(self, samples: npt.ArrayLike, now: float, duration: float | None = None) -> None:
        """Queue a chunk that arrived at ``now``; adapt the target to how late it was.

        ``duration`` is the audio the chunk carried as it arrived (seconds), when that differs
        from ``len(samples) / rate``: after a streaming resampler, which holds samples back and
        releases them in uneven pieces, the arrival pattern is the source's, not the output's.
        """
        x = np.array(samples, dtype=np.float32).reshape(-1)  # a copy: callers reuse buffers
        if self._state is PlayoutState.STARVED:
            if (now - self._starved_at) * 1000.0 >= self.config.new_stream_gap_ms:
                self.end_stream()  # a long silence: that stream was over, this is the next one
            else:
                self.underruns += 1
                self._stream_underruns += 1
                self._boost_ms = min(
                    self.config.max_target_ms, self._boost_ms + self.config.underrun_step_ms
                )
            self._state = PlayoutState.IDLE
        if self._last_arrival is not None and not self._ended:
            # Lateness: how much longer the wait was than the audio the previous chunk carried.
            # Fast attack, slow release: one late chunk raises the estimate at once, and it
            # takes a run of punctual ones to bring it down again.
            lateness = max(0.0, (now - self._last_arrival) - self._last_duration)
            weight = 0.25 if lateness > self._jitter else self.config.smoothing
            self._jitter += (lateness - self._jitter) * weight
            self._measured += 1
        self._last_arrival = now
        self._last_duration = x.size / self.rate if duration is None else duration
        if self._ended:  # the first chunk of a new stream
            self._ended = False
            self._stream_underruns = 0
        if self._state is PlayoutState.IDLE:
            self._state = PlayoutState.BUFFERING
            self._buffering_since = now
        if x.size:
            self._chunks.append(x)
            self._buffered += x.size
            self.pushed_total += x.size

    def end_stream(self, tail: npt.ArrayLike | None = None) -> None:
        """No more audio for this stream: play out what is queued without waiting for the target.

        ``tail`` (the last samples a resampler held back) is queued first; it is not an arrival,
        so it does not count towards the lateness estimate. A stream that played without
        underruns relaxes the extra depth earlier underruns added.
        """
        if tail is not None and not self._ended:
            x = np.array(tail, dtype=np.float32).reshape(-1)
            if x.size:
                if self._state in (PlayoutState.IDLE, PlayoutState.STARVED):
                    self._state = PlayoutState.BUFFERING
                    self._buffering_since = self._last_arrival
                self._chunks.append(x)
                self._buffered += x.size
                self.pushed_total += x.size
        self._ended = True
        if self._stream_underruns == 0:
            self._boost_ms /= 2
        if self._state is PlayoutState.STARVED or (
            self._state is PlayoutState.BUFFERING and self._buffered == 0
        ):
            self._state = PlayoutState.IDLE

    def flush(self) -> int:
        """Drop everything queued (the user interrupted); return how many samples were dropped."""
        dropped = self._buffered
        self._chunks.clear()
        self._head = 0
        self._buffered = 0
        self._state = PlayoutState.IDLE
        self._ended = True
        self._stream_underruns = 0
        self._last_arrival = None
        return dropped

    # -- consumer ----------------------------------------------------------------------------
    def pull(self, n: int, now: float, downstream: int = 0) -> FloatArray:
        """Up to ``n`` samples that may be played now (possibly none).

        ``downstream`` is how much audio the device side still holds: an empty queue only means
        playout ran dry when a pull finds nothing here and nothing there.
        """
        if self._state is PlayoutState.BUFFERING and self._ready(now):
            self._state = PlayoutState.PLAYING
            self.starts += 1
        if self._state is not PlayoutState.PLAYING or n <= 0:
            return np.zeros(0, dtype=np.float32)
        take = min(n, self._buffered)
        if take == 0 and downstream <= 0:
            # Nothing left here or on the device: playout has run dry.
            self._state = PlayoutState.IDLE if self._ended else PlayoutState.STARVED
            self._starved_at = now
        return self._take(take)

    def _ready(self, now: float) -> bool:
        if self._ended:
            return True
        if self.buffered_ms >= self.target_ms:
            return True
        since = self._buffering_since if self._buffering_since is not None else now
        return self._buffered > 0 and (now - since) * 1000.0 >= self.target_ms

    def _take(self, n: int) -> FloatArray:
        out = np.empty(n, dtype=np.float32)
        filled = 0
        while filled < n:
            chunk = self._chunks[0]
            part = min(n - filled, chunk.size - self._head)
            out[filled : filled + part] = chunk[self._head : self._head + part]
            filled += part
            self._head += part
            if self._head == chunk.size:
                self._chunks.popleft()
                self._head = 0
        self._buffered -= n
        self.pulled_total += n
        return out

    def __repr__(self) -> str:
        return (
            f"JitterBuffer({self._state.value}, buffered={self.buffered_ms:.0f} ms, "
            f"target={self.target_ms:.0f} ms, jitter={self.jitter_ms:.1f} ms, "
            f"underruns={self.underruns})"
        )
