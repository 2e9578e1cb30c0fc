"""Audio devices as the app sees them: listing, flags, default or pinned choice, hot-plug.

On Linux the sound server's own sinks and sources (from ``pactl``) are listed in place of
PortAudio's single ``pulse`` entry, each opened through that entry with the server told which one
(see :mod:`dragoman.audio.portaudio`); they carry their native rate and channel count, so nothing
resamples before our own code. Elsewhere the list is PortAudio's.

Flags exist so that nothing odd is ever picked *silently* as the microphone: ``monitor`` marks
loopback/monitor inputs (what an output is playing), ``virtual_mic`` marks our own "Dragoman
Microphone" and third-party virtual cables (VB-CABLE, BlackHole) whose input side carries our own
translated voice. A pinned device is used even when flagged (the person chose it); "follow the
system default" skips a flagged default and says so.

``builtin_speakers`` marks an output the microphone would hear (barge-in pauses it at key-down,
see :mod:`dragoman.controller`). For the sound server's sinks it comes from the server's own
words only (:func:`sink_is_speakers`: the active port's type or name, the device's form factor),
never from the name a person or a driver gave the sink: a null sink called "Test speaker" or a
USB headset named "Speakerphone" is not a laptop's speakers. Devices reached through PortAudio
alone (Windows, macOS, raw ALSA devices) have no such properties: there the flag is a best
effort from the device name ("Speakers (Realtek)", "MacBook Pro Speakers"), and the
``echo_guard`` setting is the person's override either way.

Everything here blocks (PortAudio queries, pactl): callers on the asyncio side use an executor,
as :class:`DeviceWatcher` does. The watcher learns of hot-plug from the sound server's event
subscription, so nothing polls at rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

from dragoman.audio import portaudio, pulseaudio
from dragoman.blocking import run_blocking
from dragoman.core import counters
from dragoman.core.errors import AudioDeviceError

log = logging.getLogger(__name__)

Kind = Literal["input", "output"]

PULSE_HOST_API: Final = "PulseAudio"
VIRTUAL_MIC_NAME: Final = "Dragoman Microphone"
VIRTUAL_MIC_SINK: Final = "dragoman_mic_sink"
VIRTUAL_MIC_SOURCE: Final = "dragoman_mic"

# Lower-case fragments of device names.
_MONITOR_HINTS: Final = ("monitor", "stereo mix", "loopback", "what u hear", "what you hear")
_VIRTUAL_HINTS: Final = (
    VIRTUAL_MIC_NAME.lower(),
    VIRTUAL_MIC_SOURCE,
    VIRTUAL_MIC_SINK,
    "vb-audio",
    "cable input",
    "cable output",
    "blackhole",
)
# PortAudio-only best effort (no sound-server properties there): output names.
_SPEAKER_HINTS: Final = ("speaker", "built-in output", "internal speakers")
# The sound server's words: form factors of devices that fill the room (pulse/proplist.h), and
# active-port fragments of outputs that do not (ALSA mixer paths, UCM and Bluetooth ports).
_SPEAKER_FORM_FACTORS: Final = ("internal", "speaker")
_NOT_SPEAKER_PORTS: Final = ("headphone", "headset", "earpiece", "handset", "hands-free", "hdmi")


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """One input or output (or both, for PortAudio devices that do both)."""

    index: int
    """PortAudio device index used to open it (for sound-server devices: PortAudio's ``pulse``)."""
    name: str
    host_api: str
    max_input_channels: int
    max_output_channels: int
    default_samplerate: float
    is_default_input: bool = False
    is_default_output: bool = False
    monitor: bool = False
    virtual_mic: bool = False
    builtin_speakers: bool = False
    pulse_name: str | None = None
    """The sound server's name of this sink/source, when it is reached through the server."""

    @property
    def id(self) -> str:
        """Stable identifier for settings: survives re-ordering and re-plugging."""
        if self.pulse_name is not None:
            return f"pulse:{self.pulse_name}"
        return f"{self.host_api}:{self.name}"

    @property
    def is_input(self) -> bool:
        return self.max_input_channels > 0

    @property
    def is_output(self) -> bool:
        return self.max_output_channels > 0

    @property
    def flags(self) -> tuple[str, ...]:
        names = ("monitor", "virtual_mic", "builtin_speakers")
        return tuple(n for n in names if getattr(self, n))

    def native_channels(self, kind: Kind) -> int:
        """Channels to open: the device's own count (capped at 2: we only need a stereo pair)."""
        most = self.max_input_channels if kind == "input" else self.max_output_channels
        return max(1, min(most, 2))

    @property
    def native_rate(self) -> int:
        return round(self.default_samplerate)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Resolved:
    """The device to use, and a sentence when it is not the one asked for (or is doubtful)."""

    device: DeviceInfo
    reason: str | None = None

    @property
    def fell_back(self) -> bool:
        return self.reason is not None


def _lower_has(text: str, hints: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(h in low for h in hints)


def sink_is_speakers(
    properties: dict[str, str], active_port: str | None, port_type: str | None = None
) -> bool:
    """Whether a sound-server sink plays into the room, from the server's own properties.

    The active port decides first: its type ("Speaker" yes; "Headphones", "Headset", "HDMI", …
    no), else its name (ALSA's ``analog-output-speaker`` yes, ``…-headphones`` no). Without a
    telling port, ``device.form_factor`` "internal" (a laptop's own card) or "speaker" does.
    The description is never read."""
    if port_type:
        return port_type.strip().lower() == "speaker"
    port = (active_port or "").lower()
    if "speaker" in port:
        return True
    if any(word in port for word in _NOT_SPEAKER_PORTS):
        return False
    return properties.get("device.form_factor", "").strip().lower() in _SPEAKER_FORM_FACTORS


def _portaudio_devices() -> tuple[list[DeviceInfo], int | None]:
    """PortAudio's list, and the index of its ``pulse`` device (None without one)."""
    sd = portaudio.sounddevice()
    with portaudio.lock():
        try:
            raw_devices = list(sd.query_devices())
            apis = list(sd.query_hostapis())
        except sd.PortAudioError as error:
            raise AudioDeviceError(
                f"The list of audio devices could not be read ({error})."
            ) from None
        try:
            default_in, default_out = (int(i) for i in sd.default.device)
        except (TypeError, ValueError):
            default_in = default_out = -1
    devices: list[DeviceInfo] = []
    pulse_index: int | None = None
    for raw in raw_devices:
        name = str(raw["name"])
        index = int(raw["index"])
        api = str(apis[int(raw["hostapi"])]["name"])
        if api == "ALSA" and name == "pulse":
            pulse_index = index
        ins, outs = int(raw["max_input_channels"]), int(raw["max_output_channels"])
        devices.append(
            DeviceInfo(
                index=index,
                name=name,
                host_api=api,
                max_input_channels=ins,
                max_output_channels=outs,
                default_samplerate=float(raw["default_samplerate"]),
                is_default_input=index == default_in and ins > 0,
                is_default_output=index == default_out and outs > 0,
                monitor=ins > 0 and _lower_has(name, _MONITOR_HINTS),
                virtual_mic=_lower_has(name, _VIRTUAL_HINTS),
                builtin_speakers=outs > 0
                and _lower_has(name, _SPEAKER_HINTS)
                and not _lower_has(name, _MONITOR_HINTS),
            )
        )
    return devices, pulse_index


def _pulse_devices(pulse_index: int) -> list[DeviceInfo]:
    snap = pulseaudio.snapshot()
    out: list[DeviceInfo] = []
    for node in snap.sources:
        label = f"{node.description} {node.name}"
        out.append(
            DeviceInfo(
                index=pulse_index,
                name=node.description,
                host_api=PULSE_HOST_API,
                max_input_channels=node.channels,
                max_output_channels=0,
                default_samplerate=float(node.rate),
                is_default_input=node.name == snap.default_source,
                monitor=node.monitor,
                virtual_mic=_lower_has(label, _VIRTUAL_HINTS),
                pulse_name=node.name,
            )
        )
    for node in snap.sinks:
        label = f"{node.description} {node.name}"
        speakers = sink_is_speakers(node.properties, node.active_port, node.active_port_type)
        out.append(
            DeviceInfo(
                index=pulse_index,
                name=node.description,
                host_api=PULSE_HOST_API,
                max_input_channels=0,
                max_output_channels=node.channels,
                default_samplerate=float(node.rate),
                is_default_output=node.name == snap.default_sink,
                virtual_mic=_lower_has(label, _VIRTUAL_HINTS),
                builtin_speakers=speakers,
                pulse_name=node.name,
            )
        )
    return out


def list_devices() -> list[DeviceInfo]:
    """Every input and output, sound-server devices first (blocking: use an executor)."""
    devices, pulse_index = _portaudio_devices()
    if pulse_index is None or pulseaudio.pactl_path() is None:
        return devices
    try:
        server = _pulse_devices(pulse_index)
    except AudioDeviceError as error:
        log.info("sound server devices unavailable: %s", error)
        return devices
    if not server:
        return devices
    # The sound server's default replaces PortAudio's; its ``pulse`` entry is only the way in.
    rest = [
        DeviceInfo(
            index=d.index,
            name=d.name,
            host_api=d.host_api,
            max_input_channels=d.max_input_channels,
            max_output_channels=d.max_output_channels,
            default_samplerate=d.default_samplerate,
            monitor=d.monitor,
            virtual_mic=d.virtual_mic,
            builtin_speakers=d.builtin_speakers,
        )
        for d in devices
        if d.index != pulse_index
    ]
    return server + rest


def refresh() -> bool:
    """Re-read the hardware list (PortAudio re-initialise); False while a stream is open."""
    return portaudio.reinitialise()


def find_device(pref: str, kind: Kind, devices: list[DeviceInfo]) -> DeviceInfo | None:
    """The device ``pref`` names (id, sound-server name, or name; case-insensitive last)."""
    usable = [d for d in devices if (d.is_input if kind == "input" else d.is_output)]
    keys: tuple[Callable[[DeviceInfo], object], ...] = (
        lambda d: d.id,
        lambda d: d.pulse_name,
        lambda d: d.name,
    )
    for key in keys:
        found = next((d for d in usable if key(d) == pref), None)
        if found is not None:
            return found
    return next((d for d in usable if d.name.lower() == pref.lower()), None)


def resolve_input(pref: str | None = None, devices: list[DeviceInfo] | None = None) -> Resolved:
    """The microphone to use: ``pref`` if connected, else the system default (never a monitor
    or a virtual microphone silently); AudioDeviceError when there is no input at all."""
    return _resolve("input", pref, devices)


def resolve_output(pref: str | None = None, devices: list[DeviceInfo] | None = None) -> Resolved:
    """The output to use: ``pref`` if connected, else the system default (never our own virtual
    microphone silently); AudioDeviceError when there is no output at all."""
    return _resolve("output", pref, devices)


def _resolve(kind: Kind, pref: str | None, devices: list[DeviceInfo] | None) -> Resolved:
    all_devices = list_devices() if devices is None else devices
    what = "microphone" if kind == "input" else "output device"
    if pref:
        found = find_device(pref, kind, all_devices)
        if found is not None:
            return Resolved(found)
    device, doubt = _default(kind, all_devices)
    parts = [f"the {what} “{pref}” is not connected"] if pref else []
    if doubt:
        parts.append(doubt)
    if not parts:
        return Resolved(device)
    sentence = ", and ".join(parts)
    if pref or device.name not in sentence:
        sentence += f"; using “{device.name}” instead"
    return Resolved(device, f"{sentence[0].upper()}{sentence[1:]}.")


def _default(kind: Kind, devices: list[DeviceInfo]) -> tuple[DeviceInfo, str | None]:
    """The default device of ``kind`` and, when it is not a plain one, why."""
    usable = [d for d in devices if (d.is_input if kind == "input" else d.is_output)]
    if not usable:
        if kind == "input":
            raise AudioDeviceError(
                "No microphone was found: connect one, and check that it is enabled in the "
                "system's sound settings."
            )
        raise AudioDeviceError(
            "No audio output was found: connect headphones or speakers, and check the system's "
            "sound settings."
        )

    def suspicious(d: DeviceInfo) -> bool:
        return d.virtual_mic or (kind == "input" and d.monitor)

    default = next(
        (d for d in usable if (d.is_default_input if kind == "input" else d.is_default_output)),
        usable[0],
    )
    if not suspicious(default):
        return default, None
    plain = next((d for d in usable if not suspicious(d)), None)
    what = "input" if kind == "input" else "output"
    why = (
        "a virtual microphone that carries Dragoman's own voice"
        if default.virtual_mic
        else "a monitor of an output, not a microphone"
    )
    doubt = f"the system default {what} “{default.name}” is {why}"
    if plain is None:
        return default, f"{doubt}, and there is no other"
    return plain, doubt


def _hardware_signature() -> tuple[str, ...] | None:
    """Something cheap that changes when hardware comes or goes (Linux: /dev/snd), or None."""
    if not sys.platform.startswith("linux"):
        return None
    with contextlib.suppress(OSError):
        return tuple(sorted(os.listdir("/dev/snd")))
    return ()


def _key(devices: list[DeviceInfo]) -> tuple[tuple[object, ...], ...]:
    return tuple(
        (
            d.id,
            d.is_default_input,
            d.is_default_output,
            d.max_input_channels,
            d.max_output_channels,
            d.native_rate,
        )
        for d in devices
    )


_EVENT_FACILITIES: Final = frozenset({"sink", "source", "card", "server"})


def relevant(event: pulseaudio.ServerEvent) -> bool:
    """Whether a sound-server event can change the device list.

    Sinks and sources appearing or going, cards (profiles, hot-plug) and the server (its default
    sink/source) count. Changes *of* a sink or source do not: they are volumes, and the state
    changes our own streams cause whenever they open or close.
    """
    if event.facility not in _EVENT_FACILITIES:
        return False
    if event.facility in ("sink", "source"):
        return event.what in ("new", "remove")
    return True


Subscriber = Callable[[], "subprocess.Popen[bytes]"]


class DeviceWatcher:
    """Keeps the device list current and calls ``on_change(devices)`` on the loop when it changes.

    With a sound server: one long-lived ``pactl subscribe`` child (:func:`pulseaudio.subscribe`),
    read through a pipe reader on the loop. A relevant event (see :func:`relevant`) starts one
    re-list; events that arrive while it runs cause exactly one more. Between events nothing
    runs: no timer, no process. Without a sound server (Windows, macOS, bare ALSA), or while the
    subscription is down (the server restarted), the list is polled every ``interval`` seconds
    (10 by default: hot-plug is rare, and each poll costs), and each poll first tries to subscribe
    again.

    PortAudio is re-initialised only when the hardware may have changed (on Linux: the set of ALSA
    device nodes; elsewhere every poll) and no stream is open; otherwise the re-initialise waits
    for a later look. The blocking work runs through :func:`~dragoman.blocking.run_blocking`.
    """

    def __init__(
        self,
        on_change: Callable[[list[DeviceInfo]], None],
        *,
        interval: float = 10.0,
        lister: Callable[[], list[DeviceInfo]] = list_devices,
        refresher: Callable[[], bool] = refresh,
        signature: Callable[[], tuple[str, ...] | None] = _hardware_signature,
        subscriber: Subscriber | Literal["pactl"] | None = "pactl",
    ) -> None:
        """``subscriber``: starts the event child; "pactl" (default) is
        :func:`pulseaudio.subscribe` when pactl exists; None always polls."""
        if not interval > 0:
            raise ValueError(f"interval must be positive, got {interval}")
        self.on_change = on_change
        self.interval = interval
        self._lister = lister
        self._refresher = refresher
        self._signature = signature
        if subscriber == "pactl":
            subscriber = pulseaudio.subscribe if pulseaudio.pactl_path() is not None else None
        self._subscriber: Subscriber | None = subscriber
        self._last_signature: tuple[str, ...] | None = None
        self._refresh_pending = False
        self._key: tuple[tuple[object, ...], ...] | None = None
        self._running = False
        self._poller: asyncio.Task[None] | None = None  # the fallback polling loop
        self._relist: asyncio.Task[None] | None = None  # a re-list an event started
        self._again = False
        self._proc: subprocess.Popen[bytes] | None = None
        self._fd: int | None = None
        self._partial = b""
        self._reaping: set[asyncio.Task[None]] = set()
        self.devices: list[DeviceInfo] = []
        self.polls = 0
        self.events = 0
        """Relevant sound-server events seen."""
        self.error: AudioDeviceError | None = None

    @property
    def running(self) -> bool:
        return self._running

    @property
    def subscribed(self) -> bool:
        """True while the ``pactl subscribe`` child is being followed."""
        return self._proc is not None

    async def start(self) -> None:
        """Subscribe (or fall back to polling), then take a first snapshot without calling back."""
        if self._running:
            return
        self._running = True
        if not await self._subscribe():
            self._start_polling()
        await self.poll(notify=False)

    async def stop(self) -> None:
        """Stop following events (the child is terminated and reaped) and polling. Idempotent."""
        self._running = False
        for task in (self._poller, self._relist):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._poller = self._relist = None
        self._unsubscribe()
        if self._reaping:
            await asyncio.gather(*self._reaping, return_exceptions=True)

    async def poll(self, *, notify: bool = True) -> bool:
        """One look now; True (and ``on_change`` called) if the list changed."""
        try:
            devices = await run_blocking(self._poll_blocking)
        except AudioDeviceError as error:
            if self.error is None or str(error) != str(self.error):
                log.warning("device poll failed: %s", error)
            self.error = error
            return False
        self.error = None
        self.polls += 1
        key = _key(devices)
        changed = self._key is not None and key != self._key
        self._key = key
        self.devices = devices
        if changed and notify:
            log.info("audio devices changed: %d devices", len(devices))
            self.on_change(devices)
        return changed

    def _poll_blocking(self) -> list[DeviceInfo]:
        sig = self._signature()
        if sig is None or sig != self._last_signature:
            self._refresh_pending = True
            self._last_signature = sig
        if self._refresh_pending and self._refresher():
            self._refresh_pending = False
        return self._lister()

    # -- the event subscription ------------------------------------------------------------
    async def _subscribe(self) -> bool:
        if self._subscriber is None:
            return False
        try:
            proc = await run_blocking(self._subscriber)
        except AudioDeviceError as error:
            log.info("sound-server events unavailable, polling instead: %s", error)
            return False
        if not self._running:  # stopped while it started
            self._reap(proc)
            return False
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        os.set_blocking(fd, False)
        self._proc, self._fd, self._partial = proc, fd, b""
        asyncio.get_running_loop().add_reader(fd, self._on_readable)
        log.info("following sound-server events (pactl subscribe, pid %d)", proc.pid)
        return True

    def _unsubscribe(self) -> None:
        proc, fd = self._proc, self._fd
        self._proc = self._fd = None
        if fd is not None:
            asyncio.get_running_loop().remove_reader(fd)
        if proc is not None:
            self._reap(proc)

    def _reap(self, proc: subprocess.Popen[bytes]) -> None:
        """Terminate the child and wait for it in the executor (owned until it is gone)."""
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.terminate()
        task = asyncio.get_running_loop().create_task(
            run_blocking(_wait_and_close, proc), name="device-watcher-reap"
        )
        self._reaping.add(task)
        task.add_done_callback(self._reaping.discard)

    def _on_readable(self) -> None:
        """The pipe has data (or hit its end): parse whole lines, start a re-list if needed."""
        fd = self._fd
        if fd is None:
            return
        try:
            data = os.read(fd, 4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            log.warning("sound-server events ended (the server went away?): polling instead")
            self._unsubscribe()
            self._schedule_relist()
            self._start_polling()
            return
        lines = (self._partial + data).split(b"\n")
        self._partial = lines.pop()
        for raw in lines:
            event = pulseaudio.parse_event(raw.decode("utf-8", "replace"))
            if event is not None and relevant(event):
                self.events += 1
                self._schedule_relist()

    def _schedule_relist(self) -> None:
        if not self._running:
            return
        if self._relist is not None and not self._relist.done():
            self._again = True
            return
        self._relist = asyncio.get_running_loop().create_task(
            self._relist_loop(), name="device-watcher-relist"
        )

    async def _relist_loop(self) -> None:
        self._again = True
        while self._again and self._running:
            self._again = False
            try:
                await self.poll()
            except Exception:  # a bug in a poll or in on_change must not end the watching
                log.exception("device watcher: re-list failed unexpectedly")

    # -- polling (no sound server, or its events lost) --------------------------------------
    def _start_polling(self) -> None:
        if self._running and (self._poller is None or self._poller.done()):
            self._poller = asyncio.get_running_loop().create_task(
                self._poll_loop(), name="device-watcher"
            )

    async def _poll_loop(self) -> None:
        while self._running:
            await asyncio.sleep(self.interval)
            counters.add(counters.DEVICE_POLL_TIMER)
            try:
                if await self._subscribe():
                    await self.poll()  # whatever changed while nobody followed
                    return
                await self.poll()
            except Exception:  # a bug in a poll or in on_change must not end the watching
                log.exception("device watcher: poll failed unexpectedly")

    def __repr__(self) -> str:
        how = "subscribed" if self.subscribed else "polling" if self._running else "stopped"
        return (
            f"DeviceWatcher({how}, devices={len(self.devices)}, polls={self.polls}, "
            f"events={self.events}, refresh_pending={self._refresh_pending})"
        )


def _wait_and_close(proc: subprocess.Popen[bytes]) -> None:
    try:
        proc.wait(timeout=pulseaudio.TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()
