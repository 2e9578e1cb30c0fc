"""Test the route into a call: play a chirp into the call output, record the virtual microphone.

What the person wants to know before a meeting is whether the call app will hear Dragoman. The
call app records "Dragoman Microphone" (the remapped source of our null sink; on Windows/macOS
VB-CABLE's "CABLE Output" or BlackHole); Dragoman plays into the call output. So this opens both
ends as they are used (an output stream on the call output, an input stream on the virtual
microphone's source, each at the device's own rate), plays a 300 ms chirp once the recording
runs, and looks for it (:mod:`dragoman.core.route`). Every way it can fail ends in a
:class:`~dragoman.core.route.RouteResult` with a sentence and the next step, never an exception
from the sound system.

Blocking (device list, pactl, PortAudio, about a second of audio): :func:`check_route` runs on a
worker thread; :func:`check_route_async` is the form for the asyncio side. The callbacks only copy
into preallocated arrays and count.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Callable
from typing import Any, Final, Literal

import numpy as np

from dragoman.audio import portaudio, pulseaudio
from dragoman.audio.devices import (
    VIRTUAL_MIC_NAME,
    VIRTUAL_MIC_SINK,
    VIRTUAL_MIC_SOURCE,
    DeviceInfo,
    find_device,
    list_devices,
)
from dragoman.audio.virtual_mic import SINK_DESCRIPTION, find_virtual_cable
from dragoman.blocking import run_blocking
from dragoman.core import route
from dragoman.core.errors import AudioDeviceError, UsageError
from dragoman.core.route import RouteResult, Stamp

log = logging.getLogger(__name__)

LISTEN_S: Final = 1.5
"""Recorded after the chirp starts: the chirp and up to ~1.2 s of delay."""
START_LIMIT_S: Final = 5.0
"""How long both streams may take to run (an idle null sink takes up to ~2 s to serve)."""
POLL_S: Final = 0.005
BLOCK_MS: Final = 10
_PERCENT: Final = re.compile(r"(\d+)%")

_SINK_IDS: Final = frozenset(
    s.lower()
    for s in (VIRTUAL_MIC_SINK, f"pulse:{VIRTUAL_MIC_SINK}", SINK_DESCRIPTION, VIRTUAL_MIC_NAME)
)
_SOURCE_IDS: Final = frozenset(
    s.lower() for s in (VIRTUAL_MIC_SOURCE, f"pulse:{VIRTUAL_MIC_SOURCE}", VIRTUAL_MIC_NAME)
)


# -- which two devices ----------------------------------------------------------------------------
def counterpart(output: DeviceInfo, devices: list[DeviceInfo]) -> DeviceInfo | None:
    """The input a call app records to hear what is played into ``output`` (a virtual cable's
    other end), or None when ``output`` has none we know of."""
    inputs = [d for d in devices if d.is_input]
    if output.pulse_name == VIRTUAL_MIC_SINK:
        return next((d for d in inputs if d.pulse_name == VIRTUAL_MIC_SOURCE), None)
    name = output.name.lower()
    if "cable input" in name:
        return next((d for d in inputs if "cable output" in d.name.lower()), None)
    if "blackhole" in name:
        return next((d for d in inputs if d.name.lower() == name), None)
    return None


def _virtual_sink(devices: list[DeviceInfo]) -> DeviceInfo | None:
    return find_virtual_cable(devices)


def plan(
    devices: list[DeviceInfo],
    *,
    call_output: str,
    output: str | None = None,
    input_device: str | None = None,
    if_off: Literal["fault", "virtual"] = "fault",
) -> tuple[DeviceInfo, DeviceInfo] | RouteResult:
    """The (output, input) pair to test, or the fault that makes testing pointless.

    ``call_output`` is the setting (empty: off, "default": the system output); ``output`` and
    ``input_device`` are explicit choices (the command line's ``--output`` / ``--input``) that
    override it. ``if_off``: what an empty ``call_output`` means: a fault (the Settings button:
    the app would send nothing), or the virtual microphone itself (the command line, which tests
    the route a call app would hear). An explicit device that does not exist is a
    :class:`UsageError`, unless it names the virtual microphone, which then does not exist yet.
    """
    sink = _virtual_sink(devices)
    sink_missing = f"the output “{SINK_DESCRIPTION}” that Dragoman plays into"
    if output:
        out = find_device(output, "output", devices)
        if out is None and output.lower() in _SINK_IDS:  # "Dragoman Microphone": its sink
            if sink is None:
                return route.no_virtual_mic(sink_missing if _has_source(devices) else "")
            out = sink
        if out is None:
            raise UsageError(
                f"There is no output device called “{output}”: run `dragoman devices` to see the "
                "names and ids."
            )
    elif not call_output:
        if sink is None:
            return route.no_virtual_mic(sink_missing if _has_source(devices) else "")
        if if_off == "fault":
            return route.call_output_off(_picked_name(sink, devices))
        out = sink
    elif call_output == "default":
        outs = [d for d in devices if d.is_output]
        out = next((d for d in outs if d.is_default_output), outs[0] if outs else None)
        if out is None:
            raise AudioDeviceError("No audio output was found: the route cannot be tested.")
    else:
        found = find_device(call_output, "output", devices)
        if found is None:
            if sink is None:
                return route.no_virtual_mic(sink_missing if _has_source(devices) else "")
            return route.not_virtual_output(
                f"{call_output.removeprefix('pulse:')} (not connected)", _picked_name(sink, devices)
            )
        out = found
    if input_device:
        inp = find_device(input_device, "input", devices)
        if inp is None:
            if input_device.lower() in _SOURCE_IDS:
                return route.no_virtual_mic(f"its source “{VIRTUAL_MIC_NAME}”")
            raise UsageError(
                f"There is no input device called “{input_device}”: run `dragoman devices` to "
                "see the names and ids."
            )
        return out, inp
    if not out.virtual_mic:
        if sink is None:
            return route.no_virtual_mic(sink_missing if _has_source(devices) else "")
        return route.not_virtual_output(out.name, _picked_name(sink, devices))
    inp = counterpart(out, devices)
    if inp is None:
        return route.no_virtual_mic(f"its source “{VIRTUAL_MIC_NAME}”")
    return out, inp


def _has_source(devices: list[DeviceInfo]) -> bool:
    return any(d.is_input and d.pulse_name == VIRTUAL_MIC_SOURCE for d in devices)


def _picked_name(sink: DeviceInfo, devices: list[DeviceInfo]) -> str:
    """What the call app lists: our source's name, or the virtual cable's input side."""
    other = counterpart(sink, devices)
    return other.name if other is not None else VIRTUAL_MIC_NAME


# -- the measurement ------------------------------------------------------------------------------
class _Recorder:
    """Input callback: once ``recording``, copy channel 0 into the buffer and stamp each block."""

    __slots__ = ("at", "buffer", "callbacks", "clock", "ends", "recording", "stamps", "written")

    def __init__(self, frames: int, blocks: int, clock: Callable[[], float]) -> None:
        self.buffer = np.zeros(frames, dtype=np.float32)
        self.ends = np.zeros(blocks, dtype=np.int64)
        self.at = np.zeros(blocks, dtype=np.float64)
        self.stamps = 0
        self.written = 0
        self.callbacks = 0
        self.recording = False
        self.clock = clock

    def __call__(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        self.callbacks += 1
        if not self.recording:
            return
        n = min(frames, self.buffer.size - self.written)
        if n <= 0:
            return
        self.buffer[self.written : self.written + n] = indata[:n, 0]
        self.written += n
        if self.stamps < self.at.size:
            self.ends[self.stamps] = self.written
            self.at[self.stamps] = self.clock()
            self.stamps += 1

    def arrivals(self) -> list[Stamp]:
        return [Stamp(int(self.ends[i]), float(self.at[i])) for i in range(self.stamps)]


class _TonePlayer:
    """Output callback: silence until ``armed``, then the chirp from a block's start, then
    silence again (the stream stays fed, so the sink stays clocked)."""

    __slots__ = ("armed", "callbacks", "clock", "position", "started_at", "tone")

    def __init__(self, tone: Any, clock: Callable[[], float]) -> None:
        self.tone = tone
        self.clock = clock
        self.armed = False
        self.position = 0
        self.started_at = math.nan
        self.callbacks = 0

    def __call__(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        self.callbacks += 1
        outdata.fill(0)
        if not self.armed or self.position >= self.tone.size:
            return
        if self.position == 0:
            self.started_at = self.clock()
        n = min(frames, self.tone.size - self.position)
        outdata[:n] = self.tone[self.position : self.position + n, None]
        self.position += n


def _open(kind: str, device: DeviceInfo, callback: Any) -> Any:
    rate = device.native_rate
    stream = portaudio.open_stream(
        kind,
        device_index=device.index,
        device_label=device.name,
        pulse_name=device.pulse_name,
        samplerate=rate,
        channels=device.native_channels("input" if kind == "input" else "output"),
        callback=callback,
        blocksize=max(1, rate * BLOCK_MS // 1000),
        latency="low",
    )
    try:
        portaudio.start_stream(stream, device.name)
    except AudioDeviceError:
        portaudio.close_stream(stream)
        raise
    return stream


def _wait(done: Callable[[], bool], limit: float, clock: Callable[[], float]) -> bool:
    """Poll ``done`` (a counter the callbacks advance) on this worker thread until ``limit``."""
    deadline = clock() + limit
    while not done():
        if clock() >= deadline:
            return False
        time.sleep(POLL_S)
    return True


def measure(
    output: DeviceInfo,
    input_device: DeviceInfo,
    *,
    listen_s: float = LISTEN_S,
    start_limit_s: float = START_LIMIT_S,
    clock: Callable[[], float] = time.monotonic,
) -> RouteResult:
    """Play the chirp into ``output`` while recording ``input_device``; blocking (~2 s)."""
    rate_in, rate_out = input_device.native_rate, output.native_rate
    player = _TonePlayer(route.route_tone(rate_out), clock)
    frames = round(listen_s * rate_in)
    recorder = _Recorder(frames, frames // max(1, rate_in * BLOCK_MS // 1000 // 4) + 16, clock)
    streams: list[Any] = []
    try:
        try:
            streams.append(_open("output", output, player))
            streams.append(_open("input", input_device, recorder))
        except AudioDeviceError as error:
            return route.device_busy(str(error), output.name, input_device.name)
        if not _wait(lambda: player.callbacks > 0 and recorder.callbacks > 0, start_limit_s, clock):
            silent = "“" + (input_device.name if player.callbacks else output.name) + "”"
            return route.not_arriving(
                output.name,
                input_device.name,
                f"{silent} did not run within {start_limit_s:g} s (suspended, or the sound "
                "server is stuck): try again, or restart the sound server",
                None,
            )
        recorder.recording = True
        player.armed = True
        _wait(lambda: recorder.written >= frames, listen_s + start_limit_s, clock)
    finally:
        for stream in reversed(streams):
            portaudio.close_stream(stream)
    heard = recorder.buffer[: recorder.written]
    detection = route.detect_tone(heard, route.route_tone(rate_in))
    log.info(
        "route test %s → %s: correlation %.3f at %d, level %.1f dB",
        output.name,
        input_device.name,
        detection.correlation,
        detection.position,
        detection.level_db,
    )
    if not detection.found:
        return route.not_arriving(
            output.name, input_device.name, why_silent(output, input_device), detection
        )
    handed = Stamp(0, player.started_at)
    delay = route.delay_ms(handed, recorder.arrivals(), detection.position, rate_in, rate_out)
    return route.passed(input_device.name, delay, detection, output_name=output.name)


def why_silent(output: DeviceInfo, input_device: DeviceInfo) -> str | None:
    """What the sound server says keeps the chirp from arriving (muted, volume at zero), as
    the clause of a sentence with the fix; None when it says nothing is wrong (or cannot say)."""
    checks = (
        ("sink", output.pulse_name, output.name, "Output Devices"),
        ("source", input_device.pulse_name, input_device.name, "Input Devices"),
    )
    for kind, name, label, tab in checks:
        if name is None or pulseaudio.pactl_path() is None:
            continue
        try:
            muted = "yes" in pulseaudio.pactl(f"get-{kind}-mute", name).lower()
            volume = pulseaudio.pactl(f"get-{kind}-volume", name)
        except AudioDeviceError as error:
            log.info("route test: %s %s not inspected: %s", kind, name, error)
            continue
        if muted:
            return (
                f"“{label}” is muted: unmute it (pavucontrol → {tab}, or "
                f"`pactl set-{kind}-mute {name} 0`) and test again"
            )
        percents = [int(p) for p in _PERCENT.findall(volume)]
        if percents and max(percents) == 0:
            return (
                f"the volume of “{label}” is at 0 %: raise it (pavucontrol → {tab}, or "
                f"`pactl set-{kind}-volume {name} 100%`) and test again"
            )
    return None


def check_route(
    call_output: str = "",
    *,
    output: str | None = None,
    input_device: str | None = None,
    if_off: Literal["fault", "virtual"] = "fault",
    lister: Callable[[], list[DeviceInfo]] = list_devices,
) -> RouteResult:
    """The whole route test, blocking: choose the devices (see :func:`plan`), then measure.

    Raises only :class:`UsageError` (a named device that does not exist); every problem of the
    route itself is a :class:`RouteResult` with a sentence.
    """
    try:
        devices = lister()
    except AudioDeviceError as error:
        return route.device_busy(str(error))
    chosen = plan(
        devices, call_output=call_output, output=output, input_device=input_device, if_off=if_off
    )
    if isinstance(chosen, RouteResult):
        log.info("route test: %r", chosen)
        return chosen
    result = measure(*chosen)
    log.info("route test: %r", result)
    return result


async def check_route_async(call_output: str = "") -> RouteResult:
    """:func:`check_route` off the Qt/asyncio thread (the Settings button's callable)."""
    return await run_blocking(check_route, call_output)
