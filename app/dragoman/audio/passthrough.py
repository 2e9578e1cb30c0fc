"""Meeting mode's pass-through: the microphone goes into the call output while no key is held.

Holding a translation key mutes it (:meth:`PassThrough.set_muted`) with a short crossfade, so the
call hears none of the original speech, only the translation the player plays into the same
output; releasing unmutes it (when, is the controller's policy: see :mod:`dragoman.core.meeting`).

Decided: a PortAudio input stream of its own and an output stream of its own, joined by one
preallocated ring, with nothing on the asyncio side. Measured on the test bed (PulseAudio 16
through ALSA, 48 kHz, 2 shared cores; ``tests/integration/test_passthrough.py`` prints it), mic →
"Dragoman Microphone" source over the device floor (the same null-sink → remap-source route
without us: the test microphone's own source), bit-exact when nothing glitches (correlation
1.0000):

* 10 ms blocks (the default): 49-59 ms; no underrun, skip or device underflow even with the two
  cores saturated by a full test run next to it (load 4-8).
* 5 ms blocks (``block_ms=5``): 26-32 ms, within the 30 ms goal, on a quiet machine; with the
  cores saturated, output underflows and the trims that follow them (a 5 ms jump each) broke
  about one feed in two (correlation 0.2-0.86). A call hears 20 ms more of delay far less than
  it hears clicks in the speaker's voice, so 10 ms it is; a faster machine may take 5.
* 2.5 ms blocks: no lower than 5 (the ALSA plug-in keeps ~10 ms per stream anyway), underruns;
  no cushion: underruns.

The alternatives:

* PulseAudio ``module-loopback`` (same bed, same measurement): ``latency_msec=20`` 19-21 ms,
  ``10`` 9 ms, ``5`` 5-8 ms, but never bit-exact (it resamples adaptively to follow the two
  clocks: correlation 0.95-0.98 at 20 ms, 0.84-0.96 at 10 and 5 ms); its mute
  (``pactl set-sink-input-mute``) is a step, not a crossfade, and a ramp would be a train of
  ``pactl`` calls of several milliseconds each; it is Linux only (VB-CABLE and BlackHole need the
  stream path anyway), and a module outlives a crash (it would need the virtual microphone's
  owner marking and adoption), where a stream dies with the process. Lower latency, but the
  crossfade, the exact signal and one path for every platform decided it.
* The Capture's own blocks (a listener hook in its callback): the Capture releases the microphone
  on its policy, reopens at other rates and parks its ring; tying the pass-through to that would
  make two owners of one stream. A second input stream on the same device costs PulseAudio (or
  WASAPI shared mode, CoreAudio) nothing, and the capture's policy stays exactly as it was.
* An asyncio pump between the two callbacks: every GUI repaint would be heard as a gap (the Qt
  thread runs both; see the test bed's pacing figures). The two callbacks meet in the ring only.

Both streams run at one rate (the output's own first, then the microphone's, then common ones),
so nothing is resampled on our side (PortAudio or the sound server converts a device that runs at
another rate). The microphone is read as mono (its first channel, if it refuses mono) and copied
to every output channel.

The output callback (:class:`_PassTap`) keeps the ring near ``cushion`` frames beyond the block
it needs: at start, and whenever the two devices' clocks drift apart, the excess is skipped; a
ring that runs dry plays silence (counted) and refills the cushion before playing again. (Either
is a discontinuity, so rare after the start that no fade was spent on it.) While
muted it still consumes the ring, so unmuting plays the microphone as it is *now*. Mute and unmute
store one integer the callback reads: never a lock, never a wait on the Qt thread. Nothing at all
runs or is opened while meeting mode is off: the :class:`~dragoman.audio.rig.AudioRig` builds a
PassThrough only while ``meeting_mode`` is on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from dragoman.audio import portaudio
from dragoman.audio.devices import DeviceInfo
from dragoman.blocking import run_blocking
from dragoman.core.errors import AudioDeviceError
from dragoman.core.ring import SampleRing

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float32]

BLOCK_MS: Final = 10
"""Device blocks of both streams (see the module docstring: 5 ms is ~25 ms faster, and fragile
on a loaded machine)."""
FADE_MS: Final = 10.0
CUSHION_BLOCKS: Final = 1
"""Frames kept in the ring beyond the block the output needs, in blocks, at the start: the
input's jitter. Each underrun adds a block, up to ``MAX_CUSHION_BLOCKS``."""
MAX_CUSHION_BLOCKS: Final = 8
SLACK_BLOCKS: Final = 2
"""Headroom beyond the cushion that a whole window may keep before it is trimmed (hysteresis)."""
WINDOW_CALLBACKS: Final = 200
"""Output callbacks (2 s of 10 ms blocks) over which the lowest headroom is watched; at most one
block is trimmed per window (5 ms/s, far beyond the drift of two real devices' clocks), so a
burst that settles costs a few tiny skips, never a gap."""
BACKLOG_BLOCKS: Final = 40
"""Headroom beyond the cushion that is trimmed at once (the start, an output stalled 200 ms)."""
_RATES: Final = (48_000, 44_100, 32_000, 16_000)
_RING_S: Final = 0.5


@dataclass(frozen=True, slots=True)
class PassThroughStats:
    input_callbacks: int
    output_callbacks: int
    underruns: int
    """Output callbacks that found too little microphone audio (a gap of silence)."""
    skipped_frames: int
    """Frames dropped to bring the latency back down (start, clock drift)."""
    dropped_frames: int
    """Microphone frames lost because the ring was full (the output stalled)."""
    cushion_ms: float
    """The ring's cushion now (grown by underruns)."""
    input_overflows: int = 0
    """Callbacks PortAudio flagged: the microphone lost samples before us (a late callback)."""
    output_underflows: int = 0
    """Callbacks PortAudio flagged: the output played a gap (our callback came late)."""


class _MicTap:
    """Input callback: copy the first channel into the ring, count. Nothing else.

    Nothing is kept until the output runs (``live``, set by the output's first callback): an
    output can take a while to start (a PulseAudio null sink, up to 2 s), and what the microphone
    said meanwhile must not be played late, nor fill the ring.
    """

    __slots__ = ("callbacks", "live", "overflows", "ring")

    def __init__(self, ring: SampleRing) -> None:
        self.ring = ring
        self.callbacks = 0
        self.overflows = 0
        self.live = False

    def __call__(self, indata: FloatArray, frames: int, time_info: Any, status: Any) -> None:
        if self.live:
            self.ring.write(indata[:, 0])
        self.callbacks += 1
        if status and status.input_overflow:
            self.overflows += 1


class _PassTap:
    """Output callback: keep the ring at its cushion, copy out, apply the gain ramp.

    Latency: the lowest headroom (frames beyond the block needed now and the cushion) over a
    window of callbacks is what the ring holds for no reason; when it exceeds ``slack`` at the
    end of a window, up to a block of it is skipped (clock drift, a burst that settled). A
    backlog beyond ``backlog`` is skipped at once. An underrun (the ring ran dry: the input
    comes in bursts, or late) grows the cushion by a block, up to ``max_cushion``, and waits for
    it to fill.

    The gain is an integer step ``level`` in ``0..fade_len`` (``level / fade_len``); ``target`` is
    0 (muted) or ``fade_len``, stored by :meth:`PassThrough.set_muted`. A ramp runs one step per
    sample, so a full crossfade lasts ``fade_len`` samples wherever it starts.
    """

    __slots__ = (
        "backlog",
        "block",
        "callbacks",
        "cushion",
        "fade_len",
        "growths",
        "level",
        "low",
        "max_cushion",
        "mic",
        "output_underflows",
        "primed",
        "ramp_down",
        "ramp_up",
        "ring",
        "scratch",
        "skipped",
        "slack",
        "target",
        "underruns",
        "window",
        "window_left",
    )

    def __init__(
        self,
        ring: SampleRing,
        mic: _MicTap,
        *,
        fade_len: int,
        block: int,
        muted: bool,
        cushion_blocks: int = CUSHION_BLOCKS,
        max_cushion_blocks: int = MAX_CUSHION_BLOCKS,
        slack_blocks: int = SLACK_BLOCKS,
        backlog_blocks: int = BACKLOG_BLOCKS,
        window: int = WINDOW_CALLBACKS,
    ) -> None:
        self.ring = ring
        self.mic = mic
        self.fade_len = n = max(1, fade_len)
        steps = np.arange(n + 1, dtype=np.float32) / np.float32(n)
        self.ramp_up = steps.reshape(-1, 1).copy()  # ramp_up[i] = i / n
        self.ramp_down = steps[::-1].reshape(-1, 1).copy()  # ramp_down[j] = (n - j) / n
        self.scratch = np.zeros((ring.capacity, 1), dtype=np.float32)
        self.block = block
        self.cushion = cushion_blocks * block
        self.max_cushion = max(self.cushion, max_cushion_blocks * block)
        self.slack = slack_blocks * block
        self.backlog = backlog_blocks * block
        self.window = self.window_left = max(1, window)
        self.low = ring.capacity  # the lowest headroom seen in this window
        self.growths = 0
        self.output_underflows = 0
        self.level = 0 if muted else n
        self.target = self.level
        self.primed = False
        self.callbacks = 0
        self.underruns = 0
        self.skipped = 0

    def __call__(self, outdata: FloatArray, frames: int, time_info: Any, status: Any) -> None:
        self.callbacks += 1
        if status and status.output_underflow:
            self.output_underflows += 1
        if not self.mic.live:
            self.mic.live = True  # from now on the microphone's blocks are kept
        ring = self.ring
        available = ring.available
        if not self.primed:
            if available < frames + self.cushion:
                outdata.fill(0.0)
                return
            self.primed = True
        excess = available - frames - self.cushion
        if excess > self.backlog:
            self.skipped += ring.read_into(self.scratch[:excess])
            self.low, self.window_left = ring.capacity, self.window
        else:
            if excess < self.low:
                self.low = excess
            self.window_left -= 1
            if self.window_left <= 0:
                if self.low > self.slack:
                    self.skipped += ring.read_into(self.scratch[: min(self.low, self.block)])
                self.low, self.window_left = ring.capacity, self.window
        mono = self.scratch[:frames]
        n = ring.read_into(mono)
        if n < frames:
            mono[n:].fill(0.0)
            self.underruns += 1
            self.primed = False
            if self.cushion < self.max_cushion:
                self.cushion += self.block
                self.growths += 1
            self.low, self.window_left = ring.capacity, self.window
        level, target, fade = self.level, self.target, self.fade_len
        if level == target:
            if level == 0:
                outdata.fill(0.0)
                return
            outdata[:] = mono  # full level: the microphone unchanged, on every channel
            return
        if target > level:
            k = min(frames, target - level)
            np.multiply(mono[:k], self.ramp_up[level + 1 : level + 1 + k], out=mono[:k])
            level += k
        else:
            k = min(frames, level - target)
            j = fade - level + 1
            np.multiply(mono[:k], self.ramp_down[j : j + k], out=mono[:k])
            level -= k
        if k < frames and level == 0:
            mono[k:].fill(0.0)
        self.level = level
        outdata[:] = mono


class PassThrough:
    """One microphone into one output, mutable with a crossfade (see the module docstring)."""

    def __init__(
        self,
        mic: DeviceInfo,
        output: DeviceInfo,
        *,
        muted: bool = False,
        block_ms: float = BLOCK_MS,
        fade_ms: float = FADE_MS,
        on_error: Callable[[AudioDeviceError], None] | None = None,
    ) -> None:
        self.mic = mic
        self.output = output
        self.block_ms = block_ms
        self.fade_ms = fade_ms
        self.on_error = on_error
        self.rate = 0
        self.channels = 0
        self._muted = muted
        self._in_stream: Any = None
        self._out_stream: Any = None
        self._mic_tap: _MicTap | None = None
        self._tap: _PassTap | None = None
        self._ring: SampleRing | None = None
        self._latency = 0.0
        self._gone = False
        self._closed = False

    # -- state -----------------------------------------------------------------------------------
    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def is_open(self) -> bool:
        return self._out_stream is not None

    @property
    def latency(self) -> float:
        """Seconds PortAudio reports for both streams plus the ring's cushion now (an estimate;
        the test bed measures the real figure)."""
        tap = self._tap
        return self._latency + (tap.cushion / self.rate if tap and self.rate else 0.0)

    @property
    def stats(self) -> PassThroughStats:
        tap, mic, ring = self._tap, self._mic_tap, self._ring
        return PassThroughStats(
            input_callbacks=mic.callbacks if mic else 0,
            output_callbacks=tap.callbacks if tap else 0,
            underruns=tap.underruns if tap else 0,
            skipped_frames=tap.skipped if tap else 0,
            dropped_frames=ring.dropped if ring else 0,
            cushion_ms=1000 * tap.cushion / self.rate if tap and self.rate else 0.0,
            input_overflows=mic.overflows if mic else 0,
            output_underflows=tap.output_underflows if tap else 0,
        )

    def set_muted(self, muted: bool) -> None:
        """Mute (a key went down) or unmute, with a ``fade_ms`` crossfade. Never blocks; safe
        before :meth:`start` (the streams then open in that state)."""
        self._muted = muted
        tap = self._tap
        if tap is not None and not self._gone:
            tap.target = 0 if muted else tap.fade_len

    def check_presence(self, devices: Iterable[DeviceInfo]) -> bool:
        """False (and silent from now on) when the microphone or the output is no longer listed:
        the sound server would move our streams to the default devices, and the microphone must
        never end up on the speakers. The owner replaces the pass-through at its next
        reconfigure."""
        ids = {d.id for d in devices}
        if self.mic.id in ids and self.output.id in ids:
            return True
        if not self._gone:
            self._gone = True
            if self._tap is not None:
                self._tap.target = 0
            missing = self.mic if self.mic.id not in ids else self.output
            error = AudioDeviceError(
                f"Meeting mode's pass-through stopped: “{missing.name}” is gone. Reconnect it or "
                "pick another device in Settings → Audio."
            )
            log.warning("%s", error)
            if self.on_error is not None:
                self.on_error(error)
        return False

    # -- lifetime --------------------------------------------------------------------------------
    async def start(self) -> None:
        """Open and start both streams (in a worker thread); AudioDeviceError if either fails."""
        if self._closed:
            raise AudioDeviceError("The pass-through is closed.")
        await run_blocking(self._open_blocking)

    async def aclose(self) -> None:
        """Close both streams (in a worker thread). Idempotent."""
        self._closed = True
        await run_blocking(self.close_now)

    def close_now(self) -> None:
        """Close both streams, blocking; idempotent, never raises."""
        self._closed = True
        out, self._out_stream = self._out_stream, None
        inp, self._in_stream = self._in_stream, None
        if out is not None:
            portaudio.close_stream(out)  # the output first: the call never hears a torn end
        if inp is not None:
            portaudio.close_stream(inp)
        if out is not None or inp is not None:
            log.info("pass-through closed")

    def _rates(self) -> list[int]:
        out: list[int] = []
        for rate in (self.output.native_rate, self.mic.native_rate, *_RATES):
            if rate and rate not in out:
                out.append(rate)
        return out

    def _open_blocking(self) -> None:
        if self._out_stream is not None:
            return
        first_error: AudioDeviceError | None = None
        out_channels = list(dict.fromkeys((self.output.native_channels("output") or 1, 1)))
        in_channels = list(dict.fromkeys((1, self.mic.native_channels("input") or 1)))
        for rate in self._rates():
            for channels in out_channels:
                for mic_channels in in_channels:
                    try:
                        self._open_at(rate, channels, mic_channels)
                    except AudioDeviceError as error:
                        first_error = first_error or error
                        continue
                    return
        assert first_error is not None
        raise first_error

    def _open_at(self, rate: int, channels: int, mic_channels: int) -> None:
        block = max(1, round(rate * self.block_ms / 1000))
        ring = SampleRing(max(round(_RING_S * rate), 8 * block), 1)
        mic_tap = _MicTap(ring)
        tap = _PassTap(
            ring,
            mic_tap,
            fade_len=round(self.fade_ms / 1000 * rate),
            block=block,
            muted=self._muted,
        )
        inp = portaudio.open_stream(
            "input",
            device_index=self.mic.index,
            device_label=self.mic.name,
            pulse_name=self.mic.pulse_name,
            samplerate=rate,
            channels=mic_channels,
            callback=mic_tap,
            blocksize=block,
            latency="low",
        )
        try:
            out = portaudio.open_stream(
                "output",
                device_index=self.output.index,
                device_label=self.output.name,
                pulse_name=self.output.pulse_name,
                samplerate=rate,
                channels=channels,
                callback=tap,
                blocksize=block,
                latency="low",
            )
        except AudioDeviceError:
            portaudio.close_stream(inp)
            raise
        try:
            portaudio.start_stream(out, self.output.name)
            portaudio.start_stream(inp, self.mic.name)
        except AudioDeviceError:
            portaudio.close_stream(out)
            portaudio.close_stream(inp)
            raise
        self.rate, self.channels = rate, channels
        self._ring, self._mic_tap, self._tap = ring, mic_tap, tap
        self._in_stream, self._out_stream = inp, out
        tap.target = 0 if self._muted else tap.fade_len  # a set_muted that raced the open
        try:
            self._latency = float(inp.latency) + float(out.latency)
        except (TypeError, ValueError):
            self._latency = 0.0
        log.info(
            "pass-through opened: %s → %s at %d Hz, %d ch, ~%.0f ms",
            self.mic.name,
            self.output.name,
            rate,
            channels,
            1000 * self.latency,
        )

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open" if self.is_open else "not started"
        return (
            f"PassThrough({self.mic.name!r} → {self.output.name!r}, {state}, "
            f"muted={self._muted}, {self.rate} Hz)"
        )
