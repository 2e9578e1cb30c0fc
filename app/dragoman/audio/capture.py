"""Microphone capture: PortAudio callback → ring → 20 ms frames of 16 kHz mono PCM16 on asyncio.

Threads (CONVENTIONS #5, #6): the PortAudio callback only copies the block into a preallocated
:class:`~dragoman.core.ring.SampleRing`, stamps the time and counts status flags. Everything else
happens in one asyncio task, the *pump*: it drains the ring, downmixes, applies the echo gate,
meters the level (only while someone looks: :meth:`Capture.set_metering`), keeps a short history
for the pre-roll and feeds the active utterances, which resample to 16 kHz (the low-delay polyphase
path, 2.2 ms of group delay; see :mod:`dragoman.audio.resample`) and cut 20 ms PCM16 frames.

The pump wakes only when there is work. While a hold runs it wakes once per 20 ms frame, just after
the callback that completes the frame is due (the callback's own timestamps give the phase, so it
neither polls nor needs a signal from the callback, which may not send one); with only the meter on,
about 30 times a second. With nothing held and the meter off it sleeps on an event: the ring is
*parked* (it overwrites its oldest audio, so the newest is there for the pre-roll at key-down) and
no timer runs. Timer wake-ups are counted in :mod:`dragoman.core.counters`.

Decided: 10 ms device blocks, at PortAudio's "low" latency. Measured on the test bed (PulseAudio
through ALSA, 48 kHz, 2 shared cores at load 2.5-3.8), CPU of the process, stream parked / during
a hold: 5 ms blocks 5.4-5.6 % / 9.2-10.7 %, 10 ms 3.3-3.7 % / 8.9-9.0 %, 20 ms 2.3-2.7 % /
6.4-7.2 %; the pump wakes ~50 times a second during a hold whatever the block. Most of the resting
cost is the ALSA pulse plug-in's thread, not Python. What 20 ms blocks would cost is latency: the
last frame of a hold leaves when the block holding the end of its tail arrives, up to a block
later: measured key-up → last frame minus the tail, 2.5-7.6 ms with 10 ms blocks, up to 20.4 ms
with 20 ms blocks (over the 15 ms budget). With "high" latency PortAudio delivers small blocks in
bursts (several callbacks back to back every 30-40 ms), so "low" it is; the input never
overflowed at either setting, even with another thread holding the GIL for 25 ms at a time.

The device is opened at its own rate and channel count; only if that is refused are common
alternatives tried. 16 kHz is never required of a device.

Microphone policy (``release_after``): None keeps the stream open for good (pre-roll always
available); a number of seconds releases it (closes the stream: the desktop's microphone-in-use
indicator goes off) that long after the last hold ended, 0 as soon as a hold ends. A capture
whose stream is open (or that opens it at :meth:`Capture.start`, as every policy but 0 does)
offers the pre-roll; otherwise key-down opens the stream at once and the utterance starts at its
very first sample, and the time from key-down to that sample is measured
(:attr:`Utterance.first_sample_latency`).

Device loss: a stream PortAudio stops, a stream that stops delivering, or a device the sound
server no longer lists (:meth:`Capture.check_presence`, called by whoever watches the devices)
ends every active utterance cleanly: the frames captured so far are delivered, then the frame
iterator raises :class:`AudioDeviceError` with a sentence saying what happened. The capture can be
started again later (:meth:`Capture.start`).

Decided: a stall counts as loss only after ``stall_timeout`` (3 s). PulseAudio null sinks (virtual
devices, our own virtual microphone) run in 2-second blocks while nobody asks for less, so a new
stream on one can wait up to 2 s for its first callbacks; sound-server devices that really vanish
keep "delivering" (the server moves the stream to another source) and are caught by
:meth:`Capture.check_presence` instead, from the sound server's events.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from dragoman.audio import portaudio
from dragoman.audio.devices import DeviceInfo
from dragoman.audio.resample import LOW_DELAY, StreamResampler
from dragoman.blocking import run_blocking
from dragoman.core import counters
from dragoman.core.errors import AudioDeviceError
from dragoman.core.framing import PcmFramer
from dragoman.core.levels import LevelMeter, SpeechDetector, SpeechDetectorConfig
from dragoman.core.ring import SampleRing, StampLog
from dragoman.core.utterance import EchoGate, History, UtteranceWindow
from dragoman.core.wav import pcm16_to_float

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float32]
LevelCallback = Callable[[float, float], None]

WIRE_RATE: Final = 16_000
FRAME_SAMPLES: Final = 320  # 20 ms at 16 kHz
_FALLBACK_RATES: Final = (48_000, 44_100, 32_000, 16_000)
BLOCK_MS: Final = 10  # see the module docstring
_LATE_SLACK_S: Final = 0.0005  # wake this long after a block is due (the callback's own work)


@dataclass(frozen=True, slots=True)
class CaptureStats:
    """Counters since the stream was (re)opened."""

    callbacks: int
    overflows: int
    """Callbacks PortAudio flagged as input overflow (the device lost samples before us)."""
    underflows: int
    """Callbacks PortAudio flagged as input underflow."""
    dropped_frames: int
    """Frames lost because the ring was full (the asyncio side fell more than a ring behind)."""
    frames_captured: int


class _InputTap:
    """The PortAudio callback: copy into the ring, stamp, count. Nothing else."""

    __slots__ = ("callbacks", "clock", "overflows", "ring", "stamps", "underflows")

    def __init__(self, ring: SampleRing, stamps: StampLog, clock: Callable[[], float]) -> None:
        self.ring = ring
        self.stamps = stamps
        self.clock = clock
        self.callbacks = 0
        self.overflows = 0
        self.underflows = 0

    def __call__(self, indata: FloatArray, frames: int, time_info: Any, status: Any) -> None:
        self.ring.write(indata)
        self.stamps.record(self.ring.written, self.clock())
        self.callbacks += 1
        if status:
            if status.input_overflow:
                self.overflows += 1
            if status.input_underflow:
                self.underflows += 1


class Utterance:
    """One push-to-talk hold: 16 kHz PCM16 frames from pre-roll to the end of the tail."""

    def __init__(
        self,
        capture: Capture,
        window: UtteranceWindow,
        *,
        rate: int,
        key_down_at: float,
        key_down_position: int,
        detector: SpeechDetector,
    ) -> None:
        self._capture = capture
        self._window = window
        self._rate = rate
        self._resampler = StreamResampler(rate, WIRE_RATE, LOW_DELAY)
        self._framer = PcmFramer(FRAME_SAMPLES)
        self._queue: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._detector = detector
        self._key_down_position = key_down_position
        self._out_frames = 0
        self.key_down_at = key_down_at
        self.released_at: float | None = None
        self.first_frame_at: float | None = None
        self.ended_at: float | None = None
        self.first_sample_latency: float | None = None
        """Key-down → first sample from the device, when key-down had to open the stream."""
        self.preroll_samples = 0
        """Device-rate samples of pre-roll actually available (less than asked right after
        the stream opened)."""
        self.frame_latencies: list[float] = []
        """Per frame captured after key-down: callback that delivered its last sample → frame
        ready, in seconds."""
        self.cancelled = False
        self.error: AudioDeviceError | None = None
        self._awaiting_first_sample = False
        self._origin: int | None = None  # stream position of the first sample resampled
        self._sink: tuple[Callable[[bytes], None], Callable[[], None]] | None = None

    # -- what the session controller uses ----------------------------------------------------
    @property
    def speech_detected(self) -> bool:
        """Whether the hold so far contains speech (see :mod:`dragoman.core.levels`)."""
        return self._detector.speech_detected

    @property
    def voiced_ms(self) -> float:
        return self._detector.voiced_ms

    @property
    def frames_out(self) -> int:
        return self._out_frames

    @property
    def duration(self) -> float:
        """Seconds of 16 kHz audio produced so far."""
        return self._out_frames * FRAME_SAMPLES / WIRE_RATE

    @property
    def released(self) -> bool:
        return self._window.release_at is not None

    @property
    def done(self) -> bool:
        return self.ended_at is not None

    async def frames(self) -> AsyncIterator[bytes]:
        """20 ms frames (640 bytes of little-endian PCM16) until the utterance ends.

        Ends after the tail (release) or at once (cancel); raises :class:`AudioDeviceError` after
        the last captured frame if the device failed.
        """
        while True:
            frame = await self._queue.get()
            if frame is None:
                break
            yield frame
        if self.error is not None:
            raise self.error

    def deliver_to(self, on_frame: Callable[[bytes], None], on_end: Callable[[], None]) -> None:
        """Push mode, instead of :meth:`frames`: the frames queued so far are handed to
        ``on_frame`` now, every later one the moment the pump cuts it, and ``on_end`` is called
        right after the last one, in the same call (the tail's last block, the padding after it:
        no loop turn between them). ``error`` is set before ``on_end`` when the device failed.
        The callbacks run on the loop and must not block."""
        while not self._queue.empty():
            item = self._queue.get_nowait()
            if item is None:
                on_end()
                return
            on_frame(item)
        self._sink = (on_frame, on_end)

    def release(self, now: float | None = None) -> None:
        """Key-up at ``now`` (monotonic; default: this instant): keep ``tail_ms`` of real audio
        after that moment, then end the frames.

        ``now`` may lie in the past (the key-up's own timestamp, confirmed later by a debounce):
        the tail is counted from it, not from this call. When the tail is then already complete,
        the last frames (and the end) are queued before this returns.
        """
        if self.released or self.done:
            return
        self.released_at = time.monotonic() if now is None else now
        self._capture._release(self, self.released_at)

    def cancel(self) -> None:
        """Abandon the utterance: frames not yet taken are dropped, the iterator ends now."""
        if self.done:
            return
        self.cancelled = True
        self._capture._forget(self)
        while not self._queue.empty():
            self._queue.get_nowait()
        self._end()

    # -- fed by the capture pump -------------------------------------------------------------
    @property
    def window(self) -> UtteranceWindow:
        return self._window

    def _feed(self, position: int, block: FloatArray, stamps: StampLog | None) -> None:
        part = self._window.take(position, block)
        if part.size:
            if self._origin is None:
                self._origin = self._window.fed - part.size
            self._emit(self._resampler.process(part), stamps)
        if self._window.done:
            self._finish(stamps)

    def _needed_position(self) -> int | None:
        """The stream position this utterance's next step waits for: the sample that completes
        its next 20 ms frame (the resampler looks a little ahead), or the end of its tail if
        that comes first. None when unknown (nothing fed yet, or a resampler that cannot say)."""
        if self._origin is None:
            return None
        need = self._resampler.input_needed((self._out_frames + 1) * FRAME_SAMPLES)
        if need is None:
            return None
        end = self._window.end
        return self._origin + need if end is None else min(self._origin + need, end)

    def _emit(self, samples: FloatArray, stamps: StampLog | None) -> None:
        if samples.size == 0:
            return
        now = time.monotonic()
        for frame in self._framer.push(samples):
            self._put(frame, now, stamps)

    def _put(self, frame: bytes, now: float, stamps: StampLog | None) -> None:
        self._detector.push_frame(pcm16_to_float(frame))
        self._out_frames += 1
        if self.first_frame_at is None:
            self.first_frame_at = now
        if stamps is not None:
            end = self._window.start + round(
                self._out_frames * FRAME_SAMPLES * self._rate / WIRE_RATE
            )
            if end > self._key_down_position:
                delivered = stamps.time_of(end - 1)
                if delivered is not None:
                    self.frame_latencies.append(now - delivered)
        if self._sink is not None:
            self._sink[0](frame)
        else:
            self._queue.put_nowait(frame)

    def _finish(self, stamps: StampLog | None) -> None:
        """Flush the resampler's held-back samples and the last partial frame, then end."""
        if self.done:
            return
        now = time.monotonic()
        tail = self._resampler.process(np.zeros(0, dtype=np.float32), last=True)
        frames = self._framer.push(tail) + self._framer.flush()
        for frame in frames:
            self._put(frame, now, None)
        self._capture._forget(self)
        self._end()

    def _fail(self, error: AudioDeviceError) -> None:
        self.error = error
        self._finish(None)

    def _end(self) -> None:
        self.ended_at = time.monotonic()
        if self._sink is not None:
            sink, self._sink = self._sink, None
            sink[1]()
        else:
            self._queue.put_nowait(None)

    def __repr__(self) -> str:
        state = (
            "cancelled"
            if self.cancelled
            else "failed"
            if self.error
            else "done"
            if self.done
            else "releasing"
            if self.released
            else "capturing"
        )
        return (
            f"Utterance({state}, {self.duration:.2f} s, speech={self.speech_detected}, "
            f"window={self._window!r})"
        )


class Capture:
    """One input device, its stream, and the utterances cut from it (see the module docstring)."""

    def __init__(
        self,
        device: DeviceInfo,
        *,
        preroll_ms: float = 300.0,
        tail_ms: float = 200.0,
        keep_open: bool = True,
        release_after: float | None = None,
        metering: bool = True,
        on_level: LevelCallback | None = None,
        on_error: Callable[[AudioDeviceError], None] | None = None,
        samplerate: int | None = None,
        channels: int | None = None,
        gate_hangover_ms: float = 150.0,
        detector: SpeechDetectorConfig | None = None,
        block_ms: float = BLOCK_MS,
        poll_interval: float = 0.002,
        idle_interval: float = 1 / 30,
        start_timeout: float = 5.0,
        stall_timeout: float = 3.0,
        ring_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``keep_open=False`` is ``release_after=0`` (the stream closes as soon as a hold ends);
        otherwise ``release_after`` (seconds, None: never) says when it is released.
        ``poll_interval``: how soon to look again when a block is late; ``idle_interval``: the
        meter's cadence while no hold runs."""
        if preroll_ms < 0 or tail_ms < 0 or gate_hangover_ms < 0:
            raise ValueError("preroll_ms, tail_ms and gate_hangover_ms must not be negative")
        if not device.is_input:
            raise AudioDeviceError(f"“{device.name}” is not an input device.")
        self.device = device
        self.preroll_ms = preroll_ms
        self.tail_ms = tail_ms
        self._release_after = _release_seconds(0.0 if not keep_open else release_after)
        self._metering = metering
        self.on_level = on_level
        self.on_error = on_error
        self.gate_hangover_ms = gate_hangover_ms
        self.detector_config = detector
        self.block_ms = block_ms
        self.poll_interval = poll_interval
        self.idle_interval = idle_interval
        self.start_timeout = start_timeout
        self.stall_timeout = stall_timeout
        self.ring_seconds = ring_seconds
        self._want_rate = samplerate
        self._want_channels = channels
        self._clock = clock
        self.samplerate = samplerate or device.native_rate
        self.channels = channels or device.native_channels("input")
        self.error: AudioDeviceError | None = None
        self._stream: Any = None
        self._tap: _InputTap | None = None
        self._ring: SampleRing | None = None
        self._stamps: StampLog | None = None
        self._history: History | None = None
        self._meter: LevelMeter | None = None
        self._gate = EchoGate(0)
        self._gate_muted = False
        self._opened_at = 0.0
        self._blocksize = 1
        self._utterances: list[Utterance] = []
        self._pending_open: list[Utterance] = []
        self._started = False
        self._pump: asyncio.Task[None] | None = None
        self._opening: asyncio.Task[None] | None = None
        self._closings: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._idle_since: float | None = None  # when the last hold ended (or the stream opened)
        self._release_timer: asyncio.TimerHandle | None = None
        self._last_detector: SpeechDetector | None = None  # carries the learnt noise floor
        self._covered = 0  # ring position where the last finished, kept hold ended
        self.releases = 0
        """Times the stream was released by the policy (closed after being idle)."""

    # -- state -------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._stream is not None

    @property
    def keep_open(self) -> bool:
        """True when the stream is never released."""
        return self._release_after is None

    @property
    def release_after(self) -> float | None:
        """Seconds after the last hold at which the stream is released (None: never)."""
        return self._release_after

    @property
    def metering(self) -> bool:
        return self._metering

    @property
    def parked(self) -> bool:
        """True while the stream is open and nobody reads it (the pump sleeps)."""
        return self._ring is not None and self._stream is not None and self._ring.parked

    @property
    def stats(self) -> CaptureStats:
        tap, ring = self._tap, self._ring
        if tap is None or ring is None:
            return CaptureStats(0, 0, 0, 0, 0)
        return CaptureStats(
            callbacks=tap.callbacks,
            overflows=tap.overflows,
            underflows=tap.underflows,
            dropped_frames=ring.dropped,
            frames_captured=ring.written,
        )

    @property
    def active_utterances(self) -> tuple[Utterance, ...]:
        return tuple(self._utterances)

    # -- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> None:
        """Start the pump, and open the device now unless the policy releases it as soon as a
        hold ends (AudioDeviceError if it cannot be opened). Idempotent.

        Also the way back after a device error. An open stream is released later by the policy,
        counting from now.
        """
        self._started = True
        self._ensure_pump()
        if self._release_after != 0.0 and self._stream is None:
            await self._open()
        self.error = None
        self._wake.set()

    async def stop(self) -> None:
        """Close the device; active utterances end with what was captured (no tail)."""
        self._started = False
        self._disarm_release()
        # An open under way finishes in its executor thread whatever we do: wait for it, so
        # that the stream it produces is closed below rather than leaked.
        if self._opening is not None:
            with contextlib.suppress(AudioDeviceError):
                await self._opening
        self._opening = None
        if self._stream is not None and self._listening():
            self._drain()
        for utt in list(self._utterances):
            utt._finish(None)
        for utt in self._pending_open:
            utt._finish(None)
        self._pending_open.clear()
        pump, self._pump = self._pump, None
        if pump is not None:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump
        self._disarm_release()
        self._begin_close()
        while self._closings:  # closes started here or earlier (by the pump, by a failure)
            await asyncio.gather(*self._closings)

    def set_release_after(self, seconds: float | None) -> None:
        """The microphone policy, live: release the stream ``seconds`` after the last hold ends
        (None: never; 0: as soon as it ends). Counts from when the capture last became idle, so
        a shorter period can release it at once. A closed stream stays closed until the next
        key-down or :meth:`start`."""
        self._release_after = _release_seconds(seconds)
        self._disarm_release()
        self._wake.set()

    def set_metering(self, on: bool) -> None:
        """Run the level meter (``on_level``, ~30 times a second) only while someone looks.

        Off (window hidden, no hold), the pump sleeps between holds. Never opens a released
        stream: with the microphone released the meter simply has nothing to show.
        """
        if on == self._metering:
            return
        self._metering = on
        self._wake.set()

    def check_presence(self, devices: Iterable[DeviceInfo]) -> bool:
        """Compare with the sound server's current device list; if our device is gone, end the
        active utterances (and close the stream) with a sentence. True if it is present.

        The sound server moves the stream of a vanished source to another one, so the stream
        itself would carry on silently: whoever watches the devices must call this.
        """
        name = self.device.pulse_name
        if name is None or any(d.pulse_name == name and d.is_input for d in devices):
            return True
        if self._stream is not None or self._utterances or self._pending_open:
            self._fail(
                AudioDeviceError(
                    f"The microphone “{self.device.name}” was disconnected. Reconnect it or "
                    "pick another microphone."
                )
            )
        return False

    def set_gate(self, muted: bool) -> None:
        """Half-duplex echo guard: mute the microphone while translated audio plays.

        Unmuting keeps the gate closed for ``gate_hangover_ms`` more, for the audio still on its
        way from the speaker to the microphone.
        """
        self._gate_muted = muted
        ring = self._ring
        if self._stream is None or ring is None:
            return
        if ring.parked:
            pos = ring.written  # nobody reads: what arrives from now on is what counts
        else:
            self._drain()
            pos = ring.read_total
        self._gate.set_closed(muted, pos)

    # -- utterances ----------------------------------------------------------------------------
    def begin_utterance(self, now: float | None = None) -> Utterance:
        """Key-down at ``now`` (monotonic; default: this instant). Never blocks."""
        key_down = self._clock() if now is None else now
        detector = self._new_detector()
        self._disarm_release()
        self._idle_since = None
        if self._stream is not None and not self._stream_alive():
            # Died while parked (nobody was looking): open a fresh one instead.
            log.info("capture: the parked stream of %s had stopped; reopening", self.device.name)
            self._begin_close()
        if self._stream is not None and self._ring is not None and self._history is not None:
            self._drain()
            position = max(0, self._position_at(key_down))
            preroll = int(self.preroll_ms / 1000.0 * self.samplerate)
            # Audio an earlier hold already carries (its tail, when this key went down inside
            # it, or a pre-roll reaching back into it) is not sent twice.
            start = max(self._history.start, position - preroll, self._covered_until())
            utt = Utterance(
                self,
                UtteranceWindow(start, self._tail_samples()),
                rate=self.samplerate,
                key_down_at=key_down,
                key_down_position=position,
                detector=detector,
            )
            begin, history = self._history.since(start)
            # (The key-down position may lie ahead of the newest block, when the device's
            # callbacks run late: the pre-roll is what the window starts before it.)
            utt.preroll_samples = max(0, position - max(begin, start))
            self._utterances.append(utt)
            utt._feed(begin, history, self._stamps)
        else:
            # The stream opens now; the utterance starts at its first sample.
            utt = Utterance(
                self,
                UtteranceWindow(0, self._tail_samples()),
                rate=self.samplerate,
                key_down_at=key_down,
                key_down_position=0,
                detector=detector,
            )
            utt._awaiting_first_sample = True
            self._pending_open.append(utt)
            self._started = True
            self._ensure_pump()
            if self._opening is None or self._opening.done():
                self._opening = asyncio.get_running_loop().create_task(
                    self._open_for_utterance(), name="capture-open"
                )
        self._wake.set()
        return utt

    def _new_detector(self) -> SpeechDetector:
        """A detector for the next hold, starting from the noise floor the last one learnt."""
        floor = self._last_detector.noise_floor_dbfs if self._last_detector else None
        detector = SpeechDetector(self.detector_config, floor_dbfs=floor)
        self._last_detector = detector
        return detector

    def _covered_until(self) -> int:
        """Where the audio of the holds before this one ends (0: nothing covered)."""
        ends = [u.window.end for u in self._utterances if u.window.end is not None]
        return max([self._covered, *ends])

    def _tail_samples(self) -> int:
        return round(self.tail_ms / 1000.0 * self.samplerate)

    def _position_at(self, when: float) -> int:
        """The stream position of the sample captured at monotonic time ``when``.

        From the newest callback's timestamp: the block it delivered ended "then", so a time
        before it is that many samples back, and a time after it lies ahead of what has arrived.
        """
        ring, stamps = self._ring, self._stamps
        last = stamps.last() if stamps is not None else None
        if last is None:
            return ring.read_total if ring is not None else 0
        position, at = last
        return position + round((when - at) * self.samplerate)

    def _release(self, utt: Utterance, at: float) -> None:
        if utt in self._utterances and self._ring is not None:
            # Release first, then drain: the window cuts the audio at its end even when the
            # key-up lies in the past, and a tail that is already complete is finished (its
            # last frames queued) here and now rather than at the next pump wake-up.
            utt.window.release(max(self._position_at(at), utt.window.start))
            self._drain()
            if utt.window.done:
                utt._finish(self._stamps)
        else:
            # Not capturing yet (the stream is still opening): the tail starts at its first sample.
            utt.window.release(utt.window.start)
        self._wake.set()

    def _forget(self, utt: Utterance) -> None:
        if utt in self._utterances:
            self._utterances.remove(utt)
            end = utt.window.end
            if end is not None and not utt.cancelled and utt.window.done:
                self._covered = max(self._covered, end)
        self._pending_open = [u for u in self._pending_open if u is not utt]
        if self._idle():
            self._idle_since = self._clock()
            self._wake.set()

    def _idle(self) -> bool:
        return not self._utterances and not self._pending_open

    def _listening(self) -> bool:
        """Whether the pump must read the ring (a hold runs, or someone watches the meter)."""
        return bool(self._utterances) or self._metering

    # -- the device ----------------------------------------------------------------------------
    async def _open(self) -> None:
        await run_blocking(self._open_blocking)
        self.error = None
        if self._idle():
            self._idle_since = self._clock()
        self._ensure_pump()
        self._wake.set()

    def _candidates(self) -> list[tuple[int, int]]:
        rate, channels = self.samplerate, self.channels
        out = [(rate, channels)]
        if self._want_rate is None:
            out += [(r, channels) for r in _FALLBACK_RATES]
        if self._want_channels is None:
            out += [(r, 1) for r, _ in list(out)]
        seen: list[tuple[int, int]] = []
        for c in out:
            if c not in seen:
                seen.append(c)
        return seen

    def _open_blocking(self) -> None:
        if self._stream is not None:
            return
        first_error: AudioDeviceError | None = None
        for rate, channels in self._candidates():
            ring = SampleRing(max(1, round(self.ring_seconds * rate)), channels)
            stamps = StampLog()
            tap = _InputTap(ring, stamps, self._clock)
            blocksize = max(1, round(rate * self.block_ms / 1000))
            try:
                stream = portaudio.open_stream(
                    "input",
                    device_index=self.device.index,
                    device_label=self.device.name,
                    pulse_name=self.device.pulse_name,
                    samplerate=rate,
                    channels=channels,
                    callback=tap,
                    blocksize=blocksize,
                    # "low": one callback per block, evenly spaced (see the module docstring).
                    latency="low",
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
            self.samplerate, self.channels = rate, channels
            self._ring, self._stamps, self._tap = ring, stamps, tap
            self._blocksize = blocksize
            self._covered = 0  # positions count from this stream's first sample
            preroll = round(self.preroll_ms / 1000.0 * rate)
            self._history = History(max(preroll, 1) + rate)  # a second more than the pre-roll
            self._meter = LevelMeter(rate)
            self._gate = EchoGate(round(self.gate_hangover_ms / 1000.0 * rate))
            self._gate.set_closed(self._gate_muted, 0)
            self._opened_at = self._clock()
            self._stream = stream
            log.info("capture opened: %s at %d Hz, %d ch", self.device.name, rate, channels)
            return
        assert first_error is not None
        raise first_error

    async def _open_for_utterance(self) -> None:
        try:
            await self._open()
        except AudioDeviceError as error:
            self._fail(error)
            return
        for utt in self._pending_open:
            # Re-size the windows to the rate the device actually opened at.
            if utt.done:
                continue
            utt._rate = self.samplerate
            utt._resampler = StreamResampler(self.samplerate, WIRE_RATE, LOW_DELAY)
            tail = self._tail_samples()
            released = utt.window.release_at is not None
            utt._window = UtteranceWindow(0, tail)
            if released:
                utt._window.release(0)
            self._utterances.append(utt)
        self._pending_open.clear()
        self._wake.set()

    def _stream_alive(self) -> bool:
        stream, stamps = self._stream, self._stamps
        if stream is None or stamps is None or not stream.active:
            return False
        last = stamps.last()
        now = self._clock()
        if last is None:
            return now - self._opened_at <= self.start_timeout
        return now - last[1] <= self.stall_timeout

    def _begin_close(self) -> asyncio.Task[None] | None:
        """Detach the stream and close it in the executor; the task is owned until it ends.

        A task rather than a plain await, so that cancelling whoever started it (the pump, in
        :meth:`stop`) cannot leave a half-closed stream that nobody waits for.
        """
        stream, self._stream = self._stream, None
        if stream is None:
            return None
        task = asyncio.get_running_loop().create_task(
            self._close_in_executor(stream), name="capture-close"
        )
        self._closings.add(task)
        task.add_done_callback(self._closings.discard)
        return task

    async def _close_in_executor(self, stream: Any) -> None:
        await run_blocking(portaudio.close_stream, stream)
        log.info("capture closed: %s", self.device.name)

    def _fail(self, error: AudioDeviceError) -> None:
        """End everything with ``error``; the caller may :meth:`start` again later."""
        log.warning("capture failed: %s", error)
        self.error = error
        self._started = False
        self._disarm_release()
        for utt in list(self._utterances):
            utt._fail(error)
        for utt in self._pending_open:
            utt._fail(error)
        self._pending_open.clear()
        self._utterances.clear()
        self._begin_close()  # awaited when the pump exits, or by stop()
        self._wake.set()
        if self.on_error is not None:
            self.on_error(error)

    # -- releasing the microphone --------------------------------------------------------------
    def _arm_release(self) -> None:
        """Set the one timer that releases an idle stream (not a poll: it fires once)."""
        after = self._release_after
        if after is None or self._release_timer is not None or self._stream is None:
            return
        idle_since = self._idle_since if self._idle_since is not None else self._clock()
        delay = max(0.0, idle_since + after - self._clock())
        self._release_timer = asyncio.get_running_loop().call_later(delay, self._release_due)

    def _disarm_release(self) -> None:
        timer, self._release_timer = self._release_timer, None
        if timer is not None:
            timer.cancel()

    def _release_due(self) -> None:
        self._release_timer = None
        counters.add(counters.MIC_RELEASE_TIMER)
        if self._stream is not None and self._idle():
            self._release_now()

    def _release_now(self) -> None:
        self.releases += 1
        log.info("microphone released (policy: %s s after the last hold)", self._release_after)
        self._begin_close()
        self._wake.set()

    # -- the pump ------------------------------------------------------------------------------
    def _ensure_pump(self) -> None:
        if self._pump is None or self._pump.done():
            self._pump = asyncio.get_running_loop().create_task(self._run(), name="capture-pump")

    async def _run(self) -> None:
        """The pump; an unexpected exception in it ends the capture with a sentence (through
        ``on_error``) instead of silence."""
        try:
            await self._pump_loop()
        except Exception as error:
            log.exception("capture pump failed")
            self._fail(
                AudioDeviceError(
                    f"Audio capture stopped unexpectedly ({type(error).__name__}: {error}). "
                    "Press the key again to reopen the microphone, or pick it again in Settings; "
                    "the log has the details."
                )
            )
            if self._closings:
                await asyncio.gather(*self._closings)

    async def _pump_loop(self) -> None:
        while self._started or self._utterances:
            self._wake.clear()
            if self._stream is not None and self._listening():
                self._drain()
                self._check_health()
            if self._stream is not None and self._idle():
                if self._release_after == 0.0:
                    closing = self._begin_close()
                    if closing is not None:
                        await asyncio.shield(closing)
                else:
                    self._arm_release()
                    if not self._metering and self._ring is not None and not self._ring.parked:
                        self._ring.park()
            if self._stream is not None and self._listening():
                await self._sleep(self._next_block_delay())
            else:
                await self._wake.wait()  # nothing to pump until key-down, the meter or an open
        if self._closings:
            await asyncio.gather(*self._closings)

    def _next_block_delay(self) -> float:
        """Seconds until the block worth waking for has arrived (see the module docstring).

        During a hold: the block that completes the next 20 ms frame of some utterance (or the
        end of its tail), due when the callback that delivers it is due, from the newest
        callback's timestamp and the block length. So a hold wakes the pump once per frame, not
        once per block, and no frame waits for it. For the meter alone: the callback due after
        ``idle_interval``.
        """
        stamps, ring = self._stamps, self._ring
        last = stamps.last() if stamps is not None else None
        if last is None or ring is None:
            return self.poll_interval  # not started yet: look again soon
        newest, at = last
        if newest > ring.read_total:
            return 0.0  # a block arrived while we worked
        period = self._blocksize / self.samplerate
        if self._utterances:
            needs = [u._needed_position() for u in self._utterances]
            known = [n for n in needs if n is not None]
            target = min(known) if len(known) == len(needs) else newest + 1
            blocks = -(-(target - newest) // self._blocksize)
            # (Never more than a frame's worth of blocks ahead: a miscount costs one wake-up.)
            frame_blocks = -(-round(FRAME_SAMPLES * self.samplerate / WIRE_RATE) // self._blocksize)
            step = min(max(blocks, 1), frame_blocks + 1) * period
        else:
            step = max(period, self.idle_interval)
        delay = at + step + _LATE_SLACK_S - self._clock()
        # Already due (the callback is late, or we were): look again soon.
        return delay if delay > 0 else self.poll_interval

    async def _sleep(self, delay: float) -> None:
        """Wait for ``delay`` or an earlier wake-up; count the wake-up if it was the timer's."""
        if delay <= 0:
            await asyncio.sleep(0)
            return
        timer = asyncio.get_running_loop().call_later(delay, self._timer_fired)
        try:
            await self._wake.wait()
        finally:
            timer.cancel()

    def _timer_fired(self) -> None:
        counters.add(counters.CAPTURE_TIMER)
        self._wake.set()

    def _drain(self) -> None:
        ring, history, meter = self._ring, self._history, self._meter
        if ring is None or history is None or meter is None:
            return
        if ring.parked:
            ring.unpark()
            meter.reset()  # its window would span the gap
        position, block = ring.read_block()
        if block.shape[0] == 0:
            return
        first = self._stamps.first_time() if self._stamps is not None else None
        if first is not None:
            for utt in self._utterances:
                if utt._awaiting_first_sample:
                    utt._awaiting_first_sample = False
                    utt.first_sample_latency = max(0.0, first - utt.key_down_at)
        mono: FloatArray = np.ascontiguousarray(block[:, 0])
        if block.shape[1] > 1:  # a plain mean never clips (a column sum: axis=1 is slow here)
            for c in range(1, block.shape[1]):
                mono = mono + block[:, c]
            mono *= np.float32(1.0 / block.shape[1])
        mono = self._gate.apply(position, mono)
        if self._metering and self.on_level is not None:
            levels = meter.push(mono)
            if levels:
                rms, peak = levels[-1]
                self.on_level(rms, peak)
        history.append(mono, position)
        for utt in list(self._utterances):
            utt._feed(position, mono, self._stamps)

    def _check_health(self) -> None:
        stream, stamps = self._stream, self._stamps
        if stream is None or stamps is None:
            return
        now = self._clock()
        name = self.device.name
        if not stream.active:
            self._fail(
                AudioDeviceError(
                    f"The microphone “{name}” stopped (it was disconnected or failed). "
                    "Reconnect it or pick another microphone."
                )
            )
            return
        last = stamps.last()
        if last is None:
            if now - self._opened_at > self.start_timeout:
                self._fail(
                    AudioDeviceError(
                        f"The microphone “{name}” delivered no audio within "
                        f"{self.start_timeout:g} s of opening. Check that it is connected and not "
                        "muted, or pick another microphone."
                    )
                )
            return
        if now - last[1] > self.stall_timeout:
            self._fail(
                AudioDeviceError(
                    f"The microphone “{name}” stopped delivering audio (it may have been "
                    "unplugged). Reconnect it or pick another microphone."
                )
            )

    def __repr__(self) -> str:
        state = "parked" if self.parked else "open" if self.is_open else "closed"
        return (
            f"Capture({self.device.name!r}, {self.samplerate} Hz, {self.channels} ch, {state}, "
            f"release_after={self._release_after}, metering={self._metering}, "
            f"utterances={len(self._utterances)}, gate={self._gate!r})"
        )


def _release_seconds(seconds: float | None) -> float | None:
    if seconds is not None and not seconds >= 0:
        raise ValueError(f"release_after must be None or >= 0 seconds, got {seconds}")
    return None if seconds is None else float(seconds)
