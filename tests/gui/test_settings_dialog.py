"""The settings dialog offscreen: persistence of edits, keys in the keyring only, key test.

Key rows read and write the keyring off the Qt thread, after the dialog shows; the tests that
prove it use the real gnome-keyring test bed in this process (unlocked, locked). Every route
that saves a pasted key (Save, Enter, a successful Test, OK, "Save" when asked on Cancel) is
checked against that real keyring.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from dragoman.core.errors import AuthError, SecretStoreUnavailable
from dragoman.core.route import RouteResult
from dragoman.core.settings import Settings
from dragoman.store.autostart import Autostart
from dragoman.store.keys import SecretStore, SessionOnlyStore
from dragoman.store.secrets import KeyringStore
from dragoman.ui.key_row import KeyRow, UnsavedKeyQuestion, check_key, masked
from dragoman.ui.route_test import UNAVAILABLE
from dragoman.ui.settings_dialog import (
    CHECKING,
    PRICE_NOTE,
    SettingsDialog,
    SettingsServices,
    virtual_mic_output,
)
from tests.inprocess_keyring import (
    KEYRING_LEAKS_SOCKETS,
    KeyringCalls,
    keyring_in_this_process,
    lock_keyring,
)
from tests.qtloop import run_on_qt, until


class NoKeyring(SessionOnlyStore):
    """Behaves like keyring without a Secret Service: every call refuses."""

    def get(self, engine: str) -> str | None:
        raise SecretStoreUnavailable("No secure keyring is available on this system.")

    def set(self, engine: str, key: str) -> None:
        raise SecretStoreUnavailable("No secure keyring is available on this system.")

    def delete(self, engine: str) -> bool:
        raise SecretStoreUnavailable("No secure keyring is available on this system.")


@pytest.fixture
def keyring_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    with keyring_in_this_process(tmp_path, monkeypatch) as env:
        yield env


def services(tmp_path: Path, secrets: SecretStore | None = None) -> SettingsServices:
    tested: list[tuple[str, str]] = []

    async def test_key(engine: str, key: str) -> str:
        tested.append((engine, key))
        if "bad" in key:
            raise AuthError("Pinch did not accept the API key.")
        return "The key works: a session was allocated."

    outputs = [("Dragoman Microphone", "Dragoman Microphone"), ("Speakers", "Speakers")]
    result = SettingsServices(
        secrets=secrets if secrets is not None else SessionOnlyStore(),
        session_only=SessionOnlyStore(),
        engines={"pinch": "Pinch", "pulse": "Smallest Pulse"},
        list_inputs=lambda: [("USB Headset", "USB Headset"), ("Laptop mic", "Laptop mic")],
        list_outputs=lambda: list(outputs),
        test_key=test_key,
        autostart=Autostart(tmp_path / "autostart"),
    )
    result.tested = tested  # type: ignore[attr-defined]
    result.outputs = outputs  # type: ignore[attr-defined]  # the fake sound server's outputs
    return result


def test_edits_come_back_as_settings_and_autostart_is_written(qtbot: QtBot, tmp_path: Path) -> None:
    original = Settings(input_device="USB Headset", call_output="Dragoman Microphone")
    dialog = SettingsDialog(original, services(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.input.currentText() == "USB Headset"
    assert dialog.call_output.currentText() == "Dragoman Microphone"
    dialog.preroll.setValue(450)
    dialog.ptt_mode.setCurrentIndex(dialog.ptt_mode.findData("hybrid"))
    dialog.monitor_output.setCurrentIndex(dialog.monitor_output.findData(""))
    dialog.start_at_login.setChecked(True)
    dialog.call_volume.setValue(80)
    with qtbot.waitSignal(dialog.settings_accepted) as accepted:
        dialog.accept()
    settings: Settings = accepted.args[0]
    assert settings == replace(
        original,
        preroll_ms=450,
        ptt_mode="hybrid",
        monitor_output="",
        start_at_login=True,
        call_volume=0.8,
    )
    assert (tmp_path / "autostart" / "dragoman.desktop").exists()


def test_the_microphone_policy_shows_what_is_in_effect_and_what_each_choice_costs(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # The old opt-out (keep_mic_open=False) is in effect as "talking", whatever mic_policy says.
    original = Settings(keep_mic_open=False, mic_policy="always", mic_release_minutes=5)
    dialog = SettingsDialog(original, services(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.mic_policy.currentData() == "talking"
    assert not dialog.mic_minutes.isEnabled()
    assert "indicator is off" in dialog.mic_cost.text()
    assert "nothing from before the key" in dialog.mic_cost.text()
    dialog.mic_policy.setCurrentIndex(dialog.mic_policy.findData("always"))
    assert not dialog.mic_minutes.isEnabled()
    assert "300 ms before the key are kept" in dialog.mic_cost.text()
    assert "indicator stays on" in dialog.mic_cost.text()
    dialog.mic_policy.setCurrentIndex(dialog.mic_policy.findData("minutes"))
    assert dialog.mic_minutes.isEnabled()
    dialog.mic_minutes.setValue(15)
    dialog.preroll.setValue(450)
    assert "For 15 minutes after a hold" in dialog.mic_cost.text()
    assert "450 ms before the key" in dialog.mic_cost.text()
    with qtbot.waitSignal(dialog.settings_accepted) as accepted:
        dialog.accept()
    settings: Settings = accepted.args[0]
    assert (settings.mic_policy, settings.mic_release_minutes) == ("minutes", 15)
    assert settings.keep_mic_open  # the policy shown is the one saved; the opt-out is retired
    # Reopened, the dialog shows what was saved.
    again = SettingsDialog(settings, services(tmp_path))
    qtbot.addWidget(again)
    assert again.mic_policy.currentData() == "minutes" and again.mic_minutes.value() == 15


@pytest.mark.parametrize("value", ["auto", "on", "off"])
def test_the_barge_in_choice_round_trips_in_plain_words(
    qtbot: QtBot, tmp_path: Path, value: str
) -> None:
    dialog = SettingsDialog(Settings(echo_guard=value), services(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.echo_guard.currentData() == value
    assert "pause" in dialog.echo_guard.currentText().lower()
    tip = dialog.echo_guard.toolTip()
    assert "whole hold" in tip and "Replay translation" in tip
    labels = [dialog.echo_guard.itemText(i) for i in range(dialog.echo_guard.count())]
    assert not any("mute" in label.lower() for label in labels)
    other = next(v for v in ("auto", "on", "off") if v != value)
    dialog.echo_guard.setCurrentIndex(dialog.echo_guard.findData(other))
    assert dialog.edited().echo_guard == other


@pytest.mark.parametrize("value", ["system", "light", "dark"])
def test_the_theme_round_trips(qtbot: QtBot, tmp_path: Path, value: str) -> None:
    dialog = SettingsDialog(Settings(theme=value), services(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.theme.currentData() == value
    assert dialog.tabs.widget(dialog.PAGES.index("session")).isAncestorOf(dialog.theme)
    values = [dialog.theme.itemData(i) for i in range(dialog.theme.count())]
    assert values == ["system", "light", "dark"]
    other = next(v for v in values if v != value)
    dialog.theme.setCurrentIndex(dialog.theme.findData(other))
    with qtbot.waitSignal(dialog.settings_accepted) as accepted:
        dialog.accept()
    assert accepted.args[0] == replace(Settings(theme=value), theme=other)


def test_price_and_daily_cap_are_unset_by_default_and_round_trip(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = SettingsDialog(Settings(), services(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.price.text() == "Not set" and dialog.daily_cap.text() == "No cap"
    assert dialog.price_note.text() == PRICE_NOTE
    session_page = dialog.tabs.widget(dialog.PAGES.index("session"))
    assert session_page.isAncestorOf(dialog.price) and session_page.isAncestorOf(dialog.daily_cap)
    edited = dialog.edited()
    assert (edited.price_per_minute, edited.daily_cap_minutes) == (None, None)
    dialog.price.setValue(0.12)
    dialog.daily_cap.setValue(90)
    with qtbot.waitSignal(dialog.settings_accepted) as accepted:
        dialog.accept()
    saved: Settings = accepted.args[0]
    assert saved == replace(Settings(), price_per_minute=0.12, daily_cap_minutes=90)
    # Reopened, the dialog shows what was saved; set back to zero, they are unset again.
    again = SettingsDialog(saved, services(tmp_path))
    qtbot.addWidget(again)
    assert (again.price.value(), again.daily_cap.value()) == (0.12, 90)
    assert again.edited() == saved
    again.price.setValue(0)
    again.daily_cap.setValue(0)
    assert again.price.text() == "Not set" and again.daily_cap.text() == "No cap"
    assert (again.edited().price_per_minute, again.edited().daily_cap_minutes) == (None, None)


def test_the_route_test_is_on_the_audio_page_and_tests_the_call_output_shown(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    asked: list[str] = []

    async def test_route(call_output: str) -> RouteResult:
        asked.append(call_output)
        return RouteResult(True, "Route OK: the tone reached the call after 30 ms.", None, 30.0)

    wired = services(tmp_path)
    wired.test_route = test_route
    dialog = SettingsDialog(Settings(call_output="Speakers"), wired)
    qtbot.addWidget(dialog)
    audio = dialog.tabs.widget(dialog.PAGES.index("audio"))
    assert audio.isAncestorOf(dialog.route_test) and dialog.route_test.button.isEnabled()
    # The output chosen in the dialog now, saved or not.
    dialog.call_output.setCurrentIndex(dialog.call_output.findData("Dragoman Microphone"))

    async def body() -> None:
        dialog.route_test.button.click()
        await until(lambda: dialog.route_test.last is not None)

    run_on_qt(qapp, body())
    assert asked == ["Dragoman Microphone"]
    assert "Route OK" in dialog.route_test.status.text()


def test_without_a_route_test_the_button_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(), services(tmp_path))  # services.test_route is None
    qtbot.addWidget(dialog)
    assert not dialog.route_test.button.isEnabled()
    assert dialog.route_test.button.toolTip() == UNAVAILABLE


def test_closing_the_dialog_drops_a_route_test_under_way(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    started = asyncio.Event()
    never = asyncio.Event()

    async def test_route(call_output: str) -> RouteResult:
        started.set()
        await never.wait()
        raise AssertionError("cancelled before it could finish")

    wired = services(tmp_path)
    wired.test_route = test_route
    dialog = SettingsDialog(Settings(), wired)
    qtbot.addWidget(dialog)

    async def body() -> None:
        dialog.route_test.button.click()
        await started.wait()
        assert dialog.route_test.running
        dialog.reject()
        await asyncio.sleep(0)
        assert not dialog.route_test.running

    run_on_qt(qapp, body())
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_pinned_device_that_is_gone_stays_visible(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(input_device="Old Mic"), services(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.input.currentText() == "Old Mic (not connected)"
    assert dialog.edited().input_device == "Old Mic"


async def loaded(dialog: SettingsDialog) -> None:
    """Show the dialog and wait until every key row has heard from the keyring."""
    dialog.show()
    await until(lambda: all(CHECKING not in r.status.text() for r in dialog.key_rows.values()))


async def settled(row: object, text: str) -> None:
    await until(lambda: text in row.status.text())  # type: ignore[attr-defined]


def test_keys_go_to_the_keyring_only(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    secrets = SessionOnlyStore()
    told: list[str] = []
    wired = services(tmp_path, secrets)
    wired.on_key_changed = told.append  # the controller: the next hold uses the new key
    dialog = SettingsDialog(Settings(), wired)
    qtbot.addWidget(dialog)
    row = dialog.key_rows["pinch"]

    async def body() -> None:
        await loaded(dialog)
        row.edit.setText("  Bearer pk_live_123  ")
        row.save.click()
        await settled(row, "Saved")
        assert secrets.get("pinch") == "pk_live_123" and row.edit.text() == ""
        assert "OS keyring" in row.status.text()
        assert "pk_live_123" not in repr(dialog.edited())
        assert told == ["pinch"]
        row.clear.click()
        await settled(row, "No key stored")
        assert told == ["pinch", "pinch"]

    run_on_qt(qapp, body())
    assert secrets.get("pinch") is None


def test_without_a_keyring_keys_are_kept_for_the_session(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    svc = services(tmp_path, NoKeyring())
    dialog = SettingsDialog(Settings(), svc)
    qtbot.addWidget(dialog)
    row = dialog.key_rows["pinch"]

    async def body() -> None:
        await loaded(dialog)
        assert "No secure keyring" in row.status.text()
        assert "this session only" in row.status.text()
        row.edit.setText("pk_session")
        row.save.click()
        await settled(row, "for this session only")

    run_on_qt(qapp, body())
    assert svc.session_only.get("pinch") == "pk_session"


# -- the real keyring, never on the Qt thread ---------------------------------------------------


@KEYRING_LEAKS_SOCKETS
def test_the_dialog_opens_without_reading_the_keyring_then_loads_the_keys(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    keyring_here: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    KeyringStore().set("pinch", "pk_stored")
    calls = KeyringCalls(monkeypatch)
    dialog = SettingsDialog(Settings(), services(tmp_path, KeyringStore()))
    qtbot.addWidget(dialog)
    assert calls.calls == []  # a locked keyring's prompt cannot hold up the window
    rows = dialog.key_rows
    assert [CHECKING in row.status.text() for row in rows.values()] == [True, True]

    run_on_qt(qapp, loaded(dialog))
    assert rows["pinch"].status.text() == "A key is stored in the OS keyring."
    assert rows["pulse"].status.text() == "No key stored yet."
    assert len(calls.named("get")) == 2 and calls.on_main_thread() == []


@KEYRING_LEAKS_SOCKETS
def test_keys_are_saved_tested_and_removed_off_the_qt_thread(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    keyring_here: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring  # reads back what the keyring holds, without the spy

    calls = KeyringCalls(monkeypatch)
    svc = services(tmp_path, KeyringStore())
    dialog = SettingsDialog(Settings(), svc)
    qtbot.addWidget(dialog)
    row = dialog.key_rows["pinch"]

    async def body() -> None:
        await loaded(dialog)
        row.edit.setText("  Bearer pk_live_123  ")
        row.save.click()
        await settled(row, "Saved in the OS keyring.")
        assert keyring.get_password("dragoman", "pinch") == "pk_live_123"
        row.test.click()  # no text typed: tests the stored key
        await settled(row, "The key works")
        row.clear.click()
        await settled(row, "No key stored yet.")
        assert keyring.get_password("dragoman", "pinch") is None

    run_on_qt(qapp, body())
    assert svc.tested == [("pinch", "pk_live_123")]  # type: ignore[attr-defined]
    assert calls.named("set") and calls.named("delete")
    assert calls.on_main_thread() == []


@KEYRING_LEAKS_SOCKETS
def test_a_locked_keyring_is_shown_as_locked_and_a_session_key_still_works(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, keyring_here: dict[str, str]
) -> None:
    KeyringStore().set("pinch", "pk_stored")
    lock_keyring(keyring_here)
    svc = services(tmp_path, KeyringStore())
    dialog = SettingsDialog(Settings(), svc)
    qtbot.addWidget(dialog)
    row = dialog.key_rows["pinch"]

    async def body() -> None:
        await loaded(dialog)
        text = row.status.text()
        assert "keyring is locked or refused" in text and "unlock it" in text, text
        assert "No key stored" not in text
        row.edit.setText("pk_session")
        row.save.click()
        await settled(row, "for this session only")

    run_on_qt(qapp, body())
    assert svc.session_only.get("pinch") == "pk_session"


@pytest.mark.parametrize(
    ("key", "expected", "kept"),
    [
        ("sk_good_key_1234", "The key works", "sk_good_key_1234"),
        ("sk_bad_key_1234", "did not accept", None),
    ],
)
def test_the_test_button_reports_in_a_sentence_and_keeps_a_key_that_works(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, key: str, expected: str, kept: str | None
) -> None:
    svc = services(tmp_path)
    dialog = SettingsDialog(Settings(), svc)
    qtbot.addWidget(dialog)
    row = dialog.key_rows["pulse"]

    async def body() -> None:
        await loaded(dialog)
        row.edit.setText(key)
        row.test.click()
        await until(lambda: row.test.isEnabled() and not row.saving())
        await asyncio.sleep(0)

    run_on_qt(qapp, body())
    assert expected in row.status.text()
    assert svc.tested == [("pulse", key)]  # type: ignore[attr-defined]
    assert svc.secrets.get("pulse") == kept
    assert row.has_unsaved() == (kept is None)  # a refused key stays in the field to fix


def test_pages(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(), services(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show_page("audio")
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Audio"


# -- every confirming action saves a pasted key (the real keyring) ------------------------------


def keyring_dialog(
    qtbot: QtBot, tmp_path: Path, told: list[str] | None = None
) -> tuple[SettingsDialog, KeyRow]:
    wired = services(tmp_path, KeyringStore())
    if told is not None:
        wired.on_key_changed = told.append
    dialog = SettingsDialog(Settings(), wired)
    qtbot.addWidget(dialog)
    return dialog, dialog.key_rows["pinch"]


def stored(engine: str = "pinch") -> str | None:
    import keyring  # what the keyring holds, read as another program would

    return keyring.get_password("dragoman", engine)


@KEYRING_LEAKS_SOCKETS
def test_ok_saves_a_pasted_key_before_closing(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    keyring_here: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = KeyringCalls(monkeypatch)
    told: list[str] = []
    dialog, row = keyring_dialog(qtbot, tmp_path, told)
    accepted: list[Settings] = []
    dialog.settings_accepted.connect(accepted.append)

    async def body() -> None:
        await loaded(dialog)
        row.edit.setText("pk_live_ok_saves_0001")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        await until(lambda: bool(accepted))

    run_on_qt(qapp, body())
    assert stored() == "pk_live_ok_saves_0001"
    assert told == ["pinch"] and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert calls.named("set") and calls.on_main_thread() == []


@KEYRING_LEAKS_SOCKETS
def test_enter_in_the_key_field_saves(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, keyring_here: dict[str, str]
) -> None:
    dialog, row = keyring_dialog(qtbot, tmp_path)

    async def body() -> None:
        await loaded(dialog)
        row.edit.setText("pk_live_enter_0002")
        qtbot.keyClick(row.edit, Qt.Key.Key_Return)
        await until(lambda: stored() == "pk_live_enter_0002" and not row.saving())

    run_on_qt(qapp, body())
    assert row.edit.text() == "" and "Saved in the OS keyring." in row.status.text()


@KEYRING_LEAKS_SOCKETS
def test_a_successful_test_saves_the_pasted_key(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, keyring_here: dict[str, str]
) -> None:
    told: list[str] = []
    dialog, row = keyring_dialog(qtbot, tmp_path, told)

    async def body() -> None:
        await loaded(dialog)
        row.edit.setText("pk_live_tested_0003")
        row.test.click()
        await settled(row, "Saved in the OS keyring.")

    run_on_qt(qapp, body())
    assert row.status.text() == "The key works: a session was allocated. Saved in the OS keyring."
    assert stored() == "pk_live_tested_0003" and told == ["pinch"]


@KEYRING_LEAKS_SOCKETS
@pytest.mark.parametrize(
    ("answer", "kept", "closed"),
    [
        (QMessageBox.StandardButton.Save, "pk_live_asked_0004", True),
        (QMessageBox.StandardButton.Discard, None, True),
        (QMessageBox.StandardButton.Cancel, None, False),
    ],
)
def test_cancel_with_an_unsaved_key_asks_once(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    keyring_here: dict[str, str],
    answer: QMessageBox.StandardButton,
    kept: str | None,
    closed: bool,
) -> None:
    dialog, row = keyring_dialog(qtbot, tmp_path)

    async def body() -> None:
        await loaded(dialog)
        dialog.show_page("audio")
        row.edit.setText("pk_live_asked_0004")
        dialog.reject()
        dialog.reject()  # Escape again while the question is up: still one question
        questions = dialog.findChildren(UnsavedKeyQuestion)
        assert len(questions) == 1 and questions[0].isVisible()
        assert "Pinch API key" in questions[0].text()
        assert dialog.tabs.currentIndex() == dialog.PAGES.index("keys")
        questions[0].button(answer).click()
        await until(lambda: dialog.isVisible() != closed and not row.saving())

    run_on_qt(qapp, body())
    assert stored() == kept
    assert row.has_unsaved() == (not closed)


@KEYRING_LEAKS_SOCKETS
def test_a_stored_key_shows_masked_with_its_last_four_characters(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, keyring_here: dict[str, str]
) -> None:
    KeyringStore().set("pinch", "pk_live_abcdefgh9876")
    dialog, row = keyring_dialog(qtbot, tmp_path)

    run_on_qt(qapp, loaded(dialog))
    assert row.edit.text() == ""  # the key itself never enters the widget
    assert row.edit.placeholderText().startswith("••••••••9876")
    assert row.status.text() == "A key ending in 9876 is stored in the OS keyring."
    assert dialog.key_rows["pulse"].edit.placeholderText() == "Paste your Smallest Pulse API key"


@pytest.mark.parametrize(
    ("engine", "pasted", "why"),
    [
        ("pinch", "abc", "too short"),
        ("pinch", "pk live key 123", "contains spaces"),
        ("pinch", "https://portal.startpinch.com/dashboard/developers", "web address"),
        ("pinch", "PINCH_API_KEY=pk_live_12345678", "without the variable name"),
        ("pinch", "••••••••1234", "masked key"),
        ("pinch", "pk_live_“quoted”_1234", "characters keys never have"),
        ("pulse", "pk_live_12345678", "start with “sk_”"),
    ],
)
def test_a_key_is_checked_for_shape_before_anything_is_saved(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, engine: str, pasted: str, why: str
) -> None:
    svc = services(tmp_path)
    dialog = SettingsDialog(Settings(), svc)
    qtbot.addWidget(dialog)
    row = dialog.key_rows[engine]
    accepted: list[Settings] = []
    dialog.settings_accepted.connect(accepted.append)

    async def body() -> None:
        await loaded(dialog)
        row.edit.setText(pasted)
        row.save.click()
        assert why in row.status.text(), row.status.text()
        row.test.click()  # not tested with the service either
        dialog.accept()  # OK refuses to close over it, and shows the keys page
        await until(lambda: dialog.buttons.isEnabled())
        await asyncio.sleep(0)

    run_on_qt(qapp, body())
    assert svc.secrets.get(engine) is None and svc.tested == []  # type: ignore[attr-defined]
    assert why in row.status.text() and row.has_unsaved()
    assert accepted == [] and dialog.tabs.currentIndex() == dialog.PAGES.index("keys")


@pytest.mark.parametrize(
    ("pasted", "key"),
    [
        ("  Bearer pk_live_123456  ", "pk_live_123456"),
        ('"pk_live_123456"', "pk_live_123456"),
        ("'sk_live_123456'", "sk_live_123456"),
    ],
)
def test_pasted_decorations_are_removed(pasted: str, key: str) -> None:
    assert check_key("pulse" if key.startswith("sk_") else "pinch", pasted) == key


def test_masked_never_shows_a_short_key() -> None:
    assert masked("pk_live_abcdefgh9876") == "••••••••9876"
    assert masked("pk_short_1") == "••••••••"


# -- the virtual microphone ---------------------------------------------------------------------


def test_a_created_virtual_mic_is_listed_and_chosen_as_the_call_output_at_once(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    svc = services(tmp_path)
    outputs: list[tuple[str, str]] = svc.outputs  # type: ignore[attr-defined]
    outputs[:] = [("Speakers", "Speakers")]  # no virtual microphone yet

    async def create() -> str:
        await asyncio.sleep(0.01)  # pactl runs on the blocking pool meanwhile
        outputs.append(("Dragoman Microphone (Dragoman plays here) (virtual mic)", "dragoman_sink"))
        return "“Dragoman Microphone” is ready: choose it as the microphone in your call app."

    svc.create_virtual_mic = create
    dialog = SettingsDialog(Settings(call_output=""), svc)
    qtbot.addWidget(dialog)
    assert dialog.call_output.findData("dragoman_sink") < 0

    async def body() -> None:
        dialog.virtual_mic.click()
        await until(lambda: dialog.virtual_mic.isEnabled())

    run_on_qt(qapp, body())
    assert dialog.call_output.currentData() == "dragoman_sink"
    assert dialog.monitor_output.findData("dragoman_sink") >= 0  # every list was re-read
    assert "now the call output" in dialog.virtual_mic_status.text()
    assert dialog.edited().call_output == "dragoman_sink"


def test_the_virtual_mic_output_is_found_by_name_or_as_the_one_new_output() -> None:
    named = ("Dragoman Microphone (Dragoman plays here) (virtual mic)", "sink")
    assert virtual_mic_output([("A", "a"), named], {"a"}) == "sink"
    assert virtual_mic_output([("A", "a"), named], {"a", "sink"}) == "sink"  # it existed
    assert virtual_mic_output([("A", "a"), ("B", "b")], {"a"}) == "b"
    assert virtual_mic_output([("A", "a"), ("B", "b"), ("C", "c")], {"a"}) is None


def test_the_caption_overlay_size_and_background_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    original = Settings(overlay_font_pt=28, overlay_opacity=60)
    dialog = SettingsDialog(original, services(tmp_path))
    qtbot.addWidget(dialog)
    assert (dialog.overlay_font.value(), dialog.overlay_opacity.value()) == (28, 60)
    assert (dialog.overlay_font.minimum(), dialog.overlay_font.maximum()) == (10, 72)
    assert (dialog.overlay_opacity.minimum(), dialog.overlay_opacity.maximum()) == (20, 100)
    dialog.overlay_font.setValue(36)
    dialog.overlay_opacity.setValue(100)
    with qtbot.waitSignal(dialog.settings_accepted) as accepted:
        dialog.accept()
    assert accepted.args[0] == replace(original, overlay_font_pt=36, overlay_opacity=100)


def test_meeting_mode_and_its_return_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    original = Settings(meeting_mode=False, passthrough_return="after_translation")
    dialog = SettingsDialog(original, services(tmp_path))
    qtbot.addWidget(dialog)
    assert not dialog.meeting_mode.isChecked() and not dialog.passthrough_return.isEnabled()
    dialog.meeting_mode.setChecked(True)
    assert dialog.passthrough_return.isEnabled()
    dialog.passthrough_return.setCurrentIndex(dialog.passthrough_return.findData("at_once"))
    with qtbot.waitSignal(dialog.settings_accepted) as accepted:
        dialog.accept()
    assert accepted.args[0] == replace(original, meeting_mode=True, passthrough_return="at_once")
