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
  the *default* sink unless told otherwise. A stream for a particular sink or source is aimed by
  :mod:`dragoman.audio.pulse_route` while the lock is held, never through the process
  environment (``setenv`` races with ``getenv`` in every thread that spawns a process).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any, Final

from dragoman.audio import pulse_route
from dragoman.core.errors import AudioDeviceError
from dragoman.core.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

INSTALL_HINT: Final = (
    "install PortAudio (Debian/Ubuntu: `sudo apt-get install libportaudio2`; Fedora: "
    "`sudo dnf install portaudio`)"
)

_lock = threading.RLock()
# Strong references to every open stream: PortAudio keeps calling a stream's callback until it is
# closed, and a stream object collected while open would free that callback under PortAudio.
_streams: set[Any] = set()
# Streams opened on the default device that start_stream must move (the fallback routing).
_to_move: dict[Any, tuple[pulse_route.Kind, str]] = {}
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
def _aimed(kind: str, pulse_name: str | None) -> Iterator[bool]:
    """Inside: a ``pulse`` PCM opens on ``pulse_name``. False when the stream will have to be
    moved after it starts instead (see :mod:`dragoman.audio.pulse_route`)."""
    if pulse_name is None or not sys.platform.startswith("linux"):
        yield True
        return
    with pulse_route.pcm_device(pulse_name) as aimed:
        if not aimed:
            log.info("ALSA has no pulse DEVICE argument: %s stream moved to %s", kind, pulse_name)
        yield aimed


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
    with _lock:
        try:
            with _aimed(kind, pulse_name) as aimed:
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
        if not aimed and pulse_name is not None:
            _to_move[stream] = ("input" if kind == "input" else "output", pulse_name)
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
            _to_move.pop(stream, None)


def start_stream(stream: Any, device_label: str) -> None:
    """Start a stream from :func:`open_stream` (and, in the fallback, move it to its device)."""
    sd = sounddevice()
    with _lock:
        move = _to_move.get(stream)
        before = pulse_route.own_streams(move[0]) if move is not None else set()
        try:
            stream.start()
        except sd.PortAudioError as error:
            raise AudioDeviceError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Could not start audio on “%1” (%2). Check that it is connected and not in "
                    "use, or pick another one.",
                ).arg(device_label, error)
            ) from None
        if move is not None:
            # The server stream exists only once started (starting re-creates it): move it now.
            try:
                moved = pulse_route.move_new_streams(move[0], move[1], before)
            except AudioDeviceError as error:
                raise AudioDeviceError(
                    f"Could not direct audio to “{device_label}” ({error})."
                ) from None
            if not moved:
                raise AudioDeviceError(
                    f"Could not direct audio to “{device_label}”: the sound server shows no new "
                    "stream of Dragoman's. Pick another device, or restart the sound server."
                )
