"""Where windows go: always wholly on a screen, and back where they were on this set of screens.

A window's geometry is saved per screen configuration (:func:`screen_configuration`: each
screen's name and size), so a laptop that is docked and undocked finds its windows where they
were on each desk; a configuration never seen before takes the last saved geometry, pulled onto
the screen (:func:`fit_to_screen`) whatever the scale factor or the screen it was saved on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QStyle, QWidget


def clamp_to_screen(rect: QRect, available: QRect) -> QRect:
    """``rect`` moved (and shrunk if need be) to lie within ``available``: no part of the window
    off screen, whatever the scale factor or the screen it was saved on."""
    width = min(rect.width(), available.width())
    height = min(rect.height(), available.height())
    x = max(available.left(), min(rect.x(), available.left() + available.width() - width))
    y = max(available.top(), min(rect.y(), available.top() + available.height() - height))
    return QRect(x, y, width, height)


def configuration_key(screens: Iterable[tuple[str, int, int]]) -> str:
    """One settings key for a set of screens given as (name, width, height): the same for the
    same screens in any order, and only letters, digits, ``_``, ``.`` and ``-`` (QSettings
    treats ``/`` and ``\\`` as group separators)."""
    parts = sorted(f"{name}_{width}x{height}" for name, width, height in screens)
    return re.sub(r"[^A-Za-z0-9_.-]", "_", "__".join(parts)) or "none"


def screen_configuration(screens: Iterable[QScreen] | None = None) -> str:
    """The key of the screens now attached (names and sizes in Qt's pixels, so a change of scale
    factor is another configuration too)."""
    if screens is None:
        screens = QGuiApplication.screens()
    return configuration_key(
        (screen.name(), screen.geometry().width(), screen.geometry().height()) for screen in screens
    )


def fit_to_screen(window: QWidget, available: QRect | None = None) -> None:
    """Keep the whole ``window``, frame included, within ``available`` (by default the available
    geometry of the screen under its centre, or its own screen)."""
    if available is None:
        screen = QGuiApplication.screenAt(window.frameGeometry().center()) or window.screen()
        available = screen.availableGeometry()
    frame = window.frameGeometry()
    extra = frame.size() - window.geometry().size()
    if extra.isNull() and not window.windowFlags() & Qt.WindowType.FramelessWindowHint:
        # Not mapped yet, so the frame is unknown: leave room for a title bar.
        title = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
        extra = QSize(0, title)
        frame = QRect(frame.topLeft(), frame.size() + extra)
    fitted = clamp_to_screen(frame, available)
    size = QSize(
        max(window.minimumWidth(), fitted.width() - extra.width()),
        max(window.minimumHeight(), fitted.height() - extra.height()),
    )
    if size != window.size():
        window.resize(size)
    if fitted.topLeft() != frame.topLeft():
        window.move(fitted.topLeft())


def restore_on_screen(
    window: QWidget, data: QByteArray | bytes, available: QRect | None = None
) -> bool:
    """Put ``window`` back where ``data`` (Qt's saveGeometry) says, then onto a screen. False
    (and the window untouched) when there is nothing usable to restore."""
    if not data or not window.restoreGeometry(QByteArray(data)):
        return False
    fit_to_screen(window, available)
    return True
