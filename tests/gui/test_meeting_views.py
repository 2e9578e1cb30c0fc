"""Meeting mode in the views (issue 17): the state (passing through / translating / muted) in the
main window, the tray, the compact window and the caption overlay, live; "Mute all" from the tray
and the compact window; "Say it again" on a transcript row, and its mark; the two hotkeys in
Settings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon
from pytestqt.qtbot import QtBot

from dragoman.controller import SessionController
from dragoman.core.engine import Engine
from dragoman.core.errors import AuthError
from dragoman.core.events import Transcript
from dragoman.core.pinch import CAPABILITIES as PINCH
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.ui.compact import CompactWindow
from dragoman.ui.main_window import MainWindow
from dragoman.ui.overlay import CaptionOverlay
from dragoman.ui.settings_dialog import SettingsDialog
from dragoman.ui.transcript import TRANSLATION, SaidAgainRole
from dragoman.ui.tray import Tray
from tests.fakes import FakeCapture, FakePlayer
from tests.gui.test_settings_dialog import services

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def no_key(_settings: Settings) -> Engine:
    raise AuthError("No Pinch API key: set one in Settings.")


def make_controller(**settings: object) -> SessionController:
    return SessionController(
        settings=replace(Settings(), **settings),  # type: ignore[arg-type]  # test keywords
        engine_factory=no_key,
        capture=FakeCapture(),
        player=FakePlayer(),
    )


def make_window(qtbot: QtBot, controller: SessionController) -> MainWindow:
    window = MainWindow(controller, load_languages(), {"pinch": PINCH}, tray_available=True)
    qtbot.addWidget(window)
    window.show()
    return window


def say(c: SessionController, role: str, text: str, cid: str) -> None:
    event = Transcript(role, text, True, cid)  # type: ignore[arg-type]  # role is a Literal
    c.segment_changed.emit(c.builder.add(event))


def test_the_main_window_shows_the_meeting_state_live(qtbot: QtBot) -> None:
    c = make_controller()
    window = make_window(qtbot, c)
    assert window.meeting_label.isHidden()  # meeting mode off: nothing to say
    c.apply_settings(Settings(meeting_mode=True))
    assert window.meeting_label.isVisible() and window.meeting_label.text() == "Passing through"
    c.report_playing(True)
    assert window.meeting_label.text() == "Translating"
    assert "hears the translation" in window.meeting_label.toolTip()
    c.report_playing(False)
    c.set_muted_all(True)
    assert window.meeting_label.text() == "Muted"
    assert "hears nothing" in window.meeting_label.accessibleDescription()
    c.set_muted_all(False)
    c.apply_settings(Settings(meeting_mode=False))
    assert window.meeting_label.isHidden()


def test_the_tray_says_the_state_and_mutes_all(qtbot: QtBot) -> None:
    c = make_controller(meeting_mode=True)
    tray = Tray(c)
    c.set_muted_all(False)  # the first state change (the tray follows signals only)
    c.report_playing(True)
    assert tray.tooltip.endswith("Call: Translating")
    c.report_playing(False)
    assert tray.tooltip.endswith("Call: Passing through")
    assert tray.mute_all_action in tray.menu.actions() and not tray.mute_all_action.isChecked()
    tray.mute_all_toggled.connect(c.set_muted_all)
    tray.mute_all_action.trigger()
    assert c.muted_all and tray.mute_all_action.isChecked()
    assert tray.tooltip.endswith("Call: Muted")
    c.set_muted_all(False)  # from elsewhere (a hotkey): the check follows
    assert not tray.mute_all_action.isChecked()
    with qtbot.waitSignal(tray.say_again_requested):
        tray.say_again_action.trigger()


def test_the_compact_window_shows_the_state_and_its_button_mutes_all(qtbot: QtBot) -> None:
    c = make_controller(meeting_mode=True)
    window = CompactWindow(c, load_languages())
    qtbot.addWidget(window)
    window.show()
    c.report_playing(True)
    c.report_playing(False)
    button = window.meeting
    assert button.isVisible() and button.text() == "Passing through"
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus  # the call keeps the keyboard
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert c.muted_all and button.text() == "Muted" and button.isChecked()
    assert "unmute" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not c.muted_all and button.text() == "Passing through"
    c.apply_settings(Settings(meeting_mode=False))
    assert button.isHidden()


def test_the_overlay_badge_says_the_state_and_muted_shows_even_without_captions(
    qtbot: QtBot,
) -> None:
    c = make_controller(meeting_mode=True)
    overlay = CaptionOverlay(c)
    qtbot.addWidget(overlay)
    overlay.show()
    c.report_playing(True)
    assert overlay.meeting_text == "Translating"
    c.report_playing(False)
    assert overlay.meeting_text == "Passing through"
    blank = overlay.grab().toImage()
    assert blank.pixelColor(overlay.width() - 12, 10).alpha() == 0  # no captions: nothing drawn
    c.set_muted_all(True)
    assert overlay.meeting_text == "Muted"
    image = overlay.grab().toImage()
    pill = image.pixelColor(overlay.width() - 8, 6 + overlay.fontMetrics().height() // 2)
    assert pill.alpha() > 200 and pill.red() > 150 and pill.green() < 80, pill.name()
    say(c, "source", "Hello", "c1")
    image = overlay.grab().toImage()
    assert image.pixelColor(overlay.width() - 8, 6 + overlay.fontMetrics().height() // 2) != (
        QColor(16, 16, 16)
    )


def test_say_it_again_on_a_row_asks_for_that_row_and_marks_it(qtbot: QtBot) -> None:
    c = make_controller(meeting_mode=True, call_output="pulse:dragoman_mic_sink")
    window = make_window(qtbot, c)
    say(c, "source", "Good morning", "c1")
    say(c, "translation", "Buenos días", "c1")
    say(c, "source", "Let us begin", "c2")
    say(c, "translation", "Empecemos", "c2")
    asked: list[tuple[str, int]] = []
    window.transcript.say_again_requested.connect(lambda key, seq: asked.append((key, seq)))
    window.transcript.table.selectRow(0)
    window.transcript.say_again_action.trigger()
    assert asked == [("c1", 1)]
    window.transcript.table.clearSelection()  # no row chosen: the last translation
    window.transcript.table.setCurrentIndex(QModelIndex())
    window.transcript.say_again_action.trigger()
    assert asked[-1] == ("", -1)
    assert window.transcript.say_again_action in window.menuBar().actions()[1].menu().actions()
    model = window.transcript_model
    index = model.index(0, TRANSLATION)
    assert not model.data(index, SaidAgainRole) and model.said_again_count == 0
    c.said_again.emit("c1", 1_700_000_000.0)  # the controller played it into the call
    assert model.data(index, SaidAgainRole) == 1
    assert isinstance(model.data(index, Qt.ItemDataRole.DecorationRole), QIcon)
    assert "Said again at" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "Buenos días"  # text unchanged
    c.said_again.emit("c1", 1_700_000_060.0)
    assert model.data(index, SaidAgainRole) == 2 and model.said_again_count == 2
    assert not model.data(model.index(1, TRANSLATION), SaidAgainRole)
    # Nothing kept for the row here: the refusal is said in the status bar.
    window.on_transcript_say_again_requested("c2", 2)
    assert "Nothing to say again" in window.statusBar().currentMessage()
    refused: list[str] = []
    c.say_again_refused.connect(refused.append)
    window.on_transcript_say_again_requested("", -1)  # the last translation: none kept here
    assert refused == ["nothing"]
    assert model.data(QModelIndex(), SaidAgainRole) is None


def test_say_again_and_mute_all_hotkeys_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    original = Settings(hotkey="F9", reverse_hotkey="F10")
    dialog = SettingsDialog(original, services(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.say_again_hotkey.chord() == "" and dialog.mute_all_hotkey.chord() == ""
    dialog.say_again_hotkey.set_chord("F11")
    dialog.mute_all_hotkey.set_chord("F10")  # the reverse key's: warned about
    dialog.on_hotkeys_chord_changed()
    assert any("reverse-direction hotkey" in w for w in dialog.mute_all_hotkey.warnings())
    dialog.mute_all_hotkey.set_chord("Ctrl+F12")
    dialog.on_hotkeys_chord_changed()
    assert dialog.mute_all_hotkey.warnings() == []
    with qtbot.waitSignal(dialog.settings_accepted) as accepted:
        dialog.accept()
    assert accepted.args[0] == replace(original, say_again_hotkey="F11", mute_all_hotkey="Ctrl+F12")
    again = SettingsDialog(accepted.args[0], services(tmp_path))
    qtbot.addWidget(again)
    assert again.say_again_hotkey.chord() == "F11"
    assert again.mute_all_hotkey.chord() == "Ctrl+F12"
