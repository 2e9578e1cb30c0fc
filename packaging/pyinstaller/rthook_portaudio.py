"""Runtime hook: make sounddevice load the PortAudio library bundled next to the executable."""

import ctypes.util
import os
import sys
from pathlib import Path

_bundle = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
_candidates = sorted(_bundle.rglob("libportaudio*")) + sorted(_bundle.rglob("portaudio*.dll"))
if _candidates:
    _original = ctypes.util.find_library

    def _find_library(name: str) -> str | None:
        if "portaudio" in name:
            return os.fspath(_candidates[0])
        return _original(name)

    ctypes.util.find_library = _find_library
