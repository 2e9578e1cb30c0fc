"""The settings dialog offscreen: persistence of edits, keys in the keyring only, key test.

Key rows read and write the keyring off the Qt thread, after the dialog shows; the tests that
prove it use the real gnome-keyring test bed in this process (unlocked, locked).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dragoman.core.errors import AuthError, SecretStoreUnavailable
from dragoman.core.settings import Settings
from dragoman.store.autostart import Autostart
from dragoman.store.keys import SecretStore, SessionOnlyStore
from dragoman.store.secrets import KeyringStore
from dragoman.ui.settings_dialog import CHECKING, SettingsDialog, SettingsServices
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
        if key == "bad":
            raise AuthError("Pinch did not accept the API key.")
        return "The key works: a session was allocated."

    result = SettingsServices(
        secrets=secrets if secrets is not None else SessionOnlyStore(),
        session_only=SessionOnlyStore(),
        engines={"pinch": "Pinch", "pulse": "Smallest Pulse"},
        list_inputs=lambda: [("USB Headset", "USB Headset"), ("Laptop mic", "Laptop mic")],
        list_outputs=lambda: [
            ("Dragoman Microphone", "Dragoman Microphone"),
            ("Speakers", "Speakers"),
        ],
        test_key=test_key,
        autostart=Autostart(tmp_path / "autostart"),
    )
    result.tested = tested  # type: ignore[attr-defined]
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
    ("key", "expected"), [("good", "The key works"), ("bad", "did not accept")]
)
def test_the_test_button_reports_in_a_sentence(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, key: str, expected: str
) -> None:
    svc = services(tmp_path)
    dialog = SettingsDialog(Settings(), svc)
    qtbot.addWidget(dialog)
    row = dialog.key_rows["pulse"]

    async def body() -> None:
        row.edit.setText(key)
        row.test.click()
        await until(lambda: row.test.isEnabled())
        await asyncio.sleep(0)

    run_on_qt(qapp, body())
    assert expected in row.status.text()
    assert svc.tested == [("pulse", key)]  # type: ignore[attr-defined]


def test_pages(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(), services(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show_page("audio")
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Audio"
