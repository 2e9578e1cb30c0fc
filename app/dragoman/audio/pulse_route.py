"""How a PortAudio stream reaches one named PulseAudio/PipeWire sink or source (Linux).

Debian's PortAudio sees the sound server as one ALSA PCM, ``pulse`` (libasound2-plugins), which
plays to the server's *default* sink unless its ``DEVICE`` argument names another. PortAudio opens
it by that bare name, so the argument keeps its default from ALSA's configuration
(``pcm.pulse.@args.DEVICE.default``, empty). Two ways are used to aim a stream, neither of which
touches the process environment (glibc's ``setenv`` is not safe against ``getenv`` in the threads
that spawn ``pactl`` meanwhile):

1. :func:`pcm_device` (the normal way): for the duration of one ``Pa_OpenStream`` the in-process
   ALSA configuration tree gives ``DEVICE`` the sink's/source's name; the plug-in copies it when
   the PCM opens, and the default is restored at once. Only ALSA calls read that tree, and in
   this process every one of them (list, open, re-initialise) runs under the PortAudio lock of
   :mod:`dragoman.audio.portaudio`, which the caller holds. The stream stays aimed for its whole
   life: PortAudio re-prepares the PCM after an underrun, and the plug-in then creates a new
   server stream with the device it was opened with.
2. :func:`move_new_streams` (the fallback, when the configuration has no such argument, e.g. a
   hand-written ``pcm.pulse``): after the stream has started, the server streams of this process
   that appeared meanwhile are moved with ``pactl move-sink-input`` / ``move-source-output``.
   Weaker, and said so in the log: a stream PortAudio restarts after an underrun comes back on
   the default device, and the first milliseconds of a capture come from the default source.

Decided: (1) rather than the move the first design proposed, because a move is undone by every
underrun (measured: the re-prepared stream came back on the default sink), and because with
module-stream-restore each move is also remembered as this application's preferred device.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import logging
import os
import sys
import threading
from collections.abc import Iterator
from typing import Final, Literal

from dragoman.audio import pulseaudio
from dragoman.core.errors import AudioDeviceError

log = logging.getLogger(__name__)

Kind = Literal["input", "output"]

DEVICE_KEY: Final = b"pcm.pulse.@args.DEVICE.default"
_SND_CONFIG_TYPE_STRING: Final = 3  # enum snd_config_type (INTEGER, INTEGER64, REAL, STRING)

_load_lock = threading.Lock()
_asound: ctypes.CDLL | None = None
_asound_tried = False


def _library() -> ctypes.CDLL | None:
    """libasound as PortAudio uses it (the same loaded copy: it is looked up by its soname)."""
    global _asound, _asound_tried
    with _load_lock:
        if _asound_tried:
            return _asound
        _asound_tried = True
        if not sys.platform.startswith("linux"):
            return None
        name = ctypes.util.find_library("asound") or "libasound.so.2"
        try:
            lib = ctypes.CDLL(name)
        except OSError as error:
            log.info("ALSA library not available (%s): streams are moved instead", error)
            return None
        vp = ctypes.c_void_p
        lib.snd_config_update_ref.argtypes = [ctypes.POINTER(vp)]
        lib.snd_config_update_ref.restype = ctypes.c_int
        lib.snd_config_unref.argtypes = [vp]
        lib.snd_config_unref.restype = None
        lib.snd_config_search.argtypes = [vp, ctypes.c_char_p, ctypes.POINTER(vp)]
        lib.snd_config_search.restype = ctypes.c_int
        lib.snd_config_get_type.argtypes = [vp]
        lib.snd_config_get_type.restype = ctypes.c_int
        lib.snd_config_get_string.argtypes = [vp, ctypes.POINTER(ctypes.c_char_p)]
        lib.snd_config_get_string.restype = ctypes.c_int
        lib.snd_config_set_string.argtypes = [vp, ctypes.c_char_p]
        lib.snd_config_set_string.restype = ctypes.c_int
        _asound = lib
        return lib


@contextlib.contextmanager
def pcm_device(name: str) -> Iterator[bool]:
    """While inside, ALSA's ``pulse`` PCM opens on sink/source ``name``; yields False (changing
    nothing) when the configuration has no ``DEVICE`` argument to set.

    The caller holds the PortAudio lock (nothing else in the process reads ALSA's configuration).
    """
    lib = _library()
    if lib is None:
        yield False
        return
    top = ctypes.c_void_p()
    if lib.snd_config_update_ref(ctypes.byref(top)) < 0 or not top.value:
        yield False
        return
    try:
        node = ctypes.c_void_p()
        if (
            lib.snd_config_search(top, DEVICE_KEY, ctypes.byref(node)) < 0
            or lib.snd_config_get_type(node) != _SND_CONFIG_TYPE_STRING
        ):
            yield False
            return
        current = ctypes.c_char_p()
        if lib.snd_config_get_string(node, ctypes.byref(current)) < 0:
            yield False
            return
        before = current.value  # a copy: set_string frees the old value
        if lib.snd_config_set_string(node, name.encode()) < 0:
            yield False
            return
        try:
            yield True
        finally:
            lib.snd_config_set_string(node, before)
    finally:
        lib.snd_config_unref(top)


def own_streams(kind: Kind) -> set[int]:
    """Indices of this process's server streams: sink inputs (output) or source outputs."""
    what = "sink-inputs" if kind == "output" else "source-outputs"
    me = str(os.getpid())
    try:
        rows = json.loads(pulseaudio.pactl("--format=json", "list", what))
    except (AudioDeviceError, json.JSONDecodeError):
        return _own_streams_text(what, me)
    return {
        int(row["index"])
        for row in rows
        if str((row.get("properties") or {}).get("application.process.id")) == me
    }


def _own_streams_text(what: str, me: str) -> set[int]:
    """``pactl list`` without ``--format=json`` (PulseAudio < 16)."""
    found: set[int] = set()
    current: int | None = None
    for line in pulseaudio.pactl("list", what).splitlines():
        text = line.strip()
        if "#" in text and not line.startswith(("\t", " ")):
            tail = text.rsplit("#", 1)[1]
            current = int(tail) if tail.isdigit() else None
        elif current is not None and text == f'application.process.id = "{me}"':
            found.add(current)
    return found


def move_new_streams(kind: Kind, name: str, before: set[int]) -> int:
    """Move this process's streams that are not in ``before`` to ``name``; how many moved."""
    command = "move-sink-input" if kind == "output" else "move-source-output"
    new = sorted(own_streams(kind) - before)
    for index in new:
        pulseaudio.pactl(command, str(index), name)
    if new:
        log.info("moved %d %s stream(s) to %s (fallback routing)", len(new), kind, name)
    return len(new)
