"""Dialogs are deleted when closed: none accumulates, and a closed wizard hears nothing more."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from dragoman.core.settings import Settings
from dragoman.main import DesktopApp
from dragoman.ui.first_run import FirstRunWizard
from dragoman.ui.settings_dialog import SettingsDialog
from tests.gui.test_first_run import controller
from tests.gui.test_settings_dialog import services


def flush_deletions() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_closed_dialogs_are_deleted_and_forgotten(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    desktop = DesktopApp(qapp, hidden=True)
    wired = services(tmp_path)
    dialogs = []
    for _ in range(5):
        dialog = SettingsDialog(Settings(), wired)
        desktop.keep_dialog(dialog)
        dialog.reject()  # as closing it does (not shown: no keyring read is started)
        dialogs.append(dialog)
    flush_deletions()
    assert not any(isValid(d) for d in dialogs)
    assert desktop._dialogs == set()


def test_a_closed_wizard_no_longer_receives_level_updates(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    desktop = DesktopApp(qapp, hidden=True)
    c = controller()
    wizard = FirstRunWizard(c, services(tmp_path), hotkey="F9", backend_note="")
    desktop.keep_dialog(wizard)
    c.level_changed.emit(-20.0, -10.0)
    wizard.reject()
    flush_deletions()
    assert not isValid(wizard)
    c.level_changed.emit(-20.0, -10.0)  # would raise on a deleted receiver if still connected
    assert desktop._dialogs == set()
