"""Banners: errors and notices above the transcript, each with its next step. Never modal."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dragoman.core.banners import Action, Banner, Level

_STYLE = {
    Level.INFO: "background: palette(alternate-base); border: 1px solid palette(mid);",
    Level.WARNING: "background: #fff4ce; color: #3d2f00; border: 1px solid #e0c060;",
    Level.ERROR: "background: #fde7e9; color: #5c0a12; border: 1px solid #e8a0a8;",
}


class BannerWidget(QFrame):
    action_triggered = Signal(object)  # the Banner whose button was pressed
    closed = Signal(str)  # the key of the dismissed banner

    def __init__(self, banner: Banner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = banner
        self.shown_at = datetime.now(UTC)  # support asks when it happened ("Copy details")
        self.setObjectName(f"banner_{banner.key}")
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ {_STYLE[banner.level]} border-radius: 4px; }}"
        )
        self.label = QLabel(banner.text, self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        self.button: QPushButton | None = None
        if banner.action is not Action.NONE:
            self.button = QPushButton(banner.action_label, self)
            self.button.clicked.connect(lambda: self.action_triggered.emit(self.banner))
            layout.addWidget(self.button)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(lambda: self.closed.emit(self.banner.key))
        layout.addWidget(close)


class BannerArea(QWidget):
    """A stack of banners, at most one per key; a new banner replaces the old one in place."""

    action_triggered = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._widgets: dict[str, BannerWidget] = {}

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

    def clear(self, key: str) -> None:
        widget = self._widgets.pop(key, None)
        if widget is not None:
            self._layout.removeWidget(widget)
            widget.deleteLater()

    def banners(self) -> list[Banner]:
        return [w.banner for w in self._widgets.values()]

    def shown_at(self, key: str) -> datetime | None:
        """When the banner now shown under ``key`` was raised (UTC)."""
        widget = self._widgets.get(key)
        return None if widget is None else widget.shown_at
