"""A virtual microphone that video-call apps can pick, carrying the translated voice.

Linux (PulseAudio, or PipeWire with its pulse server): a null sink that Dragoman plays into, plus a
remapped source of that sink's monitor named "Dragoman Microphone". Call apps list the remapped
source as an ordinary microphone (a bare ``.monitor`` source is hidden or flagged by many of them).
If both already exist (a second Dragoman, or one that crashed) they are reused and left alone on
exit; only modules loaded here are unloaded.

Windows / macOS have no equivalent we can create: the UI looks for VB-CABLE ("CABLE Input" is the
output to play into, "CABLE Output" what the call app picks) or BlackHole by name with
:func:`find_virtual_cable`, and points to their installers when neither is present.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from typing import Final

from dragoman.audio import pulseaudio
from dragoman.audio.devices import (
    VIRTUAL_MIC_NAME,
    VIRTUAL_MIC_SINK,
    VIRTUAL_MIC_SOURCE,
    DeviceInfo,
)
from dragoman.core.errors import AudioDeviceError

log = logging.getLogger(__name__)

SINK_DESCRIPTION: Final = f"{VIRTUAL_MIC_NAME} (Dragoman plays here)"
CABLE_HINTS: Final = {
    "win32": ("CABLE Input", "https://vb-audio.com/Cable/"),
    "darwin": ("BlackHole", "https://existential.audio/blackhole/"),
}


@dataclass(slots=True)
class VirtualMicrophone:
    """The sink Dragoman plays into and the source call apps record from."""

    sink_name: str
    source_name: str
    created_modules: list[int] = field(default_factory=list)

    @property
    def reused(self) -> bool:
        """True when everything already existed (nothing will be removed on :meth:`remove`)."""
        return not self.created_modules

    def remove(self) -> None:
        """Unload the modules this object loaded (newest first); leave pre-existing ones."""
        errors: list[str] = []
        while self.created_modules:
            index = self.created_modules.pop()
            try:
                pulseaudio.unload_module(index)
            except AudioDeviceError as error:
                errors.append(str(error))
        if errors:
            raise AudioDeviceError(
                f"The virtual microphone could not be removed completely: {errors[0]}"
            )
        log.info("virtual microphone removed")

    def __enter__(self) -> VirtualMicrophone:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()


def create_virtual_microphone(*, rate: int = 48_000, channels: int = 1) -> VirtualMicrophone:
    """Create (or reuse) "Dragoman Microphone"; blocking, so run it in an executor.

    Raises :class:`AudioDeviceError` off Linux or when the sound server refuses.
    """
    if not sys.platform.startswith("linux"):
        raise AudioDeviceError(_elsewhere_hint())
    snap = pulseaudio.snapshot()
    vm = VirtualMicrophone(VIRTUAL_MIC_SINK, VIRTUAL_MIC_SOURCE)
    try:
        if snap.find("sink", VIRTUAL_MIC_SINK) is None:
            vm.created_modules.append(
                pulseaudio.load_module(
                    "module-null-sink",
                    f"sink_name={VIRTUAL_MIC_SINK}",
                    f"rate={rate}",
                    f"channels={channels}",
                    "sink_properties="
                    + pulseaudio.proplist(
                        {
                            "device.description": SINK_DESCRIPTION,
                            "device.icon_name": "audio-card",
                        }
                    ),
                )
            )
        if snap.find("source", VIRTUAL_MIC_SOURCE) is None:
            vm.created_modules.append(
                pulseaudio.load_module(
                    "module-remap-source",
                    f"master={VIRTUAL_MIC_SINK}.monitor",
                    f"source_name={VIRTUAL_MIC_SOURCE}",
                    "source_properties="
                    + pulseaudio.proplist(
                        {
                            "device.description": VIRTUAL_MIC_NAME,
                            "device.icon_name": "audio-input-microphone",
                        }
                    ),
                )
            )
    except AudioDeviceError:
        vm.remove()
        raise
    log.info("virtual microphone ready (%s)", "reused" if vm.reused else "created")
    return vm


def find_virtual_cable(devices: list[DeviceInfo]) -> DeviceInfo | None:
    """The output to play into for a virtual microphone: ours, VB-CABLE or BlackHole."""
    outputs = [d for d in devices if d.is_output and d.virtual_mic]
    ours = next((d for d in outputs if d.pulse_name == VIRTUAL_MIC_SINK), None)
    if ours is not None:
        return ours
    for hint in ("cable input", "blackhole"):
        found = next((d for d in outputs if hint in d.name.lower()), None)
        if found is not None:
            return found
    return None


def _elsewhere_hint() -> str:
    name, url = CABLE_HINTS.get(sys.platform, ("a virtual audio cable", ""))
    where = f" ({url})" if url else ""
    return (
        f"Dragoman can create a virtual microphone only on Linux. Install {name}{where}, then "
        "choose it as the call output here and as the microphone in the call app."
    )
