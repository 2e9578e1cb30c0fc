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
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt

from dragoman.audio import portaudio, pulseaudio
from dragoman.audio.devices import DeviceInfo
from dragoman.audio.resample import StreamResampler
from dragoman.blocking import run_blocking
from dragoman.core.errors import AudioDeviceError
from dragoman.core.jitter import JitterBuffer, JitterConfig, PlayoutState
from dragoman.core.ring import SampleRing, StampLog

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float32]
Which = Literal["call", "monitor"]

_FALLBACK_RATES: Final = (48_000, 44_100, 24_000)
_LATENCY_MARGIN_S: Final = 0.05


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
        self.presence: asyncio.Task[bool] | None = None
        self.next_presence = 0.0
        # jitter-buffer index ranges → ring positions, for latency and first-played times
        self.segments: collections.deque[tuple[int, int, int]] = collections.deque(maxlen=512)
        self.probes: collections.deque[tuple[int, float]] = collections.deque(maxlen=4096)
        self.start_probes: collections.deque[int] = collections.deque(maxlen=64)
        self.latencies: collections.deque[float] = collections.deque(maxlen=2000)
        self.first_played_at: list[float] = []
        self._last_starts = 0

    @property
    def ring_target(self) -> int:
        return max(1, round(self._ring_ms / 1000.0 * self.rate))

    def accept(self, samples: FloatArray, rate: int, now: float) -> None:
        if self._resampler is None or self._resampler.in_rate != rate:
            if self._resampler is not None:
                tail = self._resampler.process(np.zeros(0, dtype=np.float32), last=True)
                self.jb.push(tail, now, 0.0)
            self._resampler = StreamResampler(rate, self.rate)
        if samples.size:  # an empty chunk has no first sample to time
            self.probes.append((self.jb.pushed_total, now))
        self.jb.push(self._resampler.process(samples), now, samples.size / rate)

    def end_stream(self) -> None:
        tail = None
        if self._resampler is not None:
            tail = self._resampler.process(np.zeros(0, dtype=np.float32), last=True)
        self.jb.end_stream(tail)

    def flush(self) -> None:
        self.jb.flush()
        if self._resampler is not None:
            self._resampler.reset()
        if self.tap is not None:
            self.tap.flush_requested = True
        self.probes.clear()
        self.start_probes.clear()

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
                    blocksize=max(1, rate // 200),  # 5 ms
                    # PortAudio's "high" latency (~35 ms on ALSA): the callback needs the GIL,
                    # and a device buffer of a few ms underruns (a click) whenever another
                    # thread holds it a little longer.
                    latency="high",
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
        stream, self.stream = self.stream, None
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
        )


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
        pump_interval: float = 0.005,
        presence_interval: float = 1.0,
        start_timeout: float = 5.0,
        stall_timeout: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        for device in (call_device, monitor_device):
            if device is not None and not device.is_output:
                raise AudioDeviceError(f"“{device.name}” is not an output device.")
        self.on_playing = on_playing
        self.on_first_played = on_first_played
        self.on_error = on_error
        self.pump_interval = pump_interval
        self.presence_interval = presence_interval
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
            out.accept(x, rate, now)
            self._ensure_open(out)
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
        pump, self._pump = self._pump, None
        if pump is not None:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump
        for out in self._outputs.values():
            if out.opening is not None:  # finishes in its thread anyway: wait, then close it
                await out.opening
            if out.presence is not None and not out.presence.done():
                out.presence.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await out.presence
            if out.closing is not None:
                await out.closing
            await run_blocking(out.close_blocking)
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
        out.next_presence = out.opened_at + self.presence_interval
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
            busy = any(
                out.sounding(now) or out.probes or out.start_probes
                for out in self._outputs.values()
                if out.failed is None
            )
            self._wake.clear()
            if busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.pump_interval)
            else:
                await self._wake.wait()

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
        if out.device.pulse_name is None:
            return
        task = out.presence
        if task is not None and task.done():
            out.presence = None
            present = not task.cancelled() and task.exception() is None and task.result()
            if not present:
                self._fail(
                    out,
                    AudioDeviceError(
                        f"The output “{label}” was disconnected. Reconnect it or pick another "
                        "output."
                    ),
                )
                return
        if out.presence is None and now >= out.next_presence:
            out.next_presence = now + self.presence_interval
            out.presence = asyncio.get_running_loop().create_task(
                _sink_present(out.device.pulse_name), name=f"{out.which}-presence"
            )

    def __repr__(self) -> str:
        outs = ", ".join(f"{w}={o.device.name!r} {o.jb!r}" for w, o in self._outputs.items())
        return f"Player({outs}, playing={self._playing})"


def _played_long_ago(stamps: StampLog, position: int) -> bool:
    """True when ``position`` was played so long ago that its stamp has left the log."""
    last = stamps.last()
    return last is not None and last[0] > position and stamps.time_of(position) is None


async def _close_output(out: _Output) -> None:
    await run_blocking(out.close_blocking)


async def _sink_present(name: str) -> bool:
    try:
        sinks = await run_blocking(pulseaudio.names, "sink")
    except AudioDeviceError:
        return False
    return name in sinks


def _volume(v: float) -> float:
    if not 0.0 <= v <= 2.0:
        raise ValueError(f"volume must be between 0 and 2, got {v}")
    return float(v)
