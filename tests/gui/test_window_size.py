"""Small and large screens: the window fits beside a call window at 480x360 and stays usable
(compact options, at least five transcript rows, every control inside and unsqueezed); it opens
and is restored within the available screen geometry, whatever the scale factor."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QProgressBar,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dragoman.core.banners import Banner, Level
from dragoman.ui.main_window import COMPACT_BELOW, MINIMUM_SIZE, MainWindow
from dragoman.ui.placement import clamp_to_screen
from tests.gui.windows import add_rows, main_window

ROOT = Path(__file__).resolve().parents[2]
CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QCheckBox, QTableView, QProgressBar)


def visible_rows(window: MainWindow) -> int:
    table = window.transcript.table
    viewport = table.viewport().rect()
    model = table.model()
    return sum(
        viewport.contains(table.visualRect(model.index(row, 0))) for row in range(model.rowCount())
    )


def controls(window: MainWindow) -> list[QWidget]:
    """Every control a person can see (menus and the tooltips' popups aside)."""
    found = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, CONTROLS) and w.isVisibleTo(window) and w.window() is window
    ]
    return [w for w in found if not w.objectName().startswith("qt_")]


def assert_all_fit(window: MainWindow) -> None:
    area = window.rect()
    seen = controls(window)
    assert {window.ptt, window.source, window.engine, window.transcript.table} <= set(seen)
    for widget in seen:
        if widget.parentWidget() is not None and isinstance(
            widget.parentWidget(), QComboBox | QTableView | QLineEdit
        ):
            continue  # parts of a control (a combo box's field, a table's scroll bar)
        top_left = widget.mapTo(window, widget.rect().topLeft())
        placed = QRect(top_left, widget.size())
        name = widget.objectName() or type(widget).__name__
        assert area.contains(placed), (name, placed, area)
        hint = widget.minimumSizeHint()
        if isinstance(widget, QAbstractButton | QComboBox):
            assert widget.width() >= hint.width() - 1, (name, widget.width(), hint.width())
        assert widget.height() >= min(hint.height(), 20), (name, widget.height(), hint)


def test_the_minimum_size_fits_beside_a_call_window(qtbot: QtBot) -> None:
    window = main_window(qtbot)
    assert window.minimumWidth() <= 480 and window.minimumHeight() <= 360
    assert MINIMUM_SIZE.width() <= 480 and MINIMUM_SIZE.height() <= 360


def test_at_480_by_360_the_layout_is_compact_and_usable(qtbot: QtBot) -> None:
    window = main_window(qtbot, QSize(480, 360))
    add_rows(window, 40, translated=True)
    qtbot.waitUntil(lambda: window.size() == QSize(480, 360) and window.compact)
    qtbot.waitUntil(lambda: visible_rows(window) >= 5)
    assert not any(label.isVisible() for label in window.option_labels.values())
    assert not window.context.isVisible() and window.more.isVisible()
    assert_all_fit(window)
    # The options behind "More" come into view and still fit.
    window.more.click()
    qtbot.waitUntil(window.context.isVisible)
    assert window.two_way.isVisible()
    assert_all_fit(window)
    window.more.click()
    qtbot.waitUntil(lambda: not window.context.isVisible())


def test_a_banner_at_480_by_400_leaves_five_rows(qtbot: QtBot) -> None:
    window = main_window(qtbot, QSize(480, 400))
    add_rows(window, 40)
    window.banners.show_banner(Banner("w", Level.WARNING, "The microphone is busy."))
    qtbot.waitUntil(lambda: visible_rows(window) >= 5)
    assert_all_fit(window)


def test_the_wide_layout_fits_where_it_starts(qtbot: QtBot) -> None:
    window = main_window(qtbot, COMPACT_BELOW)
    qtbot.waitUntil(lambda: window.size() == COMPACT_BELOW)
    assert not window.compact
    assert all(label.isVisible() for label in window.option_labels.values())
    assert window.context.isVisible() and not window.more.isVisible()
    assert_all_fit(window)
    window.resize(COMPACT_BELOW.width() - 1, COMPACT_BELOW.height())
    qtbot.waitUntil(lambda: window.compact)
    window.resize(COMPACT_BELOW)
    qtbot.waitUntil(lambda: not window.compact)
    assert window.context.isVisible()


@pytest.mark.parametrize(
    ("rect", "available", "expected"),
    [
        (QRect(10, 10, 300, 200), QRect(0, 0, 800, 600), QRect(10, 10, 300, 200)),
        (QRect(0, 0, 1800, 1240), QRect(0, 0, 960, 510), QRect(0, 0, 960, 510)),
        (QRect(700, 500, 300, 200), QRect(0, 0, 800, 600), QRect(500, 400, 300, 200)),
        (QRect(-400, -50, 300, 200), QRect(0, 0, 800, 600), QRect(0, 0, 300, 200)),
        (QRect(0, 0, 900, 620), QRect(1920, 30, 1280, 994), QRect(1920, 30, 900, 620)),
        (QRect(3000, 900, 900, 620), QRect(1920, 30, 1280, 994), QRect(2300, 404, 900, 620)),
    ],
)
def test_clamp_to_screen(rect: QRect, available: QRect, expected: QRect) -> None:
    assert clamp_to_screen(rect, available) == expected
    assert available.contains(clamp_to_screen(rect, available))


def test_the_first_show_fits_the_screen(qtbot: QtBot) -> None:
    window = main_window(qtbot)  # 900x620 asked; the offscreen screen is smaller
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry())


def test_fitting_to_a_small_available_area(qtbot: QtBot) -> None:
    window = main_window(qtbot)
    small = QRect(0, 24, 640, 420)  # a 1280x888 screen with a panel, at scale 2
    window.move(300, 300)
    window.fit_to_screen(small)
    qtbot.waitUntil(lambda: small.contains(window.frameGeometry()))
    assert window.size().width() >= MINIMUM_SIZE.width()


def test_restored_geometry_is_never_off_screen(qtbot: QtBot) -> None:
    window = main_window(qtbot)
    available = window.screen().availableGeometry()
    window.move(available.right() + 2000, available.bottom() + 1500)
    saved = window.saved_geometry()
    again = main_window(qtbot)
    assert again.restore_geometry(saved)
    qtbot.waitUntil(lambda: available.contains(again.frameGeometry()))
    assert not again.restore_geometry(QByteArray())
    assert not again.restore_geometry(b"not a geometry")


def test_at_scale_2_on_a_1920_by_1080_screen_the_window_is_on_screen(tmp_path: Path) -> None:
    """A real scale factor needs a fresh process: Qt reads QT_SCALE_FACTOR at start-up."""
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {"screens": [{"name": "fhd", "x": 0, "y": 0, "width": 1920, "height": 1080, "dpr": 1}]}
        ),
        encoding="utf-8",
    )
    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from tests.gui.windows import bare_main_window\n"
        "w = bare_main_window()\n"
        "w.show(); app.processEvents()\n"
        "a = w.screen().availableGeometry(); f = w.frameGeometry()\n"
        "print(a.contains(f), a.width(), a.height(), f.width(), f.height())\n"
    )
    env = {
        **os.environ,
        "QT_SCALE_FACTOR": "2",
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "app"), str(ROOT)]),
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    inside, width, height, frame_width, frame_height = done.stdout.split()
    assert (width, height) == ("960", "540")  # logical pixels at scale 2
    assert inside == "True", (frame_width, frame_height)
