"""Settings persisted through one QSettings adapter (an INI file in the user's config folder).

A file that cannot be parsed, or holds values we cannot use, is copied aside and replaced by
defaults; ``load`` then returns a notice for the user saying what happened and where the copy is.

QSettings reads almost anything without complaint (random bytes become keys of a group named
after them), so the file is first checked to be what QSettings writes: UTF-8 text of ``[group]``
headers and ``key=value`` lines, of a sane size.  Anything else is damage, set aside with the
notice the README promises.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from dragoman.core.settings import Settings, from_strings, to_strings

GROUP = "dragoman"
MAX_FILE_BYTES = 1024 * 1024  # our settings take a few KB; a bigger file is not ours


def default_settings_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base) / "Dragoman" / "dragoman.conf"


@dataclass(frozen=True, slots=True)
class Loaded:
    settings: Settings
    notice: str | None = None  # set when the file was damaged and defaults were used


class SettingsStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_settings_path()

    def __repr__(self) -> str:
        return f"SettingsStore({str(self.path)!r})"

    def _qsettings(self) -> QSettings:
        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def load(self) -> Loaded:
        damage = self._damage()
        store = self._qsettings() if damage is None else None
        if store is None or store.status() != QSettings.Status.NoError:
            kept = self._set_aside()
            return Loaded(
                Settings(),
                f"Your settings file could not be read, so Dragoman started with default "
                f"settings. {kept}",
            )
        store.beginGroup(GROUP)
        raw = {key: _text(store.value(key)) for key in store.childKeys()}
        store.endGroup()
        result = from_strings(raw)
        if not result.problems:
            return Loaded(result.settings)
        kept = self._set_aside(copy=True)
        with contextlib.suppress(OSError):  # the defaults replace the refused values for good
            self.save(result.settings)
        shown = ", ".join(result.problems[:3]) + (" …" if len(result.problems) > 3 else "")
        return Loaded(
            result.settings,
            f"Some settings could not be used and were reset to their defaults ({shown}). "
            f"{kept.replace('damaged file', 'previous file')}",
        )

    def _damage(self) -> str | None:
        """Why the file is not a settings file QSettings wrote (None: it looks like one, or
        there is none yet)."""
        try:
            if not self.path.exists():
                return None
            if self.path.stat().st_size > MAX_FILE_BYTES:
                return "too large"
            data = self.path.read_bytes()
        except OSError as exc:
            return exc.strerror or "unreadable"
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            return "not UTF-8 text"
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith((";", "#")):
                continue
            if "\x00" in line or not ((line.startswith("[") and line.endswith("]")) or "=" in line):
                return "not an INI file"
        return None

    def save(self, settings: Settings) -> None:
        store = self._qsettings()
        store.beginGroup(GROUP)
        for key, value in to_strings(settings).items():
            store.setValue(key, value)
        store.endGroup()
        store.sync()

    def window_geometry(self, screens: str = "", window: str = "window") -> bytes:
        """A window's saved geometry (Qt's own format; ``window`` is "window" for the main
        window, "compact" for the compact one) on the screen configuration ``screens`` (the key
        of ui.placement.screen_configuration), else the last saved on any, else b""."""
        store = self._qsettings()
        keys = [f"{window}/screens/{screens}"] if screens else []
        for key in [*keys, f"{window}/geometry"]:
            value = store.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                return bytes(value.data())
        return b""

    def save_window_geometry(self, data: bytes, screens: str = "", window: str = "window") -> None:
        """Kept for ``screens`` and as the last saved (what a new configuration starts from)."""
        store = self._qsettings()
        store.setValue(f"{window}/geometry", QByteArray(data))
        if screens:
            store.setValue(f"{window}/screens/{screens}", QByteArray(data))
        store.sync()

    def _set_aside(self, *, copy: bool = False) -> str:
        """Keep the file as ``NAME.bad-<date>``; the sentence saying where (or why not)."""
        backup = self.path.with_name(f"{self.path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            if copy:
                shutil.copy2(self.path, backup)
            else:
                self.path.replace(backup)
        except OSError as exc:
            return (
                f"The damaged file could not be kept aside ({exc.strerror or 'unknown error'}); "
                f"it is still {self.path}."
            )
        return f"The damaged file was kept as {backup}."


def _text(value: object) -> str:
    """A stored value as text: QSettings reads an unquoted ``a, b`` as a list."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
