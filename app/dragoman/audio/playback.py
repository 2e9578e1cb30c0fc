"""Playback of translated speech to a "call" output and an optional "monitor" output.

Path per output: :meth:`Player.enqueue` (float32 mono at any rate, as chunks arrive) → soxr to
the device's own rate → :class:`~dragoman.core.jitter.JitterBuffer` (when to start, pause, resume)
→ the *pump*, an asyncio task that keeps about ``ring_ms`` of audio in a
:class:`~dragoman.core.ring.SampleRing` → the PortAudio callback, which copies from the ring.

The callback (CONVENTIONS #5) copies, counts and stamps; the one piece of arithmetic it does is on
preallocated arrays: when the ring runs dry mid-signal it ramps the last frame down to silence over
``fade_ms``, and when audio returns it ramps it up again, so a gap is a soft pause, never a click.
Nothing is ever sped up, skipped or time-stretched (see :mod:`dragoman.core.jitter`).

Either output may be None. When both name the same device it is opened once, at the call volume:
playing the same voice twice into one device would only double it.

Latency, from arrival to the device (see issue 14): the resampler is the low-delay polyphase path
(1.5 ms of group delay for 24 → 48 or 44.1 kHz, where soxr held back ~21 ms); the jitter buffer
starts from the measured arrival jitter (see :mod:`dragoman.core.jitter`); the device gets 10 ms
blocks and the smallest buffer PortAudio offers, 20 ms, and only an output that reports an
underflow (PortAudio's flag: the callback came too late) is reopened, once idle, a step larger
(30, 45, then 70 ms). Measured on the test bed with another thread holding the GIL for 25 ms at a
time: a 20 ms buffer underflowed (45 in 4 s), 40 ms did not; unloaded, 20 ms never did.

Barge-in (see :mod:`dragoman.controller`): :meth:`Player.pause` stops the output the microphone
hears at once, the way :meth:`Player.flush` does (the callback drops its ring at its next block
and fades the last frame out over ``fade_ms``), and drops what arrives for that output until
:meth:`Player.resume`; the other output plays on. Nothing is kept for later: the transcript rows
keep the whole translated speech for a replay. Never blocks.

Nothing runs at rest: the pump wakes on a timer only while audio is queued or sounding (every
other device block, phase-locked to the callbacks, and when a short reply's wait or a fade's end
is due), otherwise it sleeps on an event. An idle output is closed ``release_after`` seconds after
the last audio (None: kept open) and reopened by the next :meth:`Player.enqueue`. Device presence
comes from whoever watches the devices (:meth:`Player.check_presence`), not from polling.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt

from dragoman.audio import portaudio
from dragoman.audio.devices import DeviceInfo
from dragoman.audio.resample import LOW_DELAY, StreamResampler
from dragoman.blocking import run_blocking
from dragoman.core import counters
from dragoman.core.errors import AudioDeviceError
from dragoman.core.jitter import JitterBuffer, JitterConfig, PlayoutState
from dragoman.core.ring import SampleRing, StampLog

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float32]
Which = Literal["call", "monitor"]

_FALLBACK_RATES: Final = (48_000, 44_100, 24_000)
_LATENCY_MARGIN_S: Final = 0.05
BLOCK_MS: Final = 10
DEVICE_LATENCIES: Final = (0.020, 0.030, 0.045, 0.070)
"""Device buffer sizes asked of PortAudio, smallest first; an output that underflows moves up."""
_LATE_SLACK_S: Final = 0.0005


@dataclass(frozen=True, slots=True)
class OutputStats:
    """Counters of one output since it was opened."""

    device: str
    rate: int
    channels: int
    callbacks: int
    underruns: int
    """Audible gaps: playout ran dry mid-stream and resumed when more audio arrived."""
    runouts: int
    """Times the callback found the ring empty after playing audio (gaps and stream ends)."""
    output_underflows: int
    """Callbacks PortAudio flagged as output underflow."""
    played_frames: int
    jitter_target_ms: float
    latencies: tuple[float, ...]
    """Enqueue → estimated arrival at the device's output, seconds, per enqueued chunk."""
    arrival_jitter_ms: float = 0.0
    """The jitter buffer's smoothed lateness of arrivals."""
    device_latency_ms: float = 0.0
    """PortAudio's output latency of the open stream (0 while closed)."""
    latency_step: int = 0
    """Index into :data:`DEVICE_LATENCIES`: how often underflows made the buffer grow."""


@dataclass(frozen=True, slots=True)
class PlayoutCounters:
    """What the bench reads: gaps, device underflows and the jitter buffer's state, summed or
    taken from the first output."""

    underruns: int
    """Audible gaps, all outputs (the jitter buffer ran dry mid-stream)."""
    output_underflows: int
    """Callbacks PortAudio flagged as output underflow, all outputs."""
    jitter_target_ms: float
    """The start target now (first output)."""
    arrival_jitter_ms: float
    """Measured lateness of arrivals (first output)."""
    device_latency_ms: float
    """PortAudio's latency of the first output's stream (0 while closed)."""
    latency_step: int
    """How often underflows made the first output's device buffer grow."""
    starts: int
    """Times playout started (first output)."""
    runouts: int = 0
    """Times the first output's callback found its ring empty after audio, since its stream
    opened. Each start ends in one (a stream's end, or an underrun); more than ``starts`` means
    the ring ran dry while the jitter buffer still had the stream going (a late pump)."""


class _OutputTap:
    """The PortAudio callback: copy from the ring, fade at gaps, stamp, count.

    When the ring runs dry mid-signal, the last frame played is ramped down to silence over
    ``fade_len`` frames (across as many callbacks as that takes); audio that comes back is ramped
    up over the same length, and added to what is left of the ramp-down, so there is no step at
    either edge of a gap. Every array is preallocated; the arithmetic is a few in-place ufuncs.
    """

    __slots__ = (
        "callbacks",
        "clock",
        "fade_in",
        "fade_out",
        "flush_requested",
        "held",
        "in_pos",
        "last",
        "live",
        "out_pos",
        "output_underflows",
        "quiet_at",
        "ring",
        "runouts",
        "scratch",
        "stamps",
    )

    def __init__(
        self, ring: SampleRing, stamps: StampLog, fade_len: int, clock: Callable[[], float]
    ) -> None:
        self.ring = ring
        self.stamps = stamps
        self.clock = clock
        n = max(1, fade_len)
        ramp = np.linspace(0.0, 1.0, n + 2, dtype=np.float32)[1:-1]
        self.fade_in = ramp.reshape(n, 1).copy()
        self.fade_out = ramp[::-1].reshape(n, 1).copy()
        self.scratch = np.zeros((n, ring.channels), dtype=np.float32)
        self.last = np.zeros(ring.channels, dtype=np.float32)  # the last frame played
        self.held = np.zeros(ring.channels, dtype=np.float32)  # the frame being ramped down
        self.live = False
        self.in_pos = n  # progress of the ramp-up; n = none under way
        self.out_pos = n  # progress of the ramp-down; n = none under way
        self.quiet_at = 0.0  # callback time at which the last ramp-down ended
        self.flush_requested = False
        self.callbacks = 0
        self.runouts = 0
        self.output_underflows = 0

    @property
    def fading(self) -> bool:
        return self.out_pos < len(self.fade_out)

    def __call__(self, outdata: FloatArray, frames: int, time_info: Any, status: Any) -> None:
        now = self.clock()
        if self.flush_requested:
            self.flush_requested = False
            self.ring.discard()
        n = self.ring.read_into(outdata)
        fade_len = len(self.fade_out)
        if n > 0:
            if not self.live:
                self.live = True
                self.in_pos = 0
            if self.in_pos < fade_len:
                k = min(n, fade_len - self.in_pos)
                ramp = self.fade_in[self.in_pos : self.in_pos + k]
                np.multiply(outdata[:k], ramp, out=outdata[:k])
                self.in_pos += k
            if self.out_pos < fade_len:  # cross-fade with what is left of the ramp-down
                m = min(n, fade_len - self.out_pos)
                ramp = self.fade_out[self.out_pos : self.out_pos + m]
                np.multiply(ramp, self.held, out=self.scratch[:m])
                np.add(outdata[:m], self.scratch[:m], out=outdata[:m])
                self.out_pos += m
            self.last[:] = outdata[n - 1]
        if n < frames:
            rest = outdata[n:]
            if self.live:
                self.live = False
                self.runouts += 1
                self.held[:] = self.last
                self.out_pos = 0
                self.in_pos = fade_len
            m = min(frames - n, fade_len - self.out_pos)
            if m > 0:
                ramp = self.fade_out[self.out_pos : self.out_pos + m]
                np.multiply(ramp, self.held, out=rest[:m])
                self.out_pos += m
                if self.out_pos == fade_len:
                    self.quiet_at = now
            rest[max(m, 0) :].fill(0.0)
            if m > 0:
                self.last[:] = rest[m - 1]
        self.stamps.record(self.ring.read_total, now)
        self.callbacks += 1
        if status and status.output_underflow:
            self.output_underflows += 1


class _Output:
    """One device: resampler, jitter buffer, ring, stream, and latency bookkeeping."""

    def __init__(
        self,
        which: Which,
        device: DeviceInfo,
        volume: float,
        *,
        jitter: JitterConfig | None,
        ring_ms: float,
        fade_ms: float,
        clock: Callable[[], float],
    ) -> None:
        self.which = which
        self.device = device
        self.volume = volume
        self.rate = device.native_rate
        self.channels = device.native_channels("output")
        self._jitter_config = jitter
        self._ring_ms = ring_ms
        self._fade_ms = fade_ms
        self._clock = clock
        self.jb = JitterBuffer(self.rate, jitter)
        self._resampler: StreamResampler | None = None
        self.ring: SampleRing | None = None
        self.stamps: StampLog | None = None
        self.tap: _OutputTap | None = None
        self.stream: Any = None
        self.latency = 0.0
        self.opened_at = 0.0
        self.failed: AudioDeviceError | None = None
        self.opening: asyncio.Task[None] | None = None
        self.closing: asyncio.Task[None] | None = None
        self.latency_step = 0
        self.underflows_seen = 0  # output underflows already answered with a larger buffer
        self.blocksize = max(1, round(self.rate * BLOCK_MS / 1000))
        # jitter-buffer index ranges → ring positions, for latency and first-played times
        self.segments: collections.deque[tuple[int, int, int]] = collections.deque(maxlen=512)
        self.probes: collections.deque[tuple[int, float]] = collections.deque(maxlen=4096)
        self.start_probes: collections.deque[int] = collections.deque(maxlen=64)
        self.latencies: collections.deque[float] = collections.deque(maxlen=2000)
        self.first_played_at: list[float] = []
        self._last_starts = 0
        self.paused = False  # barge-in: nothing is queued or played until resumed
        self.muted = False  # "mute all" (the call output): nothing is queued until unmuted

    @property
    def ring_target(self) -> int:
        return max(1, round(self._ring_ms / 1000.0 * self.rate))

    def accept(self, samples: FloatArray, rate: int, now: float) -> None:
        if self._resampler is None or self._resampler.in_rate != rate:
            if self._resampler is not None:
                tail = self._resampler.process(np.zeros(0, dtype=np.float32), last=True)
                self.jb.push(tail, now, 0.0)
            self._resampler = StreamResampler(rate, self.rate, LOW_DELAY)
        if samples.size:  # an empty chunk has no first sample to time
            self.probes.append((self.jb.pushed_total, now))
        self.jb.push(self._resampler.process(samples), now, samples.size / rate)

    def end_stream(self) -> None:
        tail = None
        if self._resampler is not None:
            tail = self._resampler.process(np.zeros(0, dtype=np.float32), last=True)
        self.jb.end_stream(tail)

    def flush(self) -> int:
        """Drop everything queued; the samples dropped from the jitter buffer (the ring's few
        milliseconds, dropped by the callback, are not counted)."""
        dropped = self.jb.flush()
        if self._resampler is not None:
            self._resampler.reset()
        if self.tap is not None:
            self.tap.flush_requested = True
        self.probes.clear()
        self.start_probes.clear()
        return dropped

    # -- device --------------------------------------------------------------------------
    def open_blocking(self) -> None:
        candidates = [(self.rate, self.channels)] + [(r, self.channels) for r in _FALLBACK_RATES]
        candidates += [(r, 1) for r, _ in list(candidates)]
        first_error: AudioDeviceError | None = None
        tried: list[tuple[int, int]] = []
        for rate, channels in candidates:
            if (rate, channels) in tried:
                continue
            tried.append((rate, channels))
            ring = SampleRing(max(rate, 4 * self.ring_target), channels)  # >= 1 s
            stamps = StampLog()
            tap = _OutputTap(ring, stamps, round(self._fade_ms / 1000.0 * rate), self._clock)
            try:
                stream = portaudio.open_stream(
                    "output",
                    device_index=self.device.index,
                    device_label=self.device.name,
                    pulse_name=self.device.pulse_name,
                    samplerate=rate,
                    channels=channels,
                    callback=tap,
                    blocksize=max(1, round(rate * BLOCK_MS / 1000)),
                    # The smallest buffer that has not underflowed here yet (module docstring).
                    latency=DEVICE_LATENCIES[self.latency_step],
                )
            except AudioDeviceError as error:
                first_error = first_error or error
                continue
            try:
                portaudio.start_stream(stream, self.device.name)
            except AudioDeviceError as error:
                portaudio.close_stream(stream)
                first_error = first_error or error
                continue
            if rate != self.rate:
                # Audio already queued was resampled for the rate we hoped for: redo from here.
                self.jb.flush()
                self.jb = JitterBuffer(rate, self._jitter_config)
                self._resampler = None
                self.probes.clear()
            self.rate, self.channels = rate, channels
            self.ring, self.stamps, self.tap = ring, stamps, tap
            self.blocksize = max(1, round(rate * BLOCK_MS / 1000))
            self.underflows_seen = 0  # a new tap counts from zero
            try:
                self.latency = float(stream.latency)
            except (TypeError, ValueError):
                self.latency = 0.0
            self.opened_at = self._clock()
            self.stream = stream
            log.info(
                "%s output opened: %s at %d Hz, %d ch", self.which, self.device, rate, channels
            )
            return
        assert first_error is not None
        raise first_error

    def close_blocking(self) -> None:
        self.close_stream_blocking(self.detach())

    def detach(self) -> Any:
        """Let go of the stream (on the loop); :meth:`close_stream_blocking` closes it."""
        stream, self.stream = self.stream, None
        return stream

    def close_stream_blocking(self, stream: Any) -> None:
        if stream is not None:
            portaudio.close_stream(stream)
            log.info("%s output closed: %s", self.which, self.device)

    # -- pump side -----------------------------------------------------------------------
    def feed(self, now: float) -> None:
        ring = self.ring
        if ring is None:
            return
        queued = ring.available
        need = self.ring_target - queued
        if need <= 0:
            return
        starts_before = self.jb.starts
        jb_start = self.jb.pulled_total
        chunk = self.jb.pull(need, now, downstream=queued)
        if self.jb.starts != starts_before:
            self.start_probes.append(jb_start)
        if chunk.size == 0:
            return
        if self.volume != 1.0:
            chunk *= np.float32(self.volume)
        block = chunk if self.channels == 1 else np.repeat(chunk[:, None], self.channels, axis=1)
        written = ring.write(block)
        self.segments.append((jb_start, ring.written - written, written))

    def _ring_position(self, jb_index: int) -> int | None:
        for jb_start, ring_start, n in reversed(self.segments):
            if jb_start <= jb_index < jb_start + n:
                return ring_start + (jb_index - jb_start)
        return None

    def resolve_times(self) -> list[float]:
        """Turn pending probes into times, once the callback has played their samples; return
        the first-played times found now."""
        started: list[float] = []
        stamps = self.stamps
        if stamps is None:
            return started
        pulled = self.jb.pulled_total
        while self.probes and self.probes[0][0] < pulled:
            jb_index, enqueued = self.probes[0]
            pos = self._ring_position(jb_index)
            if pos is None:
                self.probes.popleft()  # flushed, or older than the bookkeeping
                continue
            played = stamps.time_of(pos)
            if played is None:
                if _played_long_ago(stamps, pos):
                    self.probes.popleft()
                    continue
                break
            self.latencies.append(played + self.latency - enqueued)
            self.probes.popleft()
        while self.start_probes and self.start_probes[0] < pulled:
            pos = self._ring_position(self.start_probes[0])
            if pos is None:
                self.start_probes.popleft()
                continue
            played = stamps.time_of(pos)
            if played is None:
                if _played_long_ago(stamps, pos):
                    self.start_probes.popleft()
                    continue
                break
            self.first_played_at.append(played + self.latency)
            started.append(played + self.latency)
            self.start_probes.popleft()
        return started

    def sounding(self, now: float) -> bool:
        """Audio queued, playing, ramping down, or still on its way out of the device."""
        if self.jb.state in (PlayoutState.BUFFERING, PlayoutState.PLAYING) or self.jb.buffered:
            return True
        ring, tap = self.ring, self.tap
        if ring is None or tap is None:
            return False
        if ring.available > 0 or tap.live or tap.fading:
            return True
        # The ramp-down was handed over at quiet_at; the device plays it a latency later (plus
        # a margin: PortAudio's figure leaves out the sound server's own buffering).
        return now < tap.quiet_at + self.latency + _LATENCY_MARGIN_S

    def settled(self) -> bool:
        """Nothing left that the callback would still fade out (safe to close without a click)."""
        tap, ring = self.tap, self.ring
        if tap is None or ring is None:
            return True
        return ring.available == 0 and not tap.live and not tap.fading

    def stats(self) -> OutputStats:
        tap, ring = self.tap, self.ring
        return OutputStats(
            device=self.device.name,
            rate=self.rate,
            channels=self.channels,
            callbacks=tap.callbacks if tap else 0,
            underruns=self.jb.underruns,
            runouts=tap.runouts if tap else 0,
            output_underflows=tap.output_underflows if tap else 0,
            played_frames=ring.read_total if ring else 0,
            jitter_target_ms=self.jb.target_ms,
            latencies=tuple(self.latencies),
            arrival_jitter_ms=self.jb.jitter_ms,
            device_latency_ms=1000.0 * self.latency if self.stream is not None else 0.0,
            latency_step=self.latency_step,
        )

    def next_due(self, now: float, every: int) -> float | None:
        """When the pump should look at this output again, or None if nothing is pending.

        Sounding: ``every`` device blocks after the newest callback (phase-locked, so each
        look finds the ring that much lower); buffering: when the wait for the start target
        is over; fading out: when the fade has left the device.
        """
        if self.stream is None or self.failed is not None:
            return None
        due: list[float] = []
        ready = self.jb.ready_at()
        if ready is not None:
            due.append(ready)
        tap, ring, stamps = self.tap, self.ring, self.stamps
        if tap is None or ring is None or stamps is None:
            return min(due, default=None)
        busy = (
            ring.available > 0
            or tap.live
            or tap.fading
            or self.jb.state is PlayoutState.PLAYING
            or bool(self.probes)
            or bool(self.start_probes)
        )
        last = stamps.last()
        if busy:
            period = self.blocksize / self.rate
            due.append((last[1] if last is not None else now) + every * period)
        elif self.sounding(now):
            due.append(tap.quiet_at + self.latency + _LATENCY_MARGIN_S)
        return min(due, default=None)


class Player:
    """Plays translated audio to the call and/or monitor outputs (see the module docstring)."""

    def __init__(
        self,
        call_device: DeviceInfo | None,
        monitor_device: DeviceInfo | None,
        *,
        call_volume: float = 1.0,
        monitor_volume: float = 1.0,
        on_playing: Callable[[bool], None] | None = None,
        on_first_played: Callable[[float], None] | None = None,
        on_error: Callable[[AudioDeviceError], None] | None = None,
        jitter: JitterConfig | None = None,
        ring_ms: float = 40.0,
        fade_ms: float = 5.0,
        release_after: float | None = None,
        pump_blocks: int = 2,
        pump_interval: float = 0.002,
        start_timeout: float = 5.0,
        stall_timeout: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``release_after``: seconds of silence after which idle outputs are closed (None:
        never); ``pump_blocks``: device blocks between the pump's looks while sounding;
        ``pump_interval``: how soon to look again when a callback is late."""
        for device in (call_device, monitor_device):
            if device is not None and not device.is_output:
                raise AudioDeviceError(f"“{device.name}” is not an output device.")
        if pump_blocks < 1:
            raise ValueError(f"pump_blocks must be at least 1, got {pump_blocks}")
        self.on_playing = on_playing
        self.on_first_played = on_first_played
        self.on_error = on_error
        self.pump_blocks = pump_blocks
        self.pump_interval = pump_interval
        self._release_after = _release_seconds(release_after)
        self._release_timer: asyncio.TimerHandle | None = None
        self._idle_since: float | None = None
        self._closings: set[asyncio.Task[None]] = set()
        self.releases = 0
        """Times idle outputs were closed by ``release_after``."""
        self.pauses = 0
        """Times :meth:`pause` stopped an output (barge-in)."""
        self.paused_samples = 0
        """Samples (at the device rate) dropped by :meth:`pause` or while paused."""
        self.start_timeout = start_timeout
        self.stall_timeout = stall_timeout
        self._clock = clock
        self._outputs: dict[Which, _Output] = {}
        same = (
            call_device is not None
            and monitor_device is not None
            and call_device.id == monitor_device.id
        )
        wanted: list[tuple[Which, DeviceInfo | None, float]] = [
            ("call", call_device, call_volume),
            ("monitor", None if same else monitor_device, monitor_volume),
        ]
        for which, device, volume in wanted:
            if device is not None:
                self._outputs[which] = _Output(
                    which,
                    device,
                    _volume(volume),
                    jitter=jitter,
                    ring_ms=ring_ms,
                    fade_ms=fade_ms,
                    clock=clock,
                )
        self._same = same
        self._playing = False
        self._pump: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._closed = False
        self.error: AudioDeviceError | None = None

    # -- public API ----------------------------------------------------------------------------
    @property
    def outputs(self) -> tuple[Which, ...]:
        return tuple(self._outputs)

    @property
    def is_playing(self) -> bool:
        return self._playing

    @property
    def first_played_at(self) -> list[float]:
        """Monotonic times at which each stream's first sample reached the (first) output.

        Known only once that sample has been played (a jitter-buffer target and a device latency
        after ``on_playing(True)``); ``on_first_played`` reports each one as it becomes known.
        """
        primary = self._primary()
        return list(primary.first_played_at) if primary else []

    def _primary(self) -> _Output | None:
        return next(iter(self._outputs.values()), None)

    @property
    def stats(self) -> dict[Which, OutputStats]:
        return {which: out.stats() for which, out in self._outputs.items()}

    @property
    def underruns(self) -> int:
        return sum(out.jb.underruns for out in self._outputs.values())

    @property
    def playout(self) -> PlayoutCounters:
        """Gaps, device underflows, the start target and the measured arrival jitter."""
        primary = self._primary()
        first = primary.stats() if primary is not None else None
        return PlayoutCounters(
            underruns=self.underruns,
            output_underflows=sum(
                out.tap.output_underflows for out in self._outputs.values() if out.tap
            ),
            jitter_target_ms=first.jitter_target_ms if first else 0.0,
            arrival_jitter_ms=first.arrival_jitter_ms if first else 0.0,
            device_latency_ms=first.device_latency_ms if first else 0.0,
            latency_step=first.latency_step if first else 0,
            starts=primary.jb.starts if primary is not None else 0,
            runouts=first.runouts if first else 0,
        )

    @property
    def release_after(self) -> float | None:
        return self._release_after

    @property
    def is_open(self) -> bool:
        """Whether any output stream is open now."""
        return any(out.stream is not None for out in self._outputs.values())

    def set_release_after(self, seconds: float | None) -> None:
        """Close idle outputs ``seconds`` after the last audio (None: keep them open); counts
        from when the player last fell silent. A closed output reopens at the next enqueue."""
        self._release_after = _release_seconds(seconds)
        self._disarm_release()
        self._wake.set()

    def check_presence(self, devices: Iterable[DeviceInfo]) -> bool:
        """Compare with the sound server's current device list: an output whose sink is gone
        fails with a sentence (the others play on). True if every output is present.

        The sound server moves the stream of a vanished sink to another one, so the stream
        itself would carry on, audibly in the wrong place: whoever watches the devices calls
        this."""
        sinks = {d.pulse_name for d in devices if d.is_output and d.pulse_name is not None}
        present = True
        for out in self._outputs.values():
            name = out.device.pulse_name
            if name is None or name in sinks:
                continue
            present = False
            if out.failed is None and (out.stream is not None or out.opening is not None):
                self._fail(
                    out,
                    AudioDeviceError(
                        f"The output “{out.device.name}” was disconnected. Reconnect it or pick "
                        "another output."
                    ),
                )
        return present

    async def start(self) -> None:
        """Open the outputs now (otherwise the first :meth:`enqueue` does): AudioDeviceError if
        none can be opened."""
        self._ensure_pump()
        for out in self._outputs.values():
            self._ensure_open(out)
        tasks = [out.opening for out in self._outputs.values() if out.opening is not None]
        if tasks:
            await asyncio.gather(*tasks)
        live = [out for out in self._outputs.values() if out.stream is not None]
        if self._outputs and not live:
            failed = next(out.failed for out in self._outputs.values() if out.failed)
            raise failed

    def enqueue(
        self, samples: npt.ArrayLike, rate: int, *, outputs: tuple[str, ...] | None = None
    ) -> None:
        """Queue translated audio (mono float32 at ``rate``) as it arrives. Never blocks.

        ``outputs`` limits it to some outputs ("monitor" for a replay); when both name the same
        device the one stream opened there plays it."""
        if self._closed:
            return
        x = np.asarray(samples, dtype=np.float32).reshape(-1)
        now = self._clock()
        for which, out in self._outputs.items():
            if out.failed is not None:
                continue
            if (
                outputs is not None
                and which not in outputs
                and not (self._same and "monitor" in outputs)
            ):
                continue
            if out.paused:
                self.paused_samples += round(x.size * out.rate / rate)
                continue
            if out.muted:
                continue
            out.accept(x, rate, now)
            self._ensure_open(out)
        self._idle_since = None
        self._disarm_release()
        self._ensure_pump()
        self._update_playing(now)
        self._wake.set()

    def end_stream(self) -> None:
        """The current stream (turn) is complete: play out the rest without waiting."""
        for out in self._outputs.values():
            out.end_stream()
        self._wake.set()

    def flush(self) -> None:
        """Stop at once (with a short fade) and drop everything queued."""
        for out in self._outputs.values():
            out.flush()
        self._wake.set()

    def pause(self, which: Which = "monitor") -> bool:
        """Barge-in: stop output ``which`` at once (a ``fade_ms`` fade, within one device block
        plus the device's own buffer) and drop what it had queued and what arrives for it until
        :meth:`resume`. "monitor" means the one shared output when call and monitor are the
        same device. True when the output was sounding (something was cut)."""
        out = self._outputs.get(which)
        if out is None and which == "monitor" and self._same:
            out = self._outputs.get("call")
        if out is None or out.paused:
            return False
        cut = out.sounding(self._clock())
        out.paused = True
        self.pauses += 1
        self.paused_samples += out.flush()
        if cut:
            self._wake.set()  # the pump sees it fall silent (on_playing) and rests
        log.info("%s output paused (barge-in)%s", out.which, ": playback cut" if cut else "")
        return cut

    def resume(self) -> None:
        """End :meth:`pause`: the next audio enqueued plays again."""
        for out in self._outputs.values():
            if out.paused:
                out.paused = False
                log.info("%s output resumed", out.which)

    def set_call_muted(self, muted: bool) -> None:
        """ "Mute all": nothing reaches the call output until unmuted (what it had queued is
        dropped at once, with the ``fade_ms`` fade, as :meth:`flush` does); the monitor plays
        on. When call and monitor are one device, that one device is muted."""
        out = self._outputs.get("call")
        if out is None or out.muted == muted:
            return
        out.muted = muted
        if muted:
            out.flush()
            self._wake.set()  # the pump sees it fall silent (on_playing) and rests
        log.info("call output %s (mute all)", "muted" if muted else "unmuted")

    @property
    def paused(self) -> tuple[Which, ...]:
        """The outputs :meth:`pause` holds silent now."""
        return tuple(which for which, out in self._outputs.items() if out.paused)

    def set_volume(self, which: Which, volume: float) -> None:
        """Volume of the "call" or "monitor" output, 0..2 (takes effect within ``ring_ms``)."""
        if which not in ("call", "monitor"):
            raise ValueError(f"which must be 'call' or 'monitor', got {which!r}")
        out = self._outputs.get(which)
        if out is not None:
            out.volume = _volume(volume)

    async def close(self) -> None:
        """Fade out whatever is playing, then close the devices."""
        self.flush()
        # The callback thread may not signal (CONVENTIONS #5): look every 5 ms, for at most
        # 250 ms, until the fade-out has been handed to the device.
        for _ in range(50):
            if all(out.settled() for out in self._outputs.values()):
                break
            await asyncio.sleep(0.005)
        self._closed = True
        self._disarm_release()
        pump, self._pump = self._pump, None
        if pump is not None:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump
        for out in self._outputs.values():
            if out.opening is not None:  # finishes in its thread anyway: wait, then close it
                await out.opening
            if out.closing is not None:
                await out.closing
            await run_blocking(out.close_blocking)
        while self._closings:  # releases and reopenings started earlier
            await asyncio.gather(*self._closings)
        if self._playing:
            self._playing = False
            if self.on_playing is not None:
                self.on_playing(False)

    # -- internals -----------------------------------------------------------------------------
    def _ensure_open(self, out: _Output) -> None:
        if out.stream is not None or out.failed is not None:
            return
        if out.opening is None or out.opening.done():
            out.opening = asyncio.get_running_loop().create_task(
                self._open(out), name=f"open-{out.which}-output"
            )

    async def _open(self, out: _Output) -> None:
        try:
            await run_blocking(out.open_blocking)
        except AudioDeviceError as error:
            self._fail(out, error)
            return
        self._wake.set()

    def _fail(self, out: _Output, error: AudioDeviceError) -> None:
        log.warning("%s output failed: %s", out.which, error)
        out.failed = error
        out.flush()
        self.error = error
        if out.stream is not None and out.closing is None:
            # Owned: awaited by close().
            out.closing = asyncio.get_running_loop().create_task(
                _close_output(out), name=f"close-{out.which}-output"
            )
        if self.on_error is not None:
            self.on_error(error)

    def _ensure_pump(self) -> None:
        if self._closed:
            return
        if self._pump is None or self._pump.done():
            self._pump = asyncio.get_running_loop().create_task(self._run(), name="player-pump")

    async def _run(self) -> None:
        """The pump; an unexpected exception in it fails every output with a sentence (through
        ``on_error``, once) instead of leaving the translated voice silent."""
        try:
            await self._pump_loop()
        except Exception as error:
            log.exception("player pump failed")
            self._fail_all(
                AudioDeviceError(
                    f"Audio playback stopped unexpectedly ({type(error).__name__}: {error}). "
                    "Pick the outputs again in Settings to reopen them; the log has the details."
                )
            )

    def _fail_all(self, error: AudioDeviceError) -> None:
        self.error = error
        for out in self._outputs.values():
            if out.failed is None:
                out.failed = error
                out.flush()
                if out.stream is not None and out.closing is None:
                    out.closing = asyncio.get_running_loop().create_task(
                        _close_output(out), name=f"close-{out.which}-output"
                    )
        self._update_playing(self._clock())
        if self.on_error is not None:
            self.on_error(error)

    async def _pump_loop(self) -> None:
        while True:
            self._wake.clear()
            now = self._clock()
            for out in list(self._outputs.values()):
                if out.stream is None or out.failed is not None:
                    continue
                out.feed(now)
                started = out.resolve_times()
                if started and self.on_first_played is not None and out is self._primary():
                    for when in started:
                        self.on_first_played(when)
                self._check_health(out, now)
            self._update_playing(now)
            due: list[float] = []
            for out in self._outputs.values():
                next_look = out.next_due(now, self.pump_blocks)
                if next_look is not None:
                    due.append(next_look)
            if due:
                delay = min(due) + _LATE_SLACK_S - self._clock()
                await self._sleep(delay if delay > 0 else self.pump_interval)
                continue
            # Silent: answer underflows with a larger device buffer, then rest (no timer but
            # the one that releases idle outputs).
            for out in list(self._outputs.values()):
                self._grow_latency_if_underflowed(out)
            if self._idle_since is None:
                self._idle_since = self._clock()
            self._arm_release()
            await self._wake.wait()

    async def _sleep(self, delay: float) -> None:
        """Wait ``delay`` or until woken; count the wake-up if it was the timer's."""
        timer = asyncio.get_running_loop().call_later(delay, self._timer_fired)
        try:
            await self._wake.wait()
        finally:
            timer.cancel()

    def _timer_fired(self) -> None:
        counters.add(counters.PLAYER_TIMER)
        self._wake.set()

    def _grow_latency_if_underflowed(self, out: _Output) -> None:
        """An idle output whose device underflowed is reopened with the next larger buffer."""
        tap = out.tap
        if out.stream is None or out.failed is not None or tap is None:
            return
        if tap.output_underflows <= out.underflows_seen:
            return
        out.underflows_seen = tap.output_underflows
        if out.latency_step + 1 >= len(DEVICE_LATENCIES):
            return
        out.latency_step += 1
        log.info(
            "%s output underflowed: reopening with a %.0f ms buffer",
            out.which,
            1000 * DEVICE_LATENCIES[out.latency_step],
        )
        self._close_detached(out)
        self._ensure_open(out)

    def _close_detached(self, out: _Output) -> None:
        stream = out.detach()
        if stream is None:
            return
        task = asyncio.get_running_loop().create_task(
            run_blocking(out.close_stream_blocking, stream), name=f"close-{out.which}-output"
        )
        self._closings.add(task)
        task.add_done_callback(self._closings.discard)

    # -- releasing idle outputs ----------------------------------------------------------------
    def _arm_release(self) -> None:
        after = self._release_after
        if after is None or self._release_timer is not None or self._closed:
            return
        if not any(out.stream is not None for out in self._outputs.values()):
            return
        since = self._idle_since if self._idle_since is not None else self._clock()
        delay = max(0.0, since + after - self._clock())
        self._release_timer = asyncio.get_running_loop().call_later(delay, self._release_due)

    def _disarm_release(self) -> None:
        timer, self._release_timer = self._release_timer, None
        if timer is not None:
            timer.cancel()

    def _release_due(self) -> None:
        self._release_timer = None
        counters.add(counters.OUTPUT_RELEASE_TIMER)
        self._close_idle()

    def _close_idle(self) -> bool:
        now = self._clock()
        if any(out.next_due(now, self.pump_blocks) is not None for out in self._outputs.values()):
            self._wake.set()  # not idle after all: the pump re-arms when it is
            return False
        closed = False
        for out in self._outputs.values():
            if out.stream is not None:  # (set at the very end of an open)
                self._close_detached(out)
                closed = True
        if closed:
            self.releases += 1
            log.info("outputs released (%s s after the last audio)", self._release_after)
        return closed

    def _update_playing(self, now: float) -> None:
        playing = any(out.sounding(now) for out in self._outputs.values() if out.failed is None)
        if playing != self._playing:
            self._playing = playing
            if self.on_playing is not None:
                self.on_playing(playing)

    def _check_health(self, out: _Output, now: float) -> None:
        stream, stamps = out.stream, out.stamps
        if stream is None or stamps is None:
            return
        label = out.device.name
        if not stream.active:
            self._fail(
                out,
                AudioDeviceError(
                    f"The output “{label}” stopped (it was disconnected or failed). Reconnect it "
                    "or pick another output."
                ),
            )
            return
        last = stamps.last()
        if last is None:
            if now - out.opened_at > self.start_timeout:
                self._fail(
                    out,
                    AudioDeviceError(
                        f"The output “{label}” did not start playing within "
                        f"{self.start_timeout:g} s. Check that it is connected, or pick another."
                    ),
                )
            return
        if now - last[1] > self.stall_timeout:
            self._fail(
                out,
                AudioDeviceError(
                    f"The output “{label}” stopped playing (it may have been unplugged). "
                    "Reconnect it or pick another output."
                ),
            )
            return

    def __repr__(self) -> str:
        outs = ", ".join(f"{w}={o.device.name!r} {o.jb!r}" for w, o in self._outputs.items())
        return f"Player({outs}, playing={self._playing})"


def _played_long_ago(stamps: StampLog, position: int) -> bool:
    """True when ``position`` was played so long ago that its stamp has left the log."""
    last = stamps.last()
    return last is not None and last[0] > position and stamps.time_of(position) is None


async def _close_output(out: _Output) -> None:
    await run_blocking(out.close_blocking)


def _volume(v: float) -> float:
    if not 0.0 <= v <= 2.0:
        raise ValueError(f"volume must be between 0 and 2, got {v}")
    return float(v)


def _release_seconds(seconds: float | None) -> float | None:
    if seconds is not None and not seconds >= 0:
        raise ValueError(f"release_after must be None or >= 0 seconds, got {seconds}")
    return None if seconds is None else float(seconds)
