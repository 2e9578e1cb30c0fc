"""The one owner of the audio devices: microphone capture, players, device watcher, virtual mic.

The composition root builds one :class:`AudioRig`, calls :meth:`AudioRig.reconfigure` with the
settings at start and after every audio-related change, and :meth:`AudioRig.aclose` on every way
out (quit, signals, exceptions); :meth:`AudioRig.close_virtual_mic_now` is the synchronous last
resort for an ``atexit`` handler. Everything the rig opens it closes, and each part is replaced as
a unit: the consumer is told (``on_attached``) before an old capture or player is stopped, so it
can never use one that is closing.

* One :class:`~dragoman.audio.devices.DeviceWatcher` for the rig's whole life.
* The virtual microphone is created at most once (and adopted from a crashed Dragoman rather than
  duplicated, see :mod:`dragoman.audio.virtual_mic`); the modules it owns are unloaded by
  :meth:`AudioRig.aclose`, whatever else failed.
* A reconfigure rebuilds only the parts whose *spec* changed: the settings fields that shape them
  and the device those settings resolve to now. Volumes alone are set on the running player.
* Device problems never raise out of :meth:`AudioRig.reconfigure`: they become ``on_error``, and
  the rig stays consistent (a part that could not be built is None; a capture that could not
  open stays attached, because it opens again at the next key-down).
* Every blocking call goes through :func:`dragoman.blocking.run_blocking`.
* The microphone policy (settings ``mic_policy``, ``mic_release_minutes``; see
  :func:`mic_release_after`) and the meter switch (:meth:`AudioRig.set_metering`) are applied to the
  running parts, never by rebuilding them. Outputs are released after the same period, but never
  sooner than ``OUTPUT_IDLE_S`` (they carry no privacy cost, only a reopen).
* Meeting mode (settings ``meeting_mode``): a :class:`~dragoman.audio.passthrough.PassThrough`
  from the microphone to the call output, built only while the setting is on and a call output
  is set (nothing is opened otherwise), rebuilt when either device changes, muted through
  :meth:`AudioRig.set_passthrough_muted` (the controller's policy, :mod:`dragoman.core.meeting`).
* Device presence: the watcher follows the sound server's events; every device list it produces
  goes to the capture and the player (``check_presence``), which end what they were doing with a
  sentence when their device is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any, Final

from dragoman.audio import devices as audio_devices
from dragoman.audio.capture import Capture
from dragoman.audio.devices import (
    VIRTUAL_MIC_SINK,
    VIRTUAL_MIC_SOURCE,
    DeviceInfo,
    DeviceWatcher,
    Kind,
)
from dragoman.audio.passthrough import PassThrough
from dragoman.audio.playback import Player
from dragoman.audio.virtual_mic import VirtualMicrophone, create_virtual_microphone
from dragoman.blocking import run_blocking
from dragoman.core.errors import AudioDeviceError
from dragoman.core.settings import Settings
from dragoman.core.settings import mic_policy_in_effect as mic_policy_in_effect  # (moved to core)

log = logging.getLogger(__name__)

CAPTURE_FIELDS: Final = ("input_device", "preroll_ms", "tail_ms")
OUTPUT_FIELDS: Final = ("call_output", "monitor_output")
VOLUME_FIELDS: Final = ("call_volume", "monitor_volume")
POLICY_FIELDS: Final = ("mic_policy", "mic_release_minutes", "keep_mic_open")
MEETING_FIELDS: Final = ("meeting_mode",)
"""With ``input_device`` and ``call_output``: what builds or removes the pass-through.
(``passthrough_return`` is the controller's: when to unmute.)"""
MEETING_NEEDS_OUTPUT: Final = (
    "Meeting mode needs a call output: choose “Dragoman Microphone” (or your virtual cable) as "
    "the call output in Settings → Audio."
)
MEETING_ON_SPEAKERS: Final = (
    "Meeting mode is paused: the call output is your speakers, and your voice passed through to "
    "them would howl. Choose “Dragoman Microphone” (or your virtual cable) as the call output."
)
"""Applied to the running capture and player (never a rebuild)."""
OUTPUT_IDLE_S: Final = 30.0
VIRTUAL_MIC_READY: Final = (
    "“Dragoman Microphone” is ready: choose it as the microphone in your call app, "
    "and as Dragoman's call output."
)
_VIRTUAL_MIC_IDS: Final = frozenset(
    f"pulse:{name}"
    for name in (VIRTUAL_MIC_SINK, f"{VIRTUAL_MIC_SINK}.monitor", VIRTUAL_MIC_SOURCE)
)

_SHUTTING_DOWN: Final = "Dragoman is closing its audio devices: start it again to do this."

DeviceKey = tuple[str, int, int, int]
WatcherFactory = Callable[[Callable[[list[DeviceInfo]], None]], DeviceWatcher]


def mic_release_after(settings: Settings) -> float | None:
    """Seconds after the last hold at which the microphone is released (closed): None for
    "always", 0 for "talking", ``mic_release_minutes`` for "minutes" (the default: 5)."""
    policy = mic_policy_in_effect(settings)
    if policy == "always":
        return None
    if policy == "talking":
        return 0.0
    return 60.0 * settings.mic_release_minutes


def output_release_after(settings: Settings) -> float | None:
    """Seconds of silence after which the outputs are closed: the microphone's period, but at
    least ``OUTPUT_IDLE_S`` (a reopen costs the next translation ~20 ms, and outputs carry no
    privacy cost); None when the microphone is kept open for good."""
    mic = mic_release_after(settings)
    return None if mic is None else max(mic, OUTPUT_IDLE_S)


def _key(device: DeviceInfo, kind: Kind) -> DeviceKey:
    """What makes an opened stream stale: another device, index, rate or channel count."""
    return (device.id, device.index, device.native_rate, device.native_channels(kind))


def _uses_virtual_mic(spec: tuple[object, ...] | None) -> bool:
    """Whether a part built from ``spec`` plays into or records our virtual microphone."""
    keys = [] if spec is None else spec
    return any(isinstance(k, tuple) and k and k[0] in _VIRTUAL_MIC_IDS for k in keys)


class AudioRig:
    """Owns capture, player, device watcher and virtual microphone (see the module docstring)."""

    def __init__(
        self,
        *,
        on_level: Callable[[float, float], None],
        on_playing: Callable[[bool], None],
        on_first_played: Callable[[float], None],
        on_error: Callable[[AudioDeviceError], None],
        on_attached: Callable[[Capture | None, Player | None, bool], None],
        on_devices_changed: Callable[[list[DeviceInfo]], None] | None = None,
        on_notice: Callable[[str, str], None] | None = None,
        capture_factory: Callable[..., Capture] = Capture,
        player_factory: Callable[..., Player] = Player,
        passthrough_factory: Callable[..., PassThrough] = PassThrough,
        watcher_factory: WatcherFactory = DeviceWatcher,
        list_devices: Callable[[], list[DeviceInfo]] = audio_devices.list_devices,
        create_virtual_mic: Callable[[], VirtualMicrophone] = create_virtual_microphone,
    ) -> None:
        self.on_level = on_level
        self.on_playing = on_playing
        self.on_first_played = on_first_played
        self.on_error = on_error
        self.on_attached = on_attached
        self.on_devices_changed = on_devices_changed
        self.on_notice = on_notice
        self._capture_factory = capture_factory
        self._player_factory = player_factory
        self._passthrough_factory = passthrough_factory
        self._watcher_factory = watcher_factory
        self._list_devices = list_devices
        self._create_virtual_mic = create_virtual_mic
        self._lock = asyncio.Lock()  # one reconfigure (or the close) at a time
        self._mic_lock = asyncio.Lock()  # one create/remove of the virtual microphone at a time
        self._settings: Settings | None = None
        self._devices: list[DeviceInfo] = []
        self._capture: Capture | None = None
        self._capture_spec: tuple[object, ...] | None = None
        self._player: Player | None = None
        self._player_spec: tuple[object, ...] | None = None
        self._monitor_is_speakers = False
        self._passthrough: PassThrough | None = None
        self._passthrough_spec: tuple[object, ...] | None = None
        self._passthrough_muted = False
        self._watcher: DeviceWatcher | None = None
        self._virtual_mic: VirtualMicrophone | None = None
        self._metering = True
        self._closing = False
        self._closed = False

    # -- what the composition root reads -------------------------------------------------------
    @property
    def devices(self) -> list[DeviceInfo]:
        return list(self._devices)

    @property
    def capture(self) -> Capture | None:
        return self._capture

    @property
    def player(self) -> Player | None:
        return self._player

    @property
    def passthrough(self) -> PassThrough | None:
        """Meeting mode's pass-through, while ``meeting_mode`` is on and it could be opened."""
        return self._passthrough

    def set_passthrough_muted(self, muted: bool) -> None:
        """Mute (a key is held, "mute all") or unmute the pass-through with its crossfade. Never
        blocks; kept for a pass-through built later. Initially unmuted."""
        self._passthrough_muted = muted
        if self._passthrough is not None:
            self._passthrough.set_muted(muted)

    @property
    def monitor_is_speakers(self) -> bool:
        return self._monitor_is_speakers

    @property
    def virtual_mic(self) -> VirtualMicrophone | None:
        return self._virtual_mic

    @property
    def watcher(self) -> DeviceWatcher | None:
        return self._watcher

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def metering(self) -> bool:
        return self._metering

    def set_metering(self, on: bool) -> None:
        """Run the input level meter (``on_level``) only while someone looks: the window is
        visible or a hold runs. Off, the capture's pump sleeps between holds. Kept for the
        captures built later. Initially on."""
        self._metering = on
        if self._capture is not None:
            self._capture.set_metering(on)

    def device_choices(self, kind: str) -> list[tuple[str, str]]:
        """(label, settings value) of every input (``kind`` "input") or output, for Settings."""
        usable = [d for d in self._devices if (d.is_input if kind == "input" else d.is_output)]
        choices = []
        for device in usable:
            notes = [n.replace("_", " ") for n in device.flags]
            label = device.name + (f" ({', '.join(notes)})" if notes else "")
            choices.append((label, device.id))
        return choices

    # -- configuring -----------------------------------------------------------------------------
    async def reconfigure(self, settings: Settings) -> None:
        """Open (first call) or bring the devices in line with ``settings`` (later calls).

        Device problems are reported through ``on_error``, never raised; ``on_attached`` is
        called at the end whatever happened. Calls are serialised; after :meth:`aclose` this
        does nothing.
        """
        async with self._lock:
            if self._closing:
                return
            old, self._settings = self._settings, settings
            try:
                await self._apply(old, settings)
            finally:
                self._attach()

    async def _apply(self, old: Settings | None, new: Settings) -> None:
        if new.create_virtual_mic:
            try:
                await self._ensure_virtual_mic()
            except AudioDeviceError as error:
                self._report(error)
        elif old is not None and old.create_virtual_mic:
            await self._remove_virtual_mic()
        try:
            listed = await self._relist()
            if listed:
                await self._configure_capture(new)
                await self._configure_player(old, new)
                await self._configure_passthrough(new)
            # else: said once; the parts that run keep running, the next reconfigure retries.
        finally:
            if self._watcher is None:
                self._watcher = self._watcher_factory(self._on_watcher_changed)
                await self._watcher.start()

    async def _relist(self) -> bool:
        try:
            self._devices = await run_blocking(self._list_devices)
        except AudioDeviceError as error:
            self._report(error)
            return False
        except OSError as error:  # PortAudio itself unusable
            self._report(AudioDeviceError(f"Audio is unavailable ({error})."))
            return False
        return True

    async def _configure_capture(self, settings: Settings) -> None:
        device: DeviceInfo | None = None
        reason: str | None = None
        failure: AudioDeviceError | None = None
        try:
            resolved = audio_devices.resolve_input(settings.input_device or None, self._devices)
            device, reason = resolved.device, resolved.reason
        except AudioDeviceError as error:
            failure = error
        spec = None
        if device is not None:
            spec = (
                _key(device, "input"),
                *(getattr(settings, field) for field in CAPTURE_FIELDS[1:]),
            )
        if self._capture is not None and spec == self._capture_spec:
            await self._apply_mic_policy(self._capture, settings)
            return
        await self._drop_capture()
        if failure is not None or device is None:
            self._report(failure or AudioDeviceError("No microphone was found."))
            return
        if reason and self.on_notice is not None:
            self.on_notice("audio-input", reason)
        try:
            capture = self._capture_factory(
                device,
                preroll_ms=settings.preroll_ms,
                tail_ms=settings.tail_ms,
                release_after=mic_release_after(settings),
                metering=self._metering,
                on_level=self.on_level,
                on_error=self._report,
            )
        except AudioDeviceError as error:
            self._report(error)
            return
        self._capture, self._capture_spec = capture, spec
        try:
            await _to_the_end(capture.start())
        except AudioDeviceError as error:
            # Kept: a capture that could not open now opens again at the next key-down.
            self._report(error)

    async def _apply_mic_policy(self, capture: Capture, settings: Settings) -> None:
        release = mic_release_after(settings)
        if release == capture.release_after:
            return
        log.info("microphone policy: %s", mic_policy_in_effect(settings))
        capture.set_release_after(release)
        if release is None and not capture.is_open:
            try:
                await _to_the_end(capture.start())  # "always": open it now
            except AudioDeviceError as error:
                self._report(error)

    async def _configure_player(self, old: Settings | None, settings: Settings) -> None:
        outputs: list[DeviceInfo | None] = []
        reasons: list[str] = []
        failure: AudioDeviceError | None = None
        for value in (settings.call_output, settings.monitor_output):
            device: DeviceInfo | None = None
            if value:
                try:
                    resolved = audio_devices.resolve_output(
                        None if value == "default" else value, self._devices
                    )
                except AudioDeviceError as error:
                    failure = failure or error
                else:
                    device = resolved.device
                    if resolved.reason and resolved.reason not in reasons:
                        reasons.append(resolved.reason)
            outputs.append(device)
        call, monitor = outputs
        # Volumes are set on a running player; they never rebuild it.
        spec = tuple(None if d is None else _key(d, "output") for d in outputs)
        if self._player is not None and spec == self._player_spec:
            if old is not None and any(
                getattr(old, f) != getattr(settings, f) for f in VOLUME_FIELDS
            ):
                self._player.set_volume("call", settings.call_volume)
                self._player.set_volume("monitor", settings.monitor_volume)
            if self._player.release_after != output_release_after(settings):
                self._player.set_release_after(output_release_after(settings))
            return
        await self._drop_player()
        if failure is not None:
            self._report(failure)
        if self.on_notice is not None:
            for reason in reasons:
                self.on_notice("audio-output", reason)
        if call is None and monitor is None:
            return  # no output wanted (or none found): translations are shown, not played
        try:
            player = self._player_factory(
                call,
                monitor,
                call_volume=settings.call_volume,
                monitor_volume=settings.monitor_volume,
                on_playing=self.on_playing,
                on_first_played=self.on_first_played,
                on_error=self._report,
                release_after=output_release_after(settings),
            )
        except AudioDeviceError as error:
            self._report(error)
            return
        self._player, self._player_spec = player, spec
        self._monitor_is_speakers = bool(monitor is not None and monitor.builtin_speakers)
        try:
            await _to_the_end(player.start())
        except AudioDeviceError:
            # No output could be opened (the player reported each failure itself); a player
            # whose outputs all failed stays silent for good: close it.
            await self._drop_player()

    async def _configure_passthrough(self, settings: Settings) -> None:
        mic: DeviceInfo | None = None
        output: DeviceInfo | None = None
        if settings.meeting_mode:
            with contextlib.suppress(AudioDeviceError):  # the capture has said so already
                mic = audio_devices.resolve_input(
                    settings.input_device or None, self._devices
                ).device
            value = settings.call_output
            if value:
                with contextlib.suppress(AudioDeviceError):  # the player has said so already
                    output = audio_devices.resolve_output(
                        None if value == "default" else value, self._devices
                    ).device
        spec = None
        if mic is not None and output is not None:
            spec = (_key(mic, "input"), _key(output, "output"))
        if output is not None and output.builtin_speakers:
            output = None  # the microphone into the speakers: feedback, never
            if self.on_notice is not None:
                self.on_notice("meeting", MEETING_ON_SPEAKERS)
        if settings.meeting_mode and not settings.call_output and self.on_notice is not None:
            self.on_notice("meeting", MEETING_NEEDS_OUTPUT)
        if spec is not None and spec == self._passthrough_spec and self._passthrough is not None:
            return
        await self._drop_passthrough()
        if mic is None or output is None:
            return
        passthrough = self._passthrough_factory(
            mic, output, muted=self._passthrough_muted, on_error=self._report
        )
        self._passthrough, self._passthrough_spec = passthrough, spec
        try:
            await _to_the_end(passthrough.start())
        except AudioDeviceError as error:
            self._report(error)
            await self._drop_passthrough()

    async def _drop_passthrough(self) -> None:
        passthrough, self._passthrough, self._passthrough_spec = self._passthrough, None, None
        if passthrough is not None:
            await passthrough.aclose()

    async def _drop_capture(self) -> None:
        capture, self._capture, self._capture_spec = self._capture, None, None
        if capture is None:
            return
        self._attach()  # the consumer lets go before the capture stops
        await capture.stop()

    async def _drop_player(self) -> None:
        player, self._player, self._player_spec = self._player, None, None
        self._monitor_is_speakers = False
        if player is None:
            return
        self._attach()
        await player.close()

    def _attach(self) -> None:
        self.on_attached(self._capture, self._player, self._monitor_is_speakers)

    def _report(self, error: AudioDeviceError) -> None:
        log.warning("audio: %s", error)
        self.on_error(error)

    def _on_watcher_changed(self, devices: list[DeviceInfo]) -> None:
        """A device came or went (the sound server said so): a part whose device is gone ends
        what it was doing with a sentence (see :meth:`Capture.check_presence`)."""
        self._devices = devices
        if self._capture is not None:
            self._capture.check_presence(devices)
        if self._player is not None:
            self._player.check_presence(devices)
        if self._passthrough is not None:
            self._passthrough.check_presence(devices)  # silent until the next reconfigure
        if self.on_devices_changed is not None:
            self.on_devices_changed(list(devices))

    # -- the virtual microphone ------------------------------------------------------------------
    async def ensure_virtual_mic(self) -> str:
        """Create "Dragoman Microphone" unless it exists (the Settings button): the sentence to
        show, or :class:`AudioDeviceError`. The device list is refreshed for the Settings lists."""
        await self._ensure_virtual_mic()
        try:
            self._devices = await run_blocking(self._list_devices)
        except AudioDeviceError as error:
            log.info("device list not refreshed: %s", error)
        else:
            if self.on_devices_changed is not None:
                self.on_devices_changed(list(self._devices))
        return VIRTUAL_MIC_READY

    async def _ensure_virtual_mic(self) -> None:
        async with self._mic_lock:
            if self._virtual_mic is not None:
                return
            if self._closing:  # aclose removes what exists; nothing new may appear after it
                raise AudioDeviceError(_SHUTTING_DOWN)
            task = asyncio.ensure_future(run_blocking(self._create_virtual_mic))
            try:
                self._virtual_mic = await asyncio.shield(task)
            except asyncio.CancelledError:
                # The modules are being loaded in a thread whatever happens here: own them.
                with contextlib.suppress(AudioDeviceError):
                    self._virtual_mic = await task
                raise

    async def _remove_virtual_mic(self) -> None:
        """Unload the modules we own; parts playing into or recording them are closed first,
        since the sound server would otherwise move their streams to the default devices."""
        async with self._mic_lock:
            vm = self._virtual_mic
            if vm is None:
                return
            if _uses_virtual_mic(self._passthrough_spec):
                await self._drop_passthrough()
            if _uses_virtual_mic(self._player_spec):
                await self._drop_player()
            if _uses_virtual_mic(self._capture_spec):
                await self._drop_capture()
            try:
                # Still referenced meanwhile: close_virtual_mic_now can finish the job if this
                # is cancelled (remove() is idempotent and thread-safe).
                await run_blocking(vm.remove)
            except AudioDeviceError as error:
                self._report(error)
            self._virtual_mic = None

    def close_virtual_mic_now(self) -> None:
        """Unload our virtual-microphone modules now, blocking (for an ``atexit`` handler, when
        no loop runs any more). Idempotent; never raises."""
        vm, self._virtual_mic = self._virtual_mic, None
        if vm is None:
            return
        try:
            vm.remove()
        except AudioDeviceError as error:
            log.warning("virtual microphone not removed: %s", error)

    # -- closing ---------------------------------------------------------------------------------
    async def aclose(self) -> None:
        """Stop the watcher, the capture and the player; remove our virtual-microphone modules.

        Idempotent. Waits for a reconfigure under way to finish first (its device opens finish in
        their threads anyway, and what they open must be closed here).
        """
        self._closing = True
        async with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                watcher, self._watcher = self._watcher, None
                if watcher is not None:
                    await watcher.stop()
                capture, self._capture, self._capture_spec = self._capture, None, None
                player, self._player, self._player_spec = self._player, None, None
                self._monitor_is_speakers = False
                self.on_attached(None, None, False)
                try:
                    await self._drop_passthrough()  # first: it plays into the virtual mic
                finally:
                    try:
                        if capture is not None:
                            await capture.stop()
                    finally:
                        if player is not None:
                            await player.close()
            finally:
                async with self._mic_lock:
                    vm = self._virtual_mic
                    if vm is not None:
                        try:
                            await run_blocking(vm.remove)
                        except AudioDeviceError as error:
                            log.warning("virtual microphone not removed: %s", error)
                        self._virtual_mic = None
            log.info("audio closed")

    def __repr__(self) -> str:
        state = "closed" if self._closed else "closing" if self._closing else "open"
        return (
            f"AudioRig({state}, capture={self._capture!r}, player={self._player!r}, "
            f"passthrough={self._passthrough!r}, "
            f"devices={len(self._devices)}, watcher={self._watcher!r}, "
            f"virtual_mic={self._virtual_mic!r})"
        )


async def _to_the_end(start: Any) -> None:
    """Await a part's start even if the caller is cancelled meanwhile: its device open goes on in
    a thread regardless, and the part (already owned by the rig) is closed by :meth:`aclose`
    only once that open is over. The cancellation is re-raised afterwards."""
    task = asyncio.ensure_future(start)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):
            await task
        raise
