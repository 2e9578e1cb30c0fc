"""Dragoman → Compact window / Caption overlay / Move captions… in the main window: shortcuts,
check marks that follow the settings, and the toggles reaching the floating windows."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from dragoman.ui.floating import FloatingWindows
from tests.gui.windows import main_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def test_the_menu_toggles_the_floating_windows(qtbot: QtBot) -> None:
    window = main_window(qtbot)
    c = window.controller
    assert window.compact_action.shortcut() == QKeySequence("Ctrl+Shift+M")
    assert window.overlay_action.shortcut() == QKeySequence("Ctrl+Shift+O")
    floating = FloatingWindows(c, window.languages)
    window.compact_toggled.connect(floating.set_compact_shown)
    window.overlay_toggled.connect(floating.set_overlay_shown)
    window.overlay_move_requested.connect(floating.move_overlay)
    window.compact_action.trigger()
    assert c.settings.compact_window and floating.compact_shown
    window.overlay_move_action.trigger()
    assert c.settings.caption_overlay and window.overlay_action.isChecked()
    assert floating.overlay is not None and floating.overlay.moving
    c.apply_settings(replace(c.settings, compact_window=False, caption_overlay=False))
    assert not window.compact_action.isChecked() and not window.overlay_action.isChecked()
    assert not floating.compact_shown and not floating.overlay.isVisible()
    floating.close()
