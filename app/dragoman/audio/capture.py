"""Microphone capture: PortAudio callback → ring → 20 ms frames of 16 kHz mono PCM16 on asyncio.

Threads (CONVENTIONS #5, #6): the PortAudio callback only copies the block into a preallocated
:class:`~dragoman.core.ring.SampleRing`, stamps the time and counts status flags. Everything else
happens in one asyncio task, the *pump*, which wakes every 10 ms (about 30 times a second when no
utterance is being captured): it drains the ring, downmixes, applies the echo gate, meters the
level, keeps a short history for the pre-roll and feeds the active utterances, which resample to
16 kHz with soxr (streaming, so block edges leave no trace) and cut 20 ms PCM16 frames.

The device is opened at its own rate and channel count; only if that is refused are common
alternatives tried. 16 kHz is never required of a device.

Pre-roll: with ``keep_open`` (the default) the stream stays open and :meth:`Capture.begin_utterance`
starts the utterance ``preroll_ms`` before key-down, from the history. Otherwise, or when the
stream is not open, key-down opens it and the time from key-down to the first sample is measured
(:attr:`Utterance.first_sample_latency`).

Device loss: a stream PortAudio stops, a stream that stops delivering, or (through the sound
server) a device that disappears ends every active utterance cleanly: the frames captured so far
are delivered, then the frame iterator raises :class:`AudioDeviceError` with a sentence saying what
happened. The capture can be started again later (:meth:`Capture.start`).

Decided: a stall counts as loss only after ``stall_timeout`` (3 s). PulseAudio null sinks (virtual
devices, our own virtual microphone) run in 2-second blocks while nobody asks for less, so a new
stream on one can wait up to 2 s for its first callbacks; sound-server devices that really vanish
keep "delivering" silence instead, and are caught by asking the server (``presence_interval``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from dragoman.audio import portaudio, pulseaudio
from dragoman.audio.devices import DeviceInfo
from dragoman.audio.resample import StreamResampler
from dragoman.blocking import run_blocking
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
        self._resampler = StreamResampler(rate, WIRE_RATE)
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

    def release(self, now: float | None = None) -> None:
        """Key-up: keep ``tail_ms`` of real audio after ``now``, then end the frames."""
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
            self._emit(self._resampler.process(part), stamps)
        if self._window.done:
            self._finish(stamps)

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
        on_level: LevelCallback | None = None,
        on_error: Callable[[AudioDeviceError], None] | None = None,
        samplerate: int | None = None,
        channels: int | None = None,
        gate_hangover_ms: float = 150.0,
        detector: SpeechDetectorConfig | None = None,
        poll_interval: float = 0.010,
        idle_interval: float = 1 / 30,
        presence_interval: float = 1.0,
        start_timeout: float = 5.0,
        stall_timeout: float = 3.0,
        ring_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if preroll_ms < 0 or tail_ms < 0 or gate_hangover_ms < 0:
            raise ValueError("preroll_ms, tail_ms and gate_hangover_ms must not be negative")
        if not device.is_input:
            raise AudioDeviceError(f"“{device.name}” is not an input device.")
        self.device = device
        self.preroll_ms = preroll_ms
        self.tail_ms = tail_ms
        self.keep_open = keep_open
        self.on_level = on_level
        self.on_error = on_error
        self.gate_hangover_ms = gate_hangover_ms
        self.detector_config = detector
        self.poll_interval = poll_interval
        self.idle_interval = idle_interval
        self.presence_interval = presence_interval
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
        self._utterances: list[Utterance] = []
        self._pending_open: list[Utterance] = []
        self._started = False
        self._pump: asyncio.Task[None] | None = None
        self._opening: asyncio.Task[None] | None = None
        self._presence: asyncio.Task[bool] | None = None
        self._next_presence = 0.0
        self._closings: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._last_detector: SpeechDetector | None = None  # carries the learnt noise floor
        self._covered = 0  # ring position where the last finished, kept hold ended

    # -- state -------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._stream is not None

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
        """Start the pump; with ``keep_open`` also open the device now (AudioDeviceError if not).

        Also the way back after a device error.
        """
        self._started = True
        self._ensure_pump()
        if self.keep_open and self._stream is None:
            await self._open()
        self.error = None

    async def stop(self) -> None:
        """Close the device; active utterances end with what was captured (no tail)."""
        self._started = False
        # An open under way finishes in its executor thread whatever we do: wait for it, so
        # that the stream it produces is closed below rather than leaked.
        if self._opening is not None:
            with contextlib.suppress(AudioDeviceError):
                await self._opening
        if self._presence is not None and not self._presence.done():
            self._presence.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._presence
        self._opening = self._presence = None
        if self._stream is not None:
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
        self._begin_close()
        while self._closings:  # closes started here or earlier (by the pump, by a failure)
            await asyncio.gather(*self._closings)

    def set_gate(self, muted: bool) -> None:
        """Half-duplex echo guard: mute the microphone while translated audio plays.

        Unmuting keeps the gate closed for ``gate_hangover_ms`` more, for the audio still on its
        way from the speaker to the microphone.
        """
        self._gate_muted = muted
        if self._stream is not None:
            self._drain()
            pos = self._ring.read_total if self._ring is not None else 0
            self._gate.set_closed(muted, pos)

    # -- utterances ----------------------------------------------------------------------------
    def begin_utterance(self, now: float | None = None) -> Utterance:
        """Key-down at ``now`` (monotonic; default: this instant). Never blocks."""
        key_down = self._clock() if now is None else now
        detector = self._new_detector()
        if self._stream is not None and self._ring is not None and self._history is not None:
            self._drain()
            newest = self._ring.read_total
            # Where the key went down: now, or earlier if the event reached us late.
            late = 0.0 if now is None else max(0.0, self._clock() - key_down)
            position = max(0, newest - int(late * self.samplerate))
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
            utt.preroll_samples = max(0, position - begin)
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

    def _release(self, utt: Utterance, at: float) -> None:
        if utt in self._utterances and self._ring is not None:
            self._drain()
            late = max(0.0, self._clock() - at)
            position = self._ring.read_total - int(late * self.samplerate)
            utt.window.release(max(position, utt.window.start))
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

    # -- the device ----------------------------------------------------------------------------
    async def _open(self) -> None:
        await run_blocking(self._open_blocking)
        self.error = None
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
            try:
                stream = portaudio.open_stream(
                    "input",
                    device_index=self.device.index,
                    device_label=self.device.name,
                    pulse_name=self.device.pulse_name,
                    samplerate=rate,
                    channels=channels,
                    callback=tap,
                    blocksize=max(1, rate // 200),  # 5 ms: low latency, few Python callbacks
                    # A device buffer of PortAudio's "high" size (~35 ms on ALSA): blocks still
                    # arrive every 5 ms, but a callback held up by the GIL does not overflow it.
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
            self.samplerate, self.channels = rate, channels
            self._ring, self._stamps, self._tap = ring, stamps, tap
            self._covered = 0  # positions count from this stream's first sample
            preroll = round(self.preroll_ms / 1000.0 * rate)
            self._history = History(max(preroll, 1) + rate)  # a second more than the pre-roll
            self._meter = LevelMeter(rate)
            self._gate = EchoGate(round(self.gate_hangover_ms / 1000.0 * rate))
            self._gate.set_closed(self._gate_muted, 0)
            self._opened_at = self._clock()
            self._next_presence = self._opened_at + self.presence_interval
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
            utt._resampler = StreamResampler(self.samplerate, WIRE_RATE)
            tail = self._tail_samples()
            released = utt.window.release_at is not None
            utt._window = UtteranceWindow(0, tail)
            if released:
                utt._window.release(0)
            self._utterances.append(utt)
        self._pending_open.clear()
        self._wake.set()

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
        for utt in list(self._utterances):
            utt._fail(error)
        for utt in self._pending_open:
            utt._fail(error)
        self._pending_open.clear()
        self._utterances.clear()
        self._begin_close()  # awaited when the pump exits, or by stop()
        if self.on_error is not None:
            self.on_error(error)

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
            if self._stream is not None:
                self._drain()
                self._check_health()
                if not self.keep_open and not self._utterances and not self._pending_open:
                    closing = self._begin_close()
                    if closing is not None:
                        await asyncio.shield(closing)
            self._wake.clear()
            if self._stream is None and not self._utterances:
                await self._wake.wait()  # nothing to pump until key-down opens the stream
                continue
            interval = self.poll_interval if self._utterances else self.idle_interval
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), interval)
        if self._closings:
            await asyncio.gather(*self._closings)

    def _drain(self) -> None:
        ring, history, meter = self._ring, self._history, self._meter
        if ring is None or history is None or meter is None:
            return
        position = ring.read_total
        block = ring.read()
        if block.shape[0] == 0:
            return
        first = self._stamps.first_time() if self._stamps is not None else None
        if first is not None:
            for utt in self._utterances:
                if utt._awaiting_first_sample:
                    utt._awaiting_first_sample = False
                    utt.first_sample_latency = max(0.0, first - utt.key_down_at)
        mono: FloatArray = block[:, 0] if block.shape[1] == 1 else block.mean(axis=1)
        mono = self._gate.apply(position, np.ascontiguousarray(mono, dtype=np.float32))
        levels = meter.push(mono)
        if levels and self.on_level is not None:
            rms, peak = levels[-1]
            self.on_level(rms, peak)
        history.append(mono)
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
            return
        self._check_presence(now)

    def _check_presence(self, now: float) -> None:
        """Sound-server devices keep "delivering" silence when they vanish: ask the server."""
        if self.device.pulse_name is None:
            return
        task = self._presence
        if task is not None and task.done():
            self._presence = None
            present = not task.cancelled() and task.exception() is None and task.result()
            if not present and self._stream is not None:
                self._fail(
                    AudioDeviceError(
                        f"The microphone “{self.device.name}” was disconnected. Reconnect it or "
                        "pick another microphone."
                    )
                )
                return
        if self._presence is None and now >= self._next_presence:
            self._next_presence = now + self.presence_interval
            loop = asyncio.get_running_loop()
            self._presence = loop.create_task(self._present(), name="capture-presence")

    async def _present(self) -> bool:
        name = self.device.pulse_name
        try:
            sources = await run_blocking(pulseaudio.names, "source")
        except AudioDeviceError:
            return False  # the sound server itself went away
        return name in sources

    def __repr__(self) -> str:
        return (
            f"Capture({self.device.name!r}, {self.samplerate} Hz, {self.channels} ch, "
            f"open={self.is_open}, utterances={len(self._utterances)}, gate={self._gate!r})"
        )
