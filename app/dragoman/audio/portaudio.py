"""The one door to PortAudio (through sounddevice): lazy loading, serialisation, error mapping.

* ``import sounddevice`` raises OSError when the PortAudio library is missing. It is imported only
  when audio is actually used, so ``dragoman --version`` and every non-audio command work without
  it, and the OSError becomes an :class:`AudioDeviceError` that says what to install.
* PortAudio's device list is fixed at initialisation; seeing a newly plugged device needs a
  terminate/initialise cycle, which must never happen while a stream is open. Every call that
  touches PortAudio's global state (list, open, close, re-initialise) takes one lock, and open
  streams are counted, so :func:`reinitialise` can refuse while any stream lives. The lock is never
  taken inside audio callbacks.
* Debian's PortAudio reaches PulseAudio/PipeWire only through the ALSA ``pulse`` PCM, which plays to
  the *default* sink unless told otherwise. libpulse reads ``PULSE_SINK`` / ``PULSE_SOURCE`` when a
  stream's connection is made, which happens inside ``Pa_OpenStream``; so opening a stream for a
  particular PulseAudio device sets that variable for the duration of the open, under the lock.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any, Final

from dragoman.core.errors import AudioDeviceError

INSTALL_HINT: Final = (
    "install PortAudio (Debian/Ubuntu: `sudo apt-get install libportaudio2`; Fedora: "
    "`sudo dnf install portaudio`)"
)

_lock = threading.RLock()
# Strong references to every open stream: PortAudio keeps calling a stream's callback until it is
# closed, and a stream object collected while open would free that callback under PortAudio.
_streams: set[Any] = set()
_module: ModuleType | None = None


def sounddevice() -> ModuleType:
    """The sounddevice module, imported on first use; AudioDeviceError if PortAudio is missing."""
    global _module
    if _module is not None:
        return _module
    with _lock:
        if _module is None:
            try:
                import sounddevice as sd
            except OSError as error:
                raise AudioDeviceError(
                    f"Audio is unavailable because the PortAudio library could not be loaded "
                    f"({error}): {INSTALL_HINT}."
                ) from None
            _module = sd
        return _module


def lock() -> threading.RLock:
    """The lock every PortAudio call outside the audio callbacks holds."""
    return _lock


def open_streams() -> int:
    """How many streams are open right now (re-initialising PortAudio waits for zero)."""
    return len(_streams)


def reinitialise() -> bool:
    """Re-read the device list (terminate + initialise PortAudio) if no stream is open.

    Returns False, doing nothing, while a stream is open: PortAudio would pull it away.
    """
    sd = sounddevice()
    with _lock:
        if _streams:
            return False
        # sounddevice has no public API for this; these two are what its docs point to.
        sd._terminate()
        sd._initialize()
        return True


@contextlib.contextmanager
def _routed(pulse_var: str | None, pulse_name: str | None) -> Iterator[None]:
    if pulse_var is None or pulse_name is None:
        yield
        return
    before = os.environ.get(pulse_var)
    os.environ[pulse_var] = pulse_name
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(pulse_var, None)
        else:
            os.environ[pulse_var] = before


def open_stream(
    kind: str,
    *,
    device_index: int,
    device_label: str,
    pulse_name: str | None,
    samplerate: int,
    channels: int,
    callback: Callable[..., None],
    blocksize: int = 0,
    latency: str | float = "low",
) -> Any:
    """Open (not start) an ``InputStream`` (kind "input") or ``OutputStream`` of float32 frames.

    Raises :class:`AudioDeviceError` with a sentence naming the device when PortAudio refuses.
    """
    sd = sounddevice()
    factory = sd.InputStream if kind == "input" else sd.OutputStream
    what = "microphone" if kind == "input" else "output device"
    var = (
        ("PULSE_SOURCE" if kind == "input" else "PULSE_SINK")
        if sys.platform.startswith("linux")
        else None
    )
    with _lock:
        try:
            with _routed(var, pulse_name):
                stream = factory(
                    device=device_index,
                    samplerate=samplerate,
                    channels=channels,
                    dtype="float32",
                    callback=callback,
                    blocksize=blocksize,
                    latency=latency,
                )
        except (sd.PortAudioError, ValueError) as error:
            raise AudioDeviceError(
                f"Could not open the {what} “{device_label}” at {samplerate} Hz, "
                f"{channels} channel(s) ({error}). Check that it is connected and not in use, "
                "or pick another one."
            ) from None
        _streams.add(stream)
    return stream


def close_stream(stream: Any) -> None:
    """Stop and close a stream from :func:`open_stream`; never raises (it may already be dead)."""
    sd = sounddevice()
    with _lock:
        try:
            with contextlib.suppress(sd.PortAudioError):
                stream.abort(ignore_errors=True)
            with contextlib.suppress(sd.PortAudioError):
                stream.close(ignore_errors=True)
        finally:
            _streams.discard(stream)


def start_stream(stream: Any, device_label: str) -> None:
    sd = sounddevice()
    with _lock:
        try:
            stream.start()
        except sd.PortAudioError as error:
            raise AudioDeviceError(
                f"Could not start audio on “{device_label}” ({error}). Check that it is connected "
                "and not in use, or pick another one."
            ) from None
