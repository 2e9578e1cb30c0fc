"""Settings → Push-to-talk: the keys that show or hide the compact window and the caption overlay
(issue 11) are recorded, warned of when another hotkey has them, and saved."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from dragoman.core.settings import Settings
from dragoman.hotkeys.events import ACTIONS, TOGGLE_COMPACT, TOGGLE_OVERLAY
from dragoman.hotkeys.portal import _DESCRIPTIONS
from dragoman.main import action_hotkeys
from dragoman.ui.settings_dialog import SettingsDialog
from tests.gui.test_settings_dialog import services


def test_compact_and_overlay_hotkeys_round_trip_with_clash_warnings(
    qtbot: QtBot, tmp_path: Path
) -> None:
    original = Settings(hotkey="F9", say_again_hotkey="F11")
    dialog = SettingsDialog(original, services(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.compact_hotkey.chord() == "" and dialog.overlay_hotkey.chord() == ""
    dialog.compact_hotkey.set_chord("F9")  # the talk key's
    dialog.overlay_hotkey.set_chord("F11")  # the say-again key's
    dialog.on_hotkeys_chord_changed()
    assert any("talk hotkey" in w for w in dialog.compact_hotkey.warnings())
    assert any("say it again hotkey" in w for w in dialog.overlay_hotkey.warnings())
    assert any("caption overlay hotkey" in w for w in dialog.say_again_hotkey.warnings())
    dialog.compact_hotkey.set_chord("Ctrl+Alt+M")
    dialog.overlay_hotkey.set_chord("Ctrl+Alt+O")
    dialog.on_hotkeys_chord_changed()
    assert dialog.compact_hotkey.warnings() == [] and dialog.overlay_hotkey.warnings() == []
    with qtbot.waitSignal(dialog.settings_accepted) as accepted:
        dialog.accept()
    saved = accepted.args[0]
    assert saved == replace(original, compact_hotkey="Ctrl+Alt+M", overlay_hotkey="Ctrl+Alt+O")
    again = SettingsDialog(saved, services(tmp_path))
    qtbot.addWidget(again)
    assert again.compact_hotkey.chord() == "Ctrl+Alt+M"
    assert again.overlay_hotkey.chord() == "Ctrl+Alt+O"


def test_the_keys_are_one_shot_actions_named_for_the_portal() -> None:
    assert {TOGGLE_COMPACT, TOGGLE_OVERLAY} <= set(ACTIONS)
    assert set(ACTIONS) <= set(_DESCRIPTIONS)  # the desktop's shortcut dialog names each one
    assert action_hotkeys(Settings()) == {}  # none by default
    keys = action_hotkeys(Settings(compact_hotkey="F6", overlay_hotkey="Shift+F6"))
    assert keys == {TOGGLE_COMPACT: "F6", TOGGLE_OVERLAY: "Shift+F6"}
