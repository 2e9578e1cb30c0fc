"""A main window on fakes, for the reach tests (keyboard, screen readers, themes, sizes)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dragoman.controller import SessionController
from dragoman.core.engine import Engine
from dragoman.core.errors import AuthError
from dragoman.core.events import Transcript
from dragoman.core.pinch import CAPABILITIES as PINCH
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.ui.main_window import MainWindow
from tests.fakes import FakeCapture, FakePlayer


def no_key(_settings: Settings) -> Engine:
    raise AuthError("No Pinch API key: set one in Settings.")


def bare_main_window() -> MainWindow:
    """Built, not shown (also for a child process without pytest-qt)."""
    controller = SessionController(
        settings=Settings(recent_pairs=(("en", "fr"),)),
        engine_factory=no_key,
        capture=FakeCapture(),
        player=FakePlayer(),
    )
    return MainWindow(controller, load_languages(), {"pinch": PINCH}, tray_available=True)


def main_window(qtbot: QtBot, size: QSize | None = None) -> MainWindow:
    """Shown, active (so keys and shortcuts reach it), with a recent pair."""
    window = bare_main_window()
    qtbot.addWidget(window)
    if size is not None:
        window.resize(size)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def add_rows(window: MainWindow, count: int, *, translated: bool = True) -> None:
    c = window.controller
    for i in range(count):
        c.segment_changed.emit(c.builder.add(Transcript("source", f"line {i}", True, f"r{i}")))
        if translated:
            c.segment_changed.emit(
                c.builder.add(Transcript("translation", f"línea {i}", True, f"r{i}"))
            )


def focused(app: QApplication) -> QWidget | None:
    """The focused control as a person sees it: an editable combo box, not its line edit."""
    widget = app.focusWidget()
    while widget is not None:
        parent = widget.parentWidget()
        if parent is not None and parent.focusProxy() is widget:
            widget = parent
            continue
        return widget
    return None
