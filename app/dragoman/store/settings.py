"""Settings persisted through one QSettings adapter (an INI file in the user's config folder).

A file that cannot be parsed, or holds values we cannot use, is copied aside and replaced by
defaults; ``load`` then returns a notice for the user saying what happened and where the copy is.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from dragoman.core.settings import Settings, from_strings, to_strings

GROUP = "dragoman"


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
        store = self._qsettings()
        if store.status() != QSettings.Status.NoError:
            backup = self._set_aside()
            return Loaded(
                Settings(),
                f"Your settings file could not be read, so Dragoman started with default "
                f"settings. The damaged file was kept as {backup}.",
            )
        store.beginGroup(GROUP)
        raw = {key: str(store.value(key)) for key in store.childKeys()}
        store.endGroup()
        result = from_strings(raw)
        if not result.problems:
            return Loaded(result.settings)
        backup = self._set_aside(copy=True)
        shown = ", ".join(result.problems[:3]) + (" …" if len(result.problems) > 3 else "")
        return Loaded(
            result.settings,
            f"Some settings could not be used and were reset to their defaults ({shown}). "
            f"The previous file was kept as {backup}.",
        )

    def save(self, settings: Settings) -> None:
        store = self._qsettings()
        store.beginGroup(GROUP)
        for key, value in to_strings(settings).items():
            store.setValue(key, value)
        store.endGroup()
        store.sync()

    def _set_aside(self, *, copy: bool = False) -> Path:
        backup = self.path.with_name(f"{self.path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        if copy:
            shutil.copy2(self.path, backup)
        else:
            self.path.replace(backup)
        return backup
