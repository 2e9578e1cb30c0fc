"""Geometry per screen configuration (issue 11): the main and the compact window are kept for each
set of screens (names and sizes), a new set starts from the last saved place, and whatever comes
back is pulled wholly onto a screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from dragoman.resources import load_languages
from dragoman.store.settings import SettingsStore
from dragoman.ui.compact import CompactWindow
from dragoman.ui.floating import FloatingWindows
from dragoman.ui.placement import configuration_key, screen_configuration
from tests.gui.test_compact_overlay import make_controller

# Qt raises a stay-on-top window when it is shown; the offscreen platform says it cannot.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

DOCKED = configuration_key([("DP-1", 2560, 1440), ("eDP-1", 1920, 1200)])
LAPTOP = configuration_key([("eDP-1", 1920, 1200)])


def test_a_configuration_is_its_screens_names_and_sizes_in_any_order() -> None:
    assert DOCKED == configuration_key([("eDP-1", 1920, 1200), ("DP-1", 2560, 1440)])
    assert DOCKED != LAPTOP
    assert configuration_key([("eDP-1", 1280, 800)]) != LAPTOP  # another size (or scale)
    odd = configuration_key([("HDMI/1 \\ left", 800, 600)])
    assert "/" not in odd and "\\" not in odd and " " not in odd
    assert configuration_key([]) == "none"


def test_the_screens_attached_now_make_the_key() -> None:
    screen = QGuiApplication.primaryScreen()
    size = screen.geometry().size()
    expected = configuration_key([(screen.name(), size.width(), size.height())])
    assert screen_configuration() == expected == screen_configuration(QGuiApplication.screens())


def test_the_store_keeps_each_windows_geometry_per_configuration(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "dragoman.conf")
    assert store.window_geometry(DOCKED) == b""
    store.save_window_geometry(b"docked", DOCKED)
    store.save_window_geometry(b"laptop", LAPTOP)
    store.save_window_geometry(b"compact docked", DOCKED, window="compact")
    again = SettingsStore(tmp_path / "dragoman.conf")  # read back from the file
    assert again.window_geometry(DOCKED) == b"docked"
    assert again.window_geometry(LAPTOP) == b"laptop"
    assert again.window_geometry(DOCKED, window="compact") == b"compact docked"
    # A configuration never seen: the last saved place (then pulled onto the screen).
    assert again.window_geometry("projector_1024x768") == b"laptop"
    assert again.window_geometry(LAPTOP, window="compact") == b"compact docked"
    assert again.window_geometry() == b"laptop"


def compact(qtbot: QtBot) -> CompactWindow:
    window = CompactWindow(make_controller(), load_languages())
    qtbot.addWidget(window)
    return window


def test_the_compact_window_comes_back_where_it_was(qtbot: QtBot) -> None:
    available = QGuiApplication.primaryScreen().availableGeometry()
    first = compact(qtbot)
    first.show()
    qtbot.waitExposed(first)
    place = QPoint(available.left() + 40, available.top() + 30)
    first.move(place)
    qtbot.waitUntil(lambda: first.pos() == place)
    saved = bytes(first.saveGeometry().data())

    again = compact(qtbot)
    assert again.restore_geometry(saved)
    again.show()
    qtbot.waitExposed(again)
    assert again.pos() == place  # not the default top-right corner


def test_the_compact_window_is_never_restored_off_screen(qtbot: QtBot) -> None:
    available = QGuiApplication.primaryScreen().availableGeometry()
    first = compact(qtbot)
    first.move(available.right() + 3000, available.bottom() + 2000)
    saved = bytes(first.saveGeometry().data())
    again = compact(qtbot)
    assert again.restore_geometry(saved)
    again.show()
    qtbot.waitExposed(again)
    qtbot.waitUntil(lambda: available.contains(again.frameGeometry()))
    small = QRect(available.left(), available.top(), 500, 400)  # a smaller screen
    third = compact(qtbot)
    assert third.restore_geometry(saved, small)
    assert small.contains(third.frameGeometry())


def test_without_a_saved_place_the_compact_window_takes_the_top_right_corner(
    qtbot: QtBot,
) -> None:
    window = compact(qtbot)
    assert not window.restore_geometry(b"")
    assert not window.restore_geometry(b"not a geometry")
    window.show()
    qtbot.waitExposed(window)
    available = window.screen().availableGeometry()
    assert window.x() == available.right() - window.width() - 24


def test_floating_windows_restore_and_report_the_compact_place(qtbot: QtBot) -> None:
    available = QGuiApplication.primaryScreen().availableGeometry()
    source = compact(qtbot)
    source.show()
    qtbot.waitExposed(source)
    place = QPoint(available.left() + 10, available.top() + 60)
    source.move(place)
    qtbot.waitUntil(lambda: source.pos() == place)
    saved = bytes(source.saveGeometry().data())

    floating = FloatingWindows(make_controller(), load_languages())
    floating.restore_compact_geometry(saved)
    assert floating.compact_geometry() is None  # not built: what was saved before holds
    floating.set_compact_shown(True)
    built = floating.compact
    assert built is not None
    qtbot.addWidget(built)
    qtbot.waitExposed(built)
    assert built.pos() == place
    kept = floating.compact_geometry()
    assert kept is not None
    third = compact(qtbot)
    assert third.restore_geometry(kept)
    third.show()
    qtbot.waitExposed(third)
    assert third.pos() == place
    floating.close()
