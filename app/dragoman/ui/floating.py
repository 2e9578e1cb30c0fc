"""The compact window and the caption overlay, built on first use and shown as the settings say.

Whether each is shown is a setting (``compact_window``, ``caption_overlay``), so the tray's and
the main window's check marks, and the next start, follow one source of truth: a toggle changes
the setting through the controller, and :meth:`FloatingWindows.show_settings` (on every
``settings_changed``) builds, shows or hides the windows to match.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from dragoman.controller import SessionController
from dragoman.core.languages import Language
from dragoman.core.settings import Settings
from dragoman.ui.compact import CompactWindow
from dragoman.ui.overlay import CaptionOverlay


class FloatingWindows(QObject):
    main_window_requested = Signal()  # the compact window's "open the main window" button
    overlay_move_mode_changed = Signal(bool)
    # The compact window (and its level meter) was shown or hidden: the meter runs only while
    # someone looks (the composition root's update_metering).
    compact_visibility_changed = Signal(bool)

    def __init__(
        self,
        controller: SessionController,
        languages: list[Language],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.languages = languages
        self.compact: CompactWindow | None = None
        self.overlay: CaptionOverlay | None = None
        self._talk: tuple[Callable[[], None], Callable[[], None]] | None = None
        self._compact_geometry = b""  # where the compact window was (restored when built)
        controller.settings_changed.connect(self.show_settings)

    def route_talk_button(self, press: Callable[[], None], release: Callable[[], None]) -> None:
        """The compact window's talk button goes through push-to-talk (now or once built)."""
        self._talk = (press, release)
        if self.compact is not None:
            self.compact.route_talk_button(press, release)

    def restore_compact_geometry(self, data: bytes) -> None:
        """Where the compact window goes when it is built (Qt's saveGeometry; b"": its default
        place)."""
        self._compact_geometry = data
        if self.compact is not None:
            self.compact.restore_geometry(data)

    def compact_geometry(self) -> bytes | None:
        """Where the compact window is, to keep; None when it was not built in this run (what
        was saved before still holds)."""
        if self.compact is None:
            return None
        return bytes(self.compact.saveGeometry().data())

    @property
    def compact_shown(self) -> bool:
        return self.compact is not None and self.compact.isVisible()

    @property
    def overlay_shown(self) -> bool:
        return self.overlay is not None and self.overlay.isVisible()

    def show_settings(self, settings: Settings) -> None:
        was = self.compact_shown
        if settings.compact_window:
            self.ensure_compact().show()
        elif self.compact is not None:
            self.compact.hide()
        if self.compact_shown != was:
            self.compact_visibility_changed.emit(self.compact_shown)
        if settings.caption_overlay:
            self.ensure_overlay().show()
        elif self.overlay is not None:
            self.overlay.cancel_move()
            self.overlay.hide()

    def ensure_compact(self) -> CompactWindow:
        if self.compact is None:
            self.compact = CompactWindow(self.controller, self.languages)
            self.compact.restore_geometry(self._compact_geometry)
            if self._talk is not None:
                self.compact.route_talk_button(*self._talk)
            self.compact.main_window_requested.connect(self.main_window_requested)
            self.compact.closed.connect(lambda: self.set_compact_shown(False))
        return self.compact

    def ensure_overlay(self) -> CaptionOverlay:
        if self.overlay is None:
            self.overlay = CaptionOverlay(self.controller)
            self.overlay.move_mode_changed.connect(self.overlay_move_mode_changed)
        return self.overlay

    def set_compact_shown(self, shown: bool) -> None:
        settings = self.controller.settings
        self.controller.apply_settings(replace(settings, compact_window=shown))

    def set_overlay_shown(self, shown: bool) -> None:
        settings = self.controller.settings
        self.controller.apply_settings(replace(settings, caption_overlay=shown))

    def move_overlay(self) -> None:
        """The tray's "Move captions…": show the strip if need be, then let it take the mouse."""
        if not self.controller.settings.caption_overlay:
            self.set_overlay_shown(True)
        self.ensure_overlay().start_move()

    def close(self) -> None:
        """At quit: the windows go (they have no parent)."""
        if self.compact is not None:
            self.compact.closed.disconnect()  # quitting is not the person closing it
        for window in (self.compact, self.overlay):
            if window is not None:
                window.hide()
                window.deleteLater()
        self.compact = self.overlay = None
