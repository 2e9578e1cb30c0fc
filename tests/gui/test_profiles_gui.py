"""Per-call profiles in the UI (issue 17), offscreen: Settings ▸ Profiles (save current as,
rename, delete, use, the hotkey), the tray's Profile menu, and the window's profile label."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dragoman.controller import SessionController
from dragoman.core import profiles
from dragoman.core.errors import AuthError
from dragoman.core.profiles import Profile
from dragoman.core.settings import Settings
from dragoman.ui.profiles import ProfileLabel, ProfileMenu, summary
from dragoman.ui.settings_dialog import SettingsDialog
from dragoman.ui.tray import Tray
from tests.gui.test_settings_dialog import services

BASE = Settings(
    source_language="en",
    target_language="de",
    call_output="Dragoman Microphone",
    call_volume=0.8,
    meeting_mode=True,
)
TWO = replace(
    profiles.saved_as(profiles.saved_as(BASE, "German call"), "Spanish"),
    profiles=(
        profiles.snapshot(BASE, "German call"),
        profiles.snapshot(replace(BASE, target_language="es", meeting_mode=False), "Spanish"),
    ),
    active_profile="German call",
)


def no_key(_settings: Settings) -> object:
    raise AuthError("no key")


def controller_with(settings: Settings) -> SessionController:
    return SessionController(settings=settings, engine_factory=no_key, capture=None, player=None)


def names(dialog: SettingsDialog) -> list[str]:
    page = dialog.profiles_page
    return [page.list.item(i).text() for i in range(page.list.count())]


def test_save_current_as_rename_delete_and_the_hotkey_come_back_on_ok(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = SettingsDialog(BASE, services(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show_page("profiles")
    page = dialog.profiles_page
    assert dialog.tabs.currentWidget() is page and page.list.count() == 0
    assert not page.save_button.isEnabled()  # no name yet
    # "Save current as" keeps what the other pages show now, edits included.
    dialog.call_volume.setValue(60)
    qtbot.keyClicks(page.name, "Team call")
    page.save_button.click()
    assert names(dialog) == ["Team call (in use)"]
    assert "English → German" in page.details.text() and "60 %" in page.details.text()
    # A second one, then rename it; a clashing name is refused with a sentence.
    dialog.meeting_mode.setChecked(False)
    page.name.setText("Solo")
    page.save_button.click()
    assert names(dialog) == ["Team call", "Solo (in use)"]
    page.name.setText("team CALL")
    page.rename_button.click()
    assert "already a profile called 'Team call'" in page.status.text()
    page.name.setText("Interview")
    page.rename_button.click()
    assert names(dialog) == ["Team call", "Interview (in use)"]
    page.list.setCurrentRow(0)
    page.delete_button.click()
    assert names(dialog) == ["Interview (in use)"]
    page.hotkey.set_chord("Ctrl+Alt+P")
    with qtbot.waitSignal(dialog.settings_accepted) as accepted:
        dialog.accept()
    settings: Settings = accepted.args[0]
    (interview,) = settings.profiles
    assert interview.name == "Interview" and not interview.meeting_mode
    assert interview.call_volume == 0.6 and interview.target_language == "de"
    assert settings.active_profile == "Interview" and settings.profile_hotkey == "Ctrl+Alt+P"
    # Reopened, the page shows what was saved.
    again = SettingsDialog(settings, services(tmp_path))
    qtbot.addWidget(again)
    assert names(again) == ["Interview (in use)"] and again.profiles_page.hotkey.chord()


def test_use_loads_a_profile_into_the_other_pages(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(TWO, services(tmp_path))
    qtbot.addWidget(dialog)
    page = dialog.profiles_page
    assert names(dialog) == ["German call (in use)", "Spanish"]
    assert dialog.meeting_mode.isChecked()
    page.list.setCurrentRow(1)
    page.use_button.click()
    assert not dialog.meeting_mode.isChecked()  # the Audio page shows the profile's values
    assert names(dialog) == ["German call", "Spanish (in use)"]
    with qtbot.waitSignal(dialog.settings_accepted) as accepted:
        dialog.accept()
    settings: Settings = accepted.args[0]
    assert (settings.target_language, settings.meeting_mode) == ("es", False)
    assert settings.active_profile == "Spanish" and settings.profiles == TWO.profiles


def test_the_tray_menu_checks_the_active_profile_and_switches(qtbot: QtBot) -> None:
    controller = controller_with(TWO)
    tray = Tray(controller)
    menu = tray.profile_menu
    assert menu.menuAction() in tray.menu.actions()
    # It sits right after the recent pairs.
    actions = tray.menu.actions()
    assert actions.index(menu.menuAction()) == actions.index(tray.recent_menu.menuAction()) + 1
    checked = {a.text(): a.isChecked() for a in menu.actions()}
    assert checked == {"German call": True, "Spanish": False}
    next(a for a in menu.actions() if a.text() == "Spanish").trigger()
    assert controller.settings.active_profile == "Spanish"
    assert controller.settings.target_language == "es" and not controller.settings.meeting_mode
    checked = {a.text(): a.isChecked() for a in menu.actions()}
    assert checked == {"German call": False, "Spanish": True}


def test_without_profiles_the_menu_says_where_to_make_one(qtbot: QtBot) -> None:
    menu = ProfileMenu(controller_with(BASE))
    (only,) = menu.actions()
    assert not only.isEnabled() and "Settings" in only.text()


def test_during_a_hold_the_choice_is_shown_as_pending(qtbot: QtBot) -> None:
    controller = controller_with(TWO)
    label = ProfileLabel(controller)
    menu = ProfileMenu(controller)
    assert label.text() == "Profile: German call" and not label.isHidden()
    controller.report_playing(True)  # a translation still playing: the hold is not over
    menu.choose("Spanish")
    assert controller.settings.target_language == "de"
    assert label.text() == "Profile: Spanish (from the next hold)"
    assert "Spanish (from the next hold)" in [a.text() for a in menu.actions()]
    controller.report_playing(False)  # over: it applies
    assert controller.settings.active_profile == "Spanish"
    assert label.text() == "Profile: Spanish"
    # A change by hand since is said; no profile hides the label.
    controller.apply_settings(replace(controller.settings, voice="female"))
    assert label.text() == "Profile: Spanish (changed)"
    controller.apply_settings(replace(controller.settings, active_profile=""))
    assert label.isHidden()
    QApplication.processEvents()


def test_the_description_names_the_devices(qtbot: QtBot) -> None:
    profile = Profile("Call", call_output="sink-7", monitor_output="default", call_volume=0.5)
    text = summary(profile, {"sink-7": "Dragoman Microphone"})
    assert "call: Dragoman Microphone at 50 %" in text and "monitor: system default" in text
    assert "call off" in summary(Profile("Alone", call_output=""))
    assert "call: sink-7" in summary(profile)  # an unknown device: its stored name


def test_the_profile_hotkey_is_warned_of_when_another_hotkey_has_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = SettingsDialog(replace(BASE, hotkey="F9"), services(tmp_path))
    qtbot.addWidget(dialog)
    recorder = dialog.profiles_page.hotkey
    recorder.set_chord("F9")
    dialog.on_hotkeys_chord_changed()
    assert any("also the talk hotkey" in w for w in recorder.warnings())
    assert any("also the next profile hotkey" in w for w in dialog.hotkey.warnings())
    recorder.set_chord("Ctrl+Alt+P")
    dialog.on_hotkeys_chord_changed()
    assert not any("also" in w for w in recorder.warnings())
