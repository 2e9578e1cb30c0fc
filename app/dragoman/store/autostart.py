"""Start at login: an XDG autostart entry on Linux (desktop environments read it at login)."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

ENTRY_NAME = "dragoman.desktop"


def autostart_dir(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(base) / "autostart"


def command_line() -> list[str]:
    """How this installation starts: the ``dragoman`` script, else ``python -m dragoman``."""
    argv0 = Path(sys.argv[0])
    if argv0.name == "dragoman" and argv0.exists():
        return [str(argv0.resolve()), "--hidden"]
    return [sys.executable, "-m", "dragoman", "--hidden"]


def entry_text(command: list[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Dragoman\n"
        "Comment=Push-to-talk speech translator\n"
        f"Exec={shlex.join(command)}\n"
        "Icon=dragoman\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


class Autostart:
    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or autostart_dir()) / ENTRY_NAME

    def __repr__(self) -> str:
        return f"Autostart({str(self.path)!r})"

    def enabled(self) -> bool:
        return self.path.exists()

    def set_enabled(self, enabled: bool, command: list[str] | None = None) -> None:
        if enabled:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(entry_text(command or command_line()), encoding="utf-8")
        else:
            self.path.unlink(missing_ok=True)
