"""A virtual microphone that video-call apps can pick, carrying the translated voice.

Linux (PulseAudio, or PipeWire with its pulse server): a null sink that Dragoman plays into, plus a
remapped source of that sink's monitor named "Dragoman Microphone". Call apps list the remapped
source as an ordinary microphone (a bare ``.monitor`` source is hidden or flagged by many of them).

Whose modules are they? Each sink/source loaded here carries its owner in its properties
(``dragoman.pid``, ``dragoman.started``: the process's start time, so a recycled pid is not taken
for its owner, and ``dragoman.scope``: host and pid namespace, outside which a pid means nothing).
When the sink or source already exists:

* marked by a Dragoman process that is still running (a second session of the same user on the
  same sound server): reused, never unloaded by us;
* marked by a Dragoman process that is gone (it crashed or was killed), in our scope: *adopted*:
  reused, and unloaded when we remove ours. Decided: adopt rather than remove and re-create,
  because a call app may still be recording the old "Dragoman Microphone": re-creating it would
  move that call to the real microphone, adopting keeps it connected to us. (pactl cannot update
  the marks, so an adopted module keeps its dead owner's; two Dragomans that start at the same
  time after a crash could both adopt it, and the first to quit would remove it from the other.)
* unmarked (an older Dragoman, or someone's own setup) or marked in another scope: reused, never
  unloaded.

Windows / macOS have no equivalent we can create: the UI looks for VB-CABLE ("CABLE Input" is the
output to play into, "CABLE Output" what the call app picks) or BlackHole by name with
:func:`find_virtual_cable`, and points to their installers when neither is present.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

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


Claim = Literal["unmarked", "elsewhere", "ours", "live", "orphaned"]


@dataclass(frozen=True, slots=True)
class Owner:
    """The process that loaded a module, as written into its sink/source properties."""

    pid: int
    started: str
    """Start time of the process (clock ticks after boot, /proc/PID/stat), "" if unknown."""
    scope: str
    """Host name and pid namespace: where ``pid`` means this process."""

    @classmethod
    def current(cls) -> Owner:
        pid = os.getpid()
        return cls(pid, process_started(pid) or "", _scope())

    def properties(self) -> dict[str, str]:
        return {
            "dragoman.pid": str(self.pid),
            "dragoman.started": self.started,
            "dragoman.scope": self.scope,
        }

    @classmethod
    def from_properties(cls, props: Mapping[str, str]) -> Owner | None:
        pid = props.get("dragoman.pid", "")
        if not pid.isdigit():
            return None
        return cls(int(pid), props.get("dragoman.started", ""), props.get("dragoman.scope", ""))


def _scope() -> str:
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    return f"{socket.gethostname()} {namespace}".strip()


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the name (state first), or None if there is none."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            stat = f.read()
    except OSError:
        return None
    return stat.rpartition(")")[2].split()  # the name in parentheses may hold spaces


def process_started(pid: int) -> str | None:
    """Start time of process ``pid`` (field 22 of /proc/PID/stat), or None if there is none."""
    fields = _stat(pid)
    return fields[19] if fields is not None and len(fields) > 19 else None


def process_alive(owner: Owner) -> bool:
    """Whether the process that wrote ``owner`` still runs (a recycled pid, or a process that
    has exited and waits to be reaped, does not count)."""
    if os.path.isdir("/proc/self"):
        fields = _stat(owner.pid)
        if fields is None or len(fields) <= 19 or fields[0] in ("Z", "X"):
            return False
        return not owner.started or fields[19] == owner.started
    try:
        os.kill(owner.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def classify(
    props: Mapping[str, str], me: Owner, alive: Callable[[Owner], bool] = process_alive
) -> Claim:
    """Whose an existing sink/source is (see the module docstring for what each case means)."""
    owner = Owner.from_properties(props)
    if owner is None:
        return "unmarked"
    if owner.scope != me.scope:
        return "elsewhere"
    if owner.pid == me.pid and owner.started == me.started:
        return "ours"  # an earlier owner in this very process left it behind
    return "live" if alive(owner) else "orphaned"


@dataclass(slots=True)
class VirtualMicrophone:
    """The sink Dragoman plays into and the source call apps record from."""

    sink_name: str
    source_name: str
    created_modules: list[int] = field(default_factory=list)
    """Modules to unload on :meth:`remove`: loaded here, or adopted from a dead Dragoman."""
    adopted: int = 0
    """How many of ``created_modules`` were adopted rather than loaded."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def reused(self) -> bool:
        """True when everything already existed (nothing will be removed on :meth:`remove`)."""
        return not self.created_modules

    def remove(self) -> None:
        """Unload the modules this object owns (newest first); leave the others. Idempotent,
        and safe from any thread (an ``atexit`` handler may race a normal shutdown)."""
        errors: list[str] = []
        removed = False
        while True:
            with self._lock:
                if not self.created_modules:
                    break
                index = self.created_modules.pop()
            removed = True
            try:
                pulseaudio.unload_module(index)
            except AudioDeviceError as error:
                errors.append(str(error))
        if errors:
            raise AudioDeviceError(
                f"The virtual microphone could not be removed completely: {errors[0]}"
            )
        if removed:
            log.info("virtual microphone removed")

    def __enter__(self) -> VirtualMicrophone:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()


def create_virtual_microphone(
    *,
    rate: int = 48_000,
    channels: int = 1,
    owner: Owner | None = None,
    alive: Callable[[Owner], bool] = process_alive,
) -> VirtualMicrophone:
    """Create (or reuse, or adopt) "Dragoman Microphone"; blocking, so use ``run_blocking``.

    Raises :class:`AudioDeviceError` off Linux or when the sound server refuses.
    """
    if not sys.platform.startswith("linux"):
        raise AudioDeviceError(_elsewhere_hint())
    me = owner or Owner.current()
    snap = pulseaudio.snapshot()
    vm = VirtualMicrophone(VIRTUAL_MIC_SINK, VIRTUAL_MIC_SOURCE)
    marks = me.properties()
    try:
        sink = snap.find("sink", VIRTUAL_MIC_SINK)
        if sink is None:
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
                            **marks,
                        }
                    ),
                )
            )
        else:
            _maybe_adopt(vm, sink, me, alive)
        source = snap.find("source", VIRTUAL_MIC_SOURCE)
        if source is None:
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
                            **marks,
                        }
                    ),
                )
            )
        else:
            _maybe_adopt(vm, source, me, alive)
    except AudioDeviceError:
        vm.remove()
        raise
    state = "reused" if vm.reused else f"ready, {vm.adopted} module(s) adopted"
    log.info("virtual microphone %s", state)
    return vm


def _maybe_adopt(
    vm: VirtualMicrophone,
    node: pulseaudio.PulseNode,
    me: Owner,
    alive: Callable[[Owner], bool],
) -> None:
    claim = classify(node.properties, me, alive)
    log.info("virtual microphone %s %s exists: %s", node.kind, node.name, claim)
    if claim in ("ours", "orphaned") and node.owner_module is not None:
        vm.created_modules.append(node.owner_module)
        vm.adopted += 1


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
