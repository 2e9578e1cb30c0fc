"""Banners: errors and notices above the transcript, each with its next step. Never modal.

Their colours come from :func:`dragoman.ui.theme.roles` for the palette in use (light or dark),
so the text and the close button stay readable (WCAG AA) whatever the desktop theme.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QAccessibleInterface,
    QFont,
    QGuiApplication,
    QPalette,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dragoman.core.banners import Action, Banner, Level
from dragoman.ui import theme
from dragoman.ui.i18n import translated


def _level_name(level: Level) -> str:
    """What a screen reader says before the banner's text."""
    if level is Level.ERROR:
        return QCoreApplication.translate("BannerWidget", "Error")
    if level is Level.WARNING:
        return QCoreApplication.translate("BannerWidget", "Warning")
    return QCoreApplication.translate("BannerWidget", "Notice")


def _accessible_banner(key: str, obj: QObject) -> QAccessibleInterface | None:
    """Banners are alerts to assistive technology (a plain frame would be a "border")."""
    if key == "BannerWidget" and isinstance(obj, QWidget):
        return QAccessibleWidget(obj, QAccessible.Role.AlertMessage)
    return None


_factory_installed = False


def _install_accessibility() -> None:
    global _factory_installed
    if not _factory_installed:
        QAccessible.installFactory(_accessible_banner)
        _factory_installed = True


def banner_swatch(level: Level, palette: QPalette) -> theme.Swatch:
    roles = theme.roles(palette)
    if level is Level.ERROR:
        return roles.banner_error
    if level is Level.WARNING:
        return roles.banner_warning
    return roles.banner_info


class BannerWidget(QFrame):
    action_triggered = Signal(object)  # the Banner whose button was pressed
    closed = Signal(str)  # the key of the dismissed banner
    _painting = True  # until __init__ is done, palette changes repaint nothing

    def __init__(self, banner: Banner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = banner
        self.shown_at = datetime.now(UTC)  # support asks when it happened ("Copy details")
        self.setObjectName(f"banner_{banner.key}")
        text = translated(banner.text)  # a core message in the UI's language
        action_label = translated(banner.action_label)
        self.label = QLabel(text, self)
        self.label.setObjectName("banner_text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        level = _level_name(banner.level)
        self.setAccessibleName(self.tr("%1: %2").replace("%1", level).replace("%2", text))
        self.setAccessibleDescription(text)
        self.button: QPushButton | None = None
        if banner.action is not Action.NONE:
            self.button = QPushButton(action_label, self)
            self.button.setObjectName("banner_action")
            self.button.setAccessibleName(action_label)
            self.button.setAccessibleDescription(self.tr("Next step for: %1").replace("%1", text))
            self.button.clicked.connect(lambda: self.action_triggered.emit(self.banner))
            layout.addWidget(self.button)
        close = QToolButton(self)
        self.close_button = close
        close.setObjectName("banner_close")
        close.setText("✕")
        font = QFont(close.font())
        font.setBold(True)
        close.setFont(font)
        close.setToolTip(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss %1").replace("%1", level.lower()))
        close.setAccessibleDescription(text)
        close.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        close.setAutoRaise(True)
        close.clicked.connect(lambda: self.closed.emit(self.banner.key))
        layout.addWidget(close)
        self._painting = False
        self._paint_level()

    def swatch(self) -> theme.Swatch:
        # The application's palette: the frame's own holds its style sheet's background, and
        # a parent's may not have the new palette yet while a theme switch propagates.
        return banner_swatch(self.banner.level, QGuiApplication.palette())

    def _paint_level(self) -> None:
        """Background, border, text and the close glyph in the level's colours for the
        palette in use (again whenever the palette changes: a theme switch)."""
        if self._painting:
            return
        self._painting = True
        try:
            swatch = self.swatch()
            border = swatch.border.name() if swatch.border is not None else "palette(mid)"
            self.setStyleSheet(
                f"QFrame#{self.objectName()} {{ background: {swatch.background.name()}; "
                f"border: 1px solid {border}; border-radius: 4px; }}"
            )
            for widget in (self.label, self.close_button):
                palette = QPalette(widget.palette())
                for role in (
                    QPalette.ColorRole.WindowText,
                    QPalette.ColorRole.Text,
                    QPalette.ColorRole.ButtonText,
                ):
                    palette.setColor(role, swatch.foreground)
                widget.setPalette(palette)
        finally:
            self._painting = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if not self._painting and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        ):
            # Once the new palette has reached every widget (the parent may not have it yet).
            QTimer.singleShot(0, self, self._paint_level)


class BannerArea(QWidget):
    """A stack of banners, at most one per key; a new banner replaces the old one in place."""

    action_triggered = Signal(object)
    changed = Signal()  # a banner came or went (the window re-threads its Tab order)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._widgets: dict[str, BannerWidget] = {}
        _install_accessibility()

    def show_banner(self, banner: Banner) -> None:
        old = self._widgets.get(banner.key)
        if old is not None and old.banner == banner:
            return
        widget = BannerWidget(banner, self)
        widget.action_triggered.connect(self.action_triggered)
        widget.closed.connect(self.clear)
        if old is not None:
            self._layout.replaceWidget(old, widget)
            old.deleteLater()
        else:
            self._layout.addWidget(widget)
        self._widgets[banner.key] = widget
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))
        self.changed.emit()

    def clear(self, key: str) -> None:
        widget = self._widgets.pop(key, None)
        if widget is not None:
            self._layout.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
            self.changed.emit()

    def widgets(self) -> list[BannerWidget]:
        return list(self._widgets.values())

    def banners(self) -> list[Banner]:
        return [w.banner for w in self._widgets.values()]

    def shown_at(self, key: str) -> datetime | None:
        """When the banner now shown under ``key`` was raised (UTC)."""
        widget = self._widgets.get(key)
        return None if widget is None else widget.shown_at
