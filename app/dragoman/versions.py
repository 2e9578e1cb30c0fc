"""The versions a bug report needs: Dragoman's and those of the libraries it runs on.

``dragoman --version`` prints them and the About dialog shows them. Each library is imported
only when asked, so ``--version`` stays quick and works when one of them is broken: importing
sounddevice loads and initialises PortAudio, and a missing or unloadable library is reported in
its row ("not found: ...") instead of ending the command with a traceback.
"""

from __future__ import annotations

import platform
import sys

from dragoman import __version__

Rows = list[tuple[str, str]]  # (component, version)


def component_versions() -> Rows:
    """Dragoman, Python, Qt, PySide6 and PortAudio, in that order, plus the platform."""
    return [
        ("Dragoman", __version__),
        ("Python", f"{platform.python_version()} ({sys.executable})"),
        ("Qt", _qt()),
        ("PySide6", _pyside()),
        ("PortAudio", _portaudio()),
        ("Platform", platform.platform()),
    ]


def version_text(rows: Rows | None = None) -> str:
    """``dragoman X.Y.Z`` on the first line (what scripts read), then one line per component."""
    rows = component_versions() if rows is None else rows
    width = max(len(name) for name, _ in rows[1:])
    lines = [f"dragoman {rows[0][1]}"]
    lines += [f"{name + ':':<{width + 1}} {value}" for name, value in rows[1:]]
    return "\n".join(lines)


def _unavailable(error: BaseException) -> str:
    return f"not found ({type(error).__name__}: {error})"


def _qt() -> str:
    try:
        from PySide6.QtCore import qVersion
    except ImportError as error:
        return _unavailable(error)
    return str(qVersion())


def _pyside() -> str:
    try:
        import PySide6
    except ImportError as error:
        return _unavailable(error)
    return str(PySide6.__version__)


def _portaudio() -> str:
    try:
        import sounddevice
    except (ImportError, OSError) as error:  # OSError: the PortAudio library is missing
        return _unavailable(error)
    number, text = sounddevice.get_portaudio_version()
    major, minor, patch = (number >> 16) & 0xFF, (number >> 8) & 0xFF, number & 0xFF
    return f"{major}.{minor}.{patch} ({text})"
