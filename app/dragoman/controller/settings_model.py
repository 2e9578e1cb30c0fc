"""One source of truth for the settings: a model that says (old, new) to everyone who cares.

The controller, the audio owner, the hotkeys, the window and the store each subscribe to
:attr:`SettingsModel.changed` and apply what concerns them, so a change made anywhere (the window,
the Settings dialog, a banner's "Switch to text only", the tray) reaches all of them by one route,
and nobody has to remember to call the others.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from dragoman.core.settings import Settings

log = logging.getLogger(__name__)


class SettingsModel(QObject):
    changed = Signal(object, object)  # old Settings, new Settings

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._value = settings

    def __repr__(self) -> str:
        return f"SettingsModel({self._value!r})"

    @property
    def value(self) -> Settings:
        return self._value

    def update(self, settings: Settings) -> None:
        """Replace the settings; subscribers hear (old, new) once, and only if they differ."""
        old = self._value
        if settings == old:
            return
        self._value = settings
        changed = [f for f in Settings.__slots__ if getattr(old, f) != getattr(settings, f)]
        log.info("settings changed: %s", ", ".join(changed))
        self.changed.emit(old, settings)
